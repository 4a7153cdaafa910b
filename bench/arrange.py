"""Sections and outlet names on ../shared/data/pages, beside the keyword-only baseline.

    python bench/arrange.py            # section accuracy and readable outlet names
    python bench/arrange.py --show     # also list every page that misses

Sections: each page is read (.html, then .txt) as a one-article story and
filed by digest's rule (the source's own section, the URL path, then
keywords; unsure -> "More news"); the baseline is the keyword classifier
alone as it was before issue 15 (most hits, at least two). Scored against
the hand labels in bench/labels/sections.tsv (page id, the section a reader
would expect). "More news" for a labelled page counts as a miss, but not a
wrong filing: the wrong-filing rate is reported separately.

Outlet names: the share of pages whose source is a name a reader
recognises: present, not a parent company or hosting platform, not a bare
lower-case domain ("digg.com"), not a glued handle ("SputnikInt").
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digest.arrange import _KEYWORD, OTHER_SECTION, SECTIONS_MIN_STORIES, section_of  # noqa: E402
from digest.copies import remove_copies  # noqa: E402
from digest.errors import ReadError  # noqa: E402
from digest.model import Article, Story, Summary  # noqa: E402
from digest.readers import read_article  # noqa: E402
from digest.readers.source import NOT_OUTLETS  # noqa: E402

PAGES = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "pages"
LABELS = Path(__file__).resolve().parent / "labels" / "sections.tsv"
assert SECTIONS_MIN_STORIES  # sections are on for a real issue; here each page is filed alone


def labels() -> dict[str, str]:
    rows = [line.split("\t") for line in LABELS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {page: section for page, section in rows}


def keyword_baseline(article: Article) -> str:
    """The keyword classifier before issue 15: most hits in title and first words, at least two."""
    text = " ".join([article.title, " ".join(article.body.split()[:150])])
    best, best_hits = OTHER_SECTION, 1
    for section, pattern in _KEYWORD.items():
        if section == "Life & style":
            continue  # not a section before issue 15
        hits = len(pattern.findall(text))
        if hits > best_hits:
            best, best_hits = section, hits
    return best


def readable(name: str | None) -> bool:
    if not name or not name.strip():
        return False
    compact = re.sub(r"[\W_]+", "", name.casefold())
    if compact in NOT_OUTLETS:
        return False
    if re.fullmatch(r"[a-z0-9-]+\.[a-z.]{2,}", name):  # a bare lower-case domain
        return False
    return not re.search(r"[a-z][A-Z][a-z]{2}$|_$", name)  # "SputnikInt", "Wday_"


def read(path: Path) -> Article | None:
    try:
        return read_article(path)
    except ReadError:
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the misses")
    args = parser.parse_args(argv)
    expected = labels()
    kinds = {"html": {}, "txt": {}, "page (both copies as one)": {}}
    for page in sorted(expected):
        html, txt = read(PAGES / f"{page}.html"), read(PAGES / f"{page}.txt")
        kinds["html"][page] = html
        kinds["txt"][page] = txt
        both = [a for a in (html, txt) if a is not None]
        kinds["page (both copies as one)"][page] = remove_copies(both)[0][0] if both else None
    print(f"Sections on {len(expected)} hand-labelled pages ({LABELS.name}):")
    print(f"  {'read from':<28} {'method':<36} {'right':>6} {'wrong':>6} {'unsure':>7}")
    misses = []
    for kind, articles in kinds.items():
        for method, rule in (("keywords only (before)", keyword_baseline),
                             ("evidence, then keywords (digest)", lambda a: section_of(Story(a, Summary(""))))):
            right = wrong = unsure = 0
            for page, article in articles.items():
                found = rule(article) if article else OTHER_SECTION
                if found == expected[page]:
                    right += 1
                elif found == OTHER_SECTION:
                    unsure += 1
                else:
                    wrong += 1
                    if "digest" in method and kind.startswith("page"):
                        misses.append((page, expected[page], found, article.title if article else ""))
            n = len(articles)
            print(f"  {kind:<28} {method:<36} {right / n:6.1%} {wrong / n:6.1%} {unsure / n:7.1%}")
    print(f"Readable outlet names on {len(expected)} pages:")
    for kind, articles in kinds.items():
        good = sum(1 for a in articles.values() if a and readable(a.source))
        print(f"  {kind:<28} {good}/{len(articles)} ({good / len(articles):.0%})")
    if args.show:
        print("Wrong sections (page read as one article):")
        for page, want, found, title in misses:
            print(f"  {page} expected {want:<16} got {found:<16} {title[:60]}")
        print("Unreadable names:")
        for page, article in kinds["page (both copies as one)"].items():
            if not (article and readable(article.source)):
                print(f"  {page} {article.source if article else None!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
