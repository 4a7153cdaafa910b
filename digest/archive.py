"""The archive of every issue in OUT: numbering, out/index.html, the Atom feed out/feed.xml.

Everything here is derived from the ``issue.json`` manifests in ``OUT/<date>/``
folders, so the archive is rebuilt the same way by every build and never holds
a wall-clock time: the feed's ``updated`` is the newest issue's date.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomic
from .config import Settings
from .errors import DigestError
from .output import issue_folders
from .templating import environment
from .urls import safe_url

ARCHIVE_TEMPLATE = "archive.html.j2"
FEED_TEMPLATE = "feed.xml.j2"
#: Issues listed in the feed (the newest); the archive page lists them all.
FEED_ENTRIES = 50


@dataclass(frozen=True)
class ArchivedIssue:
    """One issue as the archive lists it, read back from its issue.json."""

    date: dt.date
    number: int
    titles: tuple[str, ...]
    ledes: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"{self.date.isoformat()}/index.html"


def archived_issues(out: Path) -> list[ArchivedIssue]:
    """Every issue in ``out`` (folders named YYYY-MM-DD holding an issue.json), newest first."""
    issues = []
    for date, folder in issue_folders(out, "issue.json"):
        manifest_path = folder / "issue.json"
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DigestError(f"{manifest_path}: not a readable issue manifest ({exc})") from None
        shown = [s for s in manifest.get("stories", []) if s.get("shown", True)]
        issues.append(ArchivedIssue(
            date=date,
            number=int(manifest.get("number") or 0),
            titles=tuple(str(s.get("title", "")) for s in shown),
            ledes=tuple(str(s.get("lede", "")) for s in shown),
        ))
    return sorted(issues, key=lambda i: (i.date, i.number), reverse=True)


def issue_number(out: Path, date: dt.date) -> int:
    """The number of the issue dated ``date``: the one it has when it is rebuilt, else the next one.

    Issues are numbered in the order they were first built (No. 1, 2, ...);
    rebuilding an issue (``force``) keeps its number, so the same
    ``out/`` and inputs always give the same number.
    """
    issues = archived_issues(out)
    for issue in issues:
        if issue.date == date and issue.number > 0:
            return issue.number
    return max((i.number for i in issues), default=0) + 1


def last_issue_date(out: Path, before: dt.date) -> dt.date | None:
    """The date of the newest issue in ``out`` dated before ``before``, or None."""
    dates = [i.date for i in archived_issues(out) if i.date < before]
    return max(dates, default=None)


def write_archive(out: Path, settings: Settings) -> tuple[Path, Path]:
    """Write ``out/index.html`` and ``out/feed.xml`` from the issues in ``out``, atomically."""
    issues = archived_issues(out)
    page = render_archive(issues, settings)
    feed = render_feed(issues[:FEED_ENTRIES], settings)
    return _replace(out / "index.html", page), _replace(out / "feed.xml", feed)


def render_archive(issues: list[ArchivedIssue], settings: Settings) -> str:
    template = environment(settings.templates, autoescape=True).get_template(ARCHIVE_TEMPLATE)
    return template.render(issues=issues, settings=settings, newsletter_name=settings.newsletter_name)


def render_feed(issues: list[ArchivedIssue], settings: Settings) -> str:
    """The Atom (RFC 4287) feed: one entry per issue, ids stable across builds."""
    base = safe_url(settings.web_url) or ""
    if base and not base.endswith("/"):
        base += "/"
    key = base or f"digest:{settings.newsletter_name}"
    template = environment(settings.templates, autoescape=True).get_template(FEED_TEMPLATE)
    return template.render(
        settings=settings,
        newsletter_name=settings.newsletter_name,
        base=base,
        feed_id=base or _urn(key),
        updated=_timestamp(issues[0].date) if issues else _timestamp(dt.date(1970, 1, 1)),
        entries=[
            {"issue": issue, "id": _urn(f"{key}#{issue.date.isoformat()}"), "updated": _timestamp(issue.date),
             "link": base + issue.path}
            for issue in issues
        ],
    )


def _urn(key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _replace(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically, readable by all (it is published)."""
    write_atomic(path, text, 0o644)
    return path

