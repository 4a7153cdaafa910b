"""One fetch run: every feed and page at once (within the limits), each new entry saved once."""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import DigestError, option
from .feeds import Entry, Feed, FeedError, discover_feeds, parse_feed
from .net import Disallowed, Fetcher, FetchError, Response
from .save import (
    PageError,
    PreparedPage,
    article_key,
    content_record,
    encode_record,
    file_name,
    prepare_page,
    remove_stale_temporaries,
    saved_keys,
    strip_tracking,
    write_file,
)
from .save import url_key as _url_key
from .state import FetchState

_FEEDISH = ("xml", "rss", "atom", "json")
_HTML = ("text/html", "application/xhtml+xml")
#: Feeds and pages handled in this process before a worker process takes over: a small run does not pay for one.
IN_PROCESS_PAGES = 16


@dataclass
class Outcome:
    """What happened to one feed (or one page given on the command line)."""

    url: str
    kind: str = "feed"  # or "page"
    title: str | None = None
    status: str = "ok"  # ok, unchanged, failed
    reason: str | None = None
    new: int = 0
    seen: int = 0
    #: Entries that are no article to fetch (no link, not an HTML page, robots.txt disallows), one line each.
    problems: list[str] = field(default_factory=list)
    #: Entries whose page could not be downloaded or saved (tried again next run), one line each.
    failures: list[str] = field(default_factory=list)
    #: The feed found on a home page, when the URL was one.
    found: str | None = None
    saved: list[Path] = field(default_factory=list)


@dataclass
class FetchReport:
    outcomes: list[Outcome]
    requests: int = 0

    @property
    def ok(self) -> bool:
        """No feed failed and no article page failed (exit code 0); skipped entries are not failures."""
        return all(o.status != "failed" and not o.failures for o in self.outcomes)

    def lines(self) -> list[str]:
        lines = []
        for o in self.outcomes:
            name = f"{o.url} ({o.title})" if o.title else o.url
            if o.status == "failed":
                lines.append(f"failed     {name}: {o.reason}")
            elif o.status == "unchanged":
                lines.append(f"unchanged  {name}")
            elif o.kind == "page":
                lines.append(f"{'saved' if o.new else 'seen':<10} {name}")
            else:
                lines.append(f"{'new' if o.new else 'no new':<10} {name}: {o.new} new, {o.seen} seen before")
            if o.found:
                lines.append(f"           found the feed {o.found} on the page")
            lines.extend(f"           failed: {p}" for p in o.failures)
            lines.extend(f"           skipped: {p}" for p in o.problems)
        failed = sum(o.status == "failed" for o in self.outcomes)
        pages_failed = sum(len(o.failures) for o in self.outcomes)
        unchanged = sum(o.status == "unchanged" for o in self.outcomes)
        new = sum(o.new for o in self.outcomes)
        skipped = sum(len(o.problems) for o in self.outcomes)
        lines.append(f"{len(self.outcomes)} fetched: {new} new article{'s' if new != 1 else ''} saved, "
                     f"{unchanged} unchanged, {failed} failed, {skipped} entr{'ies' if skipped != 1 else 'y'} skipped"
                     + (f", {pages_failed} page{'s' if pages_failed != 1 else ''} failed" if pages_failed else ""))
        return lines


class Run:
    """The shared parts of one run: the fetcher, the state, the articles folder."""

    def __init__(self, fetcher: Fetcher, state: FetchState, articles: Path) -> None:
        self.fetcher = fetcher
        self.state = state
        self.articles = articles
        self.on_disk = saved_keys(articles)
        remove_stale_temporaries(articles)
        self.claimed: set[str] = set()  # keys taken by an entry in this run (two feeds, one article)
        self.pages = 0  # feeds and pages downloaded in this run
        #: The second process that prepares pages (the CPU work) while this one downloads.
        self.worker: Executor | None = None

    def close(self) -> None:
        if self.worker is not None:
            self.worker.shutdown(wait=True, cancel_futures=True)

    async def feed(self, url: str) -> Outcome:
        outcome = Outcome(url)
        try:
            response = await self._conditional_get(url)
            if response.status == 304:
                outcome.status = "unchanged"
                self.state.record_feed(url)
                return outcome
            if response.content_type in _HTML:
                found = discover_feeds(response.body, response.url)
                if not found:
                    raise FetchError("a web page that announces no feed (no <link rel=\"alternate\">)")
                outcome.found = found[0]
                response = await self._conditional_get(found[0])
                if response.status == 304:
                    outcome.status = "unchanged"
                    self.state.record_feed(url)
                    return outcome
            if not any(word in response.content_type for word in _FEEDISH) and response.content_type != "text/plain":
                raise FetchError(f"not a feed (content-type {response.content_type or 'missing'})")
            feed = await self._in_worker(functools.partial(parse_feed, response.body, response.content_type,
                                                           dict(response.headers)))
        except (FetchError, FeedError) as exc:
            outcome.status, outcome.reason = "failed", str(exc)
            self.state.record_feed(url, error=str(exc))
            return outcome
        outcome.title = feed.title
        feed_url = outcome.found or url
        results = await asyncio.gather(*(self._entry(entry, feed, feed_url, outcome) for entry in feed.entries))
        retry_later = any(result == "retry" for result in results)
        # Validators are kept only when every entry was dealt with, so a page that
        # failed is tried again next time instead of hiding behind a 304.
        etag, modified = response.headers.get("etag"), response.headers.get("last-modified")
        if retry_later:
            etag = modified = None
        if outcome.found:  # the home page keeps no validators: they are the feed's
            self.state.record_feed(url, title=feed.title)
        self.state.record_feed(feed_url, title=feed.title, etag=etag, last_modified=modified)
        return outcome

    async def page(self, url: str) -> Outcome:
        outcome = Outcome(url, kind="page")
        result = await self._entry(Entry(guid=None, link=url, title=None, published=None), None, None, outcome)
        if result == "retry" or outcome.problems or outcome.failures:
            problem = (outcome.failures or outcome.problems or ["failed"]).pop()
            outcome.failures.clear()
            outcome.problems.clear()
            outcome.status, outcome.reason = "failed", problem.removeprefix(f"{url}: ")
        return outcome

    async def _conditional_get(self, url: str) -> Response:
        known = self.state.feed(url)
        headers = {}
        if known.etag:
            headers["If-None-Match"] = known.etag
        if known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        return await self.fetcher.get(url, headers=headers)

    async def _entry(self, entry: Entry, feed: Feed | None, feed_url: str | None, outcome: Outcome) -> str:
        """Save one entry unless it is known; returns "new", "seen", "skip" or "retry"."""
        label = repr(entry.title) if entry.title else (entry.link or entry.guid or "an entry")
        keys = _entry_keys(entry, feed_url)
        if not entry.link and not entry.content:
            outcome.problems.append(f"{label}: no link and no full text")
            return "skip"
        if self._known(keys):
            outcome.seen += 1
            return "seen"
        self.claimed.update(keys)
        feed_title = feed.title if feed else None
        if entry.content:
            url = strip_tracking(entry.link) if entry.link else None
            record = content_record(entry.content, url, title=entry.title, published=entry.published,
                                    author=entry.author, feed_title=feed_title, feed_url=feed_url)
            identity = url or f"{feed_url}#{entry.guid}"
            key = article_key(_url_key(identity) or identity)
            prepared = PreparedPage(identity, key, file_name(record, key), record.get("title", ""), encode_record(record))
            return await self._save(prepared, keys, outcome)
        try:
            response = await self.fetcher.get(entry.link)  # type: ignore[arg-type]
            if response.content_type not in _HTML:
                feedish = feed is None and any(w in response.content_type for w in _FEEDISH)
                hint = f"; use {option('feed')} for feeds" if feedish else ""
                raise _NotAPage(f"not an HTML page (content-type {response.content_type or 'missing'}){hint}")
            prepared = await self._prepare(response, entry, feed_title, feed_url)
        except (FetchError, PageError) as exc:
            self.claimed.difference_update(keys)
            if isinstance(exc, (Disallowed, _NotAPage)):  # the site's answer: no article here to retry
                outcome.problems.append(f"{label}: {exc}")
                return "skip"
            outcome.failures.append(f"{label}: {exc}")
            return "retry"
        after = {_url_key(response.url), _url_key(prepared.url)} - {None}
        if self._known(after - keys):
            self.state.remember(keys | after, None)
            outcome.seen += 1
            return "seen"
        self.claimed.update(after)
        return await self._save(prepared, keys | after, outcome)

    async def _prepare(self, response: Response, entry: Entry, feed_title: str | None,
                       feed_url: str | None) -> PreparedPage:
        """Decode the page and make its article file."""
        return await self._in_worker(functools.partial(
            prepare_page, response.body, response.charset, response.url, title=entry.title,
            published=entry.published, author=entry.author, feed_title=feed_title, feed_url=feed_url))

    async def _in_worker(self, work: Callable):
        """The CPU work on a download (parse a feed, prepare a page), in the worker process once the run is big."""
        self.pages += 1
        if self.pages > IN_PROCESS_PAGES and self.worker is None:
            self.worker = _start_worker()
        if self.worker is not None:
            try:
                return await asyncio.get_running_loop().run_in_executor(self.worker, work)
            except (PageError, FetchError, FeedError):
                raise
            except Exception:  # noqa: BLE001 - a worker that died (killed, out of memory): carry on here
                pass
        return work()

    def _known(self, keys: set[str]) -> bool:
        return bool(keys & self.claimed) or self.state.known(keys)

    async def _save(self, prepared: PreparedPage, keys: set[str], outcome: Outcome) -> str:
        key = prepared.key
        if key in self.on_disk:
            self.state.remember(keys, None)
            outcome.seen += 1
            return "seen"
        self.on_disk.add(key)
        try:
            # In a thread: the fsync must not stall the other downloads.
            path = await asyncio.to_thread(write_file, self.articles, prepared.name, prepared.data)
        except DigestError as exc:
            outcome.failures.append(f"{prepared.title!r}: {exc}")
            self.on_disk.discard(key)
            return "retry"
        self.state.remember(keys, str(path) if path else None)
        if path is None:
            outcome.seen += 1
            return "seen"
        outcome.new += 1
        outcome.saved.append(path)
        return "new"


class _NotAPage(FetchError):
    """The entry links to something that is not an HTML page (a PDF, a feed)."""


def _entry_keys(entry: Entry, feed_url: str | None) -> set[str]:
    keys = {_url_key(entry.link)} - {None}
    if entry.guid:
        # guids are unique only within their feed in practice ("1234")
        keys.add(f"guid:{feed_url}|{entry.guid}")
    return keys  # type: ignore[return-value]


def _start_worker() -> Executor | None:
    """One worker process for the pages (the second core), or None where processes cannot start."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        # spawn, not fork: this process has threads (the file writes), and a fork copies their locks.
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ValueError, ImportError):
        return None


async def run(fetcher: Fetcher, state: FetchState, articles: Path, feeds: list[str], pages: list[str],
              progress: Callable[[int, int], None]) -> FetchReport:
    job = Run(fetcher, state, articles)
    total = len(feeds) + len(pages)
    done = 0

    async def tracked(coro) -> Outcome:
        nonlocal done
        outcome = await coro
        done += 1
        progress(done, total)
        return outcome

    progress(0, total)
    try:
        outcomes = await asyncio.gather(*(tracked(job.feed(u)) for u in feeds), *(tracked(job.page(u)) for u in pages))
    finally:
        job.close()
    return FetchReport(list(outcomes), fetcher.requests)
