"""A loopback server of solid-colour PNG pictures, for the image tests (no outside network).

``GET /<width>x<height>/<rrggbb>.png`` returns a PNG of that size and colour;
anything else is a 404 (a broken image). The server stops when the ``with``
block ends; every picture is at most 4000 x 4000 pixels.
"""

from __future__ import annotations

import re
import struct
import threading
import zlib
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator


def solid_png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A PNG of one colour."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    row = b"\x00" + bytes(rgb) * width
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height, 9)) + chunk(b"IEND", b""))


class _Pictures(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        match = re.fullmatch(r"/(\d{1,4})x(\d{1,4})/([0-9a-f]{6})\.png", self.path)
        if not match or not (0 < int(match.group(1)) <= 4000 and 0 < int(match.group(2)) <= 4000):
            self.send_error(404)
            return
        colour = bytes.fromhex(match.group(3))
        body = solid_png(int(match.group(1)), int(match.group(2)), (colour[0], colour[1], colour[2]))
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def picture_server() -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT``) of a running picture server; stopped on exit."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pictures)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
