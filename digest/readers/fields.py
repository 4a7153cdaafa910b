"""Turning the metadata fields of structured inputs (front matter, JSON, feeds) into Article values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .base import SHORT_BODY_WORDS
from .dates import find_date


def as_date(value: Any) -> dt.date | None:
    """A date from a YAML/JSON value: a date, a datetime, an ISO string or a date written out."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            return find_date(text)
    return None


def as_text(value: Any) -> str | None:
    """A non-empty string field, stripped; None for missing, empty or non-string values."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def as_author(value: Any) -> str | None:
    """An author field: a name, a list of names, or an object with a "name"."""
    if isinstance(value, dict):
        return as_text(value.get("name"))
    if isinstance(value, list):
        names = [name for name in (as_author(item) for item in value) if name]
        return ", ".join(names) or None
    return as_text(value)


def body_warnings(body: str, date: dt.date | None) -> tuple[str, ...]:
    """The warnings every reader gives: no date, very short body."""
    warnings = []
    if date is None:
        warnings.append("no date found")
    if len(body.split()) < SHORT_BODY_WORDS:
        warnings.append("very short body")
    return tuple(warnings)


def text_paragraphs(text: str) -> str:
    """Plain text as the Article body format: paragraphs separated by one blank line, lines joined."""
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return "\n\n".join(block for block in blocks if block)
