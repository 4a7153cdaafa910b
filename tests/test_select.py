"""The select stage: the window, each file's verdict in the files' order, and the error when nothing is left."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.errors import DigestError, NoArticlesError
from digest.model import Article, Consideration, Reading
from digest.select import select, window

DAY = dt.date(2021, 12, 7)


def _article(path: str, date: dt.date | None) -> Article:
    return Article(path=path, title=path.upper(), body="Body words.", date=date)


def test_the_window_ends_on_the_date_and_names_the_days_option_when_empty():
    span = window(DAY, 3)
    assert (span.first, span.last, span.days, span.text()) == (dt.date(2021, 12, 5), DAY, 3, "2021-12-05 to 2021-12-07")
    assert window(DAY, 1).text() == "2021-12-07"
    with pytest.raises(DigestError, match=r"^`days` must be at least 1, not 0$"):
        window(DAY, 0)
    with pytest.raises(DigestError, match="would start before the year 1"):
        window(dt.date(1, 1, 3), 5)


def test_every_file_keeps_its_place_and_the_chosen_are_in_a_stable_order():
    reading = Reading("articles", 4, (
        _article("b.txt", DAY),
        Consideration("x.pdf", False, "unsupported file type '.pdf'"),
        _article("a.txt", dt.date(2021, 12, 6)),
        _article("old.txt", dt.date(2020, 1, 1)),
        _article("undated.txt", None),
    ))
    selection = select(reading, window(DAY, 2))
    assert [a.path for a in selection.chosen] == ["a.txt", "b.txt"]
    assert [(c.path, c.included, c.reason) for c in selection.considered] == [
        ("b.txt", True, "in the window"),
        ("x.pdf", False, "unsupported file type '.pdf'"),
        ("a.txt", True, "in the window"),
        ("old.txt", False, "dated 2020-01-01, outside the window 2021-12-06 to 2021-12-07"),
        ("undated.txt", False, "no publication date found"),
    ]


def test_nothing_in_the_window_says_what_was_found():
    reading = Reading("articles", 3, (_article("old.txt", dt.date(2020, 1, 1)), _article("undated.txt", None),
                                      Consideration("bad.html", False, "unreadable: no article found")))
    with pytest.raises(NoArticlesError, match=r"^no article falls in the window 2021-12-07: 3 files in articles, "
                                              r"1 dated outside it, 1 undated, 1 unreadable$"):
        select(reading, window(DAY, 1))
