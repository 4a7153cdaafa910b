"""Readers: one per input format, all returning :class:`~digest.model.Article`.

Adding a format is adding a module with a :class:`BaseReader` subclass and
listing it in ``READERS``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..errors import ReadError
from ..model import Article
from .base import BaseReader, display_path, load_text
from .dates import is_plausible
from .feed import FeedReader
from .html import HtmlReader
from .jsonfile import JsonReader
from .markdown import MarkdownReader
from .plaintext import PlainTextReader

READERS: tuple[BaseReader, ...] = (PlainTextReader(), HtmlReader(), MarkdownReader(), JsonReader(), FeedReader())


def reader_for(path: Path) -> BaseReader | None:
    """The reader that handles this file's ending, or None."""
    suffix = path.suffix.lower()
    for reader in READERS:
        if suffix in reader.file_extensions:
            return reader
    return None


def read_file(path: Path) -> list[Article]:
    """Every article in one file, read with the reader for its format.

    Raises :class:`ReadError` when the file cannot be read or holds no article.
    """
    reader = reader_for(path)
    name = display_path(path)
    if path.is_dir():
        raise ReadError(f"{name}: a folder, not a file")
    if reader is None:
        raise ReadError(f"{name}: unsupported file type {display_path(path.suffix) or '(no extension)'!r}")
    try:
        articles = reader.read(path)
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"{name}: nested too deeply to read") from None
    except MemoryError:
        raise ReadError(f"{name}: too large to read in memory") from None
    except Exception as exc:  # noqa: BLE001 - untrusted input meets third-party parsers: skip the file, never the build
        raise ReadError(f"{name}: the {type(reader).__name__} failed on it ({type(exc).__name__}: "
                        f"{clip(str(exc), 200)})") from None
    if not articles:
        raise ReadError(f"{name}: no article found")
    return [bounded(article) for article in articles]


#: What a reader keeps of one article's fields, in characters. A long-form
#: article is 10,000 words (about 60,000 characters); a 5 MB one-line file is
#: not an article, and an unbounded field would make an unbounded email.
MAX_CHARS = {"body": 100_000, "title": 300, "standfirst": 1_000, "source": 200, "author": 300, "section": 100}
#: Longer URLs are dropped: no real article link is this long.
MAX_URL_CHARS = 2_048


def bounded(article: Article) -> Article:
    """``article`` with every field within its size cap and an implausible date dropped, each with a warning."""
    changes: dict[str, object] = {}
    warnings = list(article.warnings)
    for field, limit in MAX_CHARS.items():
        value = getattr(article, field)
        if value is not None and len(value) > limit:
            # The body is cut without an ellipsis: pysbd's sentence splitter is
            # slow on one enormous "sentence" ending in one (48 s for 100,000 characters).
            changes[field] = clip(value, limit, "" if field == "body" else "\u2026")
            warnings.append(f"{field} cut to {limit:,} characters (it had {len(value):,})")
    if article.url is not None and len(article.url) > MAX_URL_CHARS:
        changes["url"] = None
        warnings.append(f"URL dropped: {len(article.url):,} characters long")
    if article.date is not None and not is_plausible(article.date):
        changes["date"] = None
        warnings.append(f"implausible date ({article.date.isoformat()}) ignored")
    if article.path != display_path(article.path):
        changes["path"] = display_path(article.path)
    if not changes:
        return article
    return replace(article, **changes, warnings=tuple(warnings))


def clip(text: str, limit: int, mark: str = "\u2026") -> str:
    """``text`` cut to at most ``limit`` characters, at a word boundary when one is near, ending in ``mark``."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(mark)]
    space = cut.rfind(" ")
    if space > limit * 0.8:
        cut = cut[:space]
    return cut.rstrip() + mark


def read_article(path: Path) -> Article:
    """The first (for most formats, the only) article in a file."""
    return read_file(path)[0]


__all__ = ["BaseReader", "READERS", "read_article", "read_file", "reader_for", "load_text", "clip"]
