"""Writing an issue to OUT/<date>/: the manifest, atomic replacement (``force``), the lock on OUT, recovery."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import DigestError, IssueExistsError, option
from .model import Article, Issue, Story


def article_record(article: Article) -> dict[str, Any]:
    """An article's metadata as JSON-ready values (the extract --format json row, minus body)."""
    return {
        "path": article.path,
        "title": article.title,
        "date": article.date.isoformat() if article.date else None,
        "source": article.source,
        "url": article.url,
        "author": article.author,
        "language": article.language,
        "warnings": list(article.warnings),
        "image": dataclasses.asdict(article.image) if article.image else None,
    }


def manifest(issue: Issue) -> dict[str, Any]:
    """issue.json: every file considered, with the reason, and every story."""
    return {
        "date": issue.date.isoformat(),
        "number": issue.number,
        "window": {"start": issue.window_start.isoformat(), "end": issue.date.isoformat(), "days": issue.days},
        "articles": [
            {
                "path": c.path,
                "included": c.included,
                "reason": c.reason,
                **({k: v for k, v in article_record(c.article).items() if k != "path"} if c.article else {}),
            }
            for c in issue.considered
        ],
        "stories": [
            {
                "id": story.id,
                "title": story.article.title,
                "lede": story.summary.lede,
                "bullets": list(story.summary.bullets),
                "keywords": list(story.summary.keywords),
                "reading_minutes": story.summary.reading_minutes,
                "section": story.section,
                "shown": story.omitted is None,
                "omitted": story.omitted,
                "articles": [article_record(a) for a in (story.article, *story.also, *story.same_outlet)],
                # Why these reports are one story (docs/assembling.md); null for a single report.
                "merged_because": story.evidence,
                **_edits(story),
            }
            for story in issue.stories
        ],
        "warnings": list(issue.warnings),
        **_edition(issue),
    }


def _edits(story: Story) -> dict[str, Any]:
    """What the edition file changed in a story, and the summarizer's values it replaced."""
    if not story.edits:
        return {}
    original = {e.field: list(e.original) if isinstance(e.original, tuple) else e.original
                for e in story.edits if e.field in ("title", "lede", "bullets", "section")}
    return {"edited": [e.field for e in story.edits], **({"original": original} if original else {})}


def _edition(issue: Issue) -> dict[str, Any]:
    if issue.edition is None:
        return {}
    summary = issue.edition
    return {"subject": issue.subject, "intro": issue.intro or None,
            "edition": {"file": summary.file, "pinned": summary.pinned, "dropped": summary.dropped,
                        "rewritten": summary.rewritten, "added": summary.added}}


#: The name of an issue's folder in ``out/``: its date.
ISSUE_FOLDER = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def issue_folders(out: Path, holding: str) -> list[tuple[dt.date, Path]]:
    """The issue folders of ``out`` that hold a file named ``holding``, as (date, folder), newest first.

    The one scanner of ``out/``: a folder counts when its name is a real date
    (not 2021-13-40) and ``holding`` in it is a file.
    """
    if not out.is_dir():
        return []
    found = []
    for folder in out.iterdir():
        if not ISSUE_FOLDER.match(folder.name) or not (folder / holding).is_file():
            continue
        try:
            found.append((dt.date.fromisoformat(folder.name), folder))
        except ValueError:
            continue
    return sorted(found, reverse=True)


def write_issue(out: Path, issue: Issue, files: dict[str, str], force: bool = False) -> Path:
    """Write ``files`` and issue.json into ``out/<date>/`` atomically and return that folder.

    The files go to a temporary folder beside the target, which is renamed into
    place; an existing issue folder is replaced only with ``force``, and only
    once the new one is complete.
    """
    target = out / issue.date.isoformat()
    if target.exists() and not force:
        raise IssueExistsError(f"{target} exists already; use {option('force')} to replace it")
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=out))
    except OSError as exc:
        raise DigestError(f"cannot write to {out}: {exc.strerror}") from None
    try:
        contents = dict(files)
        contents["issue.json"] = json.dumps(manifest(issue), indent=2, ensure_ascii=False) + "\n"
        for name, text in contents.items():
            (staging / name).write_text(text, encoding="utf-8")
        os.chmod(staging, 0o755)
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=out))
            os.replace(target, retired / target.name)
            os.replace(staging, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(staging, target)
    except OSError as exc:
        raise DigestError(f"cannot write {target}: {exc.strerror}") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


# Exactly the names tempfile.mkdtemp/mkstemp give (8 characters of [a-z0-9_]), so
# that a user's own ".2021-12-07.backup" is never taken for a build's leftovers.
_STAGING = re.compile(r"\.(\d{4}-\d{2}-\d{2})\.(old\.)?[a-z0-9_]{8}")
_TEMPORARY_FILE = re.compile(r"\.(?:index\.html|feed\.xml)\.[a-z0-9_]{8}")


@contextlib.contextmanager
def out_lock(out: Path) -> Iterator[None]:
    """Hold OUT's lock while numbering, writing and archiving an issue: builds into one OUT take turns.

    Two builds of different dates numbered at once would both be No. 1. The
    lock is an fcntl (flock) lock on the OUT folder itself, so no lock file
    lands in the published archive, and the system releases it when a build
    is killed: a crash never leaves OUT locked.
    """
    try:
        import fcntl
    except ImportError:  # not Unix: no lock, as before
        yield
        return
    try:
        out.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(out, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DigestError(f"cannot lock {out}: {exc.strerror}") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def recover_interrupted(out: Path) -> list[str]:
    """Undo what a killed build left in OUT, and say what was done (call with :func:`out_lock` held).

    A build killed between the two renames of a forced rebuild leaves OUT/<date>
    missing and the old issue in ``.<date>.old.*``: the old issue is put back
    (the interrupted build made nothing the user has seen). Staging folders
    and temporary archive files of killed builds are removed.
    """
    if not out.is_dir():
        return []
    notes = []
    for entry in sorted(out.iterdir()):
        staged = _STAGING.fullmatch(entry.name)
        if staged and entry.is_dir() and not entry.is_symlink():
            date, retired = staged.groups()
            hidden, target = entry / date, out / date
            try:
                if retired and hidden.is_dir() and not target.exists():
                    os.replace(hidden, target)
                    notes.append(f"Restored {target}: a build replacing it was interrupted")
                shutil.rmtree(entry)
            except OSError as exc:
                raise DigestError(f"cannot clean up {entry} left by an interrupted build: {exc.strerror}") from None
            notes.append(f"Removed {entry}, left by an interrupted build")
        elif _TEMPORARY_FILE.fullmatch(entry.name) and entry.is_file() and not entry.is_symlink():
            entry.unlink(missing_ok=True)
            notes.append(f"Removed {entry}, left by an interrupted build")
    return notes
