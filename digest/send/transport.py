"""SMTP to any provider with smtplib: one connection, TLS by default, replies classified.

``smtp_url`` is ``smtp://[user@]host[:port]`` (STARTTLS, port 587 by default)
or ``smtps://[user@]host[:port]`` (implicit TLS, port 465 by default). The
password comes from the environment only: ``DIGEST_SMTP_PASSWORD``, or the
password part of ``DIGEST_SMTP_URL``. A plain (unencrypted) connection is used
only to a loopback address, or with ``insecure=True``.

Nothing here puts the password in an exception message or a return value: the
server is named as ``host:port`` only.
"""

from __future__ import annotations

import os
import re
import select
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from typing import Callable, Mapping
from urllib.parse import unquote, urlsplit

from ..errors import ConfigError, DigestError, option
from ..urls import is_loopback

PASSWORD_ENV = "DIGEST_SMTP_PASSWORD"
URL_ENV = "DIGEST_SMTP_URL"
DEFAULT_URL = "smtp://localhost:25"


@dataclass(frozen=True)
class Server:
    """Where and how to connect. ``password`` is kept out of repr."""

    host: str
    port: int
    implicit_tls: bool
    user: str = ""
    password: str = field(default="", repr=False)
    timeout: float = 30.0

    @property
    def name(self) -> str:
        """``host:port``: how the server is named in messages."""
        return f"{self.host}:{self.port}"

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def server_from(smtp_url: str, env: Mapping[str, str] | None = None) -> Server:
    """The server named by the ``smtp_url`` setting, with the password from the environment."""
    env = os.environ if env is None else env
    url = smtp_url or DEFAULT_URL
    try:
        parts = urlsplit(url)
        port = parts.port
        host = parts.hostname or ""
    except ValueError:
        raise ConfigError("setting 'smtp_url' is not a URL like smtp://user@host:587") from None
    if parts.scheme not in ("smtp", "smtps") or not host:
        raise ConfigError("setting 'smtp_url' must look like smtp://user@host:587 or smtps://user@host:465")
    password = env.get(PASSWORD_ENV) or unquote(parts.password or "")
    return Server(host=host, port=port or (465 if parts.scheme == "smtps" else 587),
                  implicit_tls=parts.scheme == "smtps", user=unquote(parts.username or ""), password=password)


@dataclass(frozen=True)
class Reply:
    """The outcome of one SMTP transaction."""

    code: int  # 0 for a network error
    text: str
    #: The command the reply answered: "mail", "rcpt" or "data" ("" for a network error).
    stage: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.code < 300

    @property
    def permanent(self) -> bool:
        return 500 <= self.code < 600

    def __str__(self) -> str:
        return f"{self.code} {self.text}".strip() if self.code else self.text

    @property
    def hard_bounce(self) -> bool:
        """A permanent refusal of the address itself (5xx to RCPT): it will never take mail."""
        return self.permanent and self.stage == "rcpt"


class TransportError(Exception):
    """A network error or a dropped connection; ``after_data`` when the message may have arrived."""

    def __init__(self, text: str, after_data: bool = False) -> None:
        super().__init__(text)
        self.after_data = after_data


def _decode(raw: bytes | str) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return " ".join(text.split())


class Connection:
    """One SMTP session reused for many messages; reconnects when it was dropped."""

    def __init__(self, server: Server, insecure: bool = False) -> None:
        self.server = server
        self.insecure = insecure
        self._smtp: smtplib.SMTP | None = None

    def open(self) -> None:
        """Connect, secure and log in; raises DigestError (bad setup) or TransportError (network)."""
        self.close()
        server = self.server
        context = ssl.create_default_context()
        try:
            if server.implicit_tls:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port, timeout=server.timeout, context=context)
            else:
                smtp = smtplib.SMTP(server.host, server.port, timeout=server.timeout)
            self._smtp = smtp
            # The final "." goes in a segment of its own: no Nagle wait for it.
            smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            smtp.ehlo()
            if not server.implicit_tls:
                if smtp.has_extn("starttls"):
                    smtp.starttls(context=context)
                    smtp.ehlo()
                elif not (server.loopback or self.insecure):
                    raise DigestError(f"{server.name} does not offer STARTTLS; refusing to send in clear text "
                                      f"(use smtps:// for implicit TLS, or {option('insecure')} if you must)")
            if server.user:
                if not server.password:
                    raise DigestError(f"no SMTP password for {server.user!r}: set {PASSWORD_ENV} "
                                      f"(or {URL_ENV}) in the environment")
                self._login(smtp)
        except smtplib.SMTPAuthenticationError as exc:
            self.close()
            raise DigestError(f"{server.name} refused the login for {server.user!r}: "
                              f"{exc.smtp_code} {_decode(exc.smtp_error)}") from None
        except smtplib.SMTPNotSupportedError:
            self.close()
            raise DigestError(f"{server.name} does not support login (AUTH) on this connection") from None
        except ssl.SSLError as exc:
            self.close()
            raise DigestError(f"TLS with {server.name} failed: {exc.reason or exc}") from None
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise TransportError(f"cannot connect to {server.name}: {_describe(exc)}") from None
        except DigestError:
            self.close()
            raise

    def _login(self, smtp: smtplib.SMTP) -> None:
        """AUTH PLAIN when offered (every common provider does, and it is one round trip), else smtplib's choice."""
        if "plain" in smtp.esmtp_features.get("auth", "").lower().split():
            smtp.user, smtp.password = self.server.user, self.server.password
            try:
                smtp.auth("PLAIN", smtp.auth_plain)
            finally:
                smtp.user = smtp.password = None  # type: ignore[assignment]
        else:
            smtp.login(self.server.user, self.server.password)

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()

    def send(self, sender: str, recipient: str, data: bytes, before_data: Callable[[], None]) -> Reply:
        """One transaction: MAIL, RCPT, then ``before_data()`` (the ledger), then DATA.

        Returns the server's reply (2xx accepted, 4xx temporary, 5xx permanent)
        or raises TransportError when the connection fails; ``after_data`` tells
        whether the whole message had been handed over (the outcome is unknown).
        """
        if self._smtp is None:
            self.open()
        smtp = self._smtp
        assert smtp is not None
        in_data = False
        stage = "mail"
        try:
            code, text = smtp.mail(sender)
            if code == 250:
                stage = "rcpt"
                code, text = smtp.rcpt(recipient)
                if code in (250, 251):
                    before_data()
                    stage = "data"
                    code, text = smtp.docmd("DATA")
                    if code < 400 and code != 354:
                        code, text = 451, f"unexpected reply to DATA: {code} {_decode(text)}"
                    if code == 354:
                        # The server takes the message only at the final ".": a
                        # failure before it is sent is safe to retry; one while
                        # waiting for the reply leaves the outcome unknown.
                        smtp.send(_dot_stuffed(data)[:-3])
                        if _spoke_early(smtp):
                            raise OSError("the server closed the connection before the end of the message")
                        in_data = True
                        smtp.send(b".\r\n")
                        code, text = smtp.getreply()
                        in_data = False
            if code == 421:
                # The server is closing the channel (RFC 5321 3.8): start again later.
                self.close()
            elif not 200 <= code < 300:
                smtp.rset()
            return Reply(code, _decode(text), stage)
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise TransportError(f"connection to {self.server.name} lost: {_describe(exc)}", after_data=in_data) from None


def _spoke_early(smtp: smtplib.SMTP) -> bool:
    """Whether the server said something (or hung up) in the middle of DATA.

    A server is silent from 354 to the final "."; anything readable now is an
    error or a closed connection, and the message was not taken.
    """
    sock = smtp.sock
    if sock is None:
        return True
    pending = getattr(sock, "pending", None)  # TLS: bytes already decrypted
    if pending is not None and pending():
        return True
    try:
        return bool(select.select([sock], [], [], 0)[0])
    except (OSError, ValueError):
        return True


def _dot_stuffed(data: bytes) -> bytes:
    """The DATA payload: CRLF line ends, leading dots doubled, then the terminating dot (RFC 5321 4.5.2)."""
    payload = re.sub(rb"(?m)^\.", b"..", re.sub(rb"\r?\n|\r", b"\r\n", data))
    if not payload.endswith(b"\r\n"):
        payload += b"\r\n"
    return payload + b".\r\n"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_decode(exc.smtp_error)}"
    if isinstance(exc, socket.timeout):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__
