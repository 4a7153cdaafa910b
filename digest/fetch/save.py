"""Turning a fetched page or a feed's full content into an article file that `digest build` reads.

The file is JSON (the JSON reader's fields: title, date, url, source, author,
and the body as ``html``): the page's whole HTML goes in ``html``, so the
build extracts its text with the same trafilatura pass as a saved ``.html``
page, while the fields the fetch knows better than the page (the feed's title
and date, the URL it was fetched from, the outlet, the feed's name) are kept
exactly. A saved ``.html`` page could not carry them: its own metadata (often
JSON-LD) would win. Extra fields (``feed``, ``feed_url``, ``fetched``) are
ignored by the reader and kept for the user.

Files are written atomically (a hidden temporary file in the same folder,
then a hard link to the final name, which also refuses to replace a file), so
a killed fetch never leaves half a file and never overwrites one.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html as htmllib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..atomic import write_atomic

_HEAD_TAG = re.compile(r"<(meta|link|title)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_WANTED = re.compile(r"canonical|og:site_name|og:title|published_time|description", re.IGNORECASE)
_META_FIELDS = {"og:site_name": "site_name", "og:title": "title", "article:published_time": "published",
                "og:description": "description", "description": "description"}
_SLUG = re.compile(r"[^a-z0-9]+")
_KEY_IN_NAME = re.compile(r"-([0-9a-f]{10})\.json$")


@dataclass(frozen=True)
class PageFacts:
    """What a page's <head> says about itself, read cheaply (no DOM, no extraction)."""

    title: str | None = None
    site_name: str | None = None
    canonical: str | None = None
    published: str | None = None
    description: str | None = None


def page_facts(page: str) -> PageFacts:
    head = page[:200_000]
    end = _HEAD_END.search(head)
    head = head[:end.start()] if end else head
    found: dict[str, str] = {}
    for tag, attributes in _HEAD_TAG.findall(head):
        if not _WANTED.search(attributes):
            continue  # most head tags are scripts' and styles' links and unrelated metas
        attrs = {m.group(1).lower(): htmllib.unescape(m.group(2) or m.group(3) or m.group(4) or "").strip()
                 for m in _ATTR.finditer(attributes)}
        if tag.lower() == "link" and "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            found.setdefault("canonical", attrs["href"])
        elif tag.lower() == "meta" and attrs.get("content"):
            name = (attrs.get("property") or attrs.get("name") or "").lower()
            key = _META_FIELDS.get(name)
            if key:
                found.setdefault(key, attrs["content"])
    title = _TITLE.search(head)
    if "title" not in found and title:
        found["title"] = " ".join(htmllib.unescape(title.group(1)).split())
    return PageFacts(**found)


@functools.lru_cache(maxsize=4096)  # one URL is looked at several times per entry
def strip_tracking(url: str) -> str:
    """The URL without tracking parameters (utm_*, fbclid, ...), host lower-cased (courlan)."""
    from courlan import normalize_url

    try:
        return normalize_url(url)
    except (ValueError, AttributeError):
        return url


@functools.lru_cache(maxsize=4096)
def url_key(url: str | None) -> str | None:
    """The key an article is known by under its URL (no tracking parameters, no fragment)."""
    if not url:
        return None
    from courlan import normalize_url

    try:
        return "url:" + normalize_url(url, strict=True)
    except (ValueError, AttributeError):
        return "url:" + url


class PageError(Exception):
    """A downloaded page that cannot become an article (it cannot be decoded); one line for the summary."""


def decode_page(body: bytes, charset: str | None, url: str) -> str:
    """The page's text: charset from the header, else from the document, else detected."""
    from ..errors import ReadError
    from ..readers.html import decode_html

    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_html(body, url).text
    except ReadError as exc:
        raise PageError(str(exc).replace(url + ": ", "")) from None


@dataclass(frozen=True)
class PreparedPage:
    """A downloaded page made into an article file, not yet written: what the worker process hands back."""

    url: str  # the article's URL (its canonical one when on the same site)
    key: str  # the article key, in the file name
    name: str  # the file name
    title: str
    data: bytes  # the JSON file


def prepare_page(body: bytes, charset: str | None, fetched_url: str, *, title: str | None,
                 published: dt.datetime | None, author: str | None, feed_title: str | None,
                 feed_url: str | None) -> PreparedPage:
    """All the CPU work on one downloaded page (decode, read the head, build and encode the record).

    A plain function of its arguments, so it can run in a worker process.
    """
    page = decode_page(body, charset, fetched_url)
    facts = page_facts(page)
    url = article_url(strip_tracking(fetched_url), facts.canonical and strip_tracking(facts.canonical))
    record = page_record(page, url, title=title, published=published, author=author, feed_title=feed_title,
                         feed_url=feed_url, facts=facts)
    key = article_key(url_key(url) or url)
    return PreparedPage(url, key, file_name(record, key), str(record.get("title")), encode_record(record))


def article_url(final_url: str, canonical: str | None) -> str:
    """The article's own URL: the page's canonical URL when it is on the same site, else where it was fetched.

    A page may not claim another site's URL: a story links to the site that served it.
    """
    from ..readers.source import registered_domain

    if canonical and canonical.startswith(("http://", "https://")):
        here, there = urlsplit(final_url).hostname, urlsplit(canonical).hostname
        if here and there and (here == there or (registered_domain(final_url) or here) == registered_domain(canonical)):
            return canonical
    return final_url


def page_record(page: str, url: str, *, title: str | None, published: dt.datetime | None, author: str | None,
                feed_title: str | None, feed_url: str | None, facts: PageFacts | None = None) -> dict:
    """The JSON record of a downloaded article page (the entry's facts win over the page's)."""
    from ..readers.source import canonical_name, known_publisher, site_evidence, split_title

    facts = facts or page_facts(page)
    page_title, title_site = split_title(facts.title) if facts.title else (None, None)
    date = published.isoformat() if published else None
    if not title or not date:
        # Nothing in the feed: the page's own metadata (trafilatura, htmldate) fills the gaps.
        from trafilatura.metadata import extract_metadata

        meta = extract_metadata(page, default_url=url)
        title = title or (split_title(meta.title)[0] if meta.title else page_title)
        date = date or meta.date
        # trafilatura names a site without one after its host ("127.0.0.1:8000"): not a name.
        sitename = meta.sitename if meta.sitename and meta.sitename not in url else None
        facts = PageFacts(facts.title, facts.site_name or sitename, facts.canonical)
    source = known_publisher(url) or canonical_name(site_evidence(title_site, facts.site_name, url), url) or feed_title
    return _record(title or page_title or url, date, url, source, author, feed_title, feed_url,
                   description=facts.description, html=page)


def content_record(content: str, url: str | None, *, title: str | None, published: dt.datetime | None,
                   author: str | None, feed_title: str | None, feed_url: str | None) -> dict:
    """The JSON record of an entry whose full article is in the feed (chosen as the feed reader would)."""
    from ..readers.source import known_publisher

    source = known_publisher(url) or feed_title
    return _record(title or "", published.isoformat() if published else None, url, source, author,
                   feed_title, feed_url, description=None, html=content)


def _record(title: str, date: str | None, url: str | None, source: str | None, author: str | None,
            feed_title: str | None, feed_url: str | None, *, description: str | None, html: str) -> dict:
    record = {"title": title, "date": date, "url": url, "source": source, "author": author,
              "description": description, "feed": feed_title, "feed_url": feed_url,
              "fetched": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "html": html}
    return {key: value for key, value in record.items() if value}


def article_key(identity: str) -> str:
    """Ten hex digits naming an article in its file name (from its canonical URL or guid)."""
    return hashlib.sha1(identity.encode("utf-8")).hexdigest()[:10]


def saved_keys(folder: Path) -> set[str]:
    """The article keys of files already in the folder (one directory scan per run)."""
    try:
        return {m.group(1) for entry in os.scandir(folder) if (m := _KEY_IN_NAME.search(entry.name))}
    except FileNotFoundError:
        return set()


def remove_stale_temporaries(folder: Path, older_than: float = 3600.0) -> None:
    """Delete the hidden temporary files a killed fetch left (only ours, only old ones)."""
    import time

    for path in folder.glob(".fetch-*.tmp") if folder.is_dir() else ():
        try:
            if time.time() - path.stat().st_mtime > older_than:
                path.unlink()
        except OSError:
            pass


def file_name(record: dict, key: str) -> str:
    day = str(record.get("date") or "undated")[:10]
    slug = _SLUG.sub("-", str(record.get("title", "")).lower()).strip("-")[:60].rstrip("-") or "article"
    return f"{day}-{slug}-{key}.json"


def encode_record(record: dict) -> bytes:
    # ASCII escapes: half the CPU of ensure_ascii=False on a whole page, and the reader reads both.
    return json.dumps(record, indent=1).encode("ascii")


def save_record(folder: Path, record: dict, key: str) -> Path | None:
    """Write the record atomically as FOLDER/NAME.json; None when a file of that name exists already."""
    return write_file(folder, file_name(record, key), encode_record(record))


def write_file(folder: Path, name: str, data: bytes) -> Path | None:
    """Write FOLDER/NAME atomically (synced to disk first); None when NAME exists already."""
    return write_atomic(folder / name, data, replace=False, sync=True, prefix=".fetch-", suffix=".tmp")
