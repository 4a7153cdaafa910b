"""Email size and rendering time for issues of 1, 10, 30 and 80 real stories, in one run.

    python bench/email_size.py [--data ../shared/data]

Stories are BBC articles (``summaries/bbc.jsonl``) summarized with 3 bullets,
with made-up links. Prints, per issue and per ``images`` setting (none, lead,
thumbnails): HTML size (KB) beside Gmail's clip (102 KB) and the default
budget (100 KB), KB per story, stories kept by the size budget, pictures in
the email, the plain-text part's size and longest line, and the time to render
both parts (fitting included). Every story gets a lead image whose URL is a
real ``og:image`` of the pages in ``pages/`` (real lengths; the first line
printed gives them), as the HTML reader finds it. Baseline: EMAIL.md's estimate of
about 1.4 KB of MJML output per story, and ``images = none`` (the email before
images).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import time
from pathlib import Path

from digest.config import Settings
from digest.model import Article, Image, Issue, Story
from digest.readers.images import image_from_html
from digest.render import render_issue
from digest.summarize import summarize

GMAIL_CLIP_KB = 102
#: The baseline (no images) first.
IMAGE_MODES_ORDER = ("none", "lead", "thumbnails")
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


def page_images(data: Path) -> list[Image]:
    """The lead images the reader finds in the evaluation pages (their real URLs, sizes and alt texts)."""
    images = []
    for path in sorted((data / "pages").glob("*.html")):
        image = image_from_html(path.read_text(encoding="utf-8", errors="replace"), None, path.stem)
        if image is not None:
            images.append(image)
    return images


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()

    settings = Settings(web_url="https://news.example.com/digest/", address="Example Media, 1 Main Street")
    images = page_images(args.data)
    pool = [dataclasses.replace(story, article=dataclasses.replace(story.article, image=images[n % len(images)]))
            for n, story in enumerate(bbc_stories(args.data, 80))]
    print(f"{len(images)} page images, URLs of {min(len(i.url) for i in images)}-{max(len(i.url) for i in images)} "
          f"characters (mean {sum(len(i.url) for i in images) / len(images):.0f})")
    print(f"{'stories':>7} {'images':>10} {'HTML KB':>8} {'KB/story':>8} {'shown':>5} {'pics':>4} {'text KB':>7} "
          f"{'longest':>7} {'ms':>6}")
    for count in (1, 10, 30, 80):
        for mode in IMAGE_MODES_ORDER:
            issue = Issue(date=dt.date(2021, 12, 7), days=1, stories=tuple(pool[:count]))
            start = time.perf_counter()
            rendered = render_issue(issue, dataclasses.replace(settings, images=mode))
            fitted, html, text = rendered.issue, rendered.html, rendered.text
            elapsed = (time.perf_counter() - start) * 1000
            size = len(html.encode("utf-8")) / 1024
            per_story = size / len(fitted.shown)
            longest = max(len(line) for line in text.splitlines())
            print(f"{count:>7} {mode:>10} {size:>8.1f} {per_story:>8.2f} {len(fitted.shown):>5} "
                  f"{html.count('<img '):>4} {len(text.encode('utf-8')) / 1024:>7.1f} {longest:>7} {elapsed:>6.0f}")
    print(f"baselines: Gmail clips above {GMAIL_CLIP_KB} KB; default budget {settings.html_budget_kb} KB; "
          f"EMAIL.md estimates ~1.4 KB of MJML output per story; text lines <= 78")


if __name__ == "__main__":
    sys.exit(main())
