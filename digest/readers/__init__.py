"""Readers: one per input format, all returning :class:`~digest.model.Article`.

Adding a format is adding a module with a :class:`BaseReader` subclass and
listing it in ``READERS``.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ReadError
from ..model import Article
from .base import BaseReader, load_text
from .plaintext import PlainTextReader

READERS: tuple[BaseReader, ...] = (PlainTextReader(),)


def reader_for(path: Path) -> BaseReader | None:
    """The reader that handles this file's ending, or None."""
    suffix = path.suffix.lower()
    for reader in READERS:
        if suffix in reader.file_extensions:
            return reader
    return None


def is_article_file(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(".") and reader_for(path) is not None


def read_article(path: Path) -> Article:
    """Read one file with the reader for its format; :class:`ReadError` when that fails."""
    reader = reader_for(path)
    if reader is None:
        raise ReadError(f"{path}: unsupported file type {path.suffix or '(no extension)'!r}")
    if not path.exists():
        raise ReadError(f"{path}: no such file")
    return reader.read(path)


__all__ = ["BaseReader", "READERS", "read_article", "reader_for", "is_article_file", "load_text"]
