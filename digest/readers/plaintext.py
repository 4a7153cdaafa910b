"""Scraped plain-text pages: every visible line of a news page, one block a line.

Two layouts are common. A cleaned-up page starts with the headline, then a
standfirst, maybe an image caption, the date, the body (with subheads), then
the page's clutter. A raw scrape starts with the page's ``<title>`` ("Headline
- Site"), then the site's navigation, and only then the headline, byline and
body. :mod:`digest.readers.clutter` finds the headline and the body in both;
this module turns what it finds into an :class:`Article`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..model import Article
from .base import MAX_TEXT_CHARS, SHORT_BODY_WORDS, BaseReader
from .clutter import TITLE_SEPARATOR, find_layout, is_clutter, weight
from .dates import RELATIVE, DateMention, copyright_year, find_dates, is_dateline, numeric_order
from .language import guess_language
from .source import canonical_name, source_from_lines, split_title

#: How many lines around the headline may hold the article's own date.
_DATE_REACH = 8
#: How many lines above the body, when no headline was found.
_DATE_REACH_NO_HEADLINE = 14
#: Lines with more words than this are prose (captions, body): their dates come last.
_PROSE_WORDS = 14


class PlainTextReader(BaseReader):
    file_extensions = (".txt",)
    max_text_chars = MAX_TEXT_CHARS

    def parse(self, text: str, path: Path) -> list[Article]:
        lines = [" ".join(line.split()) for line in text.splitlines()]
        lines = [line for line in lines if line]
        layout = find_layout(lines)
        warnings: list[str] = []

        headline, site = split_title(lines[0])
        if layout.headline:
            headline = lines[layout.headline]
        elif layout.headline is None and site is None:
            headline = lines[0]

        body_lines = [lines[i] for i in range(layout.body_start, layout.body_end) if i not in layout.dropped]
        standfirst = _standfirst(lines, layout.headline, layout.body_start)
        language = guess_language("\n".join(body_lines) or text)
        date, date_warnings = _article_date(lines, layout.headline, layout.body_start, layout.body_end, language)
        warnings.extend(date_warnings)
        body = "\n\n".join(body_lines)
        if not body_lines:
            warnings.append("no body text found")
        elif len(body.split()) < SHORT_BODY_WORDS and weight(body) < 6 * SHORT_BODY_WORDS:
            warnings.append("very short body")
        leftover = sum(1 for line in body_lines if is_clutter(line))
        if leftover:
            warnings.append(f"suspected clutter left ({leftover} line{'s' * (leftover != 1)})")
        return [Article(
            path=str(path),
            title=headline,
            body=body,
            date=date,
            source=canonical_name(site or source_from_lines(lines)),
            standfirst=standfirst,
            language=language,
            warnings=tuple(warnings),
        )]


def _standfirst(lines: list[str], headline: int | None, body_start: int) -> str | None:
    """The summary line between the headline and the body, when there is one."""
    if headline is None:
        return None
    for line in lines[headline + 1: body_start]:
        if is_dateline(line) or is_clutter(line) or TITLE_SEPARATOR.search(line) and weight(line) < 60:
            continue
        if line.endswith((".", "!", "?")) and not line.endswith("]") and 40 <= weight(line) <= 400:
            return line
    return None


def _article_date(
    lines: list[str], headline: int | None, body_start: int, body_end: int, language: str | None,
) -> tuple[dt.date | None, list[str]]:
    """The article's own date, and warnings about it.

    Looked for in the header between headline and body, then in the lines just
    above the headline (nearest first), then in the first body lines. Dates on
    short, date-like lines or labelled ones ("Published", "By ... |") win over
    dates inside prose (captions, sentences); a "published"/"posted" date wins
    over an unlabelled one, which wins over an "updated" one (taken, with a
    warning, when it is the only date: on our pages it was the publication day 6 times in 7). Dates further down
    (related stories, comments) and copyright/caption/embedded-post lines are
    never taken. A page with only a relative date ("2 hours ago") stays undated.
    """
    anchor = headline if headline is not None else body_start
    reach = _DATE_REACH if headline is not None else _DATE_REACH_NO_HEADLINE
    header = range(anchor, body_start)
    order = [*header, *range(anchor - 1, max(anchor - reach, 0) - 1, -1),
             *range(body_start, min(body_start + 3, body_end))]
    numeric = numeric_order(lines, language)
    year = copyright_year(lines)
    best: tuple[tuple[int, int, int, int], DateMention] | None = None
    for rank, index in enumerate(order):
        line = lines[index]
        if weight(line) > 200 and index not in header:
            continue
        prose = len(line.split()) > _PROSE_WORDS
        for mention in find_dates(line, numeric, None if prose else year):
            label = {"published": 0, "": 1, "updated": 2}[mention.kind]
            key = (int(prose and not mention.kind), label, rank, mention.start)
            if best is None or key < best[0]:
                best = (key, mention)
    if best is None:
        warnings = ["no date found"]
        relative = next((lines[i] for i in order if len(lines[i]) < 80 and RELATIVE.search(lines[i])), None)
        if relative is not None:
            warnings.append(f"only a relative date ({relative!r}): left undated, nothing to count from")
        return None, warnings
    mention = best[1]
    warnings = []
    if mention.kind == "updated":
        # Measured on the pages: an "updated"-only date equalled the publication date on 6 of 7.
        warnings.append(f"date is the page's 'updated' date ({mention.date.isoformat()}); no publication date found")
    if not mention.has_year:
        warnings.append(f"date's year ({mention.date.year}) taken from the page's copyright line")
    return mention.date, warnings
