"""digest preview over HTTP: the archive, the issue page and its checks, safety, the command."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.errors import DigestError
from digest.preview import PreviewServer
from digest.preview.frame import force_scheme, framed, has_dark_styles
from preview_helpers import SAMPLE_DATE, SAMPLE_TITLE, build_issue, get, raw_request, running


def plant_issue(out: Path, name: str, html: str, manifest: dict | None = None, text: str = "") -> Path:
    folder = out / name
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(html, encoding="utf-8")
    (folder / "index.txt").write_text(text, encoding="utf-8")
    if manifest is not None:
        (folder / "issue.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_archive_lists_every_issue_newest_first_and_escapes_titles(articles, tmp_path):
    out = build_issue(tmp_path)
    build_issue(tmp_path, dt.date(2021, 12, 9), days=3)
    plant_issue(out, "2021-12-08", "<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; more</title></head></html>",
                {"number": 7, "stories": [{"title": "<img src=x onerror=alert(2)>"}]})
    plant_issue(out, ".2021-12-10.tmp", "<title>staging</title>")   # a build in progress
    plant_issue(out, "notes", "<title>not an issue</title>")
    (out / "2021-12-11").mkdir()                                     # no index.html: not an issue
    with running(out) as server:
        status, headers, body = get(server, "/")
    page = body.decode()
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    dates = re.findall(r'href="/issue/(\d{4}-\d{2}-\d{2})"', page)
    assert dates == ["2021-12-09", "2021-12-08", "2021-12-07"]
    assert "The Digest, Tuesday 7 December 2021" in page and SAMPLE_TITLE in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page and "<script>alert" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page and "<img src=x" not in page
    assert "staging" not in page and "not an issue" not in page


def test_archive_of_an_empty_folder_says_how_to_build(tmp_path):
    with running(tmp_path / "out") as server:
        status, _, body = get(server, "/")
    assert status == 200 and "digest build --date YYYY-MM-DD" in body.decode()


def test_issue_page_holds_the_frame_text_source_and_checks(articles, tmp_path):
    out = build_issue(tmp_path)
    folder = out / SAMPLE_DATE.isoformat()
    manifest = json.loads((folder / "issue.json").read_text())
    manifest["articles"][0]["warnings"] = ["date guessed from <the> URL"]
    manifest["articles"].append({"path": "articles/old.txt", "included": False, "reason": "dated 2020-01-01, outside the window"})
    manifest["warnings"] = ["2 stories are very long"]
    (folder / "issue.json").write_text(json.dumps(manifest))
    with running(out) as server:
        status, headers, body = get(server, "/issue/2021-12-07")
        frame_status, frame_headers, frame = get(server, "/frame/2021-12-07")
    page = body.decode()
    assert status == 200
    assert 'data-src="/frame/2021-12-07"' in page
    text = (folder / "index.txt").read_text()
    assert SAMPLE_TITLE in text and re.search(r'<pre id="plain-text"[^>]*>', page)
    assert "&lt;!doctype html&gt;" in page  # the HTML source, escaped
    for name in ("size", "links", "images", "parity"):
        assert f'class="check ok" data-check="{name}"' in page, name
    assert "date guessed from &lt;the&gt; URL" in page and "2 stories are very long" in page
    assert "articles/old.txt" in page and "outside the window" in page
    assert headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    # The framed copy: scripts forbidden, relative URLs from the issue's folder, links open outside.
    assert frame_status == 200 and SAMPLE_TITLE in frame.decode()
    assert "script-src" not in frame_headers["content-security-policy"]
    assert frame_headers["content-security-policy"].startswith("default-src 'none'")
    assert '<base href="/out/2021-12-07/" target="_blank">' in frame.decode()


def test_checks_report_an_oversized_issue_and_a_link_without_text(articles, tmp_path):
    out = build_issue(tmp_path)
    page = out / "2021-12-07" / "index.html"
    html = page.read_text().replace("</body>", '<a href="https://example.com/empty"> </a>'
                                    + "<!--" + "x" * 110_000 + "--></body>")
    page.write_text(html)
    with running(out) as server:
        body = get(server, "/issue/2021-12-07")[2].decode()
        archive = get(server, "/")[2].decode()
    size = re.search(r'<li class="check (\w+)" data-check="size">(.*?)</li>', body, re.S)
    links = re.search(r'<li class="check (\w+)" data-check="links">(.*?)</li>', body, re.S)
    assert size.group(1) == "fail" and "Gmail clips above 102 KB" in size.group(2)
    assert links.group(1) == "fail" and "link without text to https://example.com/empty" in links.group(2)
    parity = re.search(r'<li class="check (\w+)" data-check="parity">(.*?)</li>', body, re.S)
    assert parity.group(1) == "fail" and "https://example.com/empty" in parity.group(2)
    assert "3 failed" in body
    assert "to look at" in archive


def test_unsubscribe_placeholder_is_harmless_in_the_frame():
    html = '<html><head></head><body><a href="{{ unsubscribe_url }}">Unsubscribe</a>' \
           '<a href="%7B%7B%20unsubscribe_url%20%7D%7D">Unsubscribe</a></body></html>'
    page = framed(html, "/out/2021-12-07/")
    assert page.count('href="#unsubscribe-preview"') == 2 and "unsubscribe_url" not in page


def test_dark_scheme_applies_the_emails_own_dark_rules():
    html = ("<html><head><style>body{background:#fff}"
            "@media (prefers-color-scheme: dark) { body { background: #111 } }"
            "@media screen and (prefers-color-scheme:light){ .x{color:red} }</style></head>"
            "<body><p>(prefers-color-scheme: dark) in the text stays</p></body></html>")
    assert has_dark_styles(html) and not has_dark_styles("<style>body{}</style><p>(prefers-color-scheme: dark)</p>")
    dark = force_scheme(html, "dark")
    assert "@media (min-width: 0px) { body { background: #111 } }" in dark
    assert "@media screen and (max-width: 0px){ .x{color:red} }" in dark
    assert "<p>(prefers-color-scheme: dark) in the text stays</p>" in dark
    light = force_scheme(html, "light")
    assert "@media (max-width: 0px) { body" in light and "(min-width: 0px){ .x" in light
    declared = framed(html.replace("<head>", '<head><meta name="color-scheme" content="light dark">'), "/", "dark")
    assert ":root { color-scheme: only dark; }" in declared


@pytest.mark.parametrize("request_line", [
    "GET /../secret.txt HTTP/1.1",
    "GET /out/../secret.txt HTTP/1.1",
    "GET /out/2021-12-07/../../secret.txt HTTP/1.1",
    "GET /out/%2e%2e/secret.txt HTTP/1.1",
    "GET /out/%2E%2E%2Fsecret.txt HTTP/1.1",
    "GET /out/2021-12-07/%2e%2e%2f%2e%2e%2fsecret.txt HTTP/1.1",
    "GET /out/..%5csecret.txt HTTP/1.1",
    "GET /out//secret.txt HTTP/1.1",
    "GET /out/%2Fsecret.txt HTTP/1.1",
    "GET /out/escape/secret.txt HTTP/1.1",
    "GET /out/2021-12-07/leak HTTP/1.1",
    "GET /frame/..%2fsecret.txt HTTP/1.1",
    "GET /issue/%2e%2e HTTP/1.1",
    "GET http://127.0.0.1/../secret.txt HTTP/1.1",
])
def test_path_traversal_is_refused(articles, tmp_path, request_line):
    out = build_issue(tmp_path)
    (tmp_path / "secret.txt").write_text("TOP SECRET")
    os.symlink(tmp_path, out / "escape")                                      # a folder link out of out/
    os.symlink(tmp_path / "secret.txt", out / "2021-12-07" / "leak")          # a file link out of out/
    with running(out) as server:
        response = raw_request(server, request_line)
    status = int(response.split(b" ", 2)[1])
    assert status in (400, 403, 404), response[:200]
    assert b"TOP SECRET" not in response


def test_an_issue_page_linked_out_of_the_output_folder_is_not_shown(articles, tmp_path):
    out = build_issue(tmp_path)
    (tmp_path / "secret.html").write_text("<title>TOP SECRET</title>")
    folder = out / "2021-12-06"
    folder.mkdir()
    os.symlink(tmp_path / "secret.html", folder / "index.html")
    with running(out) as server:
        responses = [get(server, path) for path in ("/", "/issue/2021-12-06", "/frame/2021-12-06",
                                                    "/out/2021-12-06/index.html")]
    assert [status for status, _, _ in responses] == [200, 404, 404, 403]
    assert all(b"TOP SECRET" not in body for _, _, body in responses)


def test_only_files_of_issues_are_served_and_folders_are_not_listed(articles, tmp_path):
    out = build_issue(tmp_path)
    with running(out) as server:
        html = get(server, "/out/2021-12-07/index.html")
        text = get(server, "/out/2021-12-07/index.txt")
        manifest = get(server, "/out/2021-12-07/issue.json")
        listing = [get(server, path)[0] for path in ("/out/", "/out/2021-12-07/", "/out/2021-12-07", "/out")]
        unknown = get(server, "/nothing-here")
    assert html[0] == 200 and html[1]["content-type"] == "text/html; charset=utf-8"
    assert "script-src" not in html[1]["content-security-policy"]
    assert text[0] == 200 and text[1]["content-type"] == "text/plain; charset=utf-8" and SAMPLE_TITLE in text[2].decode()
    assert manifest[0] == 200 and json.loads(manifest[2])["date"] == "2021-12-07"
    assert listing == [404, 404, 404, 404]
    assert unknown[0] == 404 and unknown[1]["x-content-type-options"] == "nosniff"


def test_foreign_host_header_is_refused(articles, tmp_path):
    out = build_issue(tmp_path)
    with running(out) as server:
        assert get(server, "/", host="attacker.example")[0] == 403        # DNS rebinding
        assert get(server, "/", host=f"localhost:{server.port}")[0] == 200


def test_port_in_use_is_one_clear_error(articles, tmp_path):
    build_issue(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(DigestError, match=f"port {port} on 127.0.0.1 is in use"):
            PreviewServer(tmp_path / "out", port=port)
        result = CliRunner().invoke(main, ["preview", "--no-open", "--port", str(port)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: port {port} on 127.0.0.1 is in use; stop what uses it or choose another with --port (--port 0 picks a free one)"]


def test_no_issue_yet_is_one_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["preview", "--no-open", "--port", "0"])
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: no issue in out yet; build one with digest build --date YYYY-MM-DD, "
                                     "or pass --date to build it now")


def test_a_failed_first_build_is_one_clear_error(articles):
    result = CliRunner().invoke(main, ["preview", "--no-open", "--port", "0", "--date", "2021-12-08"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith("Error: no article falls in the window 2021-12-08")
    assert "Traceback" not in result.output


def test_command_builds_the_missing_issue_serves_it_and_stops_cleanly_on_ctrl_c(articles, tmp_path):
    process = subprocess.Popen([str(Path(sys.executable).with_name("digest")), "preview", "--no-open", "--port", "0",
                                "--date", "2021-12-07"], cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/issue/2021-12-07", url), url
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200 and SAMPLE_TITLE in response.read().decode()
        assert (tmp_path / "out" / "2021-12-07" / "index.html").is_file()
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Traceback" not in err and "is not built yet; building it" in err and err.rstrip().endswith("Stopped")
