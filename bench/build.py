"""Scale: build issues from 100, 1,000 (and 5,000) real articles; print time, stages, memory.

Articles come from ../shared/data/summaries/bbc.jsonl and cnndm.jsonl, written
as scraped-page .txt files into a temporary folder (title, date line, body,
copyright line), dates spread over a week; the issue's window covers them all.

The corpus holds about 1,240 articles. Larger sizes add *disguised copies*:
copy k of an article has every word that is not a stop word replaced by
another word of about the same frequency in the corpus (words ranked by
frequency, in blocks of ``DISGUISE_BLOCK``; copy k takes the word k places
further in its block), capitals kept. A copy keeps its article's length,
sentences, paragraphs and word statistics (Zipf's law, repeats, names), so
the summarizer and the merger work as hard on it as on a real article; it
shares no content word with its original or with the other copies, so it
never merges with them. Copies made with the same k keep the corpus's own
structure (two related BBC articles stay related), so the share of merged
stories at 5,000 is about that of the real corpus, not inflated by repeats.

    python bench/build.py                 # sizes 100 and 1000 (about 2 minutes)
    python bench/build.py --sizes 5000    # the large size, once
    python bench/build.py --sizes 100,1000,5000 --workers 2

Also prints the same-event merging scores (bench/cluster.py) beside the baselines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cluster as cluster_bench  # noqa: E402  (bench/cluster.py)

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "summaries"
FIRST_DAY = dt.date(2021, 12, 1)
DAYS = 7
#: Progress line's first word -> the stage that runs until the next line.
STAGE_NAMES = {"Reading": "read", "Read": "merge", "Merged": "leads", "Summarizing": "summarize+order",
               "Ordered": "-", "Rendering": "render+write", "Updated": "-"}
TARGETS = "targets: 1,000 in < 15 s; 5,000 <= 6x the 1,000 time; peak < 500 MB"


def corpus() -> list[tuple[str, str, str]]:
    """(title, body, source) of every real article in bbc.jsonl and cnndm.jsonl."""
    found = []
    for line in (DATA / "bbc.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        lines = [text.strip() for text in row["article"].splitlines() if text.strip()]
        found.append((lines[0], "\n\n".join(lines[1:]), "BBC News"))
    for line in (DATA / "cnndm.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = row["article"]
        sentences = re.split(r"(?<=[.!?])\s+", text)
        title = " ".join(sentences[0].split()[:12])
        paragraphs = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
        found.append((title, "\n\n".join(paragraphs), "CNN"))
    return found


#: Words of about the same corpus frequency that a disguised copy permutes.
DISGUISE_BLOCK = 64
_WORD = re.compile(r"[A-Za-z]{2,}")


def disguise(articles: list[tuple[str, str, str]]) -> Callable[[str, int], str]:
    """A function giving copy k of a text: each content word moved k places in its frequency block."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    counts: dict[str, int] = {}
    for title, body, _ in articles:
        for word in _WORD.findall(f"{title} {body}"):
            word = word.lower()
            if word not in ENGLISH_STOP_WORDS:
                counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    rank = {word: r for r, word in enumerate(ranked)}

    def copy(text: str, k: int) -> str:
        def swap(match: re.Match[str]) -> str:
            word = match.group(0)
            r = rank.get(word.lower())
            if r is None:
                return word
            start = r - r % DISGUISE_BLOCK
            size = min(DISGUISE_BLOCK, len(ranked) - start)
            other = ranked[start + (r - start + k) % size]
            if word.isupper() and len(word) > 1:
                return other.upper()
            return other.capitalize() if word[0].isupper() else other

        return _WORD.sub(swap, text)

    return copy


def write_articles(folder: Path, count: int) -> None:
    articles = corpus()
    copy = disguise(articles)
    for n in range(count):
        title, body, source = articles[n % len(articles)]
        k = n // len(articles)
        if k:
            title, body = copy(title, k), copy(body, k)
        date = FIRST_DAY + dt.timedelta(days=n % DAYS)
        text = f"{title}\n\n{date.strftime('%d %b %Y')}\n\n{body}\n\n© {date.year} {source}\n"
        (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")


class PeakMemory:
    """Samples the resident memory of this process and its children (the tree)."""

    def __init__(self, interval: float = 0.05) -> None:
        self.peak = 0
        #: The stage running now (set by the progress callback) -> the peak seen during it.
        self.stage = "start"
        self.by_stage: dict[str, int] = {}
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            try:
                # PSS: pages shared by the forked workers are counted once, split between them.
                total = me.memory_full_info().pss + sum(
                    c.memory_full_info().pss for c in me.children(recursive=True))
            except psutil.Error:
                pass
            self.peak = max(self.peak, total)
            self.by_stage[self.stage] = max(self.by_stage.get(self.stage, 0), total)
            time.sleep(self._interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def run(size: int, workers: int | None) -> dict:
    from digest.config import Settings
    from digest.pipeline import build

    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        write_articles(folder, size)
        settings = Settings(articles=folder, out=Path(tmp) / "out", days=DAYS, workers=workers)
        stages: list[tuple[str, float]] = []
        last = [time.perf_counter()]
        memory = PeakMemory()

        def progress(line: str) -> None:
            word = line.split(" ")[0]
            if word not in STAGE_NAMES:
                return  # a warning inside a stage, not the start of the next one
            now = time.perf_counter()
            stages.append((word, now - last[0]))
            memory.stage = STAGE_NAMES[word]
            last[0] = now

        with memory:
            start = time.perf_counter()
            out = build(settings, FIRST_DAY + dt.timedelta(days=DAYS - 1), progress=progress)
            wall = time.perf_counter() - start
        manifest = json.loads((out / "issue.json").read_text(encoding="utf-8"))
    # Each progress line starts a stage; the time to the next line is that stage's.
    named = [(STAGE_NAMES.get(stages[i][0], stages[i][0]), stages[i + 1][1]) for i in range(len(stages) - 1)]
    return {"size": size, "wall": wall, "peak": memory.peak, "stages": named, "memory": memory.by_stage,
            "stories": len(manifest["stories"])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="comma-separated article counts (default 100,1000)")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: digest's)")
    args = parser.parse_args(argv)
    results = [run(int(size), args.workers) for size in args.sizes.split(",")]
    print(f"Build scale ({psutil.cpu_count()} CPUs), window of {DAYS} days, {TARGETS}")
    for r in results:
        stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in r["stages"] if name != "-")
        print(f"  {r['size']:>5} articles: {r['wall']:7.2f} s, {r['size'] / r['wall']:6.1f} articles/s, "
              f"peak {r['peak'] / 2**20:5.0f} MB, {r['stories']} stories")
        print(f"        stages: {stages}")
        peaks = ", ".join(f"{name} {peak / 2**20:.0f}" for name, peak in r["memory"].items() if name != "-")
        print(f"        peak MB during: {peaks}")
    by_size = {r["size"]: r["wall"] for r in results}
    if 1000 in by_size and 5000 in by_size:
        print(f"  5,000 / 1,000 time: {by_size[5000] / by_size[1000]:.2f}x (target <= 6x)")
    print()
    return cluster_bench.main(["--quick"])


if __name__ == "__main__":
    sys.exit(main())
