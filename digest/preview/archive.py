"""The issues in the output folder: what the archive page lists and the checks panel shows."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..checks import Check, check_issue
from ..output import issue_folders
from .frame import has_dark_styles

#: An issue folder is named after its date.
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def contained(out: Path, path: Path) -> bool:
    """Whether ``path`` exists and really lies inside ``out`` (no symlink leads out of it)."""
    try:
        return path.resolve(strict=True).is_relative_to(out.resolve())
    except (OSError, RuntimeError):
        return False


def issue_page(out: Path, date: dt.date) -> Path | None:
    """``out/<date>/index.html`` when it is a file inside ``out``, else None."""
    page = out / date.isoformat() / "index.html"
    return page if page.is_file() and contained(out, page) else None


def issue_dates(out: Path) -> list[dt.date]:
    """The dates of the issues built in ``out`` (folders holding an index.html), newest first."""
    # A link out of the output folder is never served.
    return [date for date, folder in issue_folders(out, "index.html") if contained(out, folder / "index.html")]


def newest_issue(out: Path) -> dt.date | None:
    """The date of the newest issue in ``out``, or None when there is none."""
    dates = issue_dates(out)
    return dates[0] if dates else None


@dataclass(frozen=True)
class IssueEntry:
    """One issue as the archive lists it."""

    date: dt.date
    title: str
    number: int | None
    stories: tuple[str, ...]
    html_bytes: int
    problems: int
    manifest_error: str | None


@dataclass(frozen=True)
class IssueReport:
    """Everything the preview page shows around an issue."""

    entry: IssueEntry
    html: str
    text: str
    checks: tuple[Check, ...]
    #: (where, message): extraction warnings of the articles and the issue's own warnings.
    warnings: tuple[tuple[str, str], ...]
    #: (file, reason) of every article file considered but not in the issue.
    left_out: tuple[tuple[str, str], ...]
    has_dark_styles: bool
    #: Every story of the manifest with its id and the edition's changes to it.
    stories: tuple[StoryRow, ...] = ()
    #: What the edition file did ("2 pinned, 1 dropped, ..." and the file), when there is one.
    edition: str | None = None


@dataclass(frozen=True)
class StoryRow:
    """One story in the checks panel: its id (to copy into the edition file) and its edits."""

    id: str
    title: str
    shown: bool
    edited: tuple[str, ...]
    omitted: str | None


def _story_rows(manifest: dict) -> tuple[StoryRow, ...]:
    rows = []
    for story in manifest.get("stories") or []:
        if not isinstance(story, dict):
            continue
        edited = story.get("edited") if isinstance(story.get("edited"), list) else []
        rows.append(StoryRow(str(story.get("id") or ""), str(story.get("title") or "(untitled)"),
                             bool(story.get("shown", True)), tuple(str(e) for e in edited),
                             str(story["omitted"]) if story.get("omitted") else None))
    return tuple(rows)


def _edition_line(manifest: dict) -> str | None:
    edition = manifest.get("edition")
    if not isinstance(edition, dict):
        return None
    counts = ", ".join(f"{edition.get(k, 0)} {k}" for k in ("pinned", "dropped", "rewritten", "added"))
    return f"{counts} ({edition.get('file')})"


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return ""


def _manifest(folder: Path) -> tuple[dict, str | None]:
    path = folder / "issue.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, "issue.json is missing"
    except (OSError, ValueError) as exc:
        return {}, f"issue.json cannot be read: {exc}"
    if not isinstance(data, dict):
        return {}, "issue.json does not hold an object"
    return data, None


def _title(page: str, date: dt.date) -> str:
    found = _TITLE.search(page)
    title = " ".join(html.unescape(found.group(1)).split()) if found else ""
    return title or f"Issue of {date.isoformat()}"


def _stories(manifest: dict) -> tuple[str, ...]:
    stories = manifest.get("stories") or []
    return tuple(str(s.get("title") or "(untitled)") for s in stories
                 if isinstance(s, dict) and s.get("shown", True))


def issue_report(out: Path, date: dt.date) -> IssueReport:
    """Read ``out/<date>/`` and run the checks on it (``FileNotFoundError`` when not built).

    A file that is a link leading out of ``out`` counts as missing.
    """
    folder = out / date.isoformat()
    html_path = issue_page(out, date)
    if html_path is None:
        raise FileNotFoundError(folder / "index.html")
    page = html_path.read_text(encoding="utf-8", errors="replace")
    text = _read(folder / "index.txt") if contained(out, folder / "index.txt") else ""
    manifest, manifest_error = _manifest(folder) if contained(out, folder / "issue.json") else ({}, "issue.json is missing")
    checks = tuple(check_issue(page, text))
    warnings: list[tuple[str, str]] = [("issue", str(w)) for w in manifest.get("warnings") or []]
    left_out: list[tuple[str, str]] = []
    for article in manifest.get("articles") or []:
        if not isinstance(article, dict):
            continue
        where = str(article.get("title") or article.get("path") or "an article")
        if article.get("included"):
            warnings += [(where, str(w)) for w in article.get("warnings") or []]
        else:
            left_out.append((str(article.get("path") or "?"), str(article.get("reason") or "")))
    number = manifest.get("number")
    entry = IssueEntry(
        date=date,
        title=_title(page, date),
        number=number if isinstance(number, int) else None,
        stories=_stories(manifest),
        html_bytes=len(page.encode("utf-8")),
        problems=sum(1 for c in checks if not c.ok) + len(warnings) + (manifest_error is not None),
        manifest_error=manifest_error,
    )
    return IssueReport(entry, page, text, checks, tuple(warnings), tuple(left_out), has_dark_styles(page),
                       stories=_story_rows(manifest), edition=_edition_line(manifest))


def archive(out: Path) -> list[IssueEntry]:
    """Every issue in ``out``, newest first."""
    entries = []
    for date in issue_dates(out):
        try:
            entries.append(issue_report(out, date).entry)
        except FileNotFoundError:
            continue  # removed while we were listing
    return entries
