"""A real SMTP server on loopback for the send tests (aiosmtpd), with scripted faults.

``Mailbox`` stores every message it accepts and can, per transaction or per
recipient: drop the connection, answer 421/451 (temporary) or 550
(permanent), and call a hook after storing a message (the kill test uses it).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any, Callable, Iterator

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        return BytesParser(policy=policy.default).parsebytes(self.raw)  # type: ignore[return-value]


@dataclass
class Mailbox:
    """The handler: what the server accepted, and the faults it is told to inject."""

    received: list[Received] = field(default_factory=list)
    #: address -> replies to give to RCPT, one per try, before accepting.
    rcpt_script: dict[str, list[str]] = field(default_factory=dict)
    #: addresses always refused with 550.
    refuse: set[str] = field(default_factory=set)
    #: transaction number (1-based MAIL commands) -> "drop" or a reply for MAIL.
    mail_script: dict[int, str] = field(default_factory=dict)
    #: transaction number -> "drop" (after the message arrived, before the reply) or a reply to DATA.
    data_script: dict[int, str] = field(default_factory=dict)
    after_store: Callable[[int], None] | None = None
    logins: list[tuple[bytes, bytes]] = field(default_factory=list)
    #: for each message stored: was the session encrypted?
    tls: list[bool] = field(default_factory=list)
    transactions: int = 0
    connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, address: str) -> int:
        return sum(address in r.rcpt_tos for r in self.received)

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]) -> list[str]:
        session.host_name = hostname
        self.connections += 1
        return responses

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        self.transactions += 1
        action = self.mail_script.get(self.transactions)
        if action == "drop":
            server.transport.abort()
            return "250 OK"
        if action:
            return action
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        script = self.rcpt_script.get(address)
        if script:
            return script.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        action = self.data_script.get(self.transactions)
        if action and action != "drop":
            return action
        with self.lock:
            self.tls.append(server.transport.get_extra_info("sslcontext") is not None)
            content = envelope.original_content or envelope.content
            self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), content))
            stored = len(self.received)
        if self.after_store:
            self.after_store(stored)
        if action == "drop":
            server.transport.abort()
        return "250 2.0.0 Queued"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _authenticator(mailbox: Mailbox, user: bytes, password: bytes) -> Callable[..., AuthResult]:
    def check(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            mailbox.logins.append((auth_data.login, auth_data.password))
            return AuthResult(success=auth_data.login == user and auth_data.password == password, handled=False)
        return AuthResult(success=False, handled=False)
    return check


@contextlib.contextmanager
def smtp_server(mailbox: Mailbox, login: tuple[str, str] | None = None, **kwargs: Any) -> Iterator[Controller]:
    """Run an SMTP server for ``mailbox`` on 127.0.0.1 and a free port; yields the controller."""
    if login:
        kwargs.update(authenticator=_authenticator(mailbox, login[0].encode(), login[1].encode()),
                      auth_require_tls=False)
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()


ISSUE_HTML = """<!doctype html><html><body>
<h1>The Digest</h1>
<p>Caf\u00e9 d\u00e9j\u00e0 vu \u2014 \u201cquotes\u201d and an emoji \U0001F4F0, for {{ name }}.</p>
<p>""" + "A long line of text without breaks. " * 40 + """</p>
<p><a href="{{ unsubscribe_url }}">Unsubscribe</a> &middot; {{ fields.plan }} &middot; {{unsubscribe_url}}</p>
</body></html>
"""
ISSUE_TEXT = """THE DIGEST
Tuesday 7 December 2021 \u00b7 No. 4

Caf\u00e9 d\u00e9j\u00e0 vu \u2014 for {{ name }}.

Unsubscribe: {{ unsubscribe_url }}
.a line that starts with a dot
.
"""
HEADLINE = "Biden urges Putin to de-escalate \u201cUkraine\u201d tensions"


def write_issue_folder(out: Path, date: str = "2021-12-07", legacy: bool = False) -> Path:
    """A small built issue (as digest build writes it) with every placeholder.

    The email version goes to the state folder beside ``out`` (``.digest``), the
    web version to ``out``; ``legacy``: as an older digest wrote it, the email in out/.
    """
    import datetime as dt
    import json
    from pathlib import Path

    from digest.placeholders import web_version
    from digest.state import save_email

    folder = Path(out) / date
    folder.mkdir(parents=True)
    if legacy:
        (folder / "index.html").write_text(ISSUE_HTML, encoding="utf-8")
        (folder / "index.txt").write_text(ISSUE_TEXT, encoding="utf-8")
    else:
        save_email(Path(out).parent / ".digest", dt.date.fromisoformat(date), ISSUE_HTML, ISSUE_TEXT)
        (folder / "index.html").write_text(web_version(ISSUE_HTML, "news@example.org", True), encoding="utf-8")
        (folder / "index.txt").write_text(web_version(ISSUE_TEXT, "news@example.org", False), encoding="utf-8")
    manifest = {"date": date, "number": 4, "stories": [
        {"title": "A story left out", "shown": False},
        {"title": HEADLINE, "shown": True},
    ]}
    (folder / "issue.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder
