"""Publication dates written the ways news pages write them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

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


# --- The article's own date in a scraped page ---------------------------------
#
# ``find_date`` above is the narrow, English-only finder the clutter rules use
# (changing it would change what counts as clutter). The finder below is broader
# and only used to pick the article's own publication date: numeric dates in
# either order, month names in several languages, ISO timestamps, Japanese
# dates, and dates without a year. A regex finder is ~0.05 ms a line;
# dateparser's ``search_dates`` measured ~180 ms a line here, too slow.

#: Month names beyond English (lower case; genitive forms for Russian), plus
#: English ones, mapped to month numbers.
_MONTH_NAMES: dict[str, int] = dict(_MONTHS)
for _number, _names in enumerate([
    "januar janvier enero janeiro gennaio januari janv jän jan. ene genn январь января янв",
    "februar février fevrier febrero fevereiro febbraio februari févr fev feb. февраль февраля фев",
    "märz maerz mars marzo março marco maart мар март марта",
    "april avril abril aprile апр апрель апреля",
    "mai mayo maio maggio mei май мая",
    "juni juin junio junho giugno июн июнь июня",
    "juli juillet julio julho luglio июл июль июля",
    "august août aout agosto augustus авг август августа",
    "september septembre septiembre setiembre setembro settembre sept. сен сентябрь сентября",
    "oktober octobre octubre outubro ottobre okt окт октябрь октября",
    "november novembre noviembre novembro нояб ноябрь ноября",
    "dezember décembre decembre diciembre dezembro dicembre december dez дек декабрь декабря",
], start=1):
    for _name in _names.split():
        _MONTH_NAMES.setdefault(_name.rstrip("."), _number)

_WORD = r"(?P<month>[^\W\d_]{3,10})\.?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?"
_Y = r"(?P<year>(?:19|20)\d\d)"
_WIDE = [
    # 2019-11-19, 2019-11-19T10:00:00Z, 2016.12.01, 2019/11/19
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[-./])(?P<mnum>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)(?!\d)"),
    # 2013年04月09日
    re.compile(r"(?P<year>(?:19|20)\d\d)年(?P<mnum>[01]?\d)月(?P<day>[0-3]?\d)日"),
    # 19 November 2019, 30. Juli 2018, 22 de outubro de 2010, 24 сентября 2018
    re.compile(rf"(?<![\w.]){_D}\s*(?:de\s+)?{_WORD},?\s*(?:de\s+)?{_Y}(?!\d)"),
    # November 19, 2019; Nov. 18th, 2019; Monday, November 18th, 2019
    re.compile(rf"(?<!\w){_WORD}\s+{_D},?\s+{_Y}(?!\d)"),
    # 11/19/19, 19.11.2019, 27/09/2018, 11.14.2019
    re.compile(r"(?<![\d./])(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)?\d\d)(?![\d/]|\.\d)"),
]
#: "Nov 19, 6:55 AM", "Nov 18": a month and day without a year.
_NO_YEAR = re.compile(rf"(?<!\w){_WORD}\s+(?P<day>[0-3]?\d)(?!\d)(?!,?\s*(?:19|20)\d\d)")
#: Words that name what a date is, in the text just before it.
_PUBLISHED = re.compile(
    r"\b(?:published|posted|publi(?:é|e|cado|cada|ziert|shed)|ver[öo]ffentlicht|pubblicato|date)\b", re.I)
_UPDATED = re.compile(
    r"\b(?:updated?|modified|last\s+modified|aktualisiert|atualizad[oa]|actualizad[oa]|mis\s+à\s+jour|aggiornato)\b", re.I)
#: Lines whose dates are not the article's: photo captions, embedded posts, copyright.
_NOT_OURS = re.compile(r"file photo|\bfile\)|^in this\b|^—.*\(@|©|\bcopyright\b|\bcorrection\b|\baccessed\b", re.I)
#: "2 hours ago", "Published 22 hours ago", "@handle / 2 days", "Today 12:01 AM", "yesterday".
RELATIVE = re.compile(
    r"\b\d+\s+(?:sec(?:ond)?|min(?:ute)?|hour|hr|day|week|month)s?\s+ago\b"
    r"|\b\d+\s+(?:hours?|days?|weeks?)\s*$|^(?:today|yesterday)\b"
    r"|\bvor\s+\d+\s+(?:minuten|stunden|tagen)\b|\bhá\s+\d+\s+(?:minutos|horas|dias)\b",
    re.I)
#: A copyright line's last year ("© 2004-2019 CBS Interactive").
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|\(с\)|copyright).*?((?:19|20)\d\d)(?!.*(?:19|20)\d\d)", re.I)


def copyright_year(lines: list[str]) -> int | None:
    """The latest year in the page's copyright lines: the year the page was captured, roughly.

    Only ever used to complete a date the page writes without a year
    ("Posted Nov 18, 8:19 PM"): sites drop the year for this year's stories.
    """
    years = [int(m[1]) for line in lines if len(line) < 300 and (m := _COPYRIGHT_YEAR.search(line))]
    return max(years) if years else None


@dataclass(frozen=True)
class DateMention:
    """A date written in one line, with what the words before it call it."""

    date: dt.date
    start: int
    kind: str  # "published", "updated" or "" (unlabelled)
    has_year: bool = True


def numeric_order(lines: list[str], language: str | None) -> str:
    """Whether the page writes numeric dates day first ("dmy") or month first ("mdy").

    The page decides when one of its numeric dates can only be read one way
    (13/06/2014 is day first, 11.14.2019 month first); otherwise English pages
    are read month first (US) and all other languages day first.
    """
    pattern = _WIDE[-1]
    votes = {"dmy": 0, "mdy": 0}
    for line in lines:
        for match in pattern.finditer(line):
            a, b = int(match["a"]), int(match["b"])
            if a > 12 >= b >= 1:
                votes["dmy"] += 1
            elif b > 12 >= a >= 1:
                votes["mdy"] += 1
    if votes["dmy"] != votes["mdy"]:
        return max(votes, key=votes.__getitem__)
    return "mdy" if (language or "en").startswith("en") else "dmy"


def find_dates(line: str, order: str = "mdy", year: int | None = None) -> list[DateMention]:
    """Every date written in ``line``, in reading order, labelled by the words before it.

    ``order`` reads ambiguous numeric dates ("dmy" or "mdy", see :func:`numeric_order`);
    ``year`` completes dates written without one ("Nov 19, 6:55 AM"), when known.
    """
    if _NOT_OURS.search(line):
        return []
    found: dict[int, tuple[int, dt.date, bool]] = {}
    taken: list[range] = []
    for pattern in _WIDE:
        for match in pattern.finditer(line):
            if any(match.start() in span for span in taken):
                continue
            date = _wide_date(match, order)
            if date is not None:
                found[match.start()] = (match.end(), date, True)
                taken.append(range(match.start(), match.end()))
    if year is not None:
        for match in _NO_YEAR.finditer(line):
            if any(match.start() in span for span in taken):
                continue
            month = _MONTH_NAMES.get(match["month"].lower())
            if month:
                try:
                    found[match.start()] = (match.end(), dt.date(year, month, int(match["day"])), False)
                except ValueError:
                    pass
    mentions = []
    previous_end = 0
    for start in sorted(found):
        end, date, has_year = found[start]
        before = line[previous_end:start]
        published, updated = _last(_PUBLISHED, before), _last(_UPDATED, before)
        kind = "published" if published > updated else "updated" if updated > published else ""
        mentions.append(DateMention(date, start, kind, has_year))
        previous_end = end
    return mentions


def _last(pattern: re.Pattern[str], text: str) -> int:
    positions = [m.start() for m in pattern.finditer(text)]
    return positions[-1] if positions else -1


def _wide_date(match: re.Match[str], order: str) -> dt.date | None:
    groups = match.groupdict()
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        day, month = (a, b) if order == "dmy" else (b, a)
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        year = int(groups["year"])
        if year < 100:
            year += 2000 if year < 70 else 1900
    else:
        year = int(groups["year"])
        day = int(groups["day"])
        month = int(groups["mnum"]) if groups.get("mnum") else _MONTH_NAMES.get(groups["month"].lower(), 0)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- Plausible publication dates ---------------------------------------------

#: Years a publication date may fall in. Anything else is a broken field (a
#: feed's "01 Jan 0001 +1400" parses as 1400-01-01), not a date: the article is
#: read as undated, with a warning.
PLAUSIBLE_YEARS = range(1900, 2101)


def is_plausible(date: dt.date) -> bool:
    return date.year in PLAUSIBLE_YEARS
