"""The suppression list and one-click unsubscribe (RFC 8058), on loopback.

Addresses get on the list by ``digest unsubscribe``, a hard bounce or a
one-click POST; every send skips them; ``digest resubscribe`` takes one off.
The endpoint unsubscribes only on a POST with a valid token; a GET only asks.
"""

from __future__ import annotations

import datetime as dt
import http.client
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from digest.cli import main
from digest.config import Settings
from digest.suppression import SuppressionList
from digest.unsubscribe import TOKEN_DAYS, UnsubscribeServer, check_token, make_app, make_token
from smtp_server import Mailbox, smtp_server, write_issue_folder

SECRET = "0ne-click-k3y"
LIST = "The Digest <digest.example.org>"
URL = "https://news.example.org/unsubscribe?email={email}&token={token}"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def suppressed(state: Path = Path(".digest")) -> set[str]:
    with SuppressionList(state) as listed:
        return listed.suppressed()


@pytest.fixture
def sending(tmp_path, monkeypatch):
    """A built issue, the one-click settings, and an SMTP server on loopback."""
    write_issue_folder(tmp_path / "out")
    for key, value in {"SENDER": "news@example.org", "LIST_ID": "digest.example.org", "UNSUBSCRIBE_URL": URL,
                       "UNSUBSCRIBE_SECRET": SECRET, "SEND_BACKOFF": "0.01"}.items():
        monkeypatch.setenv(f"DIGEST_{key}", value)
    mailbox = Mailbox(refuse={"gone@example.com"})
    with smtp_server(mailbox) as server:
        monkeypatch.setenv("DIGEST_SMTP_URL", f"smtp://127.0.0.1:{server.port}")
        yield mailbox


def test_unsubscribe_subscribers_and_resubscribe(tmp_path):
    (tmp_path / "leavers.txt").write_text("# left in March\nbob@EXAMPLE.org\n\ncarol@example.net\n")
    first = run("unsubscribe", "Ann@Example.com", "--file", "leavers.txt")
    assert first.exit_code == 0, first.output
    assert first.output.strip() == "suppressed 3 address(es), 0 already suppressed"
    assert run("unsubscribe", "ann@example.COM").output.strip() == "suppressed 0 address(es), 1 already suppressed"
    bad = run("unsubscribe", "not-an-address")
    assert bad.exit_code == 1 and "not an address: 'not-an-address': not an email address" in bad.stderr
    assert suppressed() == {"ann@example.com", "bob@example.org", "carol@example.net"}
    state = tmp_path / ".digest"
    assert (state.stat().st_mode & 0o777, (state / "suppression.sqlite").stat().st_mode & 0o777) == (0o700, 0o600)

    back = run("resubscribe", "BOB@example.org")
    assert back.exit_code == 0 and back.output.strip() == "resubscribed 1 address(es)"
    assert suppressed() == {"ann@example.com", "carol@example.net"}
    assert run("resubscribe", "nobody@example.com").exit_code == 1

    (tmp_path / "list.csv").write_text("email,name\nann@example.com,Ann\ndan@example.com,Dan\n")
    listing = run("subscribers", "--recipients", "list.csv")
    rows = [line.split("\t")[:2] for line in listing.stdout.splitlines()]
    assert rows == [["ann@example.com", "unsubscribed"], ["bob@example.org", "active"],
                    ["carol@example.net", "unsubscribed"], ["dan@example.com", "active"]]
    assert listing.stderr.strip() == "2 active, 2 unsubscribed"


def test_every_send_skips_suppressed_addresses_and_says_how_many(sending, tmp_path):
    (tmp_path / "list.csv").write_text("email\nann@example.com\nBob@Example.ORG\ncarol@example.net\n")
    assert run("unsubscribe", "bob@example.org").exit_code == 0
    result = run("send", "--date", "2021-12-07", "-q", "--recipients", "list.csv")
    assert result.exit_code == 0, result.output
    assert "skipped 1 suppressed" in result.output.splitlines()
    assert sorted(r.rcpt_tos[0] for r in sending.received) == ["ann@example.com", "carol@example.net"]
    dry = run("send", "--date", "2021-12-07", "--dry-run", "--to", "bob@example.org", "--to", "dan@example.com")
    assert "skipped 1 suppressed" in dry.output and "bob@" not in dry.output.split("skipped")[0]
    forced = run("send", "--date", "2021-12-07", "-q", "--recipients", "list.csv", "--force")
    assert "skipped 1 suppressed" in forced.output
    assert sum(r.rcpt_tos == ["bob@example.org"] for r in sending.received) == 0


def test_a_hard_bounce_puts_the_address_on_the_list(sending):
    result = run("send", "--date", "2021-12-07", "-q", "--to", "gone@example.com", "--to", "ann@example.com")
    assert result.exit_code == 1
    assert "failed: gone@example.com: 550 5.1.1 No such user here (a hard bounce: now suppressed)" in result.output
    assert suppressed() == {"gone@example.com"}
    listing = run("subscribers").stdout
    assert re.search(r"^gone@example\.com\tbounced\t550 5\.1\.1 No such user here\t\d{4}-", listing, re.M)


def test_tokens_are_bound_to_address_list_and_time():
    today = dt.date(2026, 3, 1)
    token = make_token("Ann@Example.com", SECRET, LIST, today)
    assert check_token(token, "ann@example.com", SECRET, LIST, today)
    assert check_token(token, "ann@example.com", SECRET, LIST, today + dt.timedelta(days=TOKEN_DAYS))
    assert not check_token(token, "ann@example.com", SECRET, LIST, today + dt.timedelta(days=TOKEN_DAYS + 1))
    assert not check_token(token, "bob@example.com", SECRET, LIST, today)           # another address
    assert not check_token(token, "ann@example.com", SECRET, "Other <o.example>", today)  # another list
    assert not check_token(token, "ann@example.com", "another-key", LIST, today)
    assert not check_token(token.replace(".", ".0", 1)[:-1], "ann@example.com", SECRET, LIST, today)
    assert not check_token("", "ann@example.com", SECRET, LIST, today)


def _request(port: int, method: str, target: str, body: bytes = b"",
             headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


def test_one_click_on_loopback_with_the_link_the_sender_built(sending, tmp_path, monkeypatch):
    assert run("send", "--date", "2021-12-07", "-q", "--to", "ann+news@example.com").exit_code == 0
    header = sending.received[0].message["List-Unsubscribe"]
    link = urlsplit(re.search(r"<(https://[^>]+)>", header).group(1))
    target = f"{link.path}?{link.query}"
    settings = Settings(sender="news@example.org", list_id="digest.example.org", state_dir=tmp_path / ".digest")
    server = UnsubscribeServer(make_app(settings, env={"DIGEST_UNSUBSCRIBE_SECRET": SECRET}), port=0)
    server.start()
    try:
        # A GET (a link scanner, a preview) only asks.
        status, kind, page = _request(server.port, "GET", target)
        assert status == 200 and kind.startswith("text/html") and b'<form method="post">' in page
        assert b"ann+news@example.com" in page and suppressed() == set()
        # Bad, foreign and expired tokens: a plain 400, nothing else.
        other = make_token("bob@example.com", SECRET, "The Digest <digest.example.org>")
        old = make_token("ann+news@example.com", SECRET, "The Digest <digest.example.org>",
                         dt.date.today() - dt.timedelta(days=TOKEN_DAYS + 2))
        foreign = make_token("ann+news@example.com", SECRET, "Another <list.example.org>")
        for bad in ("nonsense", other, old, foreign):
            query = f"/unsubscribe?email=ann%2Bnews@example.com&token={bad}"
            for method in ("GET", "POST"):
                assert _request(server.port, method, query, b"List-Unsubscribe=One-Click",
                                {"Content-Type": "application/x-www-form-urlencoded"}) == \
                    (400, "text/plain; charset=utf-8", b"Bad request\n"), (bad, method)
        assert _request(server.port, "POST", target, b"x" * 10_000)[0] == 400  # bounded body
        assert suppressed() == set()
        # The one-click POST (RFC 8058) unsubscribes.
        status, _, page = _request(server.port, "POST", target, b"List-Unsubscribe=One-Click",
                                   {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200 and b"Unsubscribed" in page
        assert suppressed() == {"ann+news@example.com"}
        assert _request(server.port, "POST", target, b"List-Unsubscribe=One-Click")[0] == 200  # twice: fine
    finally:
        server.stop()
    again = run("send", "--date", "2021-12-07", "-q", "--to", "ann+news@example.com", "--force")
    assert "skipped 1 suppressed" in again.output and len(sending.received) == 1
    assert run("subscribers").stdout.startswith("ann+news@example.com\tone-click\t")


def test_the_endpoint_needs_the_secret(tmp_path):
    result = run("unsubscribe-server", "--port", "0")
    assert result.exit_code == 1
    assert "needs DIGEST_UNSUBSCRIBE_SECRET in the environment" in result.output


def test_unsubscribe_server_command_on_loopback(tmp_path):
    """The documented command: loopback by default, a POST with a good token suppresses, Ctrl-C stops it."""
    import os
    import signal
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("DIGEST_")}
    env.update(DIGEST_UNSUBSCRIBE_SECRET=SECRET, DIGEST_LIST_ID="digest.example.org", DIGEST_SENDER="news@example.org")
    process = subprocess.Popen([str(Path(sys.executable).with_name("digest")), "unsubscribe-server", "--port", "0"],
                               cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url), url
        port = int(url.rsplit(":", 1)[1].strip("/"))
        token = make_token("ann@example.com", SECRET, LIST)
        status, _, _ = _request(port, "POST", f"/u?email=ann@example.com&token={token}", b"List-Unsubscribe=One-Click")
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert status == 200 and process.returncode == 0, err
    assert "warning" not in err and "Traceback" not in err
    assert suppressed(tmp_path / ".digest") == {"ann@example.com"}


def test_unsubscribe_file_may_be_a_recipients_csv(tmp_path):
    (tmp_path / "left.csv").write_text("name,email\nAnn,ann@example.com\nBob,bob@example.org\n")
    assert run("unsubscribe", "--file", "left.csv").output.strip() == "suppressed 2 address(es), 0 already suppressed"
    assert suppressed() == {"ann@example.com", "bob@example.org"}
    assert run("unsubscribe").exit_code == 2  # nothing given: a usage error


def test_an_idle_connection_neither_blocks_the_endpoint_nor_stays_open(tmp_path):
    import socket
    import time

    settings = Settings(list_id="digest.example.org", sender="news@example.org", state_dir=tmp_path / ".digest")
    server = UnsubscribeServer(make_app(settings, env={"DIGEST_UNSUBSCRIBE_SECRET": SECRET}), port=0,
                               idle_timeout=3)
    server.start()
    try:
        idle = socket.create_connection(("127.0.0.1", server.port), timeout=10)
        idle.sendall(b"POST /u?email=a@example.com HTTP/1.1\r\n")  # a request line, then nothing
        token = make_token("ann@example.com", SECRET, LIST)
        started = time.monotonic()
        assert _request(server.port, "POST", f"/u?email=ann@example.com&token={token}")[0] == 200
        assert time.monotonic() - started < 2  # not held up by the idle one
        answer = b""
        for _ in range(100):  # the server hangs up on it (whatever it says first)
            chunk = idle.recv(65536)
            if not chunk:
                break
            answer += chunk
        assert not chunk and time.monotonic() - started < 10, answer
        idle.close()
    finally:
        server.stop()
    assert suppressed(tmp_path / ".digest") == {"ann@example.com"}
