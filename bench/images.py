"""Lead images found in the evaluation pages, and what finding them costs, in one run.

    python bench/images.py [--data ../shared/data]

For the real pages in ``pages/``: how many declare an ``og:image`` (read with
the standard library's HTML parser, independently of the code measured), how
many of those the HTML reader's image finder returns exactly, how many pages
get an image at all and from which source, and the time per page of the image
finder beside the time of trafilatura's extraction of the same page (the
reader's main cost, the baseline).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

from digest.readers.html import extract_page
from digest.readers.images import image_from_html


class _OgImage(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.url: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and self.url is None and "og:image" in (values.get("property"), values.get("name")):
            self.url = (values.get("content") or "").strip() or None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    args = parser.parse_args()
    pages = sorted((args.data / "pages").glob("*.html"))
    declared = exact = found = 0
    finder_ms, extraction_ms = [], []
    for path in pages:
        html = path.read_text(encoding="utf-8", errors="replace")
        og = _OgImage()
        og.feed(html)
        start = time.perf_counter()
        document = extract_page(html)
        extraction_ms.append((time.perf_counter() - start) * 1000)
        url = document.url if document is not None and (document.url or "").startswith("http") else None
        start = time.perf_counter()
        image = image_from_html(html, url, "headline")
        finder_ms.append((time.perf_counter() - start) * 1000)
        found += image is not None
        if og.url:
            declared += 1
            exact += image is not None and image.url == og.url
    print(f"pages: {len(pages)}; declaring og:image: {declared}; og:image found exactly: {exact}; "
          f"pages with a lead image: {found}")
    print(f"{'step':<28} {'median ms':>9} {'mean ms':>8} {'max ms':>7}")
    for name, values in (("image finder (lxml)", finder_ms), ("trafilatura extraction", extraction_ms)):
        print(f"{name:<28} {statistics.median(values):>9.1f} {statistics.mean(values):>8.1f} {max(values):>7.1f}")
    print("baseline: trafilatura's extraction, which the HTML reader runs on every page anyway")


if __name__ == "__main__":
    sys.exit(main())
