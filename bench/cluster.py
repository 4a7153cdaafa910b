"""Same-event merging on ../shared/data/clusters/same-event.jsonl: B-cubed P/R/F1 beside the baselines.

    python bench/cluster.py            # scores, by data set, a sweep of the settings, small issues
    python bench/cluster.py --threshold 0.25

Printed: the whole file (all 734 articles grouped at once, as one issue),
BASIL and ECB+ separately, a sweep of the three settings of
digest/cluster.py around their defaults (a robust choice does not fall off a
cliff next to the default), and *small issues*: many random issues of 5-10
articles (two or three events with two to four reports each, the rest single
reports, often of the other event of the same ECB+ topic), where document
frequencies come from only a handful of articles.

Dates: each row's own ``date`` (all BASIL rows, 84 ECB+ rows) is given to the
merger, as a reader's publication date would be; rows without one stay undated.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Hashable, Sequence

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "clusters" / "same-event.jsonl"

#: Published in ../shared/data/README.md, measured on the same file.
BASELINES = [
    ("no merging", 0.248, 1.000, 0.142),
    ("TF-IDF cosine >= 0.3, single link", 0.876, 0.892, 0.861),
    ("TF-IDF cosine >= 0.4, single link", 0.705, 0.978, 0.551),
]
TARGET = "target: F1 >= 0.92 with P >= 0.95"
#: Small issues drawn (fixed seed).
SMALL_ISSUES = 300


def bcubed(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed (F1, precision, recall) over items."""
    by_pred: dict[Hashable, set[int]] = defaultdict(set)
    by_gold: dict[Hashable, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(predicted, gold)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    precision = recall = 0.0
    for p, g in zip(predicted, gold):
        shared = len(by_pred[p] & by_gold[g])
        precision += shared / len(by_pred[p])
        recall += shared / len(by_gold[g])
    precision /= len(gold)
    recall /= len(gold)
    return 2 * precision * recall / (precision + recall), precision, recall


def load() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def labels(rows: Sequence[dict], threshold: float | None = None) -> tuple[list[int], float]:
    """Group ``rows`` with digest's merger: a group number per row, and the seconds it took."""
    from digest.cluster import MERGE_THRESHOLD, Document, group_same_event

    docs = [Document(title=r.get("title") or "", body=r["text"],
                     date=dt.date.fromisoformat(r["date"]) if r.get("date") else None) for r in rows]
    start = time.perf_counter()
    groups = group_same_event(docs, threshold if threshold is not None else MERGE_THRESHOLD)
    seconds = time.perf_counter() - start
    predicted = [0] * len(rows)
    for number, group in enumerate(groups):
        for index in group:
            predicted[index] = number
    return predicted, seconds


def by_dataset(rows: Sequence[dict], predicted: Sequence[int]) -> dict[str, tuple[float, float, float]]:
    """Scores of the whole grouping and of each data set's rows in it."""
    scores = {"all": bcubed(predicted, [r["cluster"] for r in rows])}
    for name in sorted({r["dataset"] for r in rows}):
        keep = [i for i, r in enumerate(rows) if r["dataset"] == name]
        scores[name] = bcubed([predicted[i] for i in keep], [rows[i]["cluster"] for i in keep])
    return scores


def evaluate(threshold: float | None = None) -> tuple[tuple[float, float, float], float, int]:
    """Group the data set's articles with digest's merger: (scores, seconds, articles)."""
    rows = load()
    predicted, seconds = labels(rows, threshold)
    return by_dataset(rows, predicted)["all"], seconds, len(rows)


def small_issues(rows: Sequence[dict], count: int = SMALL_ISSUES, seed: int = 8) -> tuple[float, float, float]:
    """Mean B-cubed over ``count`` random issues of 5-10 articles."""
    rng = random.Random(seed)
    clusters: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        clusters[r["cluster"]].append(r)
    names = sorted(clusters)
    totals = [0.0, 0.0, 0.0]
    for _ in range(count):
        size = rng.randint(5, 10)
        issue: list[dict] = []
        for name in rng.sample(names, rng.randint(2, 3)):
            issue.extend(rng.sample(clusters[name], min(len(clusters[name]), rng.randint(2, 4))))
        while len(issue) < size:
            name = rng.choice(names)
            if name.endswith("-ecb") and rng.random() < 0.5:  # the other event of an ECB+ topic
                name += "plus"
            issue.append(rng.choice(clusters[name]))
        issue = issue[:size] if len(issue) > size else issue
        rng.shuffle(issue)
        predicted, _ = labels(issue)
        for k, value in enumerate(bcubed(predicted, [r["cluster"] for r in issue])):
            totals[k] += value
    return totals[0] / count, totals[1] / count, totals[2] / count


def sweep(rows: Sequence[dict]) -> list[tuple[str, tuple[float, float, float]]]:
    """Scores with each setting moved around its default, the others at theirs."""
    from digest import cluster

    found = []
    defaults = (cluster.MERGE_THRESHOLD, cluster.CONTRAST_P, cluster.MAX_DATE_GAP)
    try:
        for threshold in (0.15, 0.2, 0.25):
            found.append((f"threshold {threshold}", by_dataset(rows, labels(rows, threshold)[0])["all"]))
        for p in (3e-4, 3e-3, 0.0):
            cluster.CONTRAST_P = p
            found.append((f"contrast p {p:g}" + (" (test off)" if not p else ""),
                          by_dataset(rows, labels(rows)[0])["all"]))
        cluster.CONTRAST_P = defaults[1]
        for gap in (3, 14, 100_000):
            cluster.MAX_DATE_GAP = gap
            found.append((f"date gap {gap} days" + (" (dates off)" if gap > 9999 else ""),
                          by_dataset(rows, labels(rows)[0])["all"]))
    finally:
        cluster.MERGE_THRESHOLD, cluster.CONTRAST_P, cluster.MAX_DATE_GAP = defaults
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=None, help="merge threshold (default: digest's)")
    parser.add_argument("--quick", action="store_true", help="only the default settings on the whole file")
    args = parser.parse_args(argv)
    rows = load()
    predicted, seconds = labels(rows, args.threshold)
    scores = by_dataset(rows, predicted)
    f1, p, r = scores["all"]
    print(f"Same-event merging, {len(rows)} articles ({DATA.name}), B-cubed:")
    print(f"  {'method':<44} {'F1':>6} {'P':>6} {'R':>6}")
    for name, bf1, bp, br in BASELINES:
        print(f"  {name:<44} {bf1:6.3f} {bp:6.3f} {br:6.3f}")
    print(f"  {'digest (avg link + contrast + dates)':<44} {f1:6.3f} {p:6.3f} {r:6.3f}   ({seconds:.2f} s)")
    for name, (df1, dp, dr) in scores.items():
        if name != "all":
            count = sum(1 for row in rows if row["dataset"] == name)
            print(f"  {'  ' + name + f' ({count} articles)':<44} {df1:6.3f} {dp:6.3f} {dr:6.3f}")
    print(f"  {TARGET}: {'met' if f1 >= 0.92 and p >= 0.95 else 'NOT met'}")
    if args.quick:
        return 0
    print("  sweep (one setting moved, the others at their defaults):")
    for name, (sf1, sp, sr) in sweep(rows):
        print(f"    {name:<42} {sf1:6.3f} {sp:6.3f} {sr:6.3f}")
    sf1, sp, sr = small_issues(rows)
    print(f"  {f'small issues ({SMALL_ISSUES} of 5-10 articles, mean)':<44} {sf1:6.3f} {sp:6.3f} {sr:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
