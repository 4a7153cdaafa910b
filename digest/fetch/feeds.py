"""What a downloaded feed says: RSS and Atom (feedparser), JSON Feed, a home page's feed links, OPML lists.

Everything here works on bytes already downloaded: nothing fetches.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from ..errors import ConfigError

#: A feed is a window, not an archive: at most this many entries are looked at.
MAX_ENTRIES = 100
#: Entry content with at least this many words is taken as the whole article (no page download).
FULL_CONTENT_WORDS = 150

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
              "application/xml", "text/xml", "application/rdf+xml", "application/x-rss+xml")
_TAG = re.compile(r"<[^>]+>")


class FeedError(Exception):
    """The feed could not be read; the message is one line for the summary."""


@dataclass(frozen=True)
class Entry:
    """One feed entry, as much as the feed tells."""

    guid: str | None
    link: str | None
    title: str | None
    published: dt.datetime | None
    author: str | None = None
    summary: str | None = None
    #: The entry's full content (HTML), when the feed carries the whole article.
    content: str | None = None


@dataclass(frozen=True)
class Feed:
    title: str | None
    link: str | None
    entries: tuple[Entry, ...]
    #: Entries the feed lists but that cannot be used (no link, no title), one line each.
    problems: tuple[str, ...] = ()


def looks_like_json(content_type: str, body: bytes) -> bool:
    return "json" in content_type or body.lstrip()[:1] == b"{"


def parse_feed(body: bytes, content_type: str, headers: dict[str, str] | None = None) -> Feed:
    """A feed from its bytes: JSON Feed, or RSS/Atom (feedparser, lenient on small flaws)."""
    if looks_like_json(content_type, body):
        return _json_feed(body)
    import feedparser

    parsed = feedparser.parse(body, response_headers=headers or {})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = parsed.get("bozo_exception")
        detail = getattr(reason, "getMessage", None)
        raise FeedError(f"malformed feed ({detail() if callable(detail) else reason or 'not RSS or Atom'})")
    entries = [_entry(item) for item in parsed.entries[:MAX_ENTRIES]]
    return Feed(_text(parsed.feed.get("title")), parsed.feed.get("link"), tuple(entries))


def _entry(item: Any) -> Entry:
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    published = (dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC)
                 if isinstance(stamp, time.struct_time) else None)
    content = None
    for block in item.get("content", []) or []:
        value = block.get("value") or ""
        if _words(value) >= FULL_CONTENT_WORDS:
            content = value if "html" in (block.get("type") or "html") else _as_html(value)
            break
    return Entry(guid=_text(item.get("id")), link=_text(item.get("link")), title=_text(item.get("title")),
                 published=published, author=_text(item.get("author")), summary=item.get("summary"),
                 content=content)


def _json_feed(body: bytes) -> Feed:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise FeedError(f"malformed JSON Feed ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError("not a JSON Feed (no \"items\" list)")
    entries = []
    for item in data["items"][:MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        html = item.get("content_html") if isinstance(item.get("content_html"), str) else None
        if html is None and isinstance(item.get("content_text"), str):
            html = _as_html(item["content_text"])
        author = item.get("authors") or item.get("author")
        if isinstance(author, list):
            author = author[0] if author else None
        entries.append(Entry(
            guid=_text(item.get("id")), link=_text(item.get("url")), title=_text(item.get("title")),
            published=_iso(item.get("date_published") or item.get("date_modified")),
            author=_text(author.get("name")) if isinstance(author, dict) else None,
            summary=item.get("summary") if isinstance(item.get("summary"), str) else None,
            content=html if html and _words(html) >= FULL_CONTENT_WORDS else None,
        ))
    return Feed(_text(data.get("title")), _text(data.get("home_page_url")), tuple(entries))


def discover_feeds(html: bytes | str, base_url: str) -> list[str]:
    """The feed URLs a web page announces with ``<link rel="alternate" type="...rss/atom/json...">``."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types on junk; junk announces no feed
        return []
    found = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and href and kind in FEED_TYPES:
            url = urljoin(base_url, href)
            if url not in found:
                found.append(url)
    return found


def read_opml(path: Path) -> list[str]:
    """The feed URLs (``xmlUrl``) of an OPML subscription list."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.parse(path).getroot()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the OPML file: {exc.strerror}") from None
    except ElementTree.ParseError as exc:
        raise ConfigError(f"{path}: not a valid OPML file ({exc})") from None
    return [outline.get("xmlUrl", "").strip() for outline in root.iter("outline") if outline.get("xmlUrl", "").strip()]


def _as_html(text: str) -> str:
    from html import escape

    return "".join(f"<p>{escape(block.strip())}</p>" for block in text.split("\n\n") if block.strip())


def _words(html: str) -> int:
    return len(_TAG.sub(" ", html).split())


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        text = " ".join(value.split())
        return text or None
    return None


def _iso(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
