"""How quickly the preview answers and how quickly --watch reacts, in one run.

    python bench/preview.py [--requests 50]

Builds the sample issue in a temporary folder, starts the preview server on a
free port and prints, beside the targets: the median and worst time to serve
the issue page (with its checks), the archive and the version poll; and the
time from an edited template to the new version the page reloads on (the
watcher polls every 0.5 s and waits one more poll for the edit to settle,
then rebuilds).
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from digest.config import Settings
from digest.pipeline import build
from digest.preview import PreviewServer, Watcher

REPO = Path(__file__).resolve().parents[1]
DATE = dt.date(2021, 12, 7)
TARGETS = {"issue page": 50.0, "archive": 50.0, "version poll": 10.0}  # milliseconds
WATCH_TARGET = 3.0  # seconds from a saved template to the new version


def fetch(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    body = connection.getresponse().read()
    connection.close()
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="digest-bench-preview-"))
    try:
        (work / "articles").mkdir()
        shutil.copy(next((REPO / "articles").glob("*.txt")), work / "articles")
        templates = work / "templates"
        templates.mkdir()
        shutil.copy(REPO / "digest" / "templates" / "issue.mjml.j2", templates)
        os.chdir(work)
        settings = Settings(articles=work / "articles", out=work / "out", templates=templates)
        build(settings, DATE)
        watcher = Watcher(DATE, settings.out, lambda: settings)
        server = PreviewServer(settings.out, port=0, watcher=watcher)
        server.start()
        try:
            print(f"{'request':<14}{'median ms':>10}{'worst ms':>10}{'target ms':>11}")
            for name, path in (("issue page", "/issue/2021-12-07"), ("archive", "/"),
                               ("version poll", "/api/version?date=2021-12-07")):
                times = []
                for _ in range(args.requests):
                    start = time.perf_counter()
                    fetch(server.port, path)
                    times.append((time.perf_counter() - start) * 1000)
                print(f"{name:<14}{statistics.median(times):>10.1f}{max(times):>10.1f}{TARGETS[name]:>11.0f}")
            before = json.loads(fetch(server.port, "/api/version?date=2021-12-07"))["version"]
            template = templates / "issue.mjml.j2"
            start = time.perf_counter()
            edited = "<mj-section><mj-column><mj-text>Edited</mj-text></mj-column></mj-section></mj-body>"
            template.write_text(template.read_text().replace("</mj-body>", edited))
            while True:
                status = json.loads(fetch(server.port, "/api/version?date=2021-12-07"))
                if status["version"] != before and not status["building"]:
                    break
                time.sleep(0.02)
            print(f"watch: edited template -> new version in {time.perf_counter() - start:.2f} s "
                  f"(target {WATCH_TARGET:.0f} s; error: {status['error']})")
        finally:
            server.stop()
    finally:
        os.chdir(REPO)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
