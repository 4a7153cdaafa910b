"""Writing one file atomically: a temporary file beside it, renamed (or linked) into place.

A reader never sees half a file, and a killed write leaves the old file (or
none) plus, at worst, a hidden temporary that the next write ignores.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import DigestError


def write_atomic(path: Path, data: str | bytes, mode: int = 0o600, *, replace: bool = True,
                 sync: bool = False, prefix: str | None = None, suffix: str = "") -> Path | None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically, with permissions ``mode``; return ``path``.

    ``replace`` False never replaces an existing file (a hard link puts the
    new one in place) and returns None when ``path`` exists. ``sync`` flushes
    the data to disk before it takes the name. Raises :class:`DigestError`
    when the file cannot be written.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=prefix or f".{path.name}.", suffix=suffix,
                                            dir=path.parent)  # mode 600
        with os.fdopen(handle, "wb") as stream:
            stream.write(raw)
            if sync:
                stream.flush()
                os.fsync(stream.fileno())
        if mode != 0o600:
            os.chmod(temporary, mode)
        if replace:
            os.replace(temporary, path)
            temporary = None
            return path
        return path if _link(temporary, path) else None
    except OSError as exc:
        raise DigestError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)


def _link(temporary: str, path: Path) -> bool:
    """Give the temporary file ``path``'s name unless one exists; whether it did."""
    try:
        os.link(temporary, path)  # atomic, and never replaces a file
    except FileExistsError:
        return False
    except OSError:  # a file system without hard links
        if path.exists():
            return False
        os.replace(temporary, path)
    return True
