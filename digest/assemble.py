"""Articles + a date window -> an Issue: pick the window's articles, summarize, order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from .errors import DigestError, NoArticlesError, ReadError
from .model import Consideration, Issue, Story
from .readers import read_file, reader_for
from .summarize import summarize

#: Called with one line of progress for the user; the CLI prints it on stderr.
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def article_files(folder: Path) -> list[Path]:
    """Every non-hidden file below ``folder``, in a stable order."""
    if not folder.exists():
        raise DigestError(f"articles folder {folder} does not exist")
    if not folder.is_dir():
        raise DigestError(f"articles folder {folder} is not a folder")
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def window(date: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """First and last day of the issue's window of ``days`` days ending on ``date``."""
    return date - dt.timedelta(days=days - 1), date


def assemble_issue(
    folder: Path,
    date: dt.date,
    days: int = 1,
    bullets: int = 3,
    progress: Progress = _quiet,
) -> Issue:
    """Build the issue dated ``date`` from the articles in ``folder``.

    Every file is accounted for in ``Issue.considered``: read errors, undated
    articles and articles outside the window are left out with the reason.
    Raises :class:`NoArticlesError` when no article falls in the window.
    """
    if days < 1:
        raise DigestError(f"--days must be at least 1, not {days}")
    first, last = window(date, days)
    files = article_files(folder)
    progress(f"Reading {len(files)} file{'s' * (len(files) != 1)} from {folder}")
    considered: list[Consideration] = []
    for path in files:
        if reader_for(path) is None:
            considered.append(Consideration(str(path), False, f"unsupported file type {path.suffix!r}"))
            continue
        try:
            found = read_file(path)
        except ReadError as exc:
            considered.append(Consideration(str(path), False, f"unreadable: {exc}"))
            continue
        for article in found:
            if article.date is None:
                reason = "no publication date found"
                considered.append(Consideration(str(path), False, reason, article))
            elif not first <= article.date <= last:
                reason = f"dated {article.date.isoformat()}, outside the window {_span(first, last)}"
                considered.append(Consideration(str(path), False, reason, article))
            else:
                considered.append(Consideration(str(path), True, "in the window", article))

    chosen = [c.article for c in considered if c.included and c.article is not None]
    if not chosen:
        raise NoArticlesError(
            f"no article falls in the window {_span(first, last)}: "
            f"{len(files)} file{'s' * (len(files) != 1)} in {folder}, "
            f"{sum(1 for c in considered if c.article and c.article.date)} dated outside it, "
            f"{sum(1 for c in considered if c.article and not c.article.date)} undated, "
            f"{sum(1 for c in considered if c.article is None)} unreadable"
        )
    progress(f"Summarizing {len(chosen)} article{'s' * (len(chosen) != 1)}")
    # Newest first, then by title so the order is stable from build to build.
    chosen.sort(key=lambda a: (-(a.date or first).toordinal(), a.title, a.path))
    stories = tuple(Story(article=a, summary=summarize(a, bullets=bullets)) for a in chosen)
    return Issue(date=date, days=days, stories=stories, considered=tuple(considered))


def _span(first: dt.date, last: dt.date) -> str:
    return last.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
