"""The scraped-text reader on the sample (seed) page, and date lines."""

import datetime as dt

import pytest

from digest.errors import ReadError
from digest.readers import read_article
from digest.readers.dates import find_date, is_dateline


def test_seed_fields(articles):
    article = read_article(next(articles.iterdir()))
    assert article.title == "Biden urges Putin to de-escalate Ukraine tensions in direct talks"
    assert article.date == dt.date(2021, 12, 7)
    assert article.source == "Al Jazeera"
    assert article.standfirst.startswith("Vladimir Putin presents US president")
    paragraphs = article.paragraphs
    assert paragraphs[0].startswith("US President Joe Biden has warned")
    assert paragraphs[-1].endswith("speak with Zelenskyy in the coming days, as well.")
    assert "US talks with European allies" in paragraphs


@pytest.mark.parametrize("clutter", [
    "How real is the threat", "Pennsylvania court", "Follow Al Jazeera", "cookies", "© 2022",
    "The White House/Handout via Reuters",
])
def test_seed_clutter_is_dropped(articles, clutter):
    assert clutter not in read_article(next(articles.iterdir())).body


@pytest.mark.parametrize("text, expected", [
    ("7 Dec 2021", dt.date(2021, 12, 7)),
    ("Published December 7, 2021", dt.date(2021, 12, 7)),
    ("Updated 2021-12-07T10:00", dt.date(2021, 12, 7)),
    ("Tue 7th Dec. 2021 10.02 GMT", dt.date(2021, 12, 7)),
    ("31 Feb 2021", None),
    ("no date here", None),
])
def test_find_date(text, expected):
    assert find_date(text) == expected


def test_dateline_is_short():
    assert is_dateline("7 Dec 2021")
    assert not is_dateline("On 7 Dec 2021 the president of the United States said that talks had gone well.")


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_article(tmp_path / "gone.txt")
