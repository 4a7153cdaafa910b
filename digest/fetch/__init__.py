"""The input stage: feeds and web pages -> article files in the articles folder (`digest fetch`).

- :mod:`.net`: the polite, bounded HTTP GET (robots.txt, rate limits, private-address refusal, size caps);
- :mod:`.feeds`: RSS, Atom and JSON Feed entries, feed discovery on home pages, OPML lists;
- :mod:`.save`: an entry or a page as an article file the JSON reader reads, written atomically;
- :mod:`.state`: what was seen before (SQLite in the state folder);
- :mod:`.run`: one run over every feed and page.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Callable, Iterable

from .. import __version__
from ..config import Settings
from ..errors import DigestError, option
from .feeds import read_opml
from .net import Fetcher, Limits
from .run import FetchReport, Outcome, run
from .state import FetchState


def user_agent(settings: Settings) -> str:
    """digest/VERSION, with the contact URL from the settings so site owners can reach the user."""
    contact = f" (+{settings.contact_url})" if settings.contact_url else ""
    return f"digest/{__version__}{contact}"


def limits_from(settings: Settings) -> Limits:
    return Limits(
        user_agent=user_agent(settings), connections_per_host=settings.fetch_connections_per_host,
        requests_per_second=settings.fetch_rate, concurrency=settings.fetch_concurrency,
        timeout=settings.fetch_timeout, total_timeout=settings.fetch_total_timeout,
        max_bytes=settings.fetch_max_kb * 1024, retries=settings.fetch_retries, backoff=settings.fetch_backoff,
        allow_private_hosts=settings.allow_private_hosts,
    )


def feed_urls(settings: Settings, feeds: Iterable[str] = (), opml: Path | None = None) -> list[str]:
    """Every feed to fetch, once each: digest.toml's feeds and OPML file, then the command line's."""
    urls = [*settings.feeds]
    for path in (settings.opml, opml):
        if path is not None:
            urls.extend(read_opml(path))
    urls.extend(feeds)
    return list(dict.fromkeys(u.strip() for u in urls if u.strip()))


def fetch(settings: Settings, feeds: list[str], pages: list[str] = (),  # type: ignore[assignment]
          progress: Callable[[int, int], None] = lambda done, total: None) -> FetchReport:
    """Fetch every feed and page, saving new articles into ``settings.articles``."""
    if not feeds and not pages:
        raise DigestError(f"nothing to fetch: give {option('feed')} URL, {option('opml')} FILE or page URLs, "
                          "or set feeds or opml in digest.toml")
    state = FetchState(settings.state_dir)

    async def main() -> FetchReport:
        fetcher = Fetcher(limits_from(settings))
        try:
            return await run(fetcher, state, settings.articles, list(feeds), list(pages), progress)
        finally:
            await fetcher.close()

    try:
        return asyncio.run(main())
    finally:
        state.close()


__all__ = ["FetchReport", "Outcome", "fetch", "feed_urls", "limits_from", "user_agent"]
