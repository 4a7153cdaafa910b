"""The reader interface and the checks every input file goes through first."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from ..errors import ReadError
from ..model import Article

#: Files larger than this are refused before they are read.
MAX_FILE_BYTES = 5 * 1024 * 1024


class BaseReader:
    """Turns one input file into an :class:`Article`.

    Subclasses list the file endings they handle and implement :meth:`parse`.
    A file may hold several articles (a feed, a JSON list): :meth:`read` returns
    them all, in the file's order.
    """

    file_extensions: ClassVar[tuple[str, ...]] = ()

    def read(self, path: Path) -> list[Article]:
        return self.parse(load_text(path), path)

    def parse(self, text: str, path: Path) -> list[Article]:
        raise NotImplementedError


def load_text(path: Path) -> str:
    """The file's text, or a :class:`ReadError` saying why it is not usable text."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(f"{path}: too large ({size // 1024 // 1024} MB; the limit is "
                            f"{MAX_FILE_BYTES // 1024 // 1024} MB)")
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: cannot read: {exc.strerror}") from None
    if not raw.strip():
        raise ReadError(f"{path}: empty file")
    if b"\x00" in raw[:8192]:
        raise ReadError(f"{path}: binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None
