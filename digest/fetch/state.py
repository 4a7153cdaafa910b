"""What fetching remembers between runs: one SQLite file in the state folder (never in out/).

- ``feeds``: per feed URL, the ETag and Last-Modified for a conditional GET,
  when it was last fetched, and its last error;
- ``seen``: every key an article was known by (its guid, its canonical URL,
  its URL without tracking parameters) and the file it was saved to, so the
  same article is never saved twice.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import DigestError

STATE_FILE = "fetch.sqlite"
#: Feed records and keys of articles not saved are committed at most this often; a saved
#: article's keys at once, so a killed run never downloads a saved article again.
COMMIT_EVERY = 1.0


@dataclass(frozen=True)
class FeedState:
    etag: str | None = None
    last_modified: str | None = None


class FetchState:
    def __init__(self, state_dir: Path) -> None:
        try:
            state_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            path = state_dir / STATE_FILE
            if not path.exists():
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            self._db = sqlite3.connect(path)
            # WAL without a sync per commit: each saved article is committed at once,
            # and a killed run keeps every commit; only a power loss may lose the last ones.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(
                "CREATE TABLE IF NOT EXISTS feeds (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT,"
                " title TEXT, fetched TEXT, error TEXT);"
                "CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, path TEXT, first_seen TEXT);")
        except (OSError, sqlite3.Error) as exc:
            raise DigestError(f"{state_dir / STATE_FILE}: cannot open the fetch state: {exc}") from None
        self._committed = time.monotonic()

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    def _commit(self, now: bool = True) -> None:
        if now or time.monotonic() - self._committed >= COMMIT_EVERY:
            self._db.commit()
            self._committed = time.monotonic()

    def feed(self, url: str) -> FeedState:
        row = self._db.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)).fetchone()
        return FeedState(*row) if row else FeedState()

    def record_feed(self, url: str, *, title: str | None = None, etag: str | None = None,
                    last_modified: str | None = None, error: str | None = None) -> None:
        """Remember a fetch of ``url``: validators on success (kept on 304 or error), the error otherwise."""
        now = _now()
        self._db.execute(
            "INSERT INTO feeds (url, etag, last_modified, title, fetched, error) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET etag = COALESCE(excluded.etag, etag),"
            " last_modified = COALESCE(excluded.last_modified, last_modified),"
            " title = COALESCE(excluded.title, title), fetched = excluded.fetched, error = excluded.error",
            (url, etag, last_modified, title, now, error))
        self._commit(now=False)

    def known(self, keys: Iterable[str]) -> bool:
        keys = [k for k in keys if k]
        if not keys:
            return False
        marks = ",".join("?" * len(keys))
        return self._db.execute(f"SELECT 1 FROM seen WHERE key IN ({marks}) LIMIT 1", keys).fetchone() is not None

    def remember(self, keys: Iterable[str], path: str | None) -> None:
        now = _now()
        self._db.executemany("INSERT OR IGNORE INTO seen (key, path, first_seen) VALUES (?, ?, ?)",
                             [(k, path, now) for k in keys if k])
        self._commit(now=path is not None)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
