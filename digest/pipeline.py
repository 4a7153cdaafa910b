"""The stages in order: read -> summarize -> assemble -> render -> write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .assemble import Progress, assemble_issue
from .config import Settings
from .errors import IssueExistsError
from .output import write_issue
from .render import render_issue


def _quiet(_: str) -> None:
    pass


def build(settings: Settings, date: dt.date, force: bool = False, progress: Progress = _quiet) -> Path:
    """Build the issue dated ``date`` into ``settings.out`` and return its folder."""
    target = settings.out / date.isoformat()
    if target.exists() and not force:
        # Fail before the slow work, not after it.
        raise IssueExistsError(f"{target} exists already; use --force to replace it")
    issue = assemble_issue(settings.articles, date, days=settings.days, bullets=settings.bullets, progress=progress)
    progress(f"Rendering {len(issue.stories)} stor{'ies' if len(issue.stories) != 1 else 'y'}")
    issue, html, text = render_issue(issue, settings, progress)  # fits the size budget, checks parity
    folder = write_issue(settings.out, issue, {"index.html": html, "index.txt": text}, force=force)
    left_out = sum(1 for c in issue.considered if not c.included)
    progress(f"Wrote {folder}: {len(issue.stories)} stor{'ies' if len(issue.stories) != 1 else 'y'}, "
             f"{left_out} file{'s' * (left_out != 1)} left out (see issue.json)")
    return folder
