"""How the library reports progress: one line at a time, to whoever listens (the CLI prints on stderr)."""

from __future__ import annotations

from typing import Callable

#: Called with one line of progress for the user.
Progress = Callable[[str], None]


def quiet(_: str) -> None:
    """The progress callback that says nothing (the default of every library entry point)."""


def count(number: int, singular: str, plural: str | None = None) -> str:
    """``1 story``, ``2 stories``."""
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"
