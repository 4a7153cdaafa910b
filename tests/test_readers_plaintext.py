"""The scraped-text reader: the sample (seed) page, raw page scrapes (navigation above the headline), bad bytes."""

import datetime as dt

import pytest

from digest.errors import ReadError
from digest.readers import read_article, read_file
from digest.readers.clutter import find_layout, is_bare_date, is_clutter
from digest.readers.source import source_from_url, split_title

NAV = ["Home", "World", "Business", "Tech", "Sport", "Culture", "Opinion", "Video", "Podcasts", "Sign in", "Search"]
BODY = [
    "LONDON (Reuters) - The city council voted on Tuesday to close the old harbour bridge to cars from next spring, "
    "ending a decade of arguments about traffic, safety and the cost of repairs to the ageing structure.",
    "The decision followed a report by engineers who found that the bridge's steel supports had corroded far faster "
    "than expected, and that heavy lorries were making the damage worse every winter.",
    "What happens next",
    "Cyclists and pedestrians will keep using the bridge, the council said, while buses will be rerouted over the "
    "new crossing two kilometres upstream, adding about six minutes to the average journey into the centre.",
    "Local shop owners said they feared losing passing trade, but a survey by the chamber of commerce found that most "
    "of their customers already arrive on foot or by bicycle and would not be affected by the change at all.",
]
AFTER = [
    "Related stories",
    "Council approves new cycle lanes along the river",
    "2 Mar 2019",
    "Harbour museum reopens after two-year restoration",
    "14 Jan 2019",
    "Most read",
    "Storm warning for the coast this weekend",
    "Follow Example News:",
    "\u00a9 2019 Example News Ltd. All rights reserved.",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
]


def scrape(title_line: str = "Council votes to close harbour bridge to cars - Example News") -> str:
    return "\n".join([
        title_line, *NAV, "Council votes to close harbour bridge to cars", "By Jane Doe",
        "Updated 19 Nov 2019, 10:04 GMT", "The bridge seen from the harbour. Photo: Jane Doe/Example", *BODY, *AFTER,
    ]) + "\n"


def test_raw_scrape_finds_headline_body_date_and_source(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(scrape())
    article = read_article(path)
    assert article.title == "Council votes to close harbour bridge to cars"
    assert article.date == dt.date(2019, 11, 19)
    assert article.source == "Example News"
    assert article.paragraphs == BODY
    assert article.language == "en"
    assert "no date found" not in article.warnings


@pytest.mark.parametrize("clutter", ["Home", "Related stories", "cycle lanes", "Most read", "Follow", "cookies",
                                     "Photo:", "By Jane Doe", "2 Mar 2019"])
def test_raw_scrape_clutter_is_dropped(tmp_path, clutter):
    path = tmp_path / "page.txt"
    path.write_text(scrape())
    assert clutter not in read_article(path).body


def test_date_is_never_a_related_story_or_copyright_date(tmp_path):
    text = scrape().replace("Updated 19 Nov 2019, 10:04 GMT\n", "")
    path = tmp_path / "page.txt"
    path.write_text(text)
    article = read_article(path)
    assert article.date is None
    assert "no date found" in article.warnings


def test_short_body_is_warned_about(tmp_path):
    path = tmp_path / "short.txt"
    path.write_text("A headline\n7 Dec 2021\nOne short paragraph of text that ends here.\n")
    article = read_article(path)
    assert article.date == dt.date(2021, 12, 7)
    assert "very short body" in article.warnings


def test_find_layout_on_the_seed_shape():
    lines = ["Headline", "A standfirst that says what the story is about, in one sentence.", "Caption [Credit]",
             "7 Dec 2021", *BODY, *AFTER]
    layout = find_layout(lines)
    assert layout.headline == 0
    assert [lines[i] for i in range(layout.body_start, layout.body_end) if i not in layout.dropped] == BODY


@pytest.mark.parametrize("line, expected", [
    ("3 Dec 2021", True), ("Wednesday November 20, 2019", True), ("Nov 19, 2019 10:02 AM EST", True),
    ("By Jane Doe, 3 Dec 2021", False), ("The vote on 3 Dec 2021 was close.", False), ("no date", False),
])
def test_bare_dates(line, expected):
    assert is_bare_date(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("Share on Facebook", True), ("ADVERTISEMENT", True), ("Image Credit: WeWork", True),
    ("We use cookies to give you the best experience; see our cookie policy.", True),
    ("The council shared its plans with residents on Monday.", False),
])
def test_is_clutter(line, expected):
    assert is_clutter(line) is expected


@pytest.mark.parametrize("title, expected", [
    ("Council votes to close bridge - Example News", ("Council votes to close bridge", "Example News")),
    ("The Guardian view on Hong Kong: a city on the brink | Editorial | Opinion | The Guardian",
     ("The Guardian view on Hong Kong: a city on the brink", "The Guardian")),
    ("Delhi air pollution: the law that is helping fuel it", ("Delhi air pollution: the law that is helping fuel it", None)),
])
def test_split_title(title, expected):
    assert split_title(title) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://www.aljazeera.com/news/2021/12/7/x", "Al Jazeera"),
    ("https://news.bbc.co.uk/x", "BBC News"),
    ("https://www.example.co.uk/story", "example.co.uk"),
    ("not a url", None),
])
def test_source_from_url(url, expected):
    assert source_from_url(url) == expected


@pytest.mark.parametrize("encoding, text", [
    ("cp1252", "Caf\u00e9 \u201cst\u00e9r\u00e9o\u201d, d\u00e9j\u00e0 vu\u2026 and more\n7 Dec 2021\n"
               "Le caf\u00e9 a rouvert ses portes."),
    ("latin-1", "Caf\u00e9 au lait\n7 Dec 2021\nLe caf\u00e9 a rouvert ses portes ce matin."),
    ("cp1252", "Caf\u00e9 au lait\n7 Dec 2021\nThe caf\u00e9 opened.\n"),
])
def test_legacy_western_encodings_are_decoded_with_a_warning(tmp_path, encoding, text):
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    article = read_article(path)
    assert article.title == text.splitlines()[0]
    assert "not UTF-8; read as Windows-1252 (Latin-1)" in article.warnings


def test_cyrillic_legacy_encoding_is_detected(tmp_path):
    text = "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440\n" + (
        "\u042d\u0442\u043e \u0434\u043b\u0438\u043d\u043d\u044b\u0439 \u0442\u0435\u043a\u0441\u0442 "
        "\u043e \u0433\u043e\u0440\u043e\u0434\u0435 \u0438 \u0435\u0433\u043e \u0436\u0438\u0442\u0435\u043b\u044f\u0445. ") * 8
    path = tmp_path / "ru.txt"
    path.write_bytes(text.encode("cp1251"))
    article = read_article(path)
    assert article.title == "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440"
    assert any(w.startswith("not UTF-8; read as") for w in article.warnings)


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"  \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
    (b"\x00\x01\x02garbage", "binary file"),
    (bytes(range(1, 32)) * 100, "binary file"),
])
def test_unusable_bytes_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=message):
        read_file(path)


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk and is never read
    with pytest.raises(ReadError, match=r"too large \(50 MB"):
        read_file(path)


def test_pathological_text_still_gives_an_answer(tmp_path):
    # Many lines that are all dates and menu words, and one enormous line: no crash, a bounded result.
    path = tmp_path / "odd.txt"
    path.write_text("Menu\n" + "3 Dec 2021\nHome\n" * 20000 + "word " * 200000 + "\n")
    article = read_article(path)
    assert article.date == dt.date(2021, 12, 3)
    assert len(article.body) <= path.stat().st_size


# The sample (seed) page.

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


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_article(tmp_path / "gone.txt")
