"""Publication dates written the ways news pages write them."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),            # 7 Dec 2021
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),            # December 7, 2021
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)(?!\d)"),  # 2021-12-07
]


def find_date(text: str) -> dt.date | None:
    """The first calendar date written in ``text``, or None."""
    best: tuple[int, dt.date] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            date = _to_date(match)
            if date is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), date)
                break
    return best[1] if best else None


def _to_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    if groups.get("mnum"):
        month = int(groups["mnum"])
    else:
        month = _MONTHS.get(groups["month"].lower(), 0)
    try:
        return dt.date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:
        return None


def is_dateline(line: str) -> bool:
    """True when a line is little more than a date ("7 Dec 2021", "Published: May 3, 2020 10:02")."""
    if find_date(line) is None or len(line) > 60:
        return False
    rest = line
    for pattern in _PATTERNS:
        rest = pattern.sub("", rest)
    return len(re.findall(r"[A-Za-z]{4,}", rest)) <= 3
