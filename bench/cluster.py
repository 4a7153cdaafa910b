"""Same-event merging on ../shared/data/clusters/same-event.jsonl: B-cubed P/R/F1 beside the baselines.

    python bench/cluster.py [--threshold 0.25]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
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


def evaluate(threshold: float | None = None) -> tuple[tuple[float, float, float], float, int]:
    """Group the data set's articles with digest's merger: (scores, seconds, articles)."""
    from digest.cluster import MERGE_THRESHOLD, Document, group_same_event

    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [Document(title=r.get("title") or "", body=r["text"],
                     date=dt.date.fromisoformat(r["date"]) if r.get("date") else None) for r in rows]
    start = time.perf_counter()
    groups = group_same_event(docs, threshold if threshold is not None else MERGE_THRESHOLD)
    seconds = time.perf_counter() - start
    predicted = [0] * len(rows)
    for number, group in enumerate(groups):
        for index in group:
            predicted[index] = number
    return bcubed(predicted, [r["cluster"] for r in rows]), seconds, len(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=None, help="merge threshold (default: digest's)")
    args = parser.parse_args(argv)
    (f1, p, r), seconds, count = evaluate(args.threshold)
    print(f"Same-event merging, {count} articles ({DATA.name}), B-cubed:")
    print(f"  {'method':<40} {'F1':>6} {'P':>6} {'R':>6}")
    for name, bf1, bp, br in BASELINES:
        print(f"  {name:<40} {bf1:6.3f} {bp:6.3f} {br:6.3f}")
    print(f"  {'digest (words+names+lead, avg link)':<40} {f1:6.3f} {p:6.3f} {r:6.3f}   ({seconds:.2f} s)")
    print(f"  {TARGET}: {'met' if f1 >= 0.92 and p >= 0.95 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
