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
from .base import BaseReader
from .clutter import TITLE_SEPARATOR, find_layout, is_clutter, weight
from .dates import find_date, is_dateline
from .language import guess_language
from .source import source_from_lines, split_title

#: How many lines around the headline may hold the article's own date.
_DATE_REACH = 8
#: Bodies shorter than this many words get a warning.
SHORT_BODY_WORDS = 80


class PlainTextReader(BaseReader):
    file_extensions = (".txt",)

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
        date = _article_date(lines, layout.headline, layout.body_start, layout.body_end)
        if date is None:
            warnings.append("no date found")
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
            source=site or source_from_lines(lines),
            standfirst=standfirst,
            language=guess_language(body or text),
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


def _article_date(lines: list[str], headline: int | None, body_start: int, body_end: int) -> dt.date | None:
    """The article's own date: in the header between headline and body, else just around them.

    Dates further down (related stories, the copyright line) are never taken.
    """
    anchor = headline if headline is not None else body_start
    header = range(anchor, body_start)
    near = [*range(body_start, min(body_start + 3, body_end)), *range(max(anchor - _DATE_REACH, 0), anchor)]
    for index in [*header, *near]:
        line = lines[index]
        if weight(line) > 200 and index not in header:
            continue
        date = find_date(line)
        if date is not None:
            return date
    return None
