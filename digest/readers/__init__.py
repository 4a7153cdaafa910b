"""Readers: one per input format, all returning :class:`~digest.model.Article`.

Adding a format is adding a module with a :class:`BaseReader` subclass and
listing it in ``READERS``.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ReadError
from ..model import Article
from .base import BaseReader, load_text
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
    if reader is None:
        raise ReadError(f"{path}: unsupported file type {path.suffix or '(no extension)'!r}")
    if not path.exists():
        raise ReadError(f"{path}: no such file")
    articles = reader.read(path)
    if not articles:
        raise ReadError(f"{path}: no article found")
    return articles


def read_article(path: Path) -> Article:
    """The first (for most formats, the only) article in a file."""
    return read_file(path)[0]


__all__ = ["BaseReader", "READERS", "read_article", "read_file", "reader_for", "load_text"]
