"""Nothing private in out/: the state folder, the web version, placeholders, List-Unsubscribe, the preview.

Issue 13 (privacy): ledgers and exports live in the state folder (mode
700/600), out/ holds only publishable files with no placeholder, article text
is never filled as a placeholder, the List-Unsubscribe header arrives
unencoded, and the preview serves issue files only.
"""

from __future__ import annotations

import datetime as dt
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from click.testing import CliRunner

from digest.cli import main
from digest.config import Settings
from digest.pipeline import build
from digest.placeholders import ANY_PLACEHOLDER, PLACEHOLDER
from digest.preview import PreviewServer
from digest.send.ledger import Ledger
from digest.state import out_problems
from preview_helpers import get
from smtp_server import Mailbox, smtp_server, write_issue_folder

DATE = dt.date(2021, 12, 7)
HOSTILE_TITLE = "Council {{ email }} / {{ fields.city }} / {{ unsubscribe_url }} vote on the library"
HOSTILE_ARTICLE = f"""{HOSTILE_TITLE}
7 Dec 2021
The city council voted on Tuesday to fund the new library, writes {{{{ email }}}} from {{{{ fields.city }}}}.
Councillors said the {{{{ unsubscribe_url }}}} building would open in two years and cost four million pounds.
The library will hold a hundred thousand books and a room for children's reading groups on Saturdays.
Opponents of the plan said the money should go to repairing roads in the north of the city instead.
"""


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_build_puts_the_email_in_the_state_folder_and_a_web_version_in_out(articles, tmp_path):
    result = run("build", "--date", "2021-12-07")
    assert result.exit_code == 0, result.output
    web = (tmp_path / "out" / "2021-12-07" / "index.html").read_text()
    web_text = (tmp_path / "out" / "2021-12-07" / "index.txt").read_text()
    # The web version: the generic mailto link, no placeholder left.
    assert 'href="mailto:digest@localhost?subject=unsubscribe"' in web
    assert "Unsubscribe:\nmailto:digest@localhost?subject=unsubscribe\n" in web_text
    assert not ANY_PLACEHOLDER.search(web) and not ANY_PLACEHOLDER.search(web_text)
    # The email version, placeholders in, is private.
    state = tmp_path / ".digest"
    email = state / "emails" / "2021-12-07"
    assert 'href="{{ unsubscribe_url }}"' in (email / "email.html").read_text()
    assert mode(state) == 0o700 and mode(email) == 0o700
    assert mode(email / "email.html") == 0o600 and mode(email / "email.txt") == 0o600
    assert out_problems(tmp_path / "out") == []
    assert "Warning" not in result.output


def test_the_build_warns_about_what_should_not_be_published(articles, tmp_path):
    out = tmp_path / "out"
    old = out / "2021-12-01"
    old.mkdir(parents=True)
    (old / "index.html").write_text('<a href="{{ unsubscribe_url }}">Unsubscribe</a>')  # an older digest's build
    (out / "subscribers.csv").write_text("email\na@example.com\n")
    result = CliRunner().invoke(main, ["build", "--date", "2021-12-07"])
    assert result.exit_code == 0, result.stderr
    out, old = Path("out"), Path("out") / "2021-12-01"  # as the build names them
    assert (f"Warning: {old / 'index.html'} still holds the placeholder '{{{{ unsubscribe_url }}}}' "
            "(built by an older digest? rebuild it with --force)") in result.stderr
    assert f"Warning: {out / 'subscribers.csv'} is not a publishable file; move it out of {out}" in result.stderr


def _legacy_ledger(out: Path, sent: list[str]) -> Path:
    """A ledger where an older digest kept it (OUT/<date>.send-ledger.sqlite), its last rows still in the WAL."""
    path = out / "2021-12-07.send-ledger.sqlite"
    ledger = Ledger(path)
    ledger.start_round("old-fingerprint")
    for email in sent:
        ledger.mark(email, "sent", f"<{email}>", "250 ok")
    wal = path.with_name(path.name + "-wal")
    assert wal.is_file() and wal.stat().st_size > 0  # not checkpointed: moving must take the WAL along
    ledger._db.execute("PRAGMA wal_autocheckpoint=0")
    # Leave it as a killed process would: no checkpoint on close.
    ledger._lock.close()
    return path


def test_a_ledger_left_in_out_is_moved_on_first_use_with_nothing_lost(tmp_path, monkeypatch):
    write_issue_folder(tmp_path / "out")
    old = _legacy_ledger(tmp_path / "out", ["a@example.com", "b@example.com"])
    monkeypatch.setenv("DIGEST_SENDER", "news@example.org")
    mailbox = Mailbox()
    with smtp_server(mailbox) as server:
        monkeypatch.setenv("DIGEST_SMTP_URL", f"smtp://127.0.0.1:{server.port}")
        result = run("send", "--date", "2021-12-07", "-q", "--to", "a@example.com", "--to", "b@example.com",
                     "--to", "c@example.com")
    new = tmp_path / ".digest" / "ledgers" / "2021-12-07.send-ledger.sqlite"
    assert result.exit_code == 0, result.output
    moved_to = Path(".digest/ledgers/2021-12-07.send-ledger.sqlite")
    assert f"warning: moved the send ledger an older digest left in out to {moved_to}" in result.output
    assert [r.rcpt_tos for r in mailbox.received] == [["c@example.com"]]  # a and b had it: nothing lost
    assert not list((tmp_path / "out").glob("*.sqlite*"))
    assert mode(new) == 0o600 and mode(new.parent) == 0o700
    with sqlite3.connect(new) as db:
        assert dict(db.execute("SELECT email, state FROM deliveries")) == {
            "a@example.com": "sent", "b@example.com": "sent", "c@example.com": "sent"}
    assert not old.exists()


def test_the_build_moves_ledgers_and_exports_out_of_out(articles, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    _legacy_ledger(out, ["a@example.com"])
    (out / "2021-12-06").mkdir()
    (out / "2021-12-06" / "issue.eml").write_bytes(b"From: x\r\n\r\nold export\r\n")
    result = CliRunner().invoke(main, ["build", "--date", "2021-12-07"])
    assert result.exit_code == 0, result.stderr
    moved = tmp_path / ".digest" / "ledgers" / "2021-12-07.send-ledger.sqlite"
    with sqlite3.connect(moved) as db:
        assert list(db.execute("SELECT email, state FROM deliveries")) == [("a@example.com", "sent")]
    assert (tmp_path / ".digest" / "exports" / "2021-12-06.eml").read_bytes().endswith(b"old export\r\n")
    assert f"moved {Path('out') / '2021-12-07.send-ledger.sqlite'} to" in result.stderr
    assert out_problems(out) == []


def test_article_text_that_looks_like_a_placeholder_stays_literal_for_every_recipient(tmp_path, monkeypatch):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "council.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    assert run("build", "--date", "2021-12-07").exit_code == 0
    (tmp_path / "list.csv").write_text("email,name,city\nann@example.com,Ann,Zanzibar\nbob@example.com,Bob,Ulaanbaatar\n")
    monkeypatch.setenv("DIGEST_SENDER", "news@example.org")
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_URL", "https://news.example.org/unsubscribe?email={email}&token={token}")
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_SECRET", "k3y")
    mailbox = Mailbox()
    with smtp_server(mailbox) as server:
        monkeypatch.setenv("DIGEST_SMTP_URL", f"smtp://127.0.0.1:{server.port}")
        result = run("send", "--date", "2021-12-07", "-q", "--recipients", "list.csv")
    assert result.exit_code == 0, result.output
    assert len(mailbox.received) == 2
    for received in mailbox.received:
        message = received.message
        text = message.get_body(("plain",)).get_content()
        page = message.get_body(("html",)).get_content()
        token = re.search(r"token=([0-9]{8}\.[0-9a-f]{32})", message["List-Unsubscribe"]).group(1)
        # The reader sees the article's braces as written, in both parts...
        assert HOSTILE_TITLE in " ".join(text.replace("\u2060", "").split())
        assert "Council &#123;&#123; email &#125;&#125; / &#123;&#123; fields.city &#125;&#125;" in page
        # ...and nothing of any recipient went into the article text.
        for part in (text, page):
            assert "Zanzibar" not in part and "Ulaanbaatar" not in part
            assert part.count(token) == 1  # the footer's link only
        assert "ann@" not in text.split("Unsubscribe:")[0] and "bob@" not in text.split("Unsubscribe:")[0]
        assert not PLACEHOLDER.search(text) and not PLACEHOLDER.search(page)


def test_list_unsubscribe_arrives_unencoded_and_folded_between_entries(tmp_path, monkeypatch):
    write_issue_folder(tmp_path / "out")
    monkeypatch.setenv("DIGEST_SENDER", "news@example.org")
    long_path = "a-rather-long-path/" * 4
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_URL", f"https://news.example.org/{long_path}unsub?email={{email}}&token={{token}}")
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_SECRET", "k3y")
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_MAILTO", "leave@example.org")
    mailbox = Mailbox()
    with smtp_server(mailbox) as server:
        monkeypatch.setenv("DIGEST_SMTP_URL", f"smtp://127.0.0.1:{server.port}")
        assert run("send", "--date", "2021-12-07", "-q", "--to", "Ann.Lee+news@Example.com").exit_code == 0
    raw = mailbox.received[0].raw
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert b"=?" not in head.split(b"\r\nList-Unsubscribe:", 1)[1].split(b"\r\nList-Unsubscribe-Post:")[0]
    found = re.search(rb"\r\nList-Unsubscribe: <(https://[^>\s]+)>,\r\n <(mailto:[^>\s]+)>\r\n", head)
    assert found, head
    url = found.group(1).decode()
    assert url.startswith(f"https://news.example.org/{long_path}unsub?email=Ann.Lee%2Bnews@example.com&token=")
    assert len(url) > 78  # longer than a folded line: it stays whole all the same
    assert found.group(2) == b"mailto:leave@example.org?subject=unsubscribe"
    assert b"\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in head


def test_export_needs_no_secret_and_writes_to_the_state_folder_or_where_told(tmp_path, monkeypatch):
    write_issue_folder(tmp_path / "out")
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_URL", "https://news.example.org/u?email={email}&token={token}")
    result = run("export", "--date", "2021-12-07")
    assert result.exit_code == 0, result.output
    target = tmp_path / ".digest" / "exports" / "2021-12-07.eml"
    assert mode(target) == 0o600 and b"token" not in target.read_bytes()
    assert not list((tmp_path / "out").rglob("*.eml"))
    (tmp_path / "mine.eml").write_text("keep me")
    refused = run("export", "--date", "2021-12-07", "--output", "mine.eml")
    assert refused.exit_code == 1 and "exists already; use --force" in refused.output
    assert (tmp_path / "mine.eml").read_text() == "keep me"
    assert run("export", "--date", "2021-12-07", "--output", "mine.eml", "--force").exit_code == 0
    into_out = run("export", "--date", "2021-12-07", "--output", "out/2021-12-07/issue.eml")
    assert into_out.exit_code == 1 and "which is published; write the export elsewhere" in into_out.output
    assert (tmp_path / "mine.eml").read_bytes().startswith(b"From:") or b"\r\nFrom:" in (tmp_path / "mine.eml").read_bytes()


def test_the_preview_serves_issue_files_only(articles, tmp_path):
    settings = Settings(articles=articles, out=tmp_path / "out")
    build(settings, DATE)
    out = tmp_path / "out"
    (out / "2021-12-07.send-ledger.sqlite").write_bytes(b"SQLite format 3\0 secret@example.com")
    (out / "2021-12-07" / "issue.eml").write_bytes(b"To: secret@example.com\r\n")
    (out / "subscribers.csv").write_text("email\nsecret@example.com\n")
    server = PreviewServer(out, port=0)
    server.start()
    try:
        private = [get(server, f"/out/{name}") for name in
                   ("2021-12-07.send-ledger.sqlite", "2021-12-07/issue.eml", "subscribers.csv")]
        public = [get(server, f"/out/{name}")[0] for name in
                  ("index.html", "feed.xml", "2021-12-07/index.html", "2021-12-07/index.txt", "2021-12-07/issue.json")]
    finally:
        server.stop()
    assert [status for status, _, _ in private] == [404, 404, 404]
    assert all(b"secret@" not in body for _, _, body in private)
    assert public == [200] * 5


def test_the_preview_on_all_addresses_still_checks_the_host_header(articles, tmp_path):
    out = tmp_path / "out"
    build(Settings(articles=articles, out=out), DATE)
    server = PreviewServer(out, host="0.0.0.0", port=0)
    server.start()
    try:
        foreign = get(server, "/", host="evil.example")[0]
        rebinding = get(server, "/out/2021-12-07/index.html", host=f"evil.example:{server.port}")[0]
        by_ip = get(server, "/", host=f"127.0.0.1:{server.port}")[0]
        by_lan_ip = get(server, "/", host=f"192.168.1.20:{server.port}")[0]
        by_name = get(server, "/", host=f"{socket.gethostname()}:{server.port}")[0]
    finally:
        server.stop()
    assert (foreign, rebinding) == (403, 403)
    assert (by_ip, by_lan_ip, by_name) == (200, 200, 200)


def test_the_preview_command_warns_when_not_on_loopback(articles, tmp_path):
    process = subprocess.Popen([str(Path(sys.executable).with_name("digest")), "preview", "--no-open", "--port", "0",
                                "--host", "0.0.0.0", "--date", "2021-12-07"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        process.stdout.readline()  # the URL: listening
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert "Warning: listening on 0.0.0.0, not loopback: anyone on your network can read the issues" in err


def test_an_idle_connection_to_the_preview_is_dropped(articles, tmp_path):
    out = tmp_path / "out"
    build(Settings(articles=articles, out=out), DATE)
    server = PreviewServer(out, port=0, idle_timeout=0.5)
    server.start()
    try:
        before = threading.active_count()
        idle = [socket.create_connection(("127.0.0.1", server.port), timeout=10) for _ in range(5)]
        time.sleep(0.2)
        assert threading.active_count() >= before + 5  # one thread per connection...
        started = time.monotonic()
        assert all(sock.recv(1) == b"" for sock in idle)  # ...closed by the server, not by us
        waited = time.monotonic() - started
        for _ in range(50):
            if threading.active_count() <= before:
                break
            time.sleep(0.1)
        assert threading.active_count() <= before  # ...and the threads are gone
        assert get(server, "/")[0] == 200  # the server still answers
    finally:
        for sock in idle:
            sock.close()
        server.stop()
    assert waited < 5


def test_an_issue_built_by_an_older_digest_is_still_sent_with_a_warning(tmp_path):
    write_issue_folder(tmp_path / "out", legacy=True)  # the email (placeholders in) in out/, no email version
    result = run("send", "--date", "2021-12-07", "--to", "a@example.com", "--dry-run")
    assert result.exit_code == 0, result.output
    assert ("warning: the 2021-12-07 issue was built by an older digest (no email version in .digest): "
            "rebuild it with digest build --force") in result.output
    assert [p.split(" still holds")[0] for p in out_problems(tmp_path / "out")] == [
        str(tmp_path / "out" / "2021-12-07" / name) for name in ("index.html", "index.txt")]


def test_two_ledgers_for_one_issue_stop_the_send_with_one_line(tmp_path):
    write_issue_folder(tmp_path / "out")
    _legacy_ledger(tmp_path / "out", ["a@example.com"])
    Ledger(tmp_path / ".digest" / "ledgers" / "2021-12-07.send-ledger.sqlite").close()
    result = run("send", "--date", "2021-12-07", "--to", "a@example.com")
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: two send ledgers for 2021-12-07: {Path('out/2021-12-07.send-ledger.sqlite')} (from an older "
        f"digest) and {Path('.digest/ledgers/2021-12-07.send-ledger.sqlite')}; keep one and delete the other")
    assert (tmp_path / "out" / "2021-12-07.send-ledger.sqlite").is_file()  # nothing touched
