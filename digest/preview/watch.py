"""--watch: rebuild the previewed issue when an article, a template or a setting changes.

Polling modification times is enough here (a few hundred files at most) and
needs no dependency. A failed rebuild is kept as the status's error, for the
preview page to show; the server goes on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..config import CONFIG_FILE, Settings
from ..edition import edition_path
from ..errors import DigestError
from ..pipeline import build
from ..progress import Progress, quiet
from ..templating import shipped_templates

Snapshot = dict[str, tuple[int, int]]


def settings_file(explicit: Path | None, env: dict[str, str] | None = None) -> Path:
    """The digest.toml the settings come from (or would, once it exists)."""
    env = dict(os.environ) if env is None else env
    if explicit is not None:
        return explicit
    if env.get("DIGEST_CONFIG"):
        return Path(env["DIGEST_CONFIG"])
    return Path(CONFIG_FILE)


def snapshot(paths: list[Path]) -> Snapshot:
    """(mtime, size) of every file under ``paths``; a missing path simply has no entry."""
    seen: Snapshot = {}
    for path in paths:
        files = [path] if path.is_file() else (p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for file in files:
            try:
                stat = file.stat()
            except OSError:
                continue  # removed between listing and stat
            seen[str(file)] = (stat.st_mtime_ns, stat.st_size)
    return seen


@dataclass(frozen=True)
class WatchStatus:
    """What the preview page needs to know about the watcher."""

    builds: int
    error: str | None
    building: bool


class Watcher:
    """Rebuilds the issue dated ``date`` into ``out`` whenever its sources change.

    ``load_settings`` is called before each rebuild, so an edited digest.toml
    takes effect; the output folder stays the one being served.
    """

    def __init__(self, date: dt.date, out: Path, load_settings: Callable[[], Settings],
                 config_file: Path | None = None, interval: float = 0.5, progress: Progress = quiet) -> None:
        self.date = date
        self.out = out
        self.load_settings = load_settings
        self.config_file = config_file
        self.interval = interval
        self.progress = progress
        self._lock = threading.Lock()
        self._status = WatchStatus(0, None, False)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._settings = load_settings()

    def sources(self) -> list[Path]:
        """What is watched: the articles, the user's and the shipped templates, the settings file, the edition file."""
        paths = [self._settings.articles, shipped_templates(), edition_path(self._settings, self.date)]
        if self._settings.templates is not None:
            paths.append(self._settings.templates)
        if self.config_file is not None:
            paths.append(self.config_file)
        return paths

    @property
    def status(self) -> WatchStatus:
        with self._lock:
            return self._status

    def _set(self, **changes: object) -> None:
        with self._lock:
            self._status = dataclasses.replace(self._status, **changes)

    def rebuild(self) -> None:
        """Build the issue again (replacing it); a failure becomes the status's error."""
        self._set(building=True)
        error = None
        try:
            self._settings = dataclasses.replace(self.load_settings(), out=self.out)
            build(self._settings, self.date, force=True)
            self.progress(f"Rebuilt {self.out / self.date.isoformat()}")
        except DigestError as exc:
            error = str(exc)
            self.progress(f"Rebuild failed: {error}")
        except Exception as exc:  # a bug in a stage: report it, keep serving
            error = f"internal error: {exc!r} (traceback on the terminal)"
            traceback.print_exc(file=sys.stderr)
        with self._lock:
            self._status = WatchStatus(self._status.builds + 1, error, False)

    def _run(self, before: Snapshot) -> None:
        while not self._stop.wait(self.interval):
            now = snapshot(self.sources())
            if now == before:
                continue
            # Let an editor finish saving (several writes) before building.
            while not self._stop.wait(self.interval):
                settled = snapshot(self.sources())
                if settled == now:
                    break
                now = settled
            if self._stop.is_set():
                return
            paths = self.sources()
            self.rebuild()
            # Compared with what was built from, a file saved during the build is built next.
            before = now if self.sources() == paths else snapshot(self.sources())

    def start(self) -> None:
        """Start watching; what changes after this returns is rebuilt."""
        # The first snapshot is taken here, not on the thread: an edit made
        # just after start() would otherwise be part of it and never rebuilt.
        before = snapshot(self.sources())
        self._thread = threading.Thread(target=self._run, args=(before,), name="digest-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
