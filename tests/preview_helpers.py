"""Helpers for the preview tests: build issues, run the server in a thread, send raw requests."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import socket
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from digest.config import Settings
from digest.pipeline import build
from digest.preview import PreviewServer, Watcher

SAMPLE_DATE = dt.date(2021, 12, 7)
SAMPLE_TITLE = "Biden urges Putin to de-escalate Ukraine tensions in direct talks"


def build_issue(tmp_path: Path, date: dt.date = SAMPLE_DATE, **settings: object) -> Path:
    """Build an issue from tmp_path/articles into tmp_path/out and return out."""
    out = tmp_path / "out"
    build(Settings(articles=tmp_path / "articles", out=out, **settings), date)
    return out


@contextmanager
def running(out: Path, watcher: Watcher | None = None) -> Iterator[PreviewServer]:
    """The preview server on a free port, in a thread, for the block's duration."""
    server = PreviewServer(out, port=0, watcher=watcher)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def get(server: PreviewServer, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET ``path`` exactly as written (no normalization of ``..`` or %-escapes)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=host is not None)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def raw_request(server: PreviewServer, request_line: str) -> bytes:
    """Send one raw request line over a socket and return the whole response."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(f"{request_line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1"))
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def version(server: PreviewServer, date: dt.date = SAMPLE_DATE) -> dict:
    status, _, body = get(server, f"/api/version?date={date.isoformat()}")
    assert status == 200
    return json.loads(body)
