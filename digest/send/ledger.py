"""The send ledger: one SQLite file per issue recording what happened to each recipient.

It lives in the state folder (``STATE/ledgers/<date>.send-ledger.sqlite``,
mode 600; see :mod:`digest.state`), never in out/, which is published, and
apart from the issue folder, so a forced rebuild of the issue cannot wipe the
record of who already has the issue. A ledger an older digest left in out/
is moved there on first use.

Every change is committed before the next SMTP command, so a crash, Ctrl-C or
``kill -9`` leaves an exact record. A recipient's state in a round:

- ``pending``: not tried yet;
- ``sending``: written just before DATA; still there on the next run means the
  process died while the server had the message: the outcome is ``unknown``;
- ``sent`` (2xx after DATA), ``failed`` (5xx, permanent), ``deferred`` (4xx or
  network errors after every retry; tried again on the next run), ``unknown``.

A round is one pass over the list; ``SendOptions.force`` starts a new one.
"""

from __future__ import annotations

import datetime as dt
import enum
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .. import state
from ..errors import DigestError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no fcntl; no lock there
    fcntl = None  # type: ignore[assignment]



class SendState(enum.StrEnum):
    """A recipient's state in the ledger; the values are what the SQLite file holds."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    DEFERRED = "deferred"
    UNKNOWN = "unknown"


SCHEMA = """
CREATE TABLE IF NOT EXISTS rounds (
    round INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    fingerprint TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    round INTEGER NOT NULL,
    email TEXT NOT NULL,
    state TEXT NOT NULL,
    message_id TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    detail TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL,
    PRIMARY KEY (round, email)
);
"""


def ledger_path(state_dir: Path, date: dt.date) -> Path:
    """Where the ledger of the issue dated ``date`` lives."""
    return state.ledger_path(state_dir, date)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Entry:
    """A recipient's row in the current round."""

    email: str
    state: SendState
    attempts: int
    detail: str


class Ledger:
    """The open ledger of one issue; holds an exclusive lock while open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        state.private_file(path)
        try:
            # flock on the database file itself: independent of SQLite's own
            # fcntl locks, released by the kernel when the process dies.
            self._lock = open(path, "a+b")
        except OSError as exc:
            raise DigestError(f"cannot open the send ledger {path}: {exc.strerror}") from None
        if fcntl is not None:
            try:
                fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                self._lock.close()
                raise DigestError(f"another digest send of this issue is running (lock on {path})") from None
        try:
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")  # one fsync per commit, appended
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(SCHEMA)
        except sqlite3.Error as exc:
            self.close()
            raise DigestError(f"cannot use the send ledger {path}: {exc}") from None
        self.round = self._db.execute("SELECT COALESCE(MAX(round), 0) FROM rounds").fetchone()[0]

    def close(self) -> None:
        if getattr(self, "_db", None) is not None:
            self._db.close()
            self._db = None
        self._lock.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def start_round(self, fingerprint: str) -> int:
        """Begin a new round (the first send, or a forced resend) and return its number."""
        self.round += 1
        self._db.execute("INSERT INTO rounds VALUES (?, ?, ?)", (self.round, _now(), fingerprint))
        return self.round

    def fingerprint(self) -> str | None:
        """The content hash recorded when the current round began."""
        row = self._db.execute("SELECT fingerprint FROM rounds WHERE round = ?", (self.round,)).fetchone()
        return row[0] if row else None

    def settle_interrupted(self) -> int:
        """Turn rows left in ``sending`` by a dead process into ``unknown``; return how many."""
        cursor = self._db.execute(
            "UPDATE deliveries SET state = ?, detail = ?, updated = ? WHERE round = ? AND state = ?",
            (SendState.UNKNOWN, "the previous run stopped after handing over the message", _now(), self.round,
             SendState.SENDING))
        return cursor.rowcount

    def entries(self) -> dict[str, Entry]:
        """Every row of the current round, by lower-case address."""
        rows = self._db.execute("SELECT email, state, attempts, detail FROM deliveries WHERE round = ?", (self.round,))
        return {r[0]: Entry(r[0], SendState(r[1]), r[2], r[3]) for r in rows}

    def mark(self, email: str, state: SendState, message_id: str, detail: str = "", attempt: bool = False) -> None:
        """Record ``state`` for ``email`` in the current round, committed at once."""
        self._db.execute(
            "INSERT INTO deliveries (round, email, state, message_id, attempts, detail, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (round, email) DO UPDATE SET "
            "state = excluded.state, message_id = excluded.message_id, detail = excluded.detail, "
            "updated = excluded.updated, attempts = deliveries.attempts + ?",
            (self.round, email.lower(), state, message_id, int(attempt), detail[:500], _now(), int(attempt)))

    def counts(self) -> dict[str, int]:
        """How many rows of the current round are in each state."""
        rows = self._db.execute("SELECT state, COUNT(*) FROM deliveries WHERE round = ? GROUP BY state", (self.round,))
        return dict(rows.fetchall())
