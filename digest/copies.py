"""One article, one copy: copies of the same article in the folder become one before merging.

Copies are the same page saved twice (``page.html`` and ``page.txt``), a page
and its feed entry, or one URL fetched twice. Two articles are copies when

- they have the same URL (scheme, ``www.``, a trailing slash, tracking
  parameters and the fragment ignored; readers take a page's canonical URL
  when it declares one), or
- their bodies are near-identical (at least ``COPY_CONTAINMENT`` of the
  shorter body's word 5-grams are in the other) and they come from the same
  outlet: the same source name, the same web domain, or the same file name
  in the same folder (``x.html`` and ``x.txt``, whose readers may name the
  outlet differently); dates, when both have one, at most
  ``COPY_MAX_DAYS`` apart.

Of each set of copies, the one with the most metadata wins (URL, date,
source, author, standfirst, section; then fewer warnings, the longer body,
the path); fields it lacks are filled from the others. The others are
listed in issue.json as copies of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit

from .model import Article
from .readers.source import registered_domain

#: Share of the shorter body's word 5-grams the other must hold (same-page pairs: 0.76 or more
#: on ../shared/data/pages; different pages of one site: 0.33 or less, one page of clutter 0.81).
COPY_CONTAINMENT = 0.6
#: Copies are dated at most this many days apart (a feed entry a day after the page).
COPY_MAX_DAYS = 2
#: Words of each body compared.
COPY_WORDS = 600
_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_|ref$|cmpid$|ocid$)", re.IGNORECASE)
#: Fields the copy with the most metadata is chosen by, and that it takes from the others when it lacks them.
METADATA = ("url", "date", "source", "author", "standfirst", "section")


@dataclass(frozen=True)
class Copy:
    """An article left out because it is a copy of ``kept`` (why: "same URL", "near-identical body ...")."""

    article: Article
    kept: Article
    why: str


def url_key(url: str | None) -> str | None:
    """A URL as compared for copies: host without ``www.``, path without trailing slash, no tracking."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    return f"{host}{parts.path.rstrip('/') or '/'}" + (f"?{query}" if query else "")


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())[:COPY_WORDS]
    return frozenset(tuple(words[i:i + 5]) for i in range(max(0, len(words) - 4)))


def containment(a: frozenset, b: frozenset) -> float:
    """Share of the smaller set found in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _outlet_keys(article: Article) -> set[str]:
    keys = set()
    if article.source:
        keys.add("name:" + re.sub(r"[\W_]+", "", article.source.casefold()))
    domain = registered_domain(article.url) if article.url else None
    if domain:
        keys.add("domain:" + domain)
    return keys


#: A 5-gram in more articles than this (boilerplate) does not make two of them candidates.
COPY_COMMON = 50


def _sharing_pairs(texts: Sequence[frozenset]) -> list[tuple[int, int]]:
    """Pairs (i < j) whose bodies share a 5-gram that few bodies carry, in order: the only pairs
    that can be near-identical (an index of 5-grams instead of comparing every pair)."""
    postings: dict[tuple[str, ...], list[int]] = {}
    for i, text in enumerate(texts):
        for gram in text:
            postings.setdefault(gram, []).append(i)
    pairs = {(ids[x], ids[y]) for ids in postings.values() if 1 < len(ids) <= COPY_COMMON
             for x in range(len(ids)) for y in range(x + 1, len(ids))}
    return sorted(pairs)


def _richness(article: Article) -> tuple:
    filled = sum(1 for name in METADATA if getattr(article, name))
    return (-filled, len(article.warnings), -article.word_count, article.path)


def remove_copies(articles: Sequence[Article]) -> tuple[list[Article], list[Copy]]:
    """The articles with each set of copies replaced by its richest copy (in the input order), and the copies."""
    n = len(articles)
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    why: dict[tuple[int, int], str] = {}

    def join(i: int, j: int, reason: str) -> None:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
            why[(min(i, j), max(i, j))] = reason

    by_url: dict[str, int] = {}
    for i, article in enumerate(articles):
        key = url_key(article.url)
        if key is None:
            continue
        if key in by_url:
            join(by_url[key], i, "same URL")
        else:
            by_url[key] = i
    texts = [shingles(a.body) for a in articles]
    outlets = [_outlet_keys(a) for a in articles]
    files = [(Path(a.path).parent, Path(a.path).stem) for a in articles]
    for i, j in _sharing_pairs(texts):
        if root(i) == root(j) or not (files[i] == files[j] or outlets[i] & outlets[j]):
            continue
        a, b = articles[i], articles[j]
        if a.date and b.date and abs((a.date - b.date).days) > COPY_MAX_DAYS:
            continue
        share = containment(texts[i], texts[j])
        if share >= COPY_CONTAINMENT:
            join(i, j, f"near-identical body from the same outlet ({share:.0%} of the text shared)")
    sets: dict[int, list[int]] = {}
    for i in range(n):
        sets.setdefault(root(i), []).append(i)
    kept: list[Article] = []
    copies: list[Copy] = []
    for i in range(n):
        members = sets.get(i)
        if members is None:
            continue
        best = min(members, key=lambda k: _richness(articles[k]))
        winner = _filled(articles[best], [articles[k] for k in members if k != best])
        kept.append(winner)
        for k in members:
            if k != best:
                reason = next((r for (x, y), r in why.items() if k in (x, y) and {x, y} <= set(members)), "copy")
                copies.append(Copy(articles[k], winner, reason))
    return kept, copies


def _filled(winner: Article, others: Sequence[Article]) -> Article:
    """``winner`` with the metadata it lacks taken from its copies (the richest first)."""
    missing = {}
    for name in METADATA:
        if getattr(winner, name):
            continue
        value = next((getattr(o, name) for o in sorted(others, key=_richness) if getattr(o, name)), None)
        if value:
            missing[name] = value
    return replace(winner, **missing) if missing else winner
