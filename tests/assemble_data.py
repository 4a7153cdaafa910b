"""Real same-event articles from ../shared/data/clusters, written as article files for builds."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import SHARED_DATA

CLUSTERS = SHARED_DATA / "clusters" / "same-event.jsonl"
#: Two BASIL events, each reported by three outlets, and one more event.
MOSQUE = "basil-45bd61bc-c356-4450-9e3a-cbfc862b09fd"
BLUMENTHAL = "basil-85475456-f38e-4c30-895d-ca2c819c6af1"
ARPAIO = "basil-0ffb34cd-c367-4d90-aca7-7fcac3ed8f3d"


def rows(cluster: str) -> list[dict]:
    found = [json.loads(line) for line in CLUSTERS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in found if r["cluster"] == cluster]


def write_article(folder: Path, name: str, title: str, body: str, date: dt.date, source: str) -> Path:
    """A scraped-page .txt file: headline, date line, body, copyright line."""
    path = folder / name
    path.write_text(f"{title}\n\n{date.strftime('%d %b %Y')}\n\n{body}\n\n© {date.year} {source}\n", encoding="utf-8")
    return path


def write_cluster(folder: Path, cluster: str, date: dt.date, prefix: str) -> list[Path]:
    return [write_article(folder, f"{prefix}_{n}.txt", r["title"].strip(), r["text"], date, r["source"])
            for n, r in enumerate(rows(cluster))]
