"""The archive page and the Atom feed: every issue, newest first, valid, stable ids, numbering."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
from click.testing import CliRunner

from digest.archive import archived_issues, issue_number, last_issue_date
from digest.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"


def build(articles: Path, date: str, *extra: str) -> None:
    result = CliRunner().invoke(main, ["build", "--date", date, "--articles", str(articles), "-q", *extra])
    assert result.exit_code == 0, result.output


def test_archive_lists_every_issue_newest_first(articles, tmp_path):
    build(articles, "2021-12-07")
    build(articles, "2021-12-09", "--days", "3")
    out = tmp_path / "out"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.index('href="2021-12-09/index.html"') < page.index('href="2021-12-07/index.html"')
    assert "No. 2 · 2021-12-09" in page and "No. 1 · 2021-12-07" in page
    assert [i.number for i in archived_issues(out)] == [2, 1]
    assert last_issue_date(out, dt.date(2021, 12, 9)) == dt.date(2021, 12, 7)
    assert issue_number(out, dt.date(2021, 12, 7)) == 1 and issue_number(out, dt.date(2021, 12, 20)) == 3


def test_feed_is_valid_atom_with_stable_entry_ids(articles, tmp_path):
    build(articles, "2021-12-07")
    build(articles, "2021-12-08", "--days", "2")
    feed_path = tmp_path / "out" / "feed.xml"
    root = ET.parse(feed_path).getroot()  # well-formed XML
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        for required in ("id", "title", "updated", "link", "summary", "content"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    parsed = feedparser.parse(feed_path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "The Digest" and parsed.feed.updated == "2021-12-08T00:00:00Z"
    assert [e.title for e in parsed.entries] == ["The Digest No. 2: 2021-12-08", "The Digest No. 1: 2021-12-07"]
    assert parsed.entries[0].link.endswith("2021-12-08/index.html")
    assert "Biden urges Putin" in parsed.entries[0].content[0].value
    ids = [e.id for e in parsed.entries]
    build(articles, "2021-12-07", "--force")
    assert [e.id for e in feedparser.parse(feed_path.read_bytes()).entries] == ids
    assert len(set(ids)) == 2 and all(i.startswith("urn:uuid:") for i in ids)


def test_feed_links_are_absolute_with_a_web_url_and_text_is_escaped(articles, tmp_path, monkeypatch):
    monkeypatch.setenv("DIGEST_WEB_URL", "https://news.example.com/digest")
    monkeypatch.setenv("DIGEST_NEWSLETTER_NAME", "Tom & Jerry <News>")
    build(articles, "2021-12-07")
    parsed = feedparser.parse((tmp_path / "out" / "feed.xml").read_bytes())
    assert not parsed.bozo
    assert parsed.feed.id == "https://news.example.com/digest/"
    assert parsed.entries[0].link == "https://news.example.com/digest/2021-12-07/index.html"
    assert parsed.feed.title == "Tom & Jerry <News>"
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Tom &amp; Jerry &lt;News&gt;" in page and "<News>" not in page
