"""digest fetch against a real HTTP server on 127.0.0.1: real pages in, stories out, every fault a test."""

from __future__ import annotations

import asyncio
import gzip
import importlib
import json
import stat
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import digest.fetch.net
import web_server
from digest import __version__
from digest.cli import main
from digest.config import load_settings
from digest.fetch import limits_from
from digest.fetch.net import Fetcher, Limits
from digest.fetch.run import run
from digest.fetch.state import FetchState
from digest.readers import read_file
from digest.readers.source import known_publisher
from web_server import Site, rss, serve

#: Pages from ../shared/data/pages whose publisher is a well-known one (so the outlet is checkable).
PAGE_IDS = ("06e5123e4ef7cfb4", "08f793762792bd25", "14cc2a0ca59c62a8", "156770d676ce7990", "c7e39ac49fa1235f")
DAY = "Tue, 01 Dec 2026 09:30:00 GMT"
FAST = """allow_private_hosts = true
fetch_rate = 0
fetch_timeout = 1
fetch_total_timeout = 4
fetch_backoff = 0.01
fetch_retries = 2
fetch_max_kb = 512
contact_url = "https://news.example.org/about"
"""


@pytest.fixture
def site() -> Site:
    return Site()


@pytest.fixture
def base(site: Site, isolated: Path):
    (isolated / "digest.toml").write_text(FAST)
    with serve(site) as urls:
        yield urls[0]


def fetch(*args: str):
    return CliRunner().invoke(main, ["fetch", "-q", *args], catch_exceptions=False)


def saved(folder: Path = Path("articles")) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))] if folder.is_dir() else []


def gold(shared_data: Path) -> dict[str, dict]:
    rows = (json.loads(line) for line in (shared_data / "pages" / "gold.jsonl").read_text().splitlines())
    return {row["id"]: row for row in rows if row["id"] in PAGE_IDS}


def page_html(site: Site, path: str, body: str, charset: str = "utf-8", **kw) -> None:
    site.route(path, body.encode(charset), content_type=f"text/html; charset={charset}", **kw)


ARTICLE = "<html><head><title>{title}</title></head><body><article>" + "<p>{text}</p>" * 6 + "</article></body></html>"


def simple_page(title: str, text: str = "The council met on Tuesday and agreed the new budget for the year ahead.") -> str:
    return ARTICLE.format(title=title, text=text)


# --- the whole trip: real pages, fetch, build ---


def test_fetch_then_build_yields_the_stories_with_titles_dates_outlets_and_links(site, base, shared_data):
    pages = gold(shared_data)
    items = []
    for number, page_id in enumerate(PAGE_IDS):
        site.route(f"/news/{page_id}.html", (shared_data / "pages" / f"{page_id}.html").read_bytes())
        items.append({"title": f"Story number {number} from the wire", "link": f"{base}/news/{page_id}.html?utm_source=rss",
                      "guid": f"id-{page_id}", "date": DAY})
    site.route("/feed.xml", rss("Wire feed", items), content_type="application/rss+xml")

    result = fetch("--feed", f"{base}/feed.xml")
    assert result.exit_code == 0, result.output
    assert f"{base}/feed.xml (Wire feed): 5 new, 0 seen before" in result.output
    records = saved()
    assert len(records) == len(PAGE_IDS)
    # The file is what the JSON reader reads, with the fetch's facts kept exactly.
    for path in sorted(Path("articles").glob("*.json")):
        article = read_file(path)[0]
        page_id = next(p for p in PAGE_IDS if p in (article.url or ""))
        assert article.url == f"{base}/news/{page_id}.html"  # tracking parameter gone
        assert article.source == known_publisher(pages[page_id]["url"])
        assert article.date.isoformat() == "2026-12-01"
        assert article.title.startswith("Story number")
        assert json.loads(path.read_text())["feed"] == "Wire feed"
        assert len(article.body.split()) > 80

    built = CliRunner().invoke(main, ["build", "--date", "2026-12-01", "-q"], catch_exceptions=False)
    assert built.exit_code == 0, built.output
    issue = json.loads(Path("out/2026-12-01/issue.json").read_text())
    found = {a["url"]: a for story in issue["stories"] for a in story["articles"]}
    assert len(found) == len(PAGE_IDS)
    html = Path("out/2026-12-01/index.html").read_text()
    for number, page_id in enumerate(PAGE_IDS):
        article = found[f"{base}/news/{page_id}.html"]
        assert article["title"] == f"Story number {number} from the wire"
        assert article["date"] == "2026-12-01"
        assert article["source"] == known_publisher(pages[page_id]["url"])
        assert f"{base}/news/{page_id}.html" in html


def test_fetching_again_downloads_nothing_unchanged(site, base):
    page_html(site, "/a.html", simple_page("Budget agreed"))
    site.route("/feed.xml", rss("Town", [{"title": "Budget agreed", "link": f"{base}/a.html", "guid": "a", "date": DAY}]),
               content_type="application/rss+xml", etag='"v1"')
    assert fetch("--feed", f"{base}/feed.xml").exit_code == 0
    before = len(site.stats.log)
    again = fetch("--feed", f"{base}/feed.xml")
    assert again.exit_code == 0
    assert f"unchanged  {base}/feed.xml" in again.output
    second = site.stats.log[before:]
    assert [(path, headers.get("if-none-match")) for _, path, headers in second if path != "/robots.txt"] == [
        ("/feed.xml", '"v1"')]
    assert len(saved()) == 1


def test_the_same_article_is_never_saved_twice(site, base):
    """By guid (a feed without ETag), by URL without tracking parameters, and by canonical URL."""
    page_html(site, "/a.html", simple_page("Budget agreed"))
    canonical = simple_page("Bridge opens").replace("<head>", f'<head><link rel="canonical" href="{base}/b.html">')
    page_html(site, "/b.html", canonical)
    page_html(site, "/b-amp.html", canonical)
    site.route("/one.xml", rss("One", [{"title": "Budget", "link": f"{base}/a.html?utm_medium=feed", "guid": "x1", "date": DAY},
                                        {"title": "Bridge", "link": f"{base}/b.html", "guid": "x2", "date": DAY}]),
               content_type="application/rss+xml")
    site.route("/two.xml", rss("Two", [{"title": "Budget", "link": f"{base}/a.html?fbclid=zz", "guid": "y1", "date": DAY},
                                        {"title": "Bridge", "link": f"{base}/b-amp.html", "guid": "y2", "date": DAY}]),
               content_type="application/rss+xml")
    first = fetch("--feed", f"{base}/one.xml")
    assert first.exit_code == 0 and "2 new" in first.output
    second = fetch("--feed", f"{base}/one.xml", "--feed", f"{base}/two.xml")
    assert second.exit_code == 0, second.output
    assert "0 new, 2 seen before" in second.output
    assert len(saved()) == 2
    assert sum(p.startswith("/a.html") for p in site.stats.paths()) == 1  # known by its URL: not downloaded again
    assert sorted(r["url"] for r in saved()) == [f"{base}/a.html", f"{base}/b.html"]


def test_full_content_feeds_are_saved_without_downloading_pages(site, base):
    text = "<p>" + "The river rose by two metres overnight and the old bridge was closed to traffic. " * 20 + "</p>"
    site.route("/feed.xml", rss("Valley News", [{"title": "River rises", "link": f"{base}/river.html", "guid": "r",
                                                 "date": DAY, "content": text}]), content_type="application/rss+xml")
    assert fetch("--feed", f"{base}/feed.xml").exit_code == 0
    assert "/river.html" not in site.stats.paths()
    (record,) = saved()
    article = read_file(next(Path("articles").glob("*.json")))[0]
    assert (article.title, article.source, article.url, str(article.date)) == (
        "River rises", "Valley News", f"{base}/river.html", "2026-12-01")
    assert "old bridge was closed" in article.body


def test_json_feed_and_home_page_discovery(site, base):
    page_html(site, "/a.html", simple_page("Budget agreed"))
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Town JSON",
            "items": [{"id": "1", "url": f"{base}/a.html", "title": "Budget agreed", "date_published": "2026-12-01T08:00:00Z"}]}
    site.route("/feed.json", json.dumps(feed).encode(), content_type="application/feed+json")
    page_html(site, "/", '<html><head><link rel="alternate" type="application/feed+json" href="/feed.json"></head>'
                         "<body>home</body></html>")
    result = fetch("--feed", f"{base}/")
    assert result.exit_code == 0, result.output
    assert f"found the feed {base}/feed.json on the page" in result.output
    (record,) = saved()
    assert (record["title"], record["date"][:10], record["feed"]) == ("Budget agreed", "2026-12-01", "Town JSON")


def test_feeds_from_settings_and_opml_and_single_pages(site, base, isolated):
    page_html(site, "/a.html", simple_page("Budget agreed"))
    page_html(site, "/b.html", simple_page("Bridge opens"))
    page_html(site, "/single.html", simple_page("Mayor resigns - Town Crier").replace(
        "<head>", '<head><meta property="article:published_time" content="2026-11-30T10:00:00Z">'))
    site.route("/a.xml", rss("A", [{"title": "Budget", "link": f"{base}/a.html", "date": DAY}]), content_type="text/xml")
    site.route("/b.xml", rss("B", [{"title": "Bridge", "link": f"{base}/b.html", "date": DAY}]), content_type="text/xml")
    (isolated / "subs.opml").write_text(f'<opml version="2.0"><body><outline text="B" xmlUrl="{base}/b.xml"/></body></opml>')
    (isolated / "digest.toml").write_text(FAST + f'feeds = ["{base}/a.xml"]\nopml = "subs.opml"\n')
    result = fetch(f"{base}/single.html")
    assert result.exit_code == 0, result.output
    assert f"saved      {base}/single.html" in result.output
    records = {r["title"]: r for r in saved()}
    assert set(records) == {"Budget", "Bridge", "Mayor resigns"}
    assert records["Mayor resigns"]["source"] == "Town Crier"
    assert records["Mayor resigns"]["date"].startswith("2026-11-30")


def test_state_files_are_private_and_articles_complete(site, base, isolated):
    page_html(site, "/a.html", simple_page("Budget agreed"))
    site.route("/feed.xml", rss("Town", [{"title": "Budget", "link": f"{base}/a.html", "date": DAY}]), content_type="text/xml")
    assert fetch("--feed", f"{base}/feed.xml").exit_code == 0
    assert stat.S_IMODE((isolated / ".digest").stat().st_mode) == 0o700
    assert stat.S_IMODE((isolated / ".digest" / "fetch.sqlite").stat().st_mode) == 0o600
    assert [p.name for p in Path("articles").iterdir() if p.name.startswith(".")] == []  # no temporary files left
    assert not Path("out").exists()


def test_user_agent_names_digest_its_version_and_the_contact_url(site, base):
    page_html(site, "/a.html", simple_page("Budget agreed"))
    fetch(f"{base}/a.html")
    agents = {headers.get("user-agent") for _, _, headers in site.stats.log}
    assert agents == {f"digest/{__version__} (+https://news.example.org/about)"}


# --- faults: one line each, exit code 1, the rest kept ---


def two_feeds(site: Site, base: str, bad_path: str) -> None:
    """A good feed beside the faulty one: its article is saved whatever happens to the other."""
    page_html(site, "/good.html", simple_page("Budget agreed"))
    site.route("/good.xml", rss("Good", [{"title": "Budget", "link": f"{base}/good.html", "date": DAY}]),
               content_type="application/rss+xml")


@pytest.mark.parametrize(("status", "reason"), [(404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone")])
def test_missing_feed_fails_with_one_line_and_keeps_the_others(site, base, status, reason):
    two_feeds(site, base, "/gone.xml")
    site.route("/gone.xml", b"", status=status)
    result = fetch("--feed", f"{base}/gone.xml", "--feed", f"{base}/good.xml")
    assert result.exit_code == 1
    assert f"failed     {base}/gone.xml: {reason}" in result.output
    assert site.stats.paths().count("/gone.xml") == 1  # no retry on 4xx
    assert [r["title"] for r in saved()] == ["Budget"]
    assert "Traceback" not in result.output


def test_429_with_retry_after_is_honoured(site, base):
    two_feeds(site, base, "")
    site.routes["/good.xml"].first = [429]
    site.routes["/good.xml"].headers = {"Retry-After": "1"}
    started = time.monotonic()
    result = fetch("--feed", f"{base}/good.xml")
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started >= 1.0
    assert site.stats.paths().count("/good.xml") == 2


def test_503_asking_for_a_long_wait_fails_without_waiting(site, base):
    site.route("/busy.xml", b"", first=[503], headers={"Retry-After": "3600"})
    started = time.monotonic()
    result = fetch("--feed", f"{base}/busy.xml")
    assert result.exit_code == 1
    assert "HTTP 503 Service Unavailable; retry after 3600 s" in result.output
    assert time.monotonic() - started < 5


def test_500_is_retried_with_backoff_then_fails(site, base):
    two_feeds(site, base, "")
    site.routes["/good.xml"].first = [500]
    site.route("/broken.xml", b"", status=500)
    result = fetch("--feed", f"{base}/good.xml", "--feed", f"{base}/broken.xml")
    assert result.exit_code == 1
    assert f"failed     {base}/broken.xml: HTTP 500 Internal Server Error" in result.output
    assert site.stats.paths().count("/broken.xml") == 3  # one try and two retries
    assert site.stats.paths().count("/good.xml") == 2  # recovered on the retry
    assert [r["title"] for r in saved()] == ["Budget"]


def test_slow_response_times_out(site, base):
    site.route("/slow.xml", rss("Slow", []), content_type="text/xml", delay=2.5)
    result = fetch("--feed", f"{base}/slow.xml")
    assert result.exit_code == 1
    assert f"failed     {base}/slow.xml: timed out" in result.output


def test_dropped_connection_fails_after_retries(site, base):
    site.route("/drop.xml", fault="drop")
    result = fetch("--feed", f"{base}/drop.xml")
    assert result.exit_code == 1
    assert f"failed     {base}/drop.xml: connection dropped" in result.output
    assert site.stats.paths().count("/drop.xml") == 3


def test_redirect_loop_is_stopped(site, base):
    site.route("/a.xml", status=302, headers={"Location": "/b.xml"})
    site.route("/b.xml", status=301, headers={"Location": f"{base}/a.xml"})
    result = fetch("--feed", f"{base}/a.xml")
    assert result.exit_code == 1
    assert "redirect loop" in result.output
    assert len(site.stats.paths()) < 10


def test_too_many_redirects(site, base):
    for hop in range(8):
        site.route(f"/r{hop}", status=307, headers={"Location": f"/r{hop + 1}"})
    result = fetch("--feed", f"{base}/r0")
    assert result.exit_code == 1
    assert "more than 5 redirects" in result.output


def test_loopback_is_refused_without_allow_private_hosts(site, base, isolated):
    (isolated / "digest.toml").write_text(FAST.replace("allow_private_hosts = true", ""))
    page_html(site, "/a.html", simple_page("Budget agreed"))
    result = fetch("--feed", f"{base}/feed.xml", f"{base}/a.html")
    assert result.exit_code == 1
    assert "refused: 127.0.0.1 resolves to the private address 127.0.0.1" in result.output
    assert site.stats.log == []
    assert fetch("--allow-private-hosts", f"{base}/a.html").exit_code == 0


def _fetch_with(resolve, feeds: list[str], pages: list[str] = ()):
    """One run with the given resolver and private hosts refused (no allow_private_hosts)."""
    async def go():
        fetcher = Fetcher(Limits(user_agent="digest-test", requests_per_second=0, timeout=1, backoff=0.01),
                          resolve=resolve)
        try:
            return await run(fetcher, FetchState(Path(".digest")), Path("articles"), feeds, list(pages),
                             lambda *_: None)
        finally:
            await fetcher.close()

    return asyncio.run(go())


def test_redirect_to_a_private_address_is_refused(site, base, monkeypatch):
    """A public-looking feed redirecting to an internal service: checked again after the redirect."""
    port = base.rsplit(":", 1)[1]
    site.route("/feed.xml", status=302, headers={"Location": f"http://localhost:{port}/internal-secret"})
    site.route("/internal-secret", rss("Secrets", [{"title": "Keys", "link": "http://x.example/k"}]), content_type="text/xml")
    # 127.0.0.1 plays a public server; localhost is what it is.
    monkeypatch.setattr(digest.fetch.net, "is_public_address", lambda address: address == "127.0.0.1")
    report = _fetch_with(lambda host, _: ["127.0.0.1"] if host == "127.0.0.1" else ["127.0.0.1", "::1"],
                         [f"{base}/feed.xml"])
    assert not report.ok
    assert "refused: localhost resolves to the private address ::1" in report.outcomes[0].reason
    assert "/internal-secret" not in site.stats.paths()
    assert site.stats.paths() == ["/robots.txt", "/feed.xml"]


def test_dns_rebinding_connects_only_to_the_checked_address(site, base, monkeypatch):
    """A name that answers a public address to the check, then an internal one: the connection goes to
    the address that was checked, with the original name in the Host header; the name is resolved once."""
    port = int(base.rsplit(":", 1)[1])
    internal = Site()
    internal.route("/feed.xml", rss("Internal secrets", [{"title": "Keys", "link": "http://x.example/k"}]),
                   content_type="text/xml")
    try:
        server = web_server._Server(("127.0.0.2", port), web_server._handler(internal))
    except OSError as exc:  # pragma: no cover - the port is taken on 127.0.0.2 too
        pytest.fail(f"cannot bind 127.0.0.2:{port} for the internal service: {exc}")
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        site.route("/feed.xml", rss("News", [{"title": f"Story {n}", "link": f"http://news.test:{port}/{n}.html",
                                              "date": DAY} for n in range(3)]), content_type="application/rss+xml")
        for n in range(3):
            page_html(site, f"/{n}.html", simple_page(f"Story {n}"), headers={"Connection": "close"})
        answers: list[str] = []

        def rebinding(host: str, _: int) -> list[str]:
            answers.append(host)
            return ["127.0.0.1"] if len(answers) == 1 else ["127.0.0.2"]

        # 127.0.0.1 plays the public address; 127.0.0.2 is the internal service.
        monkeypatch.setattr(digest.fetch.net, "is_public_address", lambda address: address == "127.0.0.1")
        report = _fetch_with(rebinding, [f"http://news.test:{port}/feed.xml"])
    finally:
        server.shutdown()
        server.server_close()
    assert report.ok, report.lines()
    assert report.outcomes[0].new == 3
    assert answers == ["news.test"]  # resolved once, for the check; every connection used that answer
    assert internal.stats.log == []
    assert sorted(site.stats.paths()) == ["/0.html", "/1.html", "/2.html", "/feed.xml", "/robots.txt"]
    assert {headers["host"] for _, _, headers in site.stats.log} == {f"news.test:{port}"}
    assert [record["url"] for record in saved()] == [f"http://news.test:{port}/{n}.html" for n in range(3)]


def test_a_name_with_any_private_address_is_refused_before_connecting(site, base, monkeypatch):
    monkeypatch.setattr(digest.fetch.net, "is_public_address", lambda address: address == "127.0.0.1")
    port = base.rsplit(":", 1)[1]
    report = _fetch_with(lambda host, _: ["127.0.0.1", "10.0.0.7"], [f"http://mixed.test:{port}/feed.xml"])
    assert "refused: mixed.test resolves to the private address 10.0.0.7" in report.outcomes[0].reason
    assert site.stats.log == []


def test_gzip_bomb_is_cut_off(site, base):
    web_server.bomb()  # made before the clock starts
    site.route("/bomb.xml", content_type="application/rss+xml", fault="gzip_bomb")
    result = fetch("--feed", f"{base}/bomb.xml")
    assert result.exit_code == 1
    assert "body larger than 512 KB (cut off)" in result.output


def test_endless_body_is_cut_off(site, base):
    site.route("/endless.xml", content_type="application/rss+xml", fault="endless")
    result = fetch("--feed", f"{base}/endless.xml")
    assert result.exit_code == 1
    assert "body larger than 512 KB (cut off)" in result.output


def test_wrong_content_type(site, base):
    site.route("/feed.png", b"\x89PNG\r\n", content_type="image/png")
    site.route("/doc.xml", rss("Docs", [{"title": "Report", "link": f"{base}/report.pdf", "date": DAY}]), content_type="text/xml")
    site.route("/report.pdf", b"%PDF-1.4", content_type="application/pdf")
    result = fetch("--feed", f"{base}/feed.png", "--feed", f"{base}/doc.xml")
    assert result.exit_code == 1
    assert f"failed     {base}/feed.png: not a feed (content-type image/png)" in result.output
    assert "skipped: 'Report': not an HTML page (content-type application/pdf)" in result.output
    assert saved() == []


def test_malformed_feed_and_entries_without_links(site, base):
    site.route("/broken.xml", b"<rss><channel><title>Half</tit", content_type="application/rss+xml")
    page_html(site, "/a.html", simple_page("Budget agreed"))
    site.route("/nolink.xml", rss("Mixed", [{"title": "No link here", "date": DAY},
                                            {"title": "Budget", "link": f"{base}/a.html", "date": DAY}]),
               content_type="application/rss+xml")
    result = fetch("--feed", f"{base}/broken.xml", "--feed", f"{base}/nolink.xml")
    assert result.exit_code == 1
    assert f"failed     {base}/broken.xml: malformed feed" in result.output
    assert "skipped: 'No link here': no link and no full text" in result.output
    assert [r["title"] for r in saved()] == ["Budget"]
    assert "Traceback" not in result.output


def test_non_utf8_charsets(site, base):
    page_html(site, "/latin.html", simple_page("Café reopens", "Le café de la gare a rouvert ses portes à Genève."),
              charset="iso-8859-1")
    # No charset in the header: the document's <meta> says it.
    site.route("/meta.html", simple_page("Crème brûlée", "La crème brûlée du café est très appréciée.").replace(
        "<head>", '<head><meta charset="windows-1252">').encode("cp1252"), content_type="text/html")
    feed = ('<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Journal de Genève</title>'
            f"<item><title>Café à Genève</title><link>{base}/latin.html</link><pubDate>{DAY}</pubDate></item>"
            f"<item><title>Crème</title><link>{base}/meta.html</link><pubDate>{DAY}</pubDate></item>"
            "</channel></rss>").encode("iso-8859-1")
    site.route("/feed.xml", feed, content_type="application/rss+xml")
    result = fetch("--feed", f"{base}/feed.xml")
    assert result.exit_code == 0, result.output
    records = {r["title"]: r for r in saved()}
    assert set(records) == {"Café à Genève", "Crème"}
    assert records["Café à Genève"]["feed"] == "Journal de Genève"
    bodies = {read_file(p)[0].title: read_file(p)[0].body for p in Path("articles").glob("*.json")}
    assert "café de la gare a rouvert ses portes à Genève" in bodies["Café à Genève"]
    assert "crème brûlée du café est très appréciée" in bodies["Crème"]


def test_robots_txt_disallow_is_honoured_and_read_once(site, base):
    site.route("/robots.txt", b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    page_html(site, "/private/a.html", simple_page("Hidden"))
    page_html(site, "/public/b.html", simple_page("Open"))
    site.route("/feed.xml", rss("Site", [{"title": "Hidden", "link": f"{base}/private/a.html", "date": DAY},
                                         {"title": "Open", "link": f"{base}/public/b.html", "date": DAY}]),
               content_type="application/rss+xml")
    result = fetch("--feed", f"{base}/feed.xml")
    assert "skipped: 'Hidden': robots.txt of 127.0.0.1" in result.output
    assert "disallows /private/a.html" in result.output
    assert "/private/a.html" not in site.stats.paths()
    assert site.stats.paths().count("/robots.txt") == 1
    assert [r["title"] for r in saved()] == ["Open"]


def test_per_host_limits_hold(site, base, isolated):
    (isolated / "digest.toml").write_text(FAST.replace("fetch_rate = 0", "fetch_rate = 10"))
    items = []
    for number in range(12):
        page_html(site, f"/p{number}.html", simple_page(f"Story {number}"), delay=0.05)
        items.append({"title": f"Story {number}", "link": f"{base}/p{number}.html", "date": DAY})
    site.route("/feed.xml", rss("Busy", items), content_type="application/rss+xml")
    started = time.monotonic()
    assert fetch("--feed", f"{base}/feed.xml").exit_code == 0
    assert time.monotonic() - started >= 1.3  # 14 requests at 10 a second
    assert site.stats.open_max["127.0.0.1"] <= 2
    assert site.stats.per_second_max["127.0.0.1"] <= 10  # counted by the server, in any one second
    assert len(saved()) == 12


def test_settings_for_fetching():
    settings = load_settings(env={"DIGEST_FEEDS": "https://a.example/feed https://b.example/rss",
                                  "DIGEST_ALLOW_PRIVATE_HOSTS": "yes", "DIGEST_FETCH_RATE": "0.5"})
    assert settings.feeds == ("https://a.example/feed", "https://b.example/rss")
    assert settings.allow_private_hosts is True
    assert limits_from(settings).requests_per_second == 0.5
    with pytest.raises(Exception, match="fetch_rate"):
        load_settings(env={"DIGEST_FETCH_RATE": "fast"})


def test_nothing_to_fetch_is_one_line(isolated):
    result = CliRunner().invoke(main, ["fetch"])
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: nothing to fetch")


def test_gzip_encoded_feed_is_read(site, base):
    page_html(site, "/a.html", simple_page("Budget agreed"))
    site.route("/feed.xml", gzip.compress(rss("Zipped", [{"title": "Budget", "link": f"{base}/a.html", "date": DAY}])),
               content_type="application/rss+xml", headers={"Content-Encoding": "gzip"})
    assert fetch("--feed", f"{base}/feed.xml").exit_code == 0
    assert [r["feed"] for r in saved()] == ["Zipped"]


def test_a_killed_fetch_keeps_what_it_saved_and_the_next_one_finishes(site, base, isolated):
    """SIGKILL in the middle: complete files only, and the next run fetches just what is missing."""
    import os
    import signal
    import subprocess
    import sys

    items = []
    for number in range(4):
        page_html(site, f"/p{number}.html", simple_page(f"Story {number}"))
        items.append({"title": f"Story {number}", "link": f"{base}/p{number}.html", "guid": f"g{number}", "date": DAY})
    page_html(site, "/hang.html", simple_page("Late story"), delay=30)
    items.append({"title": "Late story", "link": f"{base}/hang.html", "guid": "late", "date": DAY})
    site.route("/feed.xml", rss("Town", items), content_type="application/rss+xml")
    (isolated / "digest.toml").write_text(FAST.replace("fetch_total_timeout = 4", "fetch_total_timeout = 60")
                                          .replace("fetch_timeout = 1", "fetch_timeout = 60"))
    child = subprocess.Popen([sys.executable, "-c", "from digest.cli import main; main()", "fetch", "-q",
                              "--feed", f"{base}/feed.xml"], cwd=isolated,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(list(Path("articles").glob("*.json"))) < 4 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.3)  # let the state commit follow the last file
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert len(saved()) == 4  # every file is whole JSON
    site.routes["/hang.html"].delay = 0
    before = len(site.stats.log)
    result = fetch("--feed", f"{base}/feed.xml")
    assert result.exit_code == 0, result.output
    assert "1 new, 4 seen before" in result.output
    assert [p for _, p, _ in site.stats.log[before:] if p.endswith(".html")] == ["/hang.html"]
    assert sorted(r["title"] for r in saved()) == ["Late story", "Story 0", "Story 1", "Story 2", "Story 3"]
    assert [p.name for p in Path("articles").iterdir() if p.name.startswith(".")] == []


def test_robots_crawl_delay_spaces_requests(site, base):
    site.route("/robots.txt", b"User-agent: *\nCrawl-delay: 0.5\n", content_type="text/plain")
    page_html(site, "/a.html", simple_page("Budget agreed"))
    page_html(site, "/b.html", simple_page("Bridge opens"))
    assert fetch(f"{base}/a.html", f"{base}/b.html").exit_code == 0
    arrived = {path: at for path, at in zip(site.stats.paths(), site.stats.times)}
    assert abs(arrived["/b.html"] - arrived["/a.html"]) >= 0.45
    assert len(saved()) == 2


def test_a_failed_article_page_fails_the_run_and_is_tried_again(site, base):
    """Exit code 1 when a page of a feed could not be downloaded (cron reports it); the rest is saved,
    and the next run tries the page again. A skipped entry (no link) does not fail the run."""
    page_html(site, "/a.html", simple_page("Budget agreed"))
    site.route("/gone.html", status=500)
    site.route("/feed.xml", rss("Site", [{"title": "Budget", "link": f"{base}/a.html", "date": DAY},
                                         {"title": "Flood", "link": f"{base}/gone.html", "date": DAY}]),
               content_type="application/rss+xml", etag='"v1"')
    result = fetch("--feed", f"{base}/feed.xml")
    assert result.exit_code == 1, result.output
    assert "failed: 'Flood': HTTP 500 Internal Server Error" in result.output
    assert result.output.rstrip().endswith("0 failed, 0 entries skipped, 1 page failed")
    assert [r["title"] for r in saved()] == ["Budget"]
    page_html(site, "/gone.html", simple_page("Flood warning"))
    again = fetch("--feed", f"{base}/feed.xml")
    assert again.exit_code == 0, again.output
    assert "1 new, 1 seen before" in again.output
    assert sorted(r["title"] for r in saved()) == ["Budget", "Flood"]
    site.route("/nolink.xml", rss("Links", [{"title": "No link here", "date": DAY}]), content_type="application/rss+xml")
    skipped = fetch("--feed", f"{base}/nolink.xml")
    assert skipped.exit_code == 0, skipped.output
    assert "skipped: 'No link here': no link and no full text" in skipped.output


def test_pages_are_prepared_in_a_worker_process_in_big_runs(site, base, monkeypatch):
    """Past IN_PROCESS_PAGES pages, a second process decodes and encodes them: same files as in-process."""
    fetch_run = importlib.import_module("digest.fetch.run")  # the module; digest.fetch.run is the function

    started, futures = [], []
    real_start = fetch_run._start_worker

    def start():
        worker = real_start()
        started.append(worker)
        submit = worker.submit

        def spy(*args, **kwargs):
            futures.append(submit(*args, **kwargs))
            return futures[-1]

        worker.submit = spy
        return worker

    monkeypatch.setattr(fetch_run, "IN_PROCESS_PAGES", 1)
    monkeypatch.setattr(fetch_run, "_start_worker", start)
    items = []
    for n in range(4):
        page_html(site, f"/p{n}.html", simple_page(f"Page title {n}").replace(
            "</head>", f'<link rel="canonical" href="{base}/story/{n}"></head>'))
        items.append({"title": f"Story {n}", "link": f"{base}/p{n}.html?utm_source=feed", "date": DAY})
    site.route("/feed.xml", rss("Big", items), content_type="application/rss+xml")
    result = fetch("--feed", f"{base}/feed.xml")
    assert result.exit_code == 0, result.output
    assert len(started) == 1 and started[0] is not None
    # the feed was parsed here (the first download); its four pages were prepared in the worker
    assert len(futures) == 4 and all(f.exception() is None for f in futures)
    records = sorted(saved(), key=lambda r: r["title"])
    assert [(r["title"], r["url"], r["feed"]) for r in records] == [
        (f"Story {n}", f"{base}/story/{n}", "Big") for n in range(4)]
    assert all("The council met on Tuesday" in r["html"] for r in records)


def test_idle_host_pools_are_closed_when_many_hosts_were_fetched(site, monkeypatch):
    """One pool per host; past MAX_IDLE_ORIGINS hosts, pools idle longer than KEEPALIVE are closed (their
    sockets freed), and a later request to that host opens a new one."""
    monkeypatch.setattr(digest.fetch.net._PinnedTransport, "MAX_IDLE_ORIGINS", 1)
    monkeypatch.setattr(digest.fetch.net._PinnedTransport, "KEEPALIVE", 0.0)
    page_html(site, "/a.html", simple_page("Budget agreed"))
    with serve(site, ("127.0.0.1", "127.0.0.2")) as (first, second):
        async def go():
            fetcher = Fetcher(Limits(user_agent="digest-test", requests_per_second=0, timeout=1,
                                     allow_private_hosts=True))
            transport = fetcher._client._transport
            try:
                bodies = [(await fetcher.get(f"{first}/a.html")).body]
                hosts_after_first = {key[1] for key in transport._origins}
                bodies.append((await fetcher.get(f"{second}/a.html")).body)
                hosts_after_second = {key[1] for key in transport._origins}
                bodies.append((await fetcher.get(f"{first}/a.html")).body)
                return bodies, hosts_after_first, hosts_after_second
            finally:
                await fetcher.close()

        bodies, after_first, after_second = asyncio.run(go())
    assert all(b"Budget agreed" in body for body in bodies)
    assert after_first == {"127.0.0.1"}
    assert after_second == {"127.0.0.2"}  # 127.0.0.1's idle pool was closed when 127.0.0.2's opened
