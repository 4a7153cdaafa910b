"""Sentence splitters on the Golden Rules and on real articles, in one run.

    python bench/sentences.py [--data ../shared/data]

Prints, per splitter: golden rules passed (of 48) and articles per second (of
CPU time) on CNN/DM articles (about 560 words each): digest's splitter (a fast regular
expression pass with pysbd for the ambiguous pieces), pysbd alone, and a naive
regular expression. The figures the data README gives for
orientation: pysbd 47, nupunkt 35, NLTK Punkt 29, spaCy sentencizer 25.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

import pysbd

from digest.text import split_sentences

NAIVE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def naive(text: str) -> list[str]:
    return [s.strip() for s in NAIVE.split(text) if s.strip()]


_PYSBD = pysbd.Segmenter(language="en", clean=False)


def pysbd_alone(text: str) -> list[str]:
    return [s.strip() for s in _PYSBD.segment(text) if s.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    rules = [json.loads(line) for line in (args.data / "sentences" / "golden_rules_en.jsonl").open()]
    articles = [json.loads(line)["article"] for line in (args.data / "summaries" / "cnndm.jsonl").open()][:60]
    print(f"{'splitter':<28}{'golden rules':>14}{'articles/s':>12}")
    splitters = (("digest (regex + pysbd)", split_sentences), ("pysbd alone", pysbd_alone),
                 ("naive regex (baseline)", naive))
    for name, split in splitters:
        passed = sum(split(r["text"]) == [s.strip() for s in r["sentences"]] for r in rules)
        start = time.process_time()
        for text in articles:
            split(text)
        rate = len(articles) / (time.process_time() - start)
        print(f"{name:<28}{passed:>10}/{len(rules):<3}{rate:>12.1f}")
    print("reference (data README): pysbd 47, nupunkt 35, NLTK Punkt 29, spaCy sentencizer 25")


if __name__ == "__main__":
    main()
