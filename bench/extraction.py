"""Main-text extraction on ../shared/data/pages, scored as its README defines, in one run.

    python bench/extraction.py [--data ../shared/data] [--worst N]

For each method: F1, mean precision and mean recall over the pages (4-gram
word shingles of the lower-cased text, counted with multiplicity; per page
precision tp/(tp+fp) and recall tp/(tp+fn); F1 of the two means), and
milliseconds per page (median; the first page, which loads models, is not
counted). Also: how often the .txt reader's date agrees with the date the
HTML reader finds for the same page. The data README's figures are printed
beside ours.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from digest.errors import ReadError
from digest.readers import read_article

README_BASELINES = {
    "no cleaning (.txt)": "0.693 / 0.531 / 0.995",
    "jusText (.txt lines)": "0.785 / 0.786 / 0.783",
    "trafilatura (.html)": "0.951 / 0.928 / 0.976",
}


def shingles(text: str) -> Counter[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return Counter(tuple(words[i:i + 4]) for i in range(len(words) - 3))


def page_scores(predicted: str, gold: str) -> tuple[float, float]:
    """Precision and recall of one page's extracted text against its gold body."""
    ours, theirs = shingles(predicted), shingles(gold)
    tp = sum((ours & theirs).values())
    fp = sum(ours.values()) - tp
    fn = sum(theirs.values()) - tp
    return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)


def evaluate(pages: list[dict], extract: Callable[[str], str]) -> tuple[float, float, float, float, list]:
    precisions, recalls, times, rows = [], [], [], []
    for page in pages:
        start = time.perf_counter()
        try:
            text = extract(page["id"])
        except ReadError:
            text = ""
        times.append(time.perf_counter() - start)
        p, r = page_scores(text, page["body"])
        precisions.append(p)
        recalls.append(r)
        rows.append((2 * p * r / (p + r) if p + r else 0.0, p, r, page["id"]))
    p, r = statistics.mean(precisions), statistics.mean(recalls)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    ms = statistics.median(times[1:] or times) * 1000
    return f1, p, r, ms, sorted(rows)


def justext_body(path: Path) -> str:
    import html

    import justext

    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    page = "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in lines) + "</body></html>"
    blocks = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"))
    return "\n".join(block.text for block in blocks if not block.is_boilerplate)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--worst", type=int, default=0, help="also list the N worst pages of each reader")
    args = parser.parse_args()
    folder = args.data / "pages"
    pages = [json.loads(line) for line in (folder / "gold.jsonl").open(encoding="utf-8")]

    methods: dict[str, Callable[[str], str]] = {
        "no cleaning (.txt)": lambda pid: (folder / f"{pid}.txt").read_text(encoding="utf-8"),
        "jusText (.txt lines)": lambda pid: justext_body(folder / f"{pid}.txt"),
        "digest .txt reader": lambda pid: read_article(folder / f"{pid}.txt").body,
        "digest .html reader": lambda pid: read_article(folder / f"{pid}.html").body,
    }
    print(f"{len(pages)} pages in {folder}")
    print(f"{'method':<24}{'F1':>7}{'P':>7}{'R':>7}{'ms/page':>9}   data README (F1 / P / R)")
    worst = {}
    for name, extract in methods.items():
        f1, p, r, ms, rows = evaluate(pages, extract)
        worst[name] = rows
        print(f"{name:<24}{f1:>7.3f}{p:>7.3f}{r:>7.3f}{ms:>9.1f}   {README_BASELINES.get(name, '')}")
    print("(jusText here: default English stoplist over the .txt lines wrapped as <p>; the README's setup may differ)")

    agree = dated = 0
    for page in pages:
        try:
            html_date = read_article(folder / f"{page['id']}.html").date
            txt_date = read_article(folder / f"{page['id']}.txt").date
        except ReadError:
            continue
        if html_date is not None:
            dated += 1
            agree += txt_date == html_date
    print(f".txt date equals the .html reader's date on {agree} of {dated} pages where the HTML has one")

    for name in ("digest .txt reader", "digest .html reader"):
        for f1, p, r, pid in worst[name][:args.worst]:
            print(f"  {name}: {pid} F1 {f1:.2f} P {p:.2f} R {r:.2f}")


if __name__ == "__main__":
    main()
