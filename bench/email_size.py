"""Email size and rendering time for issues of 1, 10, 30 and 80 real stories, in one run.

    python bench/email_size.py [--data ../shared/data]

Stories are BBC articles (``summaries/bbc.jsonl``) summarized with 3 bullets,
with made-up links. Prints, per issue: HTML size (KB) beside Gmail's clip
(102 KB) and the default budget (100 KB), KB per story, stories kept by the
size budget, the plain-text part's size and longest line, and the time to
render both parts (fitting included). Baseline: EMAIL.md's estimate of about
1.4 KB of MJML output per story.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from digest.config import Settings
from digest.model import Article, Issue, Story
from digest.render import render_issue
from digest.summarize import summarize

GMAIL_CLIP_KB = 102
DATE_URL = "https://news.example.org/bench/"


def bbc_stories(data: Path, count: int) -> list[Story]:
    rows = [json.loads(line) for line in (data / "summaries" / "bbc.jsonl").read_text(encoding="utf-8").splitlines()]
    stories = []
    for n, row in enumerate(rows[:count]):
        title, _, body = row["article"].partition("\n")
        article = Article(path=row["id"], title=title.strip(), body=body.strip(), source="BBC News",
                          url=f"{DATE_URL}{n}")
        stories.append(Story(article, summarize(article, bullets=3)))
    return stories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    import datetime as dt

    settings = Settings(web_url="https://news.example.com/digest/", address="Example Media, 1 Main Street")
    pool = bbc_stories(args.data, 80)
    print(f"{'stories':>7} {'HTML KB':>8} {'KB/story':>8} {'shown':>5} {'text KB':>7} {'longest':>7} {'ms':>6}")
    for count in (1, 10, 30, 80):
        issue = Issue(date=dt.date(2021, 12, 7), days=1, stories=tuple(pool[:count]))
        start = time.perf_counter()
        fitted, html, text = render_issue(issue, settings)
        elapsed = (time.perf_counter() - start) * 1000
        size = len(html.encode("utf-8")) / 1024
        per_story = size / len(fitted.shown)
        longest = max(len(line) for line in text.splitlines())
        print(f"{count:>7} {size:>8.1f} {per_story:>8.2f} {len(fitted.shown):>5} "
              f"{len(text.encode('utf-8')) / 1024:>7.1f} {longest:>7} {elapsed:>6.0f}")
    print(f"baselines: Gmail clips above {GMAIL_CLIP_KB} KB; default budget {settings.html_budget_kb} KB; "
          f"EMAIL.md estimates ~1.4 KB of MJML output per story; text lines <= 78")


if __name__ == "__main__":
    sys.exit(main())
