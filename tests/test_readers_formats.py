"""HTML, Markdown, JSON and feed readers: the same Article from every format, and clear refusals."""

import datetime as dt
import json
import socket

import pytest

from digest.errors import ReadError
from digest.readers import read_article, read_file

PARAGRAPHS = [
    "The city council voted on Tuesday to close the old harbour bridge to cars from next spring, ending a decade "
    "of arguments about traffic, safety and the cost of repairs to the ageing structure over the river.",
    "Engineers found that the bridge's steel supports had corroded far faster than expected, and that heavy lorries "
    "were making the damage worse every winter, according to a report published last month by the council.",
    "Cyclists and pedestrians will keep using the bridge, the council said, while buses will be rerouted over the "
    "new crossing two kilometres upstream, adding about six minutes to the average journey into the centre.",
]
PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>Council votes to close harbour bridge | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2019-11-19T10:04:00Z">
<link rel="canonical" href="https://www.example.com/news/bridge">
<script>var tracking = "Follow us on Twitter for more";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Council votes to close harbour bridge</h1>
<p>{}</p><h2>What happens next</h2><p>{}</p><p>{}</p></article>
<aside><h3>Related</h3><ul><li><a href="/a">Council approves new cycle lanes</a></li></ul></aside>
<footer><p>&copy; 2019 Example News. All rights reserved.</p></footer>
</body></html>
""".format(*PARAGRAPHS)


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_html_page_body_and_metadata(tmp_path, no_network):
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    article = read_article(path)
    assert article.title == "Council votes to close harbour bridge"
    assert article.date == dt.date(2019, 11, 19)
    assert article.source == "Example News"
    assert article.url == "https://www.example.com/news/bridge"
    assert article.author == "Jane Doe"
    assert article.language == "en"
    assert article.paragraphs == [PARAGRAPHS[0], "What happens next", *PARAGRAPHS[1:]]


def test_html_in_a_declared_legacy_charset(tmp_path):
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1252"').replace("ending a decade", "ending a d\u00e9cade")
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("cp1252"))
    assert "ending a d\u00e9cade" in read_article(path).body


def test_html_full_of_scripts_is_refused(tmp_path, no_network):
    path = tmp_path / "scripts.html"
    path.write_text("<html><head>" + "<script>var x = 'text text text';</script>" * 2000 + "</head><body>"
                    + "<script>document.write('hello world, this is not an article');</script>" * 500 + "</body></html>")
    with pytest.raises(ReadError, match="no article text found in the HTML"):
        read_file(path)


@pytest.mark.data
def test_real_page_from_the_evaluation_data(shared_data, no_network):
    article = read_article(shared_data / "pages" / "06e5123e4ef7cfb4.html")
    assert article.title == "New York State Attorney General investigating WeWork and former CEO"
    assert article.date == dt.date(2019, 11, 18)
    assert article.source == "VentureBeat"
    assert article.url.startswith("https://venturebeat.com/2019/11/18/")
    assert article.paragraphs[0].startswith("(Reuters) \u2014 The New York State Attorney General (NYAG)")


def test_markdown_with_front_matter(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(
        "---\ntitle: Council votes to close harbour bridge\ndate: 2019-11-19\nurl: https://www.bbc.co.uk/news/x\n"
        "author: Jane Doe\n---\n# Council votes to close harbour bridge\n\n"
        f"{PARAGRAPHS[0]}\n\n## What happens next\n\n{PARAGRAPHS[1].replace('steel', '**steel**')}\n\n"
        "![a photo](photo.jpg)\n\n- first point, with a [link](https://example.com)\n- second point\n")
    article = read_article(path)
    assert article.title == "Council votes to close harbour bridge"
    assert article.date == dt.date(2019, 11, 19)
    assert article.source == "BBC News"
    assert article.author == "Jane Doe"
    assert article.paragraphs == [PARAGRAPHS[0], "What happens next", PARAGRAPHS[1],
                                  "first point, with a link", "second point"]


def test_markdown_with_broken_front_matter(tmp_path):
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: [unclosed\ndate: 2019-11-19\n---\nSome text.\n")
    with pytest.raises(ReadError, match="broken front matter"):
        read_file(path)


def test_json_article_list_and_jsonl(tmp_path):
    records = [
        {"title": "Bridge to close", "date": "2019-11-19T10:04:00Z", "url": "https://www.aljazeera.com/x",
         "author": {"name": "Jane Doe"}, "text": "\n\n".join(PARAGRAPHS)},
        {"title": "Cycle lanes", "source": "Example News", "html": f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"},
    ]
    (tmp_path / "one.json").write_text(json.dumps(records[0]))
    (tmp_path / "list.json").write_text(json.dumps([*records, {"comment": "not an article"}]))
    (tmp_path / "lines.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    [one] = read_file(tmp_path / "one.json")
    assert (one.title, one.date, one.source, one.author) == ("Bridge to close", dt.date(2019, 11, 19), "Al Jazeera",
                                                             "Jane Doe")
    assert one.paragraphs == PARAGRAPHS
    first, second = read_file(tmp_path / "list.json")
    assert second.paragraphs == PARAGRAPHS[:2] and second.source == "Example News" and second.date is None
    assert "1 JSON entry in the file skipped (not articles)" in first.warnings
    assert [a.title for a in read_file(tmp_path / "lines.jsonl")] == ["Bridge to close", "Cycle lanes"]


@pytest.mark.parametrize("name, content, message", [
    ("number.json", "42", "no article in the JSON"),
    ("object.json", '{"name": "a config file", "version": 3}', "no article in the JSON"),
    ("broken.json", '{"title": "x", ', "not valid JSON"),
    ("broken.jsonl", '{"title": "x", "text": "y"}\n{oops\n', "line 2 is not valid JSON"),
])
def test_json_that_is_not_an_article(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ReadError, match=message):
        read_file(path)


FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example News</title><link>https://www.example.com/</link>
<item><title>Bridge to close</title><link>https://www.example.com/news/bridge</link>
<pubDate>Tue, 19 Nov 2019 10:04:00 GMT</pubDate><author>jane@example.com (Jane Doe)</author>
<description>The council votes to close the bridge.</description>
<content:encoded><![CDATA[<p>{}</p><h2>What happens next</h2><p>{}</p><script>alert(1)</script>]]></content:encoded>
</item>
<item><title>Summary only</title><link>https://www.example.com/news/summary</link>
<description>{}</description></item>
</channel></rss>
""".format(*PARAGRAPHS)


def test_rss_feed_one_article_per_entry(tmp_path, no_network):
    path = tmp_path / "news.rss"
    path.write_text(FEED)
    full, summary_only = read_file(path)
    assert full.title == "Bridge to close"
    assert full.date == dt.date(2019, 11, 19)
    assert full.source == "Example News"
    assert full.url == "https://www.example.com/news/bridge"
    assert full.paragraphs == [PARAGRAPHS[0], "What happens next", PARAGRAPHS[1]]
    assert summary_only.paragraphs == [PARAGRAPHS[2]]
    assert "no date found" in summary_only.warnings


def test_atom_feed(tmp_path):
    path = tmp_path / "news.atom"
    path.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title>'
        '<entry><title>Bridge to close</title><link href="https://example.org/bridge"/>'
        f'<updated>2019-11-19T10:04:00Z</updated><content type="text">{PARAGRAPHS[0]}</content></entry></feed>')
    [article] = read_file(path)
    assert (article.title, article.date, article.source) == ("Bridge to close", dt.date(2019, 11, 19), "Example Atom")
    assert article.paragraphs == [PARAGRAPHS[0]]


@pytest.mark.parametrize("content, message", [
    ("<rss><channel><title>Broken<item><title>x</title></channel>", "malformed feed"),
    ("<?xml version='1.0'?><config><value>1</value></config>", "not an RSS or Atom feed|malformed feed|no entries"),
])
def test_malformed_feed(tmp_path, content, message):
    path = tmp_path / "feed.xml"
    path.write_text(content)
    with pytest.raises(ReadError, match=message):
        read_file(path)


def test_extract_command_shows_each_article_and_its_warnings(tmp_path):
    from click.testing import CliRunner

    from digest.cli import main

    path = tmp_path / "news.rss"
    path.write_text(FEED)
    bad = tmp_path / "broken.md"
    bad.write_text("---\ntitle: [unclosed\n---\nText.\n")
    result = CliRunner().invoke(main, ["extract", "--format", "jsonl", str(path), str(bad)])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [row["title"] for row in rows] == ["Bridge to close", "Summary only"]
    assert "very short body" in rows[1]["warnings"] and "no date found" in rows[1]["warnings"]
    assert "broken front matter" in result.output
