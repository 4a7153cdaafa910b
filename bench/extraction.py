"""Main-text extraction on ../shared/data/pages, scored as its README defines, in one run.

    python bench/extraction.py [--data ../shared/data] [--worst N]

For each method: F1, mean precision and mean recall over the pages (4-gram
word shingles of the lower-cased text, counted with multiplicity; per page
precision tp/(tp+fp) and recall tp/(tp+fn); F1 of the two means), and
milliseconds per page (median; the first page, which loads models, is not
counted). Also: how often the .txt reader's date agrees with the date the
HTML reader finds for the same page, found/correct/wrong, and with the date
in the page URL where it has one. The data README's figures are printed
beside ours.
"""

from __future__ import annotations

import argparse
import datetime as dt
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


#: A date in a URL path: /2019/11/19/, /2019/11/8/, /2019/nov/18/, /201911181077343476-.
URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d|[a-z]{3})/(?P<day>[0-3]?\d)/"
    r"|/(?P<cyear>(?:19|20)\d\d)(?P<cmonth>[01]\d)(?P<cday>[0-3]\d)\d*-")
_MONTH_ABBR = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def url_date(url: str) -> dt.date | None:
    """The date a URL's path carries, when it carries a whole one."""
    match = URL_DATE.search(url)
    if match is None:
        return None
    year = match["year"] or match["cyear"]
    month = match["month"] or match["cmonth"]
    day = match["day"] or match["cday"]
    number = _MONTH_ABBR.index(month) + 1 if month in _MONTH_ABBR else int(month) if month.isdigit() else 0
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


def report_dates(folder: Path, pages: list[dict]) -> None:
    """The .txt reader's dates against the HTML reader's (trafilatura + htmldate) and the URL's."""
    found = correct = wrong = dated = off_by_one = 0
    url_dated = url_found = url_correct = url_html_correct = 0
    for page in pages:
        try:
            html_date = read_article(folder / f"{page['id']}.html").date
            txt_date = read_article(folder / f"{page['id']}.txt").date
        except ReadError:
            continue
        found += txt_date is not None
        if html_date is not None:
            dated += 1
            if txt_date is not None:
                correct += txt_date == html_date
                wrong += txt_date != html_date
                off_by_one += abs((txt_date - html_date).days) == 1
        reference = url_date(page["url"])
        if reference is not None:
            url_dated += 1
            url_found += txt_date is not None
            url_correct += txt_date == reference
            url_html_correct += html_date == reference
    print(f".txt date equals the .html reader's date on {correct} of {dated} pages where the HTML has one")
    print(f"dates vs the .html reader: .txt found {found} of {len(pages)}; on the {dated} HTML-dated pages "
          f"correct {correct}, wrong {wrong} ({off_by_one} of them one day off: time zones), "
          f"missed {dated - correct - wrong}   (before this work: 57 found, 50 correct, 7 wrong)")
    print(f"dates vs the URL: {url_dated} URLs carry a date; .txt found {url_found}, equal {url_correct}, "
          f"wrong {url_found - url_correct}; the .html reader equals it on {url_html_correct}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--worst", type=int, default=0, help="also list the N worst pages of each reader")
    parser.add_argument("--sources", action="store_true", help="list the pages whose .txt and .html sources differ")
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

    report_dates(folder, pages)

    for name in ("digest .txt reader", "digest .html reader"):
        for f1, p, r, pid in worst[name][:args.worst]:
            print(f"  {name}: {pid} F1 {f1:.2f} P {p:.2f} R {r:.2f}")

    report_sources(folder, pages, show=args.worst > 0 or args.sources)


def same_source(a: str | None, b: str | None) -> bool:
    """Two source names that a reader would call the same (case and spaces aside)."""
    return a is not None and b is not None and a.casefold().replace(" ", "") == b.casefold().replace(" ", "")


def report_sources(folder: Path, pages: list[dict], show: bool = False) -> None:
    """The .txt reader's source against the .html reader's, and both against the well-known publisher table."""
    from digest.readers.source import known_publisher

    agree = known = txt_right = html_right = 0
    differ = []
    for page in pages:
        try:
            txt_source = read_article(folder / f"{page['id']}.txt").source
            html_source = read_article(folder / f"{page['id']}.html").source
        except ReadError:
            txt_source = html_source = None
        if same_source(txt_source, html_source):
            agree += 1
        else:
            differ.append((page["id"], txt_source, html_source))
        reference = known_publisher(page["url"])
        if reference is not None:
            known += 1
            txt_right += same_source(txt_source, reference)
            html_right += same_source(html_source, reference)
    print(f"sources: .txt and .html agree on {agree} of {len(pages)} pages (case and spaces aside); "
          f"on the {known} pages whose URL is in the publisher table, .txt equals it on {txt_right}, "
          f".html on {html_right}   (before this work: 43 agree; 14 and 26 of 26)")
    if show:
        for pid, txt_source, html_source in differ:
            print(f"  source differs: {pid} .txt {txt_source!r} .html {html_source!r}")


if __name__ == "__main__":
    main()
