"""The folder scan: every file below the articles folder, and every entry that cannot be read, with why.

Nothing found in the folder vanishes silently: dangling symbolic links, link
loops, folders that cannot be listed, named pipes, devices and names that are
not UTF-8 come back as problems, which the build lists in issue.json.
Hidden files and folders (".name") are left out, as editors' tools keep
their state there.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DigestError
from .base import display_path, link_problem, not_regular_reason


@dataclass
class FolderScan:
    """Regular files to read, in a stable order, and (path, reason) for every entry that cannot be."""

    files: list[Path] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)


def scan_folder(folder: Path) -> FolderScan:
    """Every non-hidden regular file below ``folder`` (following links to folders, once each)."""
    if not folder.exists():
        raise DigestError(f"articles folder {display_path(folder)} does not exist")
    if not folder.is_dir():
        raise DigestError(f"articles folder {display_path(folder)} is not a folder")
    scan = FolderScan()
    _walk(folder, scan, {_identity(folder)})
    scan.files.sort()
    scan.problems.sort()
    return scan


def _identity(folder: Path) -> tuple[int, int]:
    info = folder.stat()
    return info.st_dev, info.st_ino


def _walk(folder: Path, scan: FolderScan, seen: set[tuple[int, int]]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        scan.problems.append((display_path(folder), f"cannot read folder: {exc.strerror}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        shown = display_path(path)
        try:
            os.fsencode(entry.name).decode("utf-8")
        except UnicodeDecodeError:
            scan.problems.append((shown, "file name is not valid UTF-8; rename the file to read it"))
            continue
        try:
            info = os.stat(path)
        except OSError as exc:
            reason = link_problem(path) if exc.errno in (errno.ENOENT, errno.ELOOP) else None
            scan.problems.append((shown, reason or f"cannot read: {exc.strerror}"))
            continue
        if stat.S_ISDIR(info.st_mode):
            identity = (info.st_dev, info.st_ino)
            if identity in seen:
                scan.problems.append((shown, "symbolic link loop: a link to a folder already read; not read again"))
                continue
            seen.add(identity)
            _walk(path, scan, seen)
        elif stat.S_ISREG(info.st_mode):
            scan.files.append(path)
        else:
            scan.problems.append((shown, not_regular_reason(info.st_mode)))

