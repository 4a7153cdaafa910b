"""Fetching speed and politeness: digest fetch beside a sequential fetch of the same feeds and pages.

Run: python bench/fetch.py [--rate 20] [--hosts 20] [--feeds 10] [--entries 10]

Setup: a loopback HTTP server (tests/web_server.py) with 50 ms of latency per
response, on HOSTS addresses (127.0.0.1, 127.0.0.2, ...), each serving FEEDS
RSS feeds of ENTRIES entries that link to real pages from ../shared/data/pages.

- Baseline: one httpx connection fetching every feed and then every page,
  one after another (parse the feed, write each page to a file): what a
  simple script does.
- digest fetch (a child process, the CLI with an OPML file of all feeds) with
  the per-host rate RATE requests a second and the default 2 connections per
  host. The server counts, per host, the most connections open at once and
  the most requests started within any one second.
- digest fetch again: every feed answers 304 (ETag), no page is downloaded.
- Peak memory: the child process's maximum resident set size.

Targets (issue 14): first fetch at least 8x faster than the baseline with the
per-host limits never exceeded; second fetch under 3 s with no page downloaded.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from web_server import Site, Stats, rss, serve  # noqa: E402

PAGES = REPO.parent / "shared" / "data" / "pages"
DAY = "Tue, 01 Dec 2026 09:30:00 GMT"
LATENCY = 0.05


def build_site(site: Site, bases: list[str], feeds: int, entries: int, pages: list[bytes]) -> list[str]:
    feed_urls = []
    for h, base in enumerate(bases):
        for f in range(feeds):
            items = []
            for e in range(entries):
                path = f"/h{h}/f{f}/e{e}.html"
                site.route(path, pages[(h * feeds * entries + f * entries + e) % len(pages)])
                items.append({"title": f"Host {h} feed {f} story {e}", "link": base + path, "guid": base + path,
                              "date": DAY})
            site.route(f"/h{h}/f{f}.xml", rss(f"Feed {h}.{f}", items), content_type="application/rss+xml",
                       etag=f'"{h}-{f}-1"')
            feed_urls.append(f"{base}/h{h}/f{f}.xml")
    return feed_urls


def sequential(feed_urls: list[str], folder: Path) -> tuple[float, int]:
    """The baseline: every request one after another on one keep-alive connection."""
    import feedparser
    import httpx

    folder.mkdir()
    started = time.perf_counter()
    count = 0
    with httpx.Client(timeout=30) as client:
        for url in feed_urls:
            feed = feedparser.parse(client.get(url).content)
            count += 1
            for number, entry in enumerate(feed.entries):
                page = client.get(entry.link)
                (folder / f"{count}-{number}.html").write_bytes(page.content)
                count += 1
    return time.perf_counter() - started, count


#: The child prints its own CPU seconds at exit, so the fetch process and its page worker are told apart.
CHILD = ("import atexit, resource, sys\n"
         "def report():\n"
         "    own = resource.getrusage(resource.RUSAGE_SELF)\n"
         "    print(f'CPU-SELF {own.ru_utime + own.ru_stime:.3f}', file=sys.stderr)\n"
         "atexit.register(report)\n"
         "from digest.cli import main\n"
         "main()")


def digest_fetch(work: Path, opml: Path) -> tuple[float, int, str, float, float]:
    """One `digest fetch` in a child process: wall seconds, exit code, total line, CPU seconds (all, its own)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "fetch", "-q", "--opml", str(opml)],
                          cwd=work, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    own = [float(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("CPU-SELF ")]
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    return elapsed, done.returncode, summary, cpu, own[0] if own else cpu


def limits(stats: Stats, hosts: list[str]) -> tuple[int, int]:
    return max(stats.open_max[h] for h in hosts), max(stats.per_second_max[h] for h in hosts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rate", type=float, default=20.0, help="digest's requests a second per host (fetch_rate)")
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--feeds", type=int, default=10, help="feeds per host")
    parser.add_argument("--entries", type=int, default=10, help="entries per feed")
    args = parser.parse_args()

    pages = [p.read_bytes() for p in sorted(PAGES.glob("*.html"))]
    work = Path(tempfile.mkdtemp(prefix="fetch-bench-"))
    site = Site(latency=LATENCY)
    hosts = [f"127.0.0.{n + 1}" for n in range(args.hosts)]
    with serve(site, tuple(hosts)) as bases:
        feed_urls = build_site(site, bases, args.feeds, args.entries, pages)
        total = len(feed_urls) * (1 + args.entries)
        print(f"{len(feed_urls)} feeds on {args.hosts} hosts, {args.entries} entries each: {total} requests "
              f"(+{args.hosts} robots.txt), {LATENCY * 1000:.0f} ms latency per response; "
              f"digest at {args.rate:g} requests/s and 2 connections per host", flush=True)

        seq_cpu = time.process_time()
        seq_time, seq_requests = sequential(feed_urls, work / "sequential")
        seq_cpu = time.process_time() - seq_cpu  # the server's threads included: same process
        print(f"sequential baseline: {seq_time:.1f} s for {seq_requests} requests", flush=True)

        opml = work / "feeds.opml"
        opml.write_text('<opml version="2.0"><body>' + "".join(
            f'<outline type="rss" xmlUrl="{u}"/>' for u in feed_urls) + "</body></opml>")
        (work / "digest.toml").write_text(f"allow_private_hosts = true\nfetch_rate = {args.rate}\n")

        site.stats = Stats()
        first, rc1, summary1, cpu1, own1 = digest_fetch(work, opml)
        open_max, per_second = limits(site.stats, hosts)
        saved = len(list((work / "articles").glob("*.json")))
        requests1 = len(site.stats.log)

        site.stats = Stats()
        second, rc2, summary2, cpu2, own2 = digest_fetch(work, opml)
        pages_again = sum(path.endswith(".html") for path in site.stats.paths())
        requests2 = len(site.stats.log)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    speedup = seq_time / first
    rows = [
        ("first fetch",
         f"{first:.1f} s, {cpu1:.1f} s CPU ({own1:.1f} + {cpu1 - own1:.1f} worker), {requests1} req, {saved} saved, exit {rc1}",
         f"{speedup:.1f}x faster than sequential {seq_time:.1f} s", ">= 8x", speedup >= 8),
        ("most connections open to one host", str(open_max), "", "<= 2", open_max <= 2),
        ("most requests started in one second, one host", str(per_second), "", f"<= {args.rate:g}",
         per_second <= args.rate),
        ("second fetch, nothing new", f"{second:.2f} s, {cpu2:.1f} s CPU ({requests2} requests, exit {rc2})", "", "< 3 s",
         second < 3),
        ("pages downloaded by the second fetch", str(pages_again), "", "0", pages_again == 0),
        ("peak memory (max RSS of the fetch process)", f"{peak_mb:.0f} MB", "", "", True),
    ]
    print()
    print(f"| {'measure':<48} | {'digest fetch':<76} | {'beside the baseline':<38} | target | met |")
    print(f"| {'-' * 48} | {'-' * 76} | {'-' * 38} | ------ | --- |")
    for name, value, beside, target, met in rows:
        print(f"| {name:<48} | {value:<76} | {beside:<38} | {target:<6} | {'yes' if met else 'NO'} |")
    print()
    print("first run:  " + summary1)
    print("second run: " + summary2)
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
          f"sequential baseline used {seq_cpu:.1f} s CPU (with the server)")
    print(json.dumps({"sequential_s": round(seq_time, 2), "first_s": round(first, 2), "speedup": round(speedup, 1),
                      "second_s": round(second, 2), "cpu_first_s": round(cpu1, 1), "cpu_first_main_s": round(own1, 1),
                      "cpu_second_s": round(cpu2, 1), "open_max": open_max, "per_second_max": per_second,
                      "pages_second": pages_again, "peak_mb": round(peak_mb), "rate": args.rate}))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
