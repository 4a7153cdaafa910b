"""Summary quality and speed against the lead baselines, in one run (about a minute).

    python bench/summaries.py [--data ../shared/data] [--bbc 300]

Prints ROUGE-1/2/Lsum F1 (x100; rouge-score with the Porter stemmer, Lsum
over newline-separated sentences, as in ../shared/data/README.md) and
articles per second of CPU time on one core (summarizing only, sentence
splitting included; CPU time, so that other work on the machine does not
count) for:

- cnndm.jsonl, three sentences: digest (lede + 2 bullets, as
  ``digest summarize --no-extract --bullets 2`` makes them), Lead-3 (first
  three sentences, split by pysbd as in the data README, and by digest's
  splitter), sumy LexRank; one sentence: digest's lede against Lead-1 (the
  lede rule checked on another set than XSum);
- xsum.jsonl, one sentence: digest's lede against Lead-1;
- bbc.jsonl (first N articles, with their titles; extractive references),
  three sentences: digest against Lead-3, a check against overfitting CNN/DM.

Every method is first warmed up on ten articles of another data set, so the
rates are steady-state ones (a cold process is ~25% slower on its first
hundred articles: regexes compile, the stemmer's cache fills).

Each article is given as ``--no-extract`` gives it: the whole text as one
paragraph, the title being the file name (CNN/DM, XSum) or the real title (BBC).
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path
from typing import Callable

import pysbd
from rouge_score import rouge_scorer
from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

from digest.model import Article
from digest.summarize import summarize
from digest.text import split_sentences
from sumy_tokenizer import SumyTokenizer

Row = dict[str, str]
Method = Callable[[Row], list[str]]

_SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
_PYSBD = pysbd.Segmenter(language="en", clean=False)


def _article(row: Row) -> Article:
    if "title" in row:
        return Article(path=f"{row['id']}.txt", title=row["title"], body=row["body"])
    return Article(path=f"{row['id']}.txt", title=row["id"], body=row["article"].strip())


def ours(bullets: int) -> Method:
    def method(row: Row) -> list[str]:
        summary = summarize(_article(row), bullets=bullets)
        return [summary.lede, *summary.bullets]
    return method


def lead(count: int, splitter: Callable[[str], list[str]]) -> Method:
    def method(row: Row) -> list[str]:
        article = _article(row)
        return [s for p in article.paragraphs for s in splitter(p)][:count]
    return method


def pysbd_sentences(text: str) -> list[str]:
    return [s.strip() for s in _PYSBD.segment(text) if s.strip()]


def lexrank(count: int) -> Method:
    summarizer = LexRankSummarizer(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = SumyTokenizer("en")

    def method(row: Row) -> list[str]:
        document = PlaintextParser.from_string(_article(row).body, tokenizer).document
        return [str(s) for s in summarizer(document, count)]
    return method


def reference(row: Row, dataset: str) -> str:
    if dataset == "cnndm":  # lower-cased, tokenized highlights; " . " ends a sentence
        return "\n".join(s.strip(" .") for s in re.split(r" \. ", row["highlights"].strip()) if s.strip(" ."))
    if dataset == "bbc":  # extractive sentences run together without spaces
        return "\n".join(re.split(r"(?<=[.!?])(?=[A-Z\"])", row["summary"]))
    return row["summary"]


def evaluate(rows: list[Row], dataset: str, method: Method) -> tuple[float, float, float, float]:
    """Mean ROUGE F1 x100 and articles per second of ``method`` on ``rows``."""
    start = time.process_time()
    outputs = [method(row) for row in rows]
    rate = len(rows) / (time.process_time() - start)
    totals = [0.0, 0.0, 0.0]
    for row, sentences in zip(rows, outputs):
        scores = _SCORER.score(reference(row, dataset), "\n".join(sentences))
        for i, key in enumerate(("rouge1", "rouge2", "rougeLsum")):
            totals[i] += scores[key].fmeasure
    r1, r2, rl = (100 * t / len(rows) for t in totals)
    return r1, r2, rl, rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--bbc", type=int, default=300, help="BBC articles to score (0: none).")
    args = parser.parse_args()
    folder = args.data / "summaries"
    cnndm = [json.loads(line) for line in (folder / "cnndm.jsonl").open()]
    xsum = [json.loads(line) for line in (folder / "xsum.jsonl").open()]
    bbc = []
    for line in list((folder / "bbc.jsonl").open())[: args.bbc]:
        row = json.loads(line)
        title, _, body = row["article"].strip().partition("\n")
        bbc.append({**row, "title": title.strip(), "body": body.strip()})

    runs = [
        ("cnndm", cnndm, "digest: lede + 2 bullets", ours(2)),
        ("cnndm", cnndm, "Lead-3 (pysbd)", lead(3, pysbd_sentences)),
        ("cnndm", cnndm, "Lead-3 (digest splitter)", lead(3, split_sentences)),
        ("cnndm", cnndm, "sumy LexRank, 3 sentences", lexrank(3)),
        ("cnndm", cnndm, "digest: lede only", ours(0)),
        ("cnndm", cnndm, "Lead-1 (pysbd)", lead(1, pysbd_sentences)),
        ("xsum", xsum, "digest: lede only", ours(0)),
        ("xsum", xsum, "Lead-1 (pysbd)", lead(1, pysbd_sentences)),
        ("xsum", xsum, "Lead-1 (digest splitter)", lead(1, split_sentences)),
    ]
    if bbc:
        runs += [
            ("bbc", bbc, "digest: lede + 2 bullets", ours(2)),
            ("bbc", bbc, "Lead-3 (pysbd)", lead(3, pysbd_sentences)),
        ]
    # Warm up (compiled regular expressions, stemmer cache) on other articles,
    # as a long-running process would be: the rates are then steady-state ones.
    for dataset, _rows, _, method in runs:
        for row in (xsum if dataset != "xsum" else cnndm)[-10:]:
            method(row)
    print(f"{'data':<7}{'method':<30}{'R-1':>7}{'R-2':>7}{'R-Lsum':>8}{'articles/s':>12}")
    for dataset, rows, name, method in runs:
        r1, r2, rl, rate = evaluate(rows, dataset, method)
        print(f"{dataset:<7}{name:<30}{r1:>7.2f}{r2:>7.2f}{rl:>8.2f}{rate:>12.1f}")
    print("targets: CNN/DM digest >= Lead-3 + 0.5 on each score (README Lead-3: 41.44 18.94 37.67);"
          " XSum digest lede > Lead-1; >= 100 articles/s")


if __name__ == "__main__":
    main()
