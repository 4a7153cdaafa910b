"""The reader interface and the checks every input file goes through first."""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from ..errors import ReadError
from ..model import Article

#: Bodies shorter than this many words get a warning (every reader).
SHORT_BODY_WORDS = 80
#: Files larger than this are refused before they are read.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: What plain-text formats keep of a file before parsing (see BaseReader.max_text_chars).
MAX_TEXT_CHARS = 500_000
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
    #: Text beyond this many characters is cut before parsing (None: formats
    #: that a cut would break). A plain-text article is far shorter; a 5 MB
    #: one-line file would otherwise take the reader's whole time limit.
    max_text_chars: ClassVar[int | None] = None

    def read(self, path: Path) -> list[Article]:
        return self.read_decoded(path, decode_file(path))

    def read_decoded(self, path: Path, decoded: Decoded) -> list[Article]:
        """Parse already decoded text, within the time limit, adding the encoding and size warnings."""
        text, notes = decoded.text, [decoded.warning] if decoded.warning else []
        if self.max_text_chars is not None and len(text) > self.max_text_chars:
            notes.append(f"file cut to its first {self.max_text_chars:,} characters (it has {len(text):,})")
            text = text[: self.max_text_chars]
        with time_limit(MAX_SECONDS_PER_FILE, path):
            articles = self.parse(text, path)
        if notes:
            articles = [replace(a, warnings=(*notes, *a.warnings)) for a in articles]
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


def display_path(path: Path | str) -> str:
    """``path`` as printable text: bytes of a file name that are not UTF-8 shown as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def not_regular_reason(mode: int) -> str:
    """Why a file of this ``st_mode`` is not read: only regular files are."""
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a regular file"
    return "not a regular file"


def link_problem(path: Path) -> str | None:
    """Why a symbolic link cannot be followed (dangling, a loop), or None when it can."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return f"dangling symbolic link (its target {display_path(os.readlink(path))} does not exist)"
        if exc.errno == errno.ENOENT:
            return "no such file"
        return f"cannot read: {exc.strerror}"
    return None


def read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing missing, unreadable, oversized, empty and non-regular files.

    The file is opened without blocking and checked on the open descriptor, so
    a FIFO never hangs the read and a link to a device (/dev/zero) is refused;
    at most ``MAX_FILE_BYTES`` + 1 bytes are ever read, whatever the size says.
    """
    name = display_path(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        problem = link_problem(path) if exc.errno in (errno.ENOENT, errno.ELOOP) else None
        raise ReadError(f"{name}: {problem or 'cannot read: ' + str(exc.strerror)}") from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"{name}: {not_regular_reason(info.st_mode)}")
        if info.st_size > MAX_FILE_BYTES:
            megabytes = info.st_size / 1024 / 1024
            raise ReadError(f"{name}: too large ({megabytes:.{1 if megabytes < 10 else 0}f} MB; the limit is "
                            f"{MAX_FILE_BYTES // 1024 // 1024} MB)")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ReadError(f"{name}: cannot read: {exc.strerror}") from None
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:  # grew while being read
        raise ReadError(f"{name}: too large (the limit is {MAX_FILE_BYTES // 1024 // 1024} MB)")
    if not raw.strip():
        raise ReadError(f"{name}: empty file")
    return raw


def decode_file(path: Path) -> Decoded:
    """Decode a text file: UTF-8, else a legacy encoding (with a warning), else a :class:`ReadError`."""
    return decode_bytes(read_bytes(path), display_path(path))


def decode_bytes(raw: bytes, name: str) -> Decoded:
    """Decode ``raw`` (the contents of ``name``); see :func:`decode_file`.

    UTF-16 (with a byte-order mark, or without one when every other byte of
    ASCII-range text is zero) is read as such. A file that is UTF-8 but for a
    few stray bytes is read as UTF-8 with those bytes replaced (a warning
    counts them), not as a legacy encoding that would garble every accent.
    """
    wide = utf16_encoding(raw)
    if wide is not None:
        try:
            text = raw.decode(wide).lstrip("\ufeff")
        except UnicodeDecodeError:
            raise ReadError(f"{name}: binary file, not text (looks like UTF-16 but does not decode)") from None
        if _looks_binary(text[:8192]):
            raise ReadError(f"{name}: binary file, not text")
        return Decoded(repair_mojibake(text), "utf-16")
    head = raw[:8192]
    if b"\x00" in head or _looks_binary(head.decode("latin-1")):
        raise ReadError(f"{name}: binary file, not text")
    try:
        return Decoded(repair_mojibake(raw.decode("utf-8-sig")))
    except UnicodeDecodeError as exc:
        bad_offset = exc.start
    mostly = mostly_utf8(raw)
    if mostly is not None:
        text, bad = mostly
        return Decoded(repair_mojibake(text), "utf-8", f"not valid UTF-8: {bad} stray byte{'s' * (bad != 1)} replaced")
    encoding = legacy_encoding(raw)
    if encoding is None:
        raise ReadError(f"{name}: not UTF-8 text (bad byte at offset {bad_offset}) and no other encoding fits")
    label = "Windows-1252 (Latin-1)" if encoding == "cp1252" else encoding
    return Decoded(raw.decode(encoding), encoding, f"not UTF-8; read as {label}")


#: Signs of UTF-8 read as Windows-1252 or Latin-1 ("Â£1bn", "donâ€™t", "cafÃ©"): only then is ftfy asked.
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac|\u00c3[\u0080-\u00ff]")


def repair_mojibake(text: str) -> str:
    """Text whose UTF-8 was once decoded as a legacy encoding, mended ("Â£1bn" -> "£1bn").

    Scraped and syndicated text often carries it (the XSum bodies do); ftfy undoes it only where
    its badness measure is sure, so "São Paulo" and a real "Â" stay.
    """
    if not _MOJIBAKE_HINT.search(text):
        return text
    import ftfy  # only for the rare text that needs it

    return ftfy.fix_encoding(text)


def _looks_binary(head: str) -> bool:
    """Control characters (other than tab, newlines, form feed) in more than 1% of the text."""
    controls = sum(1 for ch in head if ch < " " and ch not in "\t\n\r\f")
    return "\x00" in head or controls > len(head) // 100 + 1


def utf16_encoding(raw: bytes) -> str | None:
    """"utf-16" for a byte-order mark, "utf-16-le"/"-be" for BOM-less UTF-16 of mostly ASCII-range text."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff") and not raw.startswith(b"\xff\xfe\x00\x00"):
        return "utf-16"
    head = raw[:8192]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    # Latin-script UTF-16: the high byte of nearly every character is zero, the low byte almost never.
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.01 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.01 * len(odd):
        return "utf-16-be"
    return None


def mostly_utf8(raw: bytes) -> tuple[str, int] | None:
    """The text and its count of stray bytes, when ``raw`` is UTF-8 but for a few of them; else None.

    "Overwhelmingly UTF-8": at least as many well-formed multi-byte characters
    as stray bytes. Legacy-encoded text (Windows-1252 "caf\xe9") almost never
    forms a valid multi-byte UTF-8 sequence, so it still goes to
    :func:`legacy_encoding`.
    """
    text = raw.decode("utf-8", "replace")
    bad = text.count("\ufffd") - raw.count("\ufffd".encode())
    wide = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if bad <= 0 or wide < bad:
        return None
    return text.lstrip("\ufeff"), bad


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
