"""The state folder: everything digest keeps that is not for publishing.

``out/`` is the web archive that ``web_url`` points at; whatever lands there
may be public. Subscriber data and working files live here instead, in
``state_dir`` (``.digest/`` by default), created mode 700 with files mode 600::

    .digest/
      suppression.sqlite           who must never get mail again (digest.suppression)
      ledgers/<date>.send-ledger.sqlite   who has each issue (digest.send.ledger)
      emails/<date>/email.html|.txt       the email as sent, placeholders still in
      exports/<date>.eml           digest export, unless told where

This module says where each thing lives, creates folders and files with those
modes, writes atomically, moves what an older digest left in ``out/``, and
checks that ``out/`` holds only publishable files.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from .atomic import write_atomic
from .errors import DigestError, option
from .output import ISSUE_FOLDER, issue_folders
from .placeholders import ANY_PLACEHOLDER

DIR_MODE = 0o700
FILE_MODE = 0o600
#: What ``out/`` may hold: the archive page, the feed, and per issue its pages, manifest and images.
PUBLISHABLE_TOP = frozenset({"index.html", "feed.xml"})
PUBLISHABLE_SUFFIXES = frozenset({".html", ".txt", ".json", ".xml", ".css",
                                  ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif"})
_LEGACY_LEDGER = re.compile(r"^(\d{4}-\d{2}-\d{2})\.send-ledger\.sqlite(-wal|-shm|-journal)?$")


def ensure_dir(path: Path) -> Path:
    """``path`` and its missing parents as private folders (mode 700); return it."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    try:
        for folder in reversed(missing):  # each new folder private, not just the last
            folder.mkdir(mode=DIR_MODE, exist_ok=True)
            os.chmod(folder, DIR_MODE)
        os.chmod(path, DIR_MODE)
    except OSError as exc:
        raise DigestError(f"cannot create the state folder {path}: {exc.strerror}") from None
    return path


def private_file(path: Path) -> Path:
    """Make sure ``path`` exists with mode 600 (before SQLite or anyone else writes to it)."""
    ensure_dir(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
        os.chmod(path, FILE_MODE)
    except OSError as exc:
        raise DigestError(f"cannot create {path}: {exc.strerror}") from None
    return path


def write_private(path: Path, data: bytes | str) -> Path:
    """Write ``path`` atomically with mode 600 (its folder too, private)."""
    ensure_dir(path.parent)
    write_atomic(path, data, 0o600)
    return path


def ledger_path(state_dir: Path, date: dt.date) -> Path:
    """The send ledger of the issue dated ``date``."""
    return state_dir / "ledgers" / f"{date.isoformat()}.send-ledger.sqlite"


def suppression_path(state_dir: Path) -> Path:
    return state_dir / "suppression.sqlite"


def email_folder(state_dir: Path, date: dt.date) -> Path:
    """Where the email version of an issue (placeholders still in) is kept."""
    return state_dir / "emails" / date.isoformat()


def save_email(state_dir: Path, date: dt.date, html: str, text: str) -> Path:
    """Keep the email version of an issue (placeholders in) for the send step; return its folder."""
    folder = email_folder(state_dir, date)
    write_private(folder / "email.html", html)
    write_private(folder / "email.txt", text)
    return folder


def load_email(state_dir: Path, date: dt.date) -> tuple[str, str] | None:
    """The email version's HTML and text parts, or None when this issue has none."""
    folder = email_folder(state_dir, date)
    try:
        return ((folder / "email.html").read_text(encoding="utf-8"),
                (folder / "email.txt").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise DigestError(f"cannot read the email version in {folder}: {exc}") from None


def export_path(state_dir: Path, date: dt.date) -> Path:
    return state_dir / "exports" / f"{date.isoformat()}.eml"


def move_legacy_ledger(out: Path, state_dir: Path, date: dt.date) -> Path | None:
    """Move ``OUT/<date>.send-ledger.sqlite`` (and its -wal/-shm files) left by an older digest.

    SQLite's write-ahead log goes along with the database, so nothing
    committed is lost. Refuses (one clear line) when both places hold a ledger.
    Returns the new path when something was moved.
    """
    old = out / f"{date.isoformat()}.send-ledger.sqlite"
    if not old.is_file():
        return None
    new = ledger_path(state_dir, date)
    if new.exists():
        raise DigestError(f"two send ledgers for {date.isoformat()}: {old} (from an older digest) and {new}; "
                          f"keep one and delete the other")
    ensure_dir(new.parent)
    try:
        for suffix in ("-wal", "-shm", "-journal", ""):
            part = old.with_name(old.name + suffix)
            if part.exists():
                os.replace(part, new.with_name(new.name + suffix))
                os.chmod(new.with_name(new.name + suffix), FILE_MODE)
    except OSError as exc:
        raise DigestError(f"cannot move the send ledger {old} to {new}: {exc.strerror}") from None
    return new


def move_legacy_files(out: Path, state_dir: Path) -> list[str]:
    """Move every ledger and ``issue.eml`` an older digest left in ``out`` to the state folder.

    Returns one line per file moved.
    """
    moved: list[str] = []
    if not out.is_dir():
        return moved
    for entry in sorted(out.iterdir()):  # ledgers are files beside the issue folders
        match = _LEGACY_LEDGER.match(entry.name)
        if match and not match.group(2):
            new = move_legacy_ledger(out, state_dir, dt.date.fromisoformat(match.group(1)))
            if new:
                moved.append(f"moved {entry} to {new}")
    for date, folder in sorted(issue_folders(out, "issue.eml")):
        target = export_path(state_dir, date)
        ensure_dir(target.parent)
        if target.exists():
            target = target.with_name(f"{folder.name}.from-out.eml")
        try:
            os.replace(folder / "issue.eml", target)
            os.chmod(target, FILE_MODE)
        except OSError as exc:
            raise DigestError(f"cannot move {folder / 'issue.eml'} to {target}: {exc.strerror}") from None
        moved.append(f"moved {folder / 'issue.eml'} to {target}")
    return moved


def publishable(parts: tuple[str, ...] | list[str]) -> bool:
    """Whether the file at ``out/<parts>`` may be published: the archive's files and issue files only."""
    if not parts or any(not p or p.startswith(".") for p in parts):
        return False  # hidden files and temporary folders never
    if len(parts) == 1:
        return parts[0] in PUBLISHABLE_TOP
    return bool(ISSUE_FOLDER.match(parts[0])) and Path(parts[-1]).suffix.lower() in PUBLISHABLE_SUFFIXES


def out_problems(out: Path) -> list[str]:
    """What in ``out`` should not be published: unexpected files, and placeholders left in a page.

    Hidden entries (the build's temporary folders) are not listed.
    """
    problems: list[str] = []
    if not out.is_dir():
        return problems
    for root, dirs, files in os.walk(out):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            parts = path.relative_to(out).parts
            if not publishable(parts):
                problems.append(f"{path} is not a publishable file; move it out of {out}")
            elif path.suffix.lower() in (".html", ".txt", ".xml"):
                try:
                    text = path.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                found = ANY_PLACEHOLDER.search(text)
                if found:
                    problems.append(f"{path} still holds the placeholder {found.group(0)!r} "
                                    f"(built by an older digest? rebuild it with {option('force')})")
    return problems
