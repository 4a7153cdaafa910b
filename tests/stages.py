"""The build's stages from the articles folder to the arranged Issue, as digest.pipeline.build runs them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from digest.arrange import arrange, check_sections_mode
from digest.merge import merge
from digest.model import Issue
from digest.readers.folder import read_articles
from digest.readers.scan import scan_folder
from digest.select import select, window
from digest.summaries import summarize_events
from digest.workers import worker_pool


def assemble_issue(folder: Path, date: dt.date, days: int = 1, bullets: int = 3, *, sections: str = "auto",
                   workers: int | None = None, sources: tuple[tuple[str, str], ...] = (),
                   section_hints: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Issue:
    """The issue dated ``date`` from ``folder``, before numbering, editing and rendering."""
    span = window(date, days)
    check_sections_mode(sections)
    scan = scan_folder(folder)
    with worker_pool(workers, len(scan.files)) as pool:
        merged = merge(select(read_articles(folder, scan, pool, sources), span))
        summaries = summarize_events(merged.events, pool, bullets)
    return arrange(merged, summaries, sections=sections, section_hints=section_hints)
