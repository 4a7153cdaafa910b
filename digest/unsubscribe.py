"""One-click unsubscribe (RFC 8058): the token the sender puts in the link, and a WSGI app that honours it.

The token is ``YYYYMMDD.MAC``: the day the message was built and an HMAC-SHA256
(key: ``DIGEST_UNSUBSCRIBE_SECRET``) of that day, the list and the address.
The endpoint needs no database of tokens: it recomputes the MAC. A token is
good for :data:`TOKEN_DAYS` days, and only for its own address and list.

The app (standard WSGI, runs under wsgiref, gunicorn, uWSGI, mod_wsgi...):

- ``GET  ?email=ADDR&token=T``: a confirmation page with a button. A GET never
  unsubscribes anyone: link scanners and previews fetch every link they see.
- ``POST ?email=ADDR&token=T`` (what a mail provider sends for one click, body
  ``List-Unsubscribe=One-Click``, or the page's button): the address goes on the
  suppression list; 200.
- a missing, bad, expired or foreign token: a plain ``400 Bad Request``, nothing else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import html
import os
import socket
import sys
import threading
from socketserver import ThreadingMixIn
from typing import Any, Callable, Iterable, Mapping
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from .config import Settings
from .errors import DigestError
from .suppression import ONE_CLICK, SuppressionList, address_key

SECRET_ENV = "DIGEST_UNSUBSCRIBE_SECRET"
#: How long a link works after its message was built.
TOKEN_DAYS = 365
#: The largest request body read (a one-click POST is 26 bytes).
MAX_BODY = 4096
#: Seconds an idle or slow connection may hold the built-in server.
IDLE_TIMEOUT = 10.0

StartResponse = Callable[..., Any]


def _mac(secret: str, list_id: str, email: str, day: str) -> str:
    message = "\0".join(("digest-unsubscribe", list_id, email.lower(), day)).encode("utf-8")
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()[:32]


def make_token(email: str, secret: str, list_id: str, issued: dt.date | None = None) -> str:
    """The token for ``email`` on list ``list_id``, issued on ``issued`` (default: today, UTC)."""
    day = (issued or dt.datetime.now(dt.UTC).date()).strftime("%Y%m%d")
    return f"{day}.{_mac(secret, list_id, email, day)}"


def check_token(token: str, email: str, secret: str, list_id: str, today: dt.date | None = None) -> bool:
    """Whether ``token`` was made with ``secret`` for this address and list, and has not expired."""
    if not secret or not token or token.count(".") != 1:
        return False
    day, mac = token.split(".")
    try:
        issued = dt.datetime.strptime(day, "%Y%m%d").date()
    except ValueError:
        return False
    today = today or dt.datetime.now(dt.UTC).date()
    if not issued <= today + dt.timedelta(days=1) or (today - issued).days > TOKEN_DAYS:
        return False
    return hmac.compare_digest(mac, _mac(secret, list_id, email, day))


def _plain(start_response: StartResponse, status: str, text: str) -> list[bytes]:
    body = text.encode("utf-8")
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")])
    return [body]


def _page(start_response: StartResponse, title: str, inner: str) -> list[bytes]:
    body = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width\">"
            f"<meta name=\"robots\" content=\"noindex\"><title>{html.escape(title)}</title></head>"
            f"<body style=\"font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em\">{inner}</body></html>"
            ).encode()
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                              ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
                              ("Referrer-Policy", "no-referrer"),
                              ("Content-Security-Policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'")])
    return [body]


class UnsubscribeApp:
    """The WSGI application; ``settings`` give the list (List-Id) and the state folder."""

    def __init__(self, settings: Settings, env: Mapping[str, str] | None = None,
                 today: Callable[[], dt.date] | None = None) -> None:
        from .send.message import list_id  # the same List-Id the sender signs

        env = os.environ if env is None else env
        self.secret = env.get(SECRET_ENV, "")
        if not self.secret:
            raise DigestError(f"the unsubscribe endpoint needs {SECRET_ENV} in the environment "
                              "(the same value digest send used)")
        self.list_id = list_id(settings)
        self.newsletter = settings.newsletter_name
        self.state_dir = settings.state_dir
        self.today = today
        self.lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        email = (query.get("email") or [""])[0]
        token = (query.get("token") or [""])[0]
        if method == "POST":
            form = self._form(environ)
            if form is None:
                return _plain(start_response, "400 Bad Request", "Bad request\n")
            email = email or (form.get("email") or [""])[0]
            token = token or (form.get("token") or [""])[0]
        elif method not in ("GET", "HEAD"):
            return _plain(start_response, "405 Method Not Allowed", "Method not allowed\n")
        try:
            key = address_key(email)
        except ValueError:
            return _plain(start_response, "400 Bad Request", "Bad request\n")
        if not check_token(token, key, self.secret, self.list_id, self.today() if self.today else None):
            return _plain(start_response, "400 Bad Request", "Bad request\n")
        if method == "POST":
            with self.lock, SuppressionList(self.state_dir) as listed:
                listed.suppress(key, ONE_CLICK, "one-click request")
            return _page(start_response, "Unsubscribed",
                         f"<h1>Unsubscribed</h1><p>{html.escape(key)} will get no more issues of "
                         f"{html.escape(self.newsletter)}.</p>")
        # Scanners prefetch links: a GET only asks.
        return _page(start_response, "Unsubscribe?",
                     f"<h1>Unsubscribe from {html.escape(self.newsletter)}?</h1>"
                     f"<p>{html.escape(key)} will get no more issues.</p>"
                     "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                     "<button type=\"submit\">Unsubscribe</button></form>")

    @staticmethod
    def _form(environ: dict[str, Any]) -> dict[str, list[str]] | None:
        """The POST body as a form (bounded), or None when it is too large or unreadable."""
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return None
        if length < 0 or length > MAX_BODY:
            return None
        try:
            raw = environ["wsgi.input"].read(length) if length else b""
        except (TimeoutError, OSError):
            return None
        return parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True)


def make_app(settings: Settings, env: Mapping[str, str] | None = None) -> UnsubscribeApp:
    """The WSGI app for ``settings`` (see the module doc and docs/sending.md)."""
    return UnsubscribeApp(settings, env)


class _QuietHandler(WSGIRequestHandler):
    timeout = IDLE_TIMEOUT  # an idle connection is dropped, its thread freed (set per server)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # addresses are in the query string: keep them out of logs


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True  # a thread per connection: an idle one cannot hold up the others

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return  # a client that went away or went quiet: nothing to report
        super().handle_error(request, client_address)


class UnsubscribeServer:
    """The app on ``host:port`` with wsgiref; a thread per connection, idle connections time out."""

    def __init__(self, app: UnsubscribeApp, host: str = "127.0.0.1", port: int = 8025,
                 idle_timeout: float = IDLE_TIMEOUT) -> None:
        server_class = type("_S", (_Server,), {"address_family": socket.AF_INET6 if ":" in host else socket.AF_INET})
        handler = type("_TimedHandler", (_QuietHandler,), {"timeout": idle_timeout})
        try:
            self.httpd = make_server(host, port, app, server_class=server_class, handler_class=handler)
        except OSError as exc:
            raise DigestError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        self.host = host
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def serve_forever(self) -> None:
        self.httpd.serve_forever(poll_interval=0.2)

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, name="digest-unsubscribe", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=10)
        self.httpd.server_close()
