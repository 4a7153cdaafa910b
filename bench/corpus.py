"""The evaluation texts as digest Articles, for the summary benches (read from ../shared/data).

Each item is (dataset, id, Article, reference): CNN/DM (highlights as
newline-separated sentences, title from the archived URL's slug), XSum
(one-sentence summary, no title), BBC (extractive reference, first line the
title), and the real pages read by digest's own .html or .txt reader (no
reference summary: used for defect counts and reading).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from digest.errors import ReadError
from digest.model import Article
from digest.readers import read_article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@dataclass(frozen=True)
class Item:
    dataset: str
    id: str
    article: Article
    reference: str | None = None


def _slug_title(url: str) -> str:
    """A readable headline from an archived CNN/Daily Mail URL's slug."""
    path = re.sub(r"^.*?https?://", "", url).rstrip("/")
    parts = [p for p in path.split("/") if p and p not in ("index.html",)]
    slug = parts[-1] if parts else ""
    if slug.endswith(".html"):
        slug = slug[:-5]
    slug = re.sub(r"^article-\d+-?", "", slug)
    words = [w for w in re.split(r"[-_]+", slug) if w]
    if not words or len(words) < 3:
        return ""
    title = " ".join(words)
    return title[:1].upper() + title[1:]


def _cnndm_reference(highlights: str) -> str:
    return "\n".join(s.strip(" .") for s in re.split(r" \. ", highlights.strip()) if s.strip(" ."))


def _bbc_reference(summary: str) -> str:
    return "\n".join(re.split(r"(?<=[.!?])(?=[A-Z\"])", summary))


def load(dataset: str, data: Path = DEFAULT_DATA, limit: int | None = None) -> list[Item]:
    """All items of one dataset: cnndm, xsum, bbc, html (pages/*.html) or txt (pages/*.txt)."""
    folder = data / "summaries"
    items: list[Item] = []
    if dataset == "cnndm":
        for line in (folder / "cnndm.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            title = _slug_title(row.get("url", "")) or row["id"]
            items.append(Item("cnndm", row["id"], Article(path=f"{row['id']}.txt", title=title,
                              body=row["article"].strip()), _cnndm_reference(row["highlights"])))
    elif dataset == "xsum":
        for line in (folder / "xsum.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            items.append(Item("xsum", row["id"], Article(path=f"{row['id']}.txt", title=row["id"],
                              body=row["article"].strip()), row["summary"]))
    elif dataset == "bbc":
        for line in (folder / "bbc.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            title, _, body = row["article"].strip().partition("\n")
            items.append(Item("bbc", row["id"], Article(path=f"{row['id']}.txt", title=title.strip(),
                              body=body.strip()), _bbc_reference(row["summary"])))
            if limit and len(items) >= limit:
                break
    elif dataset in ("html", "txt"):
        for path in sorted((data / "pages").glob(f"*.{dataset}")):
            try:
                article = read_article(path)
            except ReadError:
                continue
            items.append(Item(dataset, path.stem, article))
    else:
        raise ValueError(f"unknown dataset {dataset!r}")
    return items[:limit] if limit else items


def key(dataset: str, item_id: str, salt: str = "blind-2026") -> str:
    """A fixed pseudo-random rank for an item (for held-out sets and folds)."""
    return hashlib.sha256(f"{salt}:{dataset}:{item_id}".encode()).hexdigest()


#: The blind-reading set: this many items per dataset, the smallest hash keys.
HELD_OUT = {"cnndm": 30, "xsum": 15, "html": 15}


def held_out_ids(data: Path = DEFAULT_DATA) -> dict[str, set[str]]:
    """Ids of the fixed held-out reading set, per dataset (pages: the same ids for .html and .txt)."""
    ids: dict[str, set[str]] = {}
    for dataset, count in HELD_OUT.items():
        if dataset == "html":
            names = sorted(p.stem for p in (data / "pages").glob("*.html"))
        else:
            names = [json.loads(line)["id"] for line in (data / "summaries" / f"{dataset}.jsonl").open()]
        ids[dataset] = set(sorted(names, key=lambda n: key(dataset, n))[:count])
    ids["txt"] = ids["html"]
    return ids
