"""RSS and Atom feed files, one article per entry, read with feedparser.

An entry's full content is used when the feed carries it (``content:encoded``,
Atom ``content``), else its summary; HTML goes through the same extraction as
saved pages. The feed is parsed from the file's bytes: feedparser never sees
a URL or a file name, so it never fetches anything.
"""

from __future__ import annotations

import calendar
import datetime as dt
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..model import Article
from .base import MAX_SECONDS_PER_FILE, BaseReader, read_bytes, time_limit, utf16_encoding
from .dates import is_plausible
from .fields import as_author, as_text, body_warnings, text_paragraphs
from .html import html_to_text
from .images import image_from_entry
from .language import guess_language
from .source import known_publisher, source_from_url

#: Feeds with more entries than this are read up to it (a feed is a window, not an archive).
MAX_ENTRIES = 500


class FeedReader(BaseReader):
    file_extensions = (".rss", ".atom", ".xml")

    def read(self, path: Path) -> list[Article]:
        raw = read_bytes(path)
        if b"\x00" in raw[:8192] and utf16_encoding(raw) is None:  # feedparser reads UTF-16 itself
            raise ReadError(f"{path}: binary file, not text")
        with time_limit(MAX_SECONDS_PER_FILE, path):
            return self.parse_bytes(raw, path)

    def parse(self, text: str, path: Path) -> list[Article]:
        return self.parse_bytes(text.encode("utf-8"), path)

    def parse_bytes(self, raw: bytes, path: Path) -> list[Article]:
        import feedparser

        parsed = feedparser.parse(raw)
        if not parsed.entries:
            if parsed.bozo:
                problem = getattr(parsed.get("bozo_exception"), "getMessage", None)
                reason = problem() if callable(problem) else str(parsed.get("bozo_exception", "unknown error"))
                raise ReadError(f"{path}: malformed feed ({reason})")
            if not parsed.version:
                raise ReadError(f"{path}: not an RSS or Atom feed")
            raise ReadError(f"{path}: the feed has no entries")
        feed = parsed.feed
        publisher = as_text(feed.get("title"))
        warnings = ("feed is not well-formed; entries read leniently",) if parsed.bozo else ()
        articles = []
        for entry in parsed.entries[:MAX_ENTRIES]:
            article = article_from_entry(entry, path, publisher, feed.get("link"))
            if article is not None:
                articles.append(replace(article, warnings=(*article.warnings, *warnings)))
        if not articles:
            raise ReadError(f"{path}: no feed entry has a title and text")
        return articles


def article_from_entry(entry: Any, path: Path, publisher: str | None, feed_link: str | None) -> Article | None:
    """An Article from one feed entry (None when it has no title or no text)."""
    title = as_text(entry.get("title"))
    body = ""
    for block in [*entry.get("content", []), entry.get("summary_detail")]:
        if not block or not block.get("value", "").strip():
            continue
        value = block["value"]
        body = html_to_text(value) if "html" in (block.get("type") or "html") else text_paragraphs(value)
        if body:
            break
    if not title or not body:
        return None
    date, date_warning = entry_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    url = as_text(entry.get("link"))
    summary = entry.get("summary")
    standfirst = html_to_text(summary) if summary and entry.get("content") else None
    return Article(
        path=str(path), title=title, body=body, date=date,
        source=known_publisher(url) or publisher or source_from_url(url or feed_link), url=url,
        author=as_author(entry.get("author")),
        standfirst=standfirst.split("\n\n", 1)[0] if standfirst else None,
        language=guess_language(body), warnings=(*date_warning, *body_warnings(body, date)), section=_category(entry),
        image=image_from_entry(entry, url or feed_link, title),
    )


def _category(entry: Any) -> str | None:
    """The entry's first ``<category>`` (RSS) or ``<category term>`` (Atom): its section at the source."""
    for tag in entry.get("tags") or []:
        term = as_text(tag.get("term") if isinstance(tag, dict) else None)
        if term:
            return term[:80]
    return None


def entry_date(stamp: Any) -> tuple[dt.date | None, tuple[str, ...]]:
    """An entry's date from feedparser's UTC struct_time; far-off years are refused with a warning."""
    if not isinstance(stamp, time.struct_time):
        return None, ()
    try:
        date = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        date = None
    if date is None or not is_plausible(date):
        shown = date.isoformat() if date else f"year {stamp.tm_year}"
        return None, (f"implausible feed date ({shown}) ignored",)
    return date, ()
