"""digest send against a real SMTP server on loopback, with faults injected.

Whatever happens on the way (dropped connections, 421/451, a 550, a process
killed in the middle), every deliverable recipient ends up with exactly one
copy and the summary says what happened.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import ssl
import subprocess
import sys
from pathlib import Path

import pytest
import trustme
from click.testing import CliRunner

from digest.cli import main
from smtp_server import HEADLINE, Mailbox, smtp_server, write_issue_folder

DATE = "2021-12-07"
PASSWORD = "pa55-w0rd-Zq9"
LEDGER = Path(".digest") / "ledgers" / f"{DATE}.send-ledger.sqlite"


def run(*args: str):
    return CliRunner().invoke(main, ["send", "--date", DATE, "-q", *args], catch_exceptions=False)


def addresses(n: int) -> list[str]:
    return [f"reader{i:02d}@example.com" for i in range(1, n + 1)]


@pytest.fixture
def issue(tmp_path, monkeypatch):
    """A built issue, a recipients list of 30 (one refused by the server) and quick retries."""
    write_issue_folder(tmp_path / "out")
    rows = ["email,name,plan"] + [f"{a},Reader {i},plan{i}" for i, a in enumerate(addresses(30), start=1)]
    (tmp_path / "list.csv").write_text("\n".join(rows) + "\n")
    monkeypatch.setenv("DIGEST_SEND_BACKOFF", "0.01")
    monkeypatch.setenv("DIGEST_SEND_RETRIES", "3")
    monkeypatch.setenv("DIGEST_SENDER", "news@example.org")
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_URL", "https://example.org/unsubscribe?e={email}&t={token}")
    monkeypatch.setenv("DIGEST_UNSUBSCRIBE_SECRET", "unsubscribe-key")
    return tmp_path


def point_at(monkeypatch, controller, scheme="smtp", user=""):
    monkeypatch.setenv("DIGEST_SMTP_URL", f"{scheme}://{user}{controller.hostname}:{controller.port}")


def ledger_states() -> dict[str, str]:
    with sqlite3.connect(LEDGER) as db:
        return dict(db.execute("SELECT email, state FROM deliveries WHERE round = (SELECT MAX(round) FROM rounds)"))


def test_send_with_login_reuses_one_connection_and_never_shows_the_password(issue, monkeypatch):
    mailbox = Mailbox()
    with smtp_server(mailbox, login=("editor", PASSWORD)) as server:
        monkeypatch.setenv("DIGEST_SMTP_URL", f"smtp://editor:{PASSWORD}@127.0.0.1:{server.port}")
        result = run("--recipients", "list.csv")
        assert result.exit_code == 0, result.output
        assert result.output.splitlines()[-2] == ("Summary: sent 30, failed 0, deferred 0, unknown 0, skipped 0 "
                                                  "(0 already sent, 0 unknown or failed before, 0 bad rows)")
        again = run("--recipients", "list.csv")
    assert mailbox.logins == [(b"editor", PASSWORD.encode())]  # one connection for all 30
    assert sorted(r.rcpt_tos[0] for r in mailbox.received) == addresses(30)
    assert again.exit_code == 1
    assert again.output.strip() == (f"Error: the {DATE} issue was sent already to all 30 recipients "
                                    f"(see {LEDGER}); use --force to send it again")
    first = mailbox.received[0]
    message = first.message
    assert first.mail_from == "news@example.org"
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert all(p["Content-Transfer-Encoding"] == "quoted-printable" for p in message.iter_parts())
    assert b"base64" not in first.raw.lower()
    assert message["To"].addresses[0].addr_spec == first.rcpt_tos[0] == "reader01@example.com"
    assert message["To"].addresses[0].display_name == "Reader 1"
    assert message["Subject"] == f"The Digest, 7 December 2021: {HEADLINE}"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "https://example.org/unsubscribe?e=reader01@example.com&amp;t=" in message.get_body(("html",)).get_content()
    assert "plan1" in message.get_body(("html",)).get_content()
    plain_text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")  # as received on the wire
    assert plain_text.endswith("\n.a line that starts with a dot\n.\n")  # dot-stuffing undone
    assert len({r.message["Message-ID"] for r in mailbox.received}) == 30
    produced = [result.output, again.output, repr(ledger_states())]
    produced += [p.read_bytes().decode("latin-1") for p in Path("out").glob("*.sqlite*")]  # with the WAL
    produced += [r.raw.decode("latin-1") for r in mailbox.received]
    assert not [text for text in produced if PASSWORD in text]


def test_forced_resend_goes_to_everyone_with_new_message_ids(issue, monkeypatch):
    mailbox = Mailbox()
    with smtp_server(mailbox) as server:
        point_at(monkeypatch, server)
        assert run("--to", "a@example.com", "--to", "B <b@example.com>").exit_code == 0
        assert run("--to", "a@example.com", "--to", "b@example.com").exit_code == 1
        result = run("--to", "a@example.com", "--to", "b@example.com", "--force")
        assert result.exit_code == 0, result.output
        # A new address on the list is sent to; the two who have it are skipped.
        grown = run("--to", "a@example.com", "--to", "b@example.com", "--to", "c@example.com")
    assert grown.exit_code == 0 and "Summary: sent 1, failed 0, deferred 0, unknown 0, skipped 2 (2 already sent" in grown.output
    assert [mailbox.count(a) for a in ("a@example.com", "b@example.com", "c@example.com")] == [2, 2, 1]
    ids = [r.message["Message-ID"] for r in mailbox.received if r.rcpt_tos == ["a@example.com"]]
    assert len(set(ids)) == 2


def test_faults_every_deliverable_recipient_gets_exactly_one_copy(issue, monkeypatch):
    refused = "reader13@example.com"
    monkeypatch.setenv("DIGEST_SEND_RETRIES", "5")  # reader07 meets the 451s, the 421 and a drop in a row
    mailbox = Mailbox(
        refuse={refused},
        mail_script={4: "drop", 9: "421 4.3.2 Service shutting down", 10: "drop"},
        rcpt_script={"reader07@example.com": ["451 4.3.0 Try again later", "451 4.3.0 Try again later"]},
        data_script={17: "451 4.7.1 Slow down", 22: "drop"},
    )
    with smtp_server(mailbox) as server:
        point_at(monkeypatch, server)
        result = run("--recipients", "list.csv")
        lines = result.output.splitlines()
        assert result.exit_code == 1, result.output
        # Transaction 22 lost its connection after the message was stored: that one is unknown.
        [unknown_line] = [line for line in lines if line.startswith("unknown: ")]
        unknown = unknown_line.split()[1].rstrip(":")
        assert lines == [
            f"failed: {refused}: 550 5.1.1 No such user here (a hard bounce: now suppressed)",
            unknown_line,
            "skipped 0 suppressed",
            "Summary: sent 28, failed 1, deferred 0, unknown 1, skipped 0 "
            "(0 already sent, 0 unknown or failed before, 0 bad rows)",
            f"Ledger {LEDGER}: 1 failed, 28 sent, 1 unknown",
        ]
        assert "the server may have it; resend with --resend-unknown" in unknown_line
        for address in addresses(30):
            assert mailbox.count(address) == (0 if address == refused else 1), address
        # Running again sends nothing new: the unknown one is reported, the refused one is suppressed.
        again = run("--recipients", "list.csv", "--retry-failed")
        assert again.exit_code == 1
        assert f"skipped (unknown before): {unknown}:" in again.output
        assert f"{refused}" not in again.output and "skipped 1 suppressed" in again.output.splitlines()
        assert "Summary: sent 0, failed 0, deferred 0, unknown 0, skipped 29 (28 already sent, 1 unknown" in again.output
        assert len(mailbox.received) == 29
        # Asked to, it resends the unknown one with the same Message-ID (the receiver can drop it).
        resent = run("--recipients", "list.csv", "--resend-unknown")
        assert "Summary: sent 1, failed 0" in resent.output
    copies = [r.message["Message-ID"] for r in mailbox.received if r.rcpt_tos == [unknown]]
    assert len(copies) == 2 and copies[0] == copies[1]
    assert ledger_states()[unknown] == "sent"


def test_temporary_failures_are_deferred_after_the_retries_then_sent_on_the_next_run(issue, monkeypatch):
    slow = "reader02@example.com"
    mailbox = Mailbox(rcpt_script={slow: ["451 4.3.0 Greylisted"] * 4})
    with smtp_server(mailbox) as server:
        point_at(monkeypatch, server)
        first = run("--to", "reader01@example.com", "--to", slow, "--to", "reader03@example.com")
        assert first.exit_code == 1
        assert f"deferred: {slow}: 451 4.3.0 Greylisted (run again to retry)" in first.output
        assert "Summary: sent 2, failed 0, deferred 1" in first.output
        assert mailbox.rcpt_script[slow] == []  # the first try and 3 retries
        second = run("--to", "reader01@example.com", "--to", slow, "--to", "reader03@example.com")
    assert second.exit_code == 0, second.output
    assert "Summary: sent 1, failed 0, deferred 0, unknown 0, skipped 2 (2 already sent" in second.output
    assert [mailbox.count(a) for a in ("reader01@example.com", slow, "reader03@example.com")] == [1, 1, 1]


def test_an_unreachable_server_stops_the_run_with_a_clear_line(issue, monkeypatch):
    from smtp_server import free_port

    monkeypatch.setenv("DIGEST_SMTP_URL", f"smtp://editor:{PASSWORD}@127.0.0.1:{free_port()}")
    result = run("--recipients", "list.csv")
    assert result.exit_code == 1
    assert "stopped: 127.0.0.1:" in result.output and "cannot be reached" in result.output
    assert "Summary: sent 0, failed 0, deferred 1" in result.output
    assert PASSWORD not in result.output and "Traceback" not in result.output
    assert set(ledger_states().values()) == {"deferred"}


def test_a_wrong_password_is_one_line_without_the_password(issue, monkeypatch):
    mailbox = Mailbox()
    with smtp_server(mailbox, login=("editor", "right")) as server:
        monkeypatch.setenv("DIGEST_SMTP_URL", f"smtp://editor@127.0.0.1:{server.port}")
        monkeypatch.setenv("DIGEST_SMTP_PASSWORD", PASSWORD)
        result = run("--to", "a@example.com")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: 127.0.0.1:{server.port} refused the login for 'editor': 535")
    assert PASSWORD not in result.output and not mailbox.received


def test_killed_midway_then_run_again(issue, monkeypatch):
    """kill -9 while the server holds a message, run again: one copy each, the 550 none."""
    refused = "reader05@example.com"
    holder: dict[str, subprocess.Popen] = {}

    def kill_at(stored: int) -> None:
        if stored == 12:
            os.kill(holder["process"].pid, signal.SIGKILL)

    mailbox = Mailbox(refuse={refused}, after_store=kill_at)
    command = [sys.executable, "-c", "from digest.cli import main; main()", "send", "--date", DATE,
               "--recipients", "list.csv", "-q"]
    with smtp_server(mailbox) as server:
        env = {**os.environ, "DIGEST_SMTP_URL": f"smtp://127.0.0.1:{server.port}"}
        holder["process"] = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        holder["process"].communicate(timeout=60)
        assert holder["process"].returncode == -signal.SIGKILL
        assert len(mailbox.received) == 12
        victim = mailbox.received[-1].rcpt_tos[0]
        assert ledger_states()[victim] == "sending"  # written before DATA, never settled
        again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 1, again.stderr
    lines = again.stdout.splitlines()
    assert lines[0] == ("warning: 1 message(s) were being handed over when an earlier run stopped: "
                        "their outcome is unknown")
    assert sum(line.startswith(f"skipped (unknown before): {victim}: ") for line in lines) == 1
    assert "skipped 1 suppressed" in lines  # the refused one: a hard bounce in the first run
    assert lines[-2] == ("Summary: sent 17, failed 0, deferred 0, unknown 0, skipped 12 "
                         "(11 already sent, 1 unknown or failed before, 0 bad rows)")
    assert lines[-1] == f"Ledger {LEDGER}: 1 failed, 28 sent, 1 unknown"
    for address in addresses(30):
        assert mailbox.count(address) == (0 if address == refused else 1), address


@pytest.fixture(scope="module")
def authority() -> trustme.CA:
    return trustme.CA()


def tls_context(authority: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


def test_starttls_is_used_when_offered(issue, monkeypatch, authority, tmp_path):
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    mailbox = Mailbox()
    with smtp_server(mailbox, login=("editor", PASSWORD), tls_context=tls_context(authority),
                     require_starttls=True) as server:
        monkeypatch.setenv("DIGEST_SMTP_URL", f"smtp://editor:{PASSWORD}@127.0.0.1:{server.port}")
        result = run("--to", "a@example.com")
    assert result.exit_code == 0, result.output
    assert mailbox.count("a@example.com") == 1 and mailbox.tls == [True]


def test_implicit_tls_on_smtps(issue, monkeypatch, authority, tmp_path):
    authority.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))
    mailbox = Mailbox()
    with smtp_server(mailbox, ssl_context=tls_context(authority)) as server:
        point_at(monkeypatch, server, scheme="smtps")
        result = run("--to", "a@example.com")
    assert result.exit_code == 0, result.output
    assert mailbox.count("a@example.com") == 1 and mailbox.tls == [True]


def test_an_untrusted_certificate_is_refused(issue, monkeypatch, authority):
    mailbox = Mailbox()
    with smtp_server(mailbox, tls_context=tls_context(authority)) as server:
        point_at(monkeypatch, server)
        result = run("--to", "a@example.com")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: TLS with 127.0.0.1:{server.port} failed: CERTIFICATE_VERIFY_FAILED")
    assert not mailbox.received


def test_plain_text_only_to_loopback_or_with_insecure(issue, monkeypatch):
    from digest.send import transport

    assert transport.is_loopback("127.0.0.1") and transport.is_loopback("::1") and transport.is_loopback("localhost")
    assert not transport.is_loopback("192.168.1.10") and not transport.is_loopback("smtp.example.com")
    mailbox = Mailbox()
    with smtp_server(mailbox) as server:
        point_at(monkeypatch, server)
        monkeypatch.setattr(transport, "is_loopback", lambda host: False)  # as if the server were remote
        refused = run("--to", "a@example.com")
        allowed = run("--to", "a@example.com", "--insecure")
    assert refused.exit_code == 1
    assert refused.output.strip() == (f"Error: 127.0.0.1:{server.port} does not offer STARTTLS; refusing to send "
                                      "in clear text (use smtps:// for implicit TLS, or --insecure if you must)")
    assert allowed.exit_code == 0 and mailbox.count("a@example.com") == 1


def test_a_second_send_of_the_same_issue_at_the_same_time_is_refused(issue, monkeypatch):
    from digest.send.ledger import Ledger

    mailbox = Mailbox()
    with smtp_server(mailbox) as server, Ledger(LEDGER):
        point_at(monkeypatch, server)
        result = run("--to", "a@example.com")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: another digest send of this issue is running (lock on {LEDGER})"
    assert not mailbox.received


def test_a_connection_lost_before_the_final_dot_is_retried_not_unknown(issue, monkeypatch):
    """A server only takes a message at the final "."; losing the line before it is safe to retry."""
    import socketserver
    import threading

    received: list[bytes] = []
    sessions = []

    class Minimal(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            sessions.append(self)
            self.wfile.write(b"220 mini ESMTP\r\n")
            while line := self.rfile.readline():
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    self.wfile.write(b"250 mini\r\n")
                elif verb == b"DATA":
                    if len(sessions) == 1:
                        return  # drop the first connection on DATA, before 354
                    self.wfile.write(b"354 go on\r\n")
                    body = b"".join(iter(self.rfile.readline, b".\r\n"))
                    received.append(body)
                    self.wfile.write(b"250 queued\r\n")
                elif verb == b"QUIT":
                    self.wfile.write(b"221 bye\r\n")
                    return
                else:
                    self.wfile.write(b"250 ok\r\n")

    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Minimal) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        monkeypatch.setenv("DIGEST_SMTP_URL", f"smtp://127.0.0.1:{server.server_address[1]}")
        result = run("--to", "a@example.com")
        server.shutdown()
    assert result.exit_code == 0, result.output
    assert "Summary: sent 1, failed 0, deferred 0, unknown 0" in result.output
    assert len(received) == 1 and len(sessions) == 2
    assert ledger_states() == {"a@example.com": "sent"}


def test_a_connection_dropped_in_the_middle_of_data_is_retried_and_delivered_once(issue, monkeypatch):
    """354 given, then the server hangs up before the final ".": it cannot have the message; retry it."""
    import socket
    import socketserver
    import threading

    received: list[bytes] = []
    sessions = []

    class DropsMidData(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            sessions.append(self)
            self.wfile.write(b"220 faulty ESMTP\r\n")
            while line := self.rfile.readline():
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    self.wfile.write(b"250 faulty\r\n")
                elif verb == b"DATA" and len(sessions) == 1:
                    # The first session: 354, then hang up without reading the message. Corked, so
                    # the 354 and the FIN leave in one segment: the client sees the hang-up as
                    # soon as it sees the 354, whatever the threads' timing.
                    self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_CORK, 1)
                    self.connection.sendall(b"354 go on\r\n")
                    self.connection.shutdown(socket.SHUT_WR)
                    self.connection.close()
                    return
                elif verb == b"DATA":
                    self.wfile.write(b"354 go on\r\n")
                    received.append(b"".join(iter(self.rfile.readline, b".\r\n")))
                    self.wfile.write(b"250 queued\r\n")
                elif verb == b"QUIT":
                    self.wfile.write(b"221 bye\r\n")
                    return
                else:
                    self.wfile.write(b"250 ok\r\n")

    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), DropsMidData) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        monkeypatch.setenv("DIGEST_SMTP_URL", f"smtp://127.0.0.1:{server.server_address[1]}")
        result = run("--to", "a@example.com")
        again = run("--to", "a@example.com")
        server.shutdown()
    assert result.exit_code == 0, result.output
    assert "Summary: sent 1, failed 0, deferred 0, unknown 0" in result.output
    assert len(received) == 1 and len(sessions) == 2  # retried on a new connection, delivered once
    assert ledger_states() == {"a@example.com": "sent"}
    assert again.exit_code == 1 and "was sent already to all 1 recipients" in again.output
