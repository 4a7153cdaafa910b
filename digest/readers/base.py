"""The reader interface and the checks every input file goes through first."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from ..errors import ReadError
from ..model import Article

#: Files larger than this are refused before they are read.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Reading one file (parsing, extraction) may take at most this long.
MAX_SECONDS_PER_FILE = 20.0


class BaseReader:
    """Turns one input file into :class:`Article` objects.

    Subclasses list the file endings they handle and implement :meth:`parse`.
    A file may hold several articles (a feed, a JSON list): :meth:`read` returns
    them all, in the file's order. A file that was not UTF-8 but could be
    decoded carries a warning saying which encoding was assumed.
    """

    file_extensions: ClassVar[tuple[str, ...]] = ()

    def read(self, path: Path) -> list[Article]:
        return self.read_decoded(path, decode_file(path))

    def read_decoded(self, path: Path, decoded: Decoded) -> list[Article]:
        """Parse already decoded text, within the time limit, adding the encoding warning."""
        with time_limit(MAX_SECONDS_PER_FILE, path):
            articles = self.parse(decoded.text, path)
        if decoded.warning:
            articles = [replace(a, warnings=(decoded.warning, *a.warnings)) for a in articles]
        return articles

    def parse(self, text: str, path: Path) -> list[Article]:
        raise NotImplementedError


@dataclass(frozen=True)
class Decoded:
    """A file's text and, when it was not UTF-8, a warning naming the encoding assumed."""

    text: str
    encoding: str = "utf-8"
    warning: str | None = None


def load_text(path: Path) -> str:
    """The file's text, or a :class:`ReadError` saying why it is not usable text."""
    return decode_file(path).text


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing missing, unreadable, oversized and empty files."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(f"{path}: too large ({size / 1024 / 1024:.0f} MB; the limit is "
                            f"{MAX_FILE_BYTES // 1024 // 1024} MB)")
        raw = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path}: cannot read: {exc.strerror}") from None
    if not raw.strip():
        raise ReadError(f"{path}: empty file")
    return raw


def decode_file(path: Path) -> Decoded:
    """Decode a text file: UTF-8, else a legacy encoding (with a warning), else a :class:`ReadError`."""
    return decode_bytes(read_bytes(path), str(path))


def decode_bytes(raw: bytes, name: str) -> Decoded:
    """Decode ``raw`` (the contents of ``name``); see :func:`decode_file`."""
    head = raw[:8192]
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f")
    if b"\x00" in head or controls > len(head) // 100 + 1:
        raise ReadError(f"{name}: binary file, not text")
    try:
        return Decoded(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        bad_offset = exc.start
    encoding = legacy_encoding(raw)
    if encoding is None:
        raise ReadError(f"{name}: not UTF-8 text (bad byte at offset {bad_offset}) and no other encoding fits")
    label = "Windows-1252 (Latin-1)" if encoding == "cp1252" else encoding
    return Decoded(raw.decode(encoding), encoding, f"not UTF-8; read as {label}")


def legacy_encoding(raw: bytes) -> str | None:
    """The encoding of non-UTF-8 text: Windows-1252 for Western text, else charset-normalizer's guess.

    Short Western texts ("Caf\xe9") are where charset detectors guess wrong, and
    where Windows-1252 (a superset of Latin-1's printable range) is right: it is
    taken when the accented letters it yields are a minority among the letters,
    as in any Western European language. Text in other scripts decoded as
    Windows-1252 is all accented letters; that goes to charset-normalizer.
    """
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None:
        letters = [ch for ch in western if ch.isalpha()]
        accented = sum(1 for ch in letters if ord(ch) > 127)
        if letters and accented <= 0.4 * len(letters):
            return "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    return best.encoding if best is not None else None


class _Overrun(Exception):
    pass


@contextmanager
def time_limit(seconds: float, path: Path) -> Iterator[None]:
    """Raise :class:`ReadError` when the block runs longer than ``seconds`` (main thread, Unix only)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def overrun(signum: int, frame: object) -> None:
        raise _Overrun

    previous = signal.signal(signal.SIGALRM, overrun)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Overrun:
        raise ReadError(f"{path}: gave up after {seconds:g} s (pathological input)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
