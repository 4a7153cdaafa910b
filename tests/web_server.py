"""A real HTTP server on loopback for the fetch tests and bench, with scripted faults.

Routes map a path to a :class:`Route`: a status, headers, a body, and a
fault (``delay`` before answering, ``drop`` the connection, ``endless``
body, ``gzip_bomb``, ``retry_after``). Every request is logged, and the
server counts, per host address, the most connections open at once and the
most requests started within any one second (the politeness limits).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    #: drop: close without answering; endless: stream forever; gzip_bomb: a small gzip of zeros.
    fault: str | None = None
    #: Answer with these statuses first (one per request), then normally: e.g. [500, 500].
    first: list[int] = field(default_factory=list)
    etag: str | None = None


@dataclass
class Stats:
    log: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)  # (host, path, headers)
    times: list[float] = field(default_factory=list)  # when each logged request arrived (monotonic)
    open_now: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    open_max: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    starts: dict[str, deque] = field(default_factory=lambda: defaultdict(deque))
    per_second_max: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        return [path for _, path, _ in self.log]


class Site:
    """Routes plus stats; one per test (or per bench run), shared by all its servers."""

    def __init__(self, latency: float = 0.0) -> None:
        self.routes: dict[str, Route] = {}
        self.stats = Stats()
        self.latency = latency
        self.servers: list[ThreadingHTTPServer] = []

    def route(self, path: str, *args, **kwargs) -> Route:
        self.routes[path] = Route(*args, **kwargs)
        return self.routes[path]


@functools.cache
def bomb() -> bytes:
    """32 MB of zeros in about 32 KB of gzip."""
    return gzip.compress(b"\0" * (32 * 1024 * 1024), compresslevel=6)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a handler still sleeping (a slow route) does not hold up the test

    def handle_error(self, request, client_address) -> None:  # a client that hangs up is expected here
        pass


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet
            pass

        def setup(self) -> None:
            super().setup()
            host = self.server.server_address[0]
            with site.stats.lock:
                site.stats.open_now[host] += 1
                site.stats.open_max[host] = max(site.stats.open_max[host], site.stats.open_now[host])

        def finish(self) -> None:
            super().finish()
            host = self.server.server_address[0]
            with site.stats.lock:
                site.stats.open_now[host] -= 1

        def do_GET(self) -> None:  # noqa: N802
            host = self.server.server_address[0]
            now = time.monotonic()
            with site.stats.lock:
                site.stats.log.append((host, self.path, {k.lower(): v for k, v in self.headers.items()}))
                site.stats.times.append(now)
                window = site.stats.starts[host]
                window.append(now)
                while window and window[0] <= now - 1.0:
                    window.popleft()
                site.stats.per_second_max[host] = max(site.stats.per_second_max[host], len(window))
            route = site.routes.get(self.path.split("?")[0])
            if site.latency:
                time.sleep(site.latency)
            if route is None:
                return self._answer(404, b"not found", "text/plain")
            if route.delay:
                time.sleep(route.delay)
            if route.first:
                status = route.first.pop(0)
                return self._answer(status, b"", "text/plain", route.headers if status in (429, 503) else {})
            if route.fault == "drop":
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                return self._answer(304, b"", None, {"ETag": route.etag})
            headers = dict(route.headers)
            if route.etag:
                headers["ETag"] = route.etag
            if route.fault == "endless":
                return self._endless(route)
            body = route.body
            if route.fault == "gzip_bomb":
                body = bomb()
                headers["Content-Encoding"] = "gzip"
            self._answer(route.status, body, route.content_type, headers)

        def _answer(self, status: int, body: bytes, content_type: str | None, headers: dict | None = None) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def _endless(self, route: Route) -> None:
            self.send_response(200)
            self.send_header("Content-Type", route.content_type)
            self.end_headers()  # no length: the body ends when the connection does
            self.close_connection = True
            chunk = b"<p>" + b"more " * 2000 + b"</p>\n"
            with contextlib.suppress(OSError):
                for _ in range(100_000):  # bounded: about 1 GB, far past any cap
                    self.wfile.write(chunk)

    return Handler


@contextlib.contextmanager
def serve(site: Site, hosts: tuple[str, ...] = ("127.0.0.1",)) -> Iterator[list[str]]:
    """Start one server per host address (port 0); yields their base URLs; stops them after."""
    servers, threads = [], []
    try:
        for host in hosts:
            server = _Server((host, 0), _handler(site))
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
            thread.start()
            servers.append(server)
            threads.append(thread)
        site.servers = servers
        yield [f"http://{s.server_address[0]}:{s.server_address[1]}" for s in servers]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def rss(title: str, items: list[dict], link: str = "http://example.org/") -> bytes:
    """An RSS 2.0 feed; each item may have title, link, guid, date (RFC 822), content (HTML)."""
    from xml.sax.saxutils import escape

    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
             f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{escape(title)}</title>'
             f"<link>{escape(link)}</link><description>test</description>"]
    for item in items:
        parts.append("<item>")
        for key, tag in (("title", "title"), ("link", "link"), ("guid", "guid"), ("date", "pubDate")):
            if item.get(key):
                parts.append(f"<{tag}>{escape(item[key])}</{tag}>")
        if item.get("content"):
            parts.append(f"<content:encoded>{escape(item['content'])}</content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


