"""The build, stage by stage: read -> select -> merge -> summarize -> arrange -> edit -> render -> write -> archive.

Each stage is a function with a typed input and output (the contracts are
in digest/model.py); docs/design.md lists them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from .archive import issue_number, last_issue_date, write_archive
from .arrange import arrange, check_sections_mode
from .config import Settings
from .edition import edit_issue, edition_path, load_edition
from .errors import DigestError, IssueExistsError, NoArticlesError, option
from .merge import merge
from .output import out_lock, recover_interrupted, write_issue
from .placeholders import unsubscribe_mailbox, web_version
from .progress import Progress, count, quiet
from .readers.folder import read_articles
from .readers.scan import scan_folder
from .render import render_issue
from .select import select, window
from .state import move_legacy_files, out_problems, save_email
from .summaries import summarize_events
from .workers import worker_pool


def build(settings: Settings, date: dt.date, force: bool = False, progress: Progress = quiet,
          since: dt.date | str | None = None, edition: bool = True) -> Path:
    """Build the issue dated ``date`` into ``settings.out`` and return its folder.

    ``since`` (a date, or ``"last"`` for the day after the newest earlier issue
    in ``out``) makes the window run from that day through ``date``, in place
    of ``settings.days``. The date's edition file (``settings.editions``) is
    applied unless ``edition`` is False.
    """
    target = settings.out / date.isoformat()
    _recover(settings.out, progress)
    if target.exists() and not force:
        # Fail before the slow work, not after it.
        raise IssueExistsError(f"{target} exists already; use {option('force')} to replace it")
    span = window(date, settings.days if since is None else since_days(settings.out, date, since))
    check_sections_mode(settings.sections)
    if edition:
        load_edition(edition_path(settings, date))  # bad TOML is found before the slow work too

    scan = scan_folder(settings.articles)
    with worker_pool(settings.workers, len(scan.files)) as workers:
        reading = read_articles(settings.articles, scan, workers, settings.sources, progress)
        try:
            selection = select(reading, span, progress)
        except NoArticlesError as exc:
            if since is None:
                raise
            raise NoArticlesError(f"nothing new since {_since_text(settings.out, date, since)}, "
                                  f"no issue built: {exc}") from None
        merged = merge(selection, progress)
        summaries = summarize_events(merged.events, workers, settings.bullets, settings.max_words, progress)
    issue = arrange(merged, summaries, max_stories=settings.max_stories, word_budget=settings.word_budget,
                    sections=settings.sections, section_hints=settings.section_hints, progress=progress)

    with out_lock(settings.out):  # numbering to archive: one build at a time per OUT
        for note in recover_interrupted(settings.out):
            progress(note)
        issue = dataclasses.replace(issue, number=issue_number(settings.out, date))
        issue = edit_issue(issue, settings, progress, use_edition=edition)  # ids; the editor's pins, drops, rewrites
        progress(f"Rendering {count(len(issue.stories), 'story', 'stories')}")
        rendered = render_issue(issue, settings, progress)  # fitted to the size budget, checked
        issue = rendered.issue
        # The email (placeholders in) is kept in the state folder for digest send; out/ gets the
        # web version, with the generic unsubscribe link, since anyone may read it.
        save_email(settings.state_dir, date, rendered.html, rendered.text)
        mailbox = unsubscribe_mailbox(settings)
        folder = write_issue(settings.out, issue,
                             {"index.html": web_version(rendered.html, mailbox, as_html=True),
                              "index.txt": web_version(rendered.text, mailbox, as_html=False)}, force=force)
        for line in move_legacy_files(settings.out, settings.state_dir):
            progress(line)
        index, feed = write_archive(settings.out, settings)
    progress(f"Updated the archive: {index} and {feed}")
    for problem in out_problems(settings.out):
        progress(f"Warning: {problem}")
    left_out = sum(1 for c in issue.considered if not c.included)
    shown, held = len(issue.shown), len(issue.stories) - len(issue.shown)
    progress(f"Wrote {folder}: {count(shown, 'story', 'stories')} in the email"
             + (f" ({held} more listed in issue.json only)" if held else "")
             + f", {count(left_out, 'file')} left out (see issue.json)")
    return folder


def _recover(out: Path, progress: Progress) -> None:
    """Put OUT right after a killed build, before anything looks at its issues."""
    if out.is_dir():
        with out_lock(out):
            for note in recover_interrupted(out):
                progress(note)


def since_days(out: Path, date: dt.date, since: dt.date | str) -> int:
    """Days in the window from ``since`` (a date or "last") through ``date``."""
    if since == "last":
        last = last_issue_date(out, date)
        if last is None:
            raise DigestError(f"{option('since')} last: no issue before {date.isoformat()} in {out}; give a date")
        first = last + dt.timedelta(days=1)
    elif isinstance(since, dt.date):
        first = since
    else:
        raise DigestError(f"{option('since')} must be a date YYYY-MM-DD or 'last', not {since!r}")
    if first > date:
        raise NoArticlesError(f"nothing new since {_since_text(out, date, since)}: the window would start "
                              f"on {first.isoformat()}, after {option('date')} {date.isoformat()}; no issue built")
    return (date - first).days + 1


def _since_text(out: Path, date: dt.date, since: dt.date | str) -> str:
    if since == "last":
        last = last_issue_date(out, date)
        return f"the last issue ({last.isoformat()})" if last else "the last issue"
    return since.isoformat() if isinstance(since, dt.date) else str(since)
