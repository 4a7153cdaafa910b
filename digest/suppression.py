"""The suppression list: addresses that must not get the newsletter again.

One SQLite file in the state folder (``suppression.sqlite``, mode 600). An
address gets on it by ``digest unsubscribe``, by a one-click request (the
unsubscribe endpoint) or by a permanent failure (a 5xx reply to RCPT, a hard
bounce) during a send; ``digest resubscribe`` takes it off again, keeping the
row as ``active`` so ``digest subscribers`` can show the history. Every send
reads it and skips the suppressed addresses.

Addresses are matched without regard to case (the local part too: no
provider in practice tells ``Ann@`` from ``ann@``), with the domain in its
ASCII (IDNA) form.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import DigestError
from .state import private_file, suppression_path

ACTIVE = "active"
UNSUBSCRIBED, ONE_CLICK, BOUNCED = "unsubscribed", "one-click", "bounced"
SUPPRESSED = (UNSUBSCRIBED, ONE_CLICK, BOUNCED)
SCHEMA = """
CREATE TABLE IF NOT EXISTS addresses (
    email TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL
);
"""


def address_key(raw: str) -> str:
    """How the list knows an address: ``normalize_address`` (IDNA domain), lower case; ValueError if bad."""
    from .send.recipients import normalize_address

    return normalize_address(raw).lower()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Row:
    email: str
    state: str
    detail: str
    updated: str

    @property
    def suppressed(self) -> bool:
        return self.state in SUPPRESSED


class SuppressionList:
    """The open list; every change is committed at once (a kill loses nothing)."""

    def __init__(self, state_dir: Path) -> None:
        self.path = suppression_path(state_dir)
        private_file(self.path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
            self._db.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise DigestError(f"cannot use the suppression list {self.path}: {exc}") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SuppressionList:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _set(self, email: str, state: str, detail: str) -> None:
        self._db.execute(
            "INSERT INTO addresses VALUES (?, ?, ?, ?) ON CONFLICT (email) DO UPDATE SET "
            "state = excluded.state, detail = excluded.detail, updated = excluded.updated",
            (address_key(email), state, detail[:500], _now()))

    def suppress(self, email: str, state: str = UNSUBSCRIBED, detail: str = "") -> bool:
        """Put ``email`` on the list; False when it was suppressed already (the first reason stays)."""
        if state not in SUPPRESSED:
            raise ValueError(state)
        if self.is_suppressed(email):
            return False
        self._set(email, state, detail)
        return True

    def resubscribe(self, email: str) -> bool:
        """Take ``email`` off the list; False when it was not on it."""
        if not self.is_suppressed(email):
            return False
        self._set(email, ACTIVE, "resubscribed")
        return True

    def is_suppressed(self, email: str) -> bool:
        row = self._db.execute("SELECT state FROM addresses WHERE email = ?", (address_key(email),)).fetchone()
        return bool(row and row[0] in SUPPRESSED)

    def suppressed(self) -> set[str]:
        """Every suppressed address (as :func:`address_key` gives it)."""
        marks = ",".join("?" * len(SUPPRESSED))
        rows = self._db.execute(f"SELECT email FROM addresses WHERE state IN ({marks})", SUPPRESSED)
        return {r[0] for r in rows}

    def rows(self) -> list[Row]:
        return [Row(*r) for r in self._db.execute("SELECT email, state, detail, updated FROM addresses ORDER BY email")]


def suppress_all(state_dir: Path, addresses: Iterable[str], state: str = UNSUBSCRIBED,
                 detail: str = "") -> tuple[list[str], list[str], list[str]]:
    """Suppress each address: (newly suppressed, already suppressed, not an address with the reason)."""
    added, already, bad = [], [], []
    with SuppressionList(state_dir) as listed:
        for raw in addresses:
            try:
                (added if listed.suppress(raw, state, detail) else already).append(address_key(raw))
            except ValueError as exc:
                bad.append(f"{raw!r}: {exc}")
    return added, already, bad


def read_address_file(path: Path) -> list[str]:
    """Addresses in a file: one per line, or a CSV with an ``email`` column; ``#`` lines are comments."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise DigestError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise DigestError(f"{path}: not a UTF-8 text file") from None
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if lines and "email" in [c.strip().lower() for c in lines[0].split(",")]:
        from .send.recipients import read_csv

        recipients, rejected = read_csv(path)
        return [r.email for r in recipients] + [r.value for r in rejected if r.value]
    return lines


def subscriber_states(state_dir: Path, recipients: Iterable[str] = ()) -> list[Row]:
    """Every address the list knows, plus ``recipients`` it does not know (as ``active``), by address."""
    rows: dict[str, Row] = {}
    if suppression_path(state_dir).is_file():
        with SuppressionList(state_dir) as listed:
            rows = {row.email: row for row in listed.rows()}
    for raw in recipients:
        try:
            key = address_key(raw)
        except ValueError:
            continue
        rows.setdefault(key, Row(key, ACTIVE, "", ""))
    return [rows[k] for k in sorted(rows)]


def resubscribe_all(state_dir: Path, addresses: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """Take each address off the list: (taken off, not on it, not an address with the reason)."""
    done, absent, bad = [], [], []
    with SuppressionList(state_dir) as listed:
        for raw in addresses:
            try:
                (done if listed.resubscribe(raw) else absent).append(address_key(raw))
            except ValueError as exc:
                bad.append(f"{raw!r}: {exc}")
    return done, absent, bad
