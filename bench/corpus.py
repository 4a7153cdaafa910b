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


#: The fresh reading set (round 3): items no reader has seen, by a new salt, outside HELD_OUT.
FRESH = {"cnndm": 20, "xsum": 10, "html": 15, "bbc": 15}
FRESH_SALT = "fresh-2026-round3"


#: Items whose outputs were printed and read while the round-3 rules were written: not fresh.
READ_IN_ROUND3 = {
    "cnndm": {"008aa71f64621995d749aff42be822b1b6ca7bc9", "06a4af524f4021ea62a16ee7778f901f3a7879b1",
              "07955dc7323a027814bbdacf87a46e554167aac2", "1b884cf6cb5180ea2143142d0a0b30f352865bd9",
              "47681f33b383d3000a13cff5c5429771204619ed", "60e99bf7b0f7dd755ae4aab0094f2add2d4f36fd",
              "66fe5722d222324b82a5b1a68592e4943a6b309e", "9056f691c18f7f0fd4658011b5c5376905c761ad",
              "9fa944ff682d06dbca7c66e4badea3697cd9dbdd", "d630035ba94ce748c4870e420ea807bf3701414e",
              "ec374b769e8112884310bb3b4a7d261ab4625490", "ee0304146d291374878c7605d90f9451aefe48b7",
              "fb1117897822bddb6586aa283e4a67d82b507f3a"},
    "xsum": {"16679938", "29237469", "33960105", "34182164", "35820385", "36307661", "37276607", "38550016",
             "39270960", "39587051"},
    "html": {"0ec95c7261d122f3", "2f42ef1d3ea0c96e", "680c2848e94a96f9", "686bb170effe273e", "87438a0dacbeb979",
             "9da36ae4714bfccc", "aec5deeaada8b2fb"},
    "bbc": {"bbc/business/207", "bbc/business/210", "bbc/business/313", "bbc/business/411", "bbc/politics/251",
            "bbc/politics/263", "bbc/politics/267", "bbc/sport/214", "bbc/tech/108", "bbc/tech/189", "bbc/tech/346",
            "bbc/entertainment/054", "bbc/entertainment/301", "bbc/politics/039", "bbc/politics/170",
            "bbc/sport/059", "bbc/tech/182"},
}


def _ids(dataset: str, data: Path) -> list[str]:
    if dataset == "html":
        return sorted(p.stem for p in (data / "pages").glob("*.html"))
    return [json.loads(line)["id"] for line in (data / "summaries" / f"{dataset}.jsonl").open(encoding="utf-8")]


def held_out_ids(data: Path = DEFAULT_DATA) -> dict[str, set[str]]:
    """Ids of the fixed held-out reading set, per dataset (pages: the same ids for .html and .txt)."""
    ids: dict[str, set[str]] = {}
    for dataset, count in HELD_OUT.items():
        ids[dataset] = set(sorted(_ids(dataset, data), key=lambda n: key(dataset, n))[:count])
    ids["txt"] = ids["html"]
    return ids


def fresh_ids(data: Path = DEFAULT_DATA) -> dict[str, set[str]]:
    """Ids of the fresh reading set, per dataset: the smallest keys under FRESH_SALT, the held-out
    set and the items read in round 3 excluded."""
    held = held_out_ids(data)
    ids: dict[str, set[str]] = {}
    for dataset, count in FRESH.items():
        names = [n for n in _ids(dataset, data)
                 if n not in held.get(dataset, set()) and n not in READ_IN_ROUND3.get(dataset, set())]
        ids[dataset] = set(sorted(names, key=lambda n: key(dataset, n, FRESH_SALT))[:count])
    ids["txt"] = ids["html"]
    return ids
