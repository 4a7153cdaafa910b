"""The read stage: every file of the scanned articles folder -> its articles, or the reason it gives none."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ReadError
from ..model import Article, Consideration, Reading
from ..progress import Progress, count, quiet
from ..workers import Workers
from . import read_file, reader_for
from .scan import FolderScan
from .source import registered_domain


def read_articles(folder: Path, scan: FolderScan, workers: Workers, sources: tuple[tuple[str, str], ...] = (),
                  progress: Progress = quiet) -> Reading:
    """Read every file of ``scan`` (made of ``folder``), in ``workers``; credit articles per ``sources``.

    ``sources`` renames outlets by domain (``("hosted.ap.org", "AP")``).
    """
    progress(f"Reading {count(len(scan.files), 'file')} from {folder}")
    found = workers.map(_read_one, [str(p) for p in scan.files])
    entries: list[Article | Consideration] = []
    for path, result in zip(scan.files, found):
        if isinstance(result, str):
            entries.append(Consideration(str(path), False, result))
        else:
            entries.extend(renamed(article, sources) for article in result)
    entries.extend(Consideration(path, False, f"unreadable: {reason}") for path, reason in scan.problems)
    return Reading(folder=str(folder), files=len(scan.files), entries=tuple(entries))


def _read_one(path: str) -> list[Article] | str:
    """One file's articles, or the reason it is left out (runs in a worker process)."""
    file = Path(path)
    if reader_for(file) is None:
        return f"unsupported file type {file.suffix or '(no extension)'!r}"
    try:
        return read_file(file)
    except ReadError as exc:
        return f"unreadable: {exc}"


def renamed(article: Article, sources: tuple[tuple[str, str], ...]) -> Article:
    """The article credited to the name the ``sources`` setting gives its URL's host or domain, if any."""
    if not sources or not article.url:
        return article
    host = (urlsplit(article.url).hostname or "").lower().removeprefix("www.")
    names = {domain.lower().removeprefix("www."): name for domain, name in sources}
    name = names.get(host) or names.get(registered_domain(article.url) or "")
    return dataclasses.replace(article, source=name) if name else article
