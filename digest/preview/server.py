"""The preview's HTTP server: the archive, the preview page, the framed issue, out/'s files.

Standard library only (``http.server``). Only the publishable files of the
output folder are served (the archive page, the feed, and issue files: see
:func:`digest.state.publishable`; never a ledger or anything else that
strayed there): any ``..``/``.`` segment, encoded or not, is refused, as is a
path that resolves (through a symlink) outside the folder; folders are never
listed. The Host header is checked on any address (DNS rebinding), and an
idle connection is dropped after :data:`IDLE_TIMEOUT` seconds, freeing its thread.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import importlib.resources
import ipaddress
import json
import mimetypes
import socket
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

import jinja2

from ..errors import DigestError, option
from ..state import publishable
from ..urls import is_loopback
from .archive import archive, issue_page, issue_report
from .frame import framed
from .watch import Watcher

#: The Host header names a loopback-only server answers to (a narrower list than urls.is_loopback).
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
#: Seconds a connection may sit without sending a request before it is closed.
IDLE_TIMEOUT = 20.0
#: The preview UI's own pages: scripts, styles and frames from this server only.
UI_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
             "frame-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
#: The issue's files: what an email client allows (no script at all).
ISSUE_POLICY = ("default-src 'none'; img-src * data:; style-src 'unsafe-inline' *; font-src * data:; "
                "media-src *; base-uri 'self'; form-action 'none'; frame-ancestors 'self'")
ASSETS = {"preview.css": "text/css; charset=utf-8", "preview.js": "text/javascript; charset=utf-8",
          "favicon.svg": "image/svg+xml"}
CHECK_LABELS = {"size": "Size (Gmail clipping)", "links": "Links", "images": "Images (alt text)",
                "parity": "Text / HTML parity"}


@dataclass
class Response:
    """One answer: status, body, its type and the Content-Security-Policy it is sent with."""

    status: int
    body: bytes
    content_type: str
    policy: str = UI_POLICY
    location: str | None = None


def _assets() -> Path:
    return Path(str(importlib.resources.files("digest.preview") / "assets"))


class PreviewSite:
    """What the server serves: pages built from ``out`` (and the watcher's status, if any)."""

    def __init__(self, out: Path, watcher: Watcher | None = None) -> None:
        self.out = out
        self.watcher = watcher
        self.pages = jinja2.Environment(loader=jinja2.FileSystemLoader(str(_assets())), autoescape=True,
                                        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    def _page(self, name: str, status: int = 200, **context: object) -> Response:
        body = self.pages.get_template(name).render(context).encode("utf-8")
        return Response(status, body, "text/html; charset=utf-8")

    def not_found(self, what: str = "There is nothing at this address.") -> Response:
        return self._page("message.html.j2", 404, title="Not found", message=what)

    def version(self, date: dt.date) -> dict[str, object]:
        """A fingerprint of the built issue (and of the watcher's last error) the page polls."""
        folder = self.out / date.isoformat()
        parts = []
        for name in ("index.html", "index.txt", "issue.json"):
            try:
                stat = (folder / name).stat()
                parts.append(f"{name}:{stat.st_mtime_ns}:{stat.st_size}")
            except OSError:
                parts.append(f"{name}:-")
        status = self.watcher.status if self.watcher is not None and self.watcher.date == date else None
        error = status.error if status else None
        parts.append(f"error:{error}")
        return {"date": date.isoformat(), "version": hashlib.sha1("|".join(parts).encode()).hexdigest()[:16],
                "error": error, "building": bool(status and status.building), "watching": status is not None}

    def route(self, path: str, query: dict[str, list[str]]) -> Response:
        segments = [unquote(s) for s in path.split("/")[1:]]
        if any(s in (".", "..") or "/" in s or "\\" in s or "\0" in s for s in segments):
            return Response(403, b"Forbidden\n", "text/plain; charset=utf-8")
        if segments in ([""], ["index.html"]):
            return self._page("archive.html.j2", issues=archive(self.out), out=str(self.out))
        head, rest = segments[0], segments[1:]
        if head == "issue" and len(rest) in (1, 2) and rest[1:] in ([], [""]):
            return self.issue_page(rest[0], query)
        if head == "frame" and len(rest) == 1:
            return self.frame(rest[0], query)
        if head == "out":
            return self.out_file(rest)
        if head == "api" and rest == ["version"]:
            return self.version_api(query)
        if head == "_preview" and len(rest) == 1 and rest[0] in ASSETS:
            return Response(200, (_assets() / rest[0]).read_bytes(), ASSETS[rest[0]])
        if segments == ["favicon.ico"]:
            return Response(301, b"", "text/plain", location="/_preview/favicon.svg")
        return self.not_found()

    @staticmethod
    def _date(value: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(value) if len(value) == 10 else None
        except ValueError:
            return None

    def issue_page(self, value: str, query: dict[str, list[str]]) -> Response:
        date = self._date(value)
        if date is None:
            return self.not_found("That is not an issue date (YYYY-MM-DD).")
        try:
            report = issue_report(self.out, date)
        except FileNotFoundError:
            return self.not_found(f"No issue dated {date.isoformat()} in {self.out}.")
        version = self.version(date)
        return self._page("issue.html.j2", report=report, entry=report.entry, date=date.isoformat(),
                          version=version, labels=CHECK_LABELS)

    def frame(self, value: str, query: dict[str, list[str]]) -> Response:
        date = self._date(value)
        page_path = issue_page(self.out, date) if date else None
        if page_path is None:
            return self.not_found()
        scheme = "dark" if query.get("scheme") == ["dark"] else "light"
        page = framed(page_path.read_text(encoding="utf-8", errors="replace"), f"/out/{date.isoformat()}/", scheme)
        return Response(200, page.encode("utf-8"), "text/html; charset=utf-8", policy=ISSUE_POLICY)

    def out_file(self, rest: list[str]) -> Response:
        if not publishable(rest):
            return self.not_found()  # issue files only: no listings, hidden or temporary folders, ledgers
        root = self.out.resolve()
        target = root.joinpath(*rest)
        try:
            resolved = target.resolve(strict=True)
        except (OSError, RuntimeError):
            return self.not_found()
        if not resolved.is_relative_to(root):
            return Response(403, b"Forbidden\n", "text/plain; charset=utf-8")
        if not resolved.is_file():
            return self.not_found()
        kind = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "image/svg+xml"):
            kind += "; charset=utf-8"
        return Response(200, resolved.read_bytes(), kind, policy=ISSUE_POLICY)

    def version_api(self, query: dict[str, list[str]]) -> Response:
        date = self._date((query.get("date") or [""])[0])
        if date is None:
            body, status = {"error": "date=YYYY-MM-DD is required"}, 400
        else:
            body, status = self.version(date), 200
        return Response(status, json.dumps(body).encode("utf-8"), "application/json; charset=utf-8")


class _Handler(BaseHTTPRequestHandler):
    server: _HTTPServer
    server_version = "digest-preview"
    sys_version = ""

    def _respond(self, send_body: bool) -> None:
        if not self._host_allowed():
            response = Response(403, b"Forbidden: unexpected Host header\n", "text/plain; charset=utf-8")
        elif not self.path.startswith("/"):
            response = Response(400, b"Bad request\n", "text/plain; charset=utf-8")
        else:
            parts = urlsplit(self.path)
            response = self.server.site.route(parts.path, parse_qs(parts.query))
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Security-Policy", response.policy)
        if response.location:
            self.send_header("Location", response.location)
        self.end_headers()
        if send_body:
            self.wfile.write(response.body)

    def _host_allowed(self) -> bool:
        """Only names this server answers to: a web page cannot reach us by DNS rebinding.

        On loopback: loopback names. On any other address also IP literals,
        the address it was bound to and this machine's host name.
        """
        host = (self.headers.get("Host") or "").strip()
        name = (host[1:host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0]).lower().rstrip(".")
        if name in LOOPBACK_NAMES:
            return True
        if self.server.loopback_only:
            return False
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return bool(name) and name in self.server.host_names

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(send_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # the page polls every second: request lines would drown everything else


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    site: PreviewSite
    loopback_only: bool
    host_names: frozenset[str] = frozenset()

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser went away mid-response
        super().handle_error(request, client_address)


class PreviewServer:
    """The preview server bound to ``host:port`` (0 picks a free port); serve or start/stop it."""

    def __init__(self, out: Path, host: str = "127.0.0.1", port: int = 8000, watcher: Watcher | None = None,
                 idle_timeout: float = IDLE_TIMEOUT) -> None:
        server_class = type("_Server", (_HTTPServer,), {"address_family": socket.AF_INET6 if ":" in host else socket.AF_INET})
        handler = type("_TimedHandler", (_Handler,), {"timeout": idle_timeout})  # setup() applies it to the socket
        try:
            self.httpd: _HTTPServer = server_class((host, port), handler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise DigestError(f"port {port} on {host} is in use; stop what uses it or choose another "
                                  f"with {option('port')} ({option('port')} 0 picks a free one)") from None
            raise DigestError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
        self.httpd.site = PreviewSite(out, watcher)
        self.httpd.loopback_only = is_loopback(host)
        machine = socket.gethostname().lower()
        self.httpd.host_names = frozenset(n for n in (host.lower(), machine, f"{machine}.local") if n)
        self.watcher = watcher
        self.host = host
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        """The server's root URL, ending in /."""
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}/"

    def issue_url(self, date: dt.date) -> str:
        return f"{self.url}issue/{quote(date.isoformat())}"

    def serve_forever(self) -> None:
        """Serve until :meth:`stop` (or Ctrl-C, which the caller handles)."""
        if self.watcher is not None:
            self.watcher.start()
        self.httpd.serve_forever(poll_interval=0.2)

    def start(self) -> None:
        """Serve in a background thread (tests, embedding)."""
        self._thread = threading.Thread(target=self.serve_forever, name="digest-preview", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=10)
        if self.watcher is not None:
            self.watcher.stop()
        self.httpd.server_close()
