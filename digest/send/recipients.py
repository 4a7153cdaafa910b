"""Who gets the issue: addresses from the ``to`` option or a recipients CSV file.

A CSV file has a header row with an ``email`` column; ``name`` and any other
columns are optional and become the recipient's fields, which the issue's
placeholders can use (see :mod:`digest.send.message`). Rows with a bad address
and repeated addresses are kept aside as :class:`Rejected`, never sent.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.utils import getaddresses
from pathlib import Path
from typing import Iterable

from ..errors import DigestError, option


@dataclass(frozen=True)
class Recipient:
    """One subscriber: an address, a display name and the CSV row's other fields."""

    email: str
    name: str = ""
    fields: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> str:
        """The address as the ledger knows it (lower case)."""
        return self.email.lower()


@dataclass(frozen=True)
class Rejected:
    """A row that is not sent to, and why."""

    where: str
    value: str
    reason: str


def normalize_address(raw: str) -> str:
    """``raw`` as a plain ASCII addr-spec, or raise ValueError saying why not.

    The domain may be international (it is IDNA-encoded); the local part must
    be ASCII (SMTPUTF8 is not used).
    """
    text = raw.strip()
    if not text or any(c in text for c in "\r\n\0"):
        raise ValueError("not an email address")
    local, at, domain = text.rpartition("@")
    if not at or not local or not domain or "." not in domain.strip("."):
        raise ValueError("not an email address")
    if not local.isascii():
        raise ValueError("non-ASCII local part (SMTPUTF8 is not supported)")
    try:
        domain = domain.encode("idna").decode("ascii").lower()
        address = Address(addr_spec=f"{local}@{domain}")
    except (UnicodeError, HeaderParseError, ValueError, IndexError):
        raise ValueError("not an email address") from None
    if address.addr_spec != f"{local}@{domain}" or " " in address.addr_spec:
        raise ValueError("not an email address")
    return address.addr_spec


def _clean(text: str) -> str:
    return " ".join(text.split())


def from_addresses(values: Iterable[str]) -> tuple[list[Recipient], list[Rejected]]:
    """Recipients from the ``to`` option's values: ``addr@example.com`` or ``Name <addr@example.com>``."""
    rows = []
    for value in values:
        parsed = getaddresses([value])
        if len(parsed) != 1 or any(c in value for c in "\r\n\0"):
            rows.append((f"{option('to')} {value!r}", value, "", {}))  # rejected below
            continue
        name, addr = parsed[0]
        rows.append((f"{option('to')} {value!r}", addr or value, name, {}))
    return _collect(rows)


def read_csv(path: Path) -> tuple[list[Recipient], list[Rejected]]:
    """Recipients from a CSV file with a header row holding an ``email`` column."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [(h or "").strip() for h in (reader.fieldnames or [])]
            lowered = [h.lower() for h in header]
            if "email" not in lowered:
                raise DigestError(f"{path}: the first row must name the columns, one of them 'email'")
            rows = []
            for number, row in enumerate(reader, start=2):
                values = {h.lower(): _clean(v or "") for h, v in zip(header, row.values()) if isinstance(v, str)}
                fields = {k: v for k, v in values.items() if k not in ("email", "name")}
                rows.append((f"{path.name} line {number}", values.get("email", ""), values.get("name", ""), fields))
    except OSError as exc:
        raise DigestError(f"cannot read recipients file {path}: {exc.strerror}") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise DigestError(f"{path}: not a UTF-8 CSV file ({exc})") from None
    return _collect(rows)


def _collect(rows: list[tuple[str, str, str, dict[str, str]]]) -> tuple[list[Recipient], list[Rejected]]:
    recipients: list[Recipient] = []
    rejected: list[Rejected] = []
    seen: set[str] = set()
    for where, raw, name, fields in rows:
        try:
            email = normalize_address(raw)
        except ValueError as exc:
            rejected.append(Rejected(where, raw, str(exc)))
            continue
        if email.lower() in seen:
            rejected.append(Rejected(where, raw, "repeated address"))
            continue
        seen.add(email.lower())
        recipients.append(Recipient(email=email, name=_clean(name), fields=fields))
    return recipients, rejected
