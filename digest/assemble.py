"""Articles + a date window -> an Issue: read, pick the window's articles, merge, summarize, order.

Reading and summarizing run in worker processes (``workers``) for large folders."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

from .arrange import Ranked, apply_budgets, check_sections_mode, group_into_sections, importance_key, is_opinion
from .copies import remove_copies
from .errors import DigestError, NoArticlesError, ReadError
from .model import Article, Consideration, Issue, Story, Summary
from .readers import clip, read_file, reader_for
from .readers.scan import scan_folder
from .readers.source import registered_domain
from .summarize import summarize

#: Called with one line of progress for the user; the CLI prints it on stderr.
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


def article_files(folder: Path) -> list[Path]:
    """Every non-hidden regular file below ``folder``, in a stable order."""
    return scan_folder(folder).files


def window(date: dt.date, days: int) -> tuple[dt.date, dt.date]:
    """First and last day of the issue's window of ``days`` days ending on ``date``."""
    try:
        return date - dt.timedelta(days=days - 1), date
    except (OverflowError, ValueError):
        raise DigestError(f"a window of {days} days ending on {date.isoformat()} would start before "
                          f"the year 1; use fewer days or a later date") from None


def assemble_issue(
    folder: Path,
    date: dt.date,
    days: int = 1,
    bullets: int = 3,
    progress: Progress = _quiet,
    *,
    max_words: int | None = None,
    max_stories: int | None = None,
    word_budget: int | None = None,
    sections: str = "auto",
    workers: int | None = None,
    merge: bool = True,
    sources: tuple[tuple[str, str], ...] = (),
    section_hints: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> Issue:
    """Build the issue dated ``date`` from the articles in ``folder``.

    Every file is accounted for in ``Issue.considered``: read errors, undated
    articles and articles outside the window are left out with the reason.
    Reports of the same event become one story (the best-extracted article
    leads, the others are in ``Story.also``); stories are ordered by
    importance, cut by ``max_stories`` and ``word_budget`` (cut stories stay
    in ``Issue.stories`` with ``omitted`` set) and grouped into sections.
    ``sources`` renames outlets by domain (``("hosted.ap.org", "AP")``);
    ``section_hints`` adds sections or hints (see :func:`arrange.section_tables`).
    Raises :class:`NoArticlesError` when no article falls in the window.
    """
    if days < 1:
        raise DigestError(f"--days must be at least 1, not {days}")
    check_sections_mode(sections)
    first, last = window(date, days)
    scan = scan_folder(folder)
    files = scan.files
    progress(f"Reading {_count(len(files), 'file')} from {folder}")
    with _workers(workers, len(files)) as pool:
        found = list(pool.map(_read_one, [str(p) for p in files], chunksize=_chunk(len(files), pool)))
        considered: list[Consideration] = []
        for path, result in zip(files, found):
            if isinstance(result, str):
                considered.append(Consideration(str(path), False, result))
                continue
            for article in result:
                considered.append(_consider(article.path, renamed(article, sources), first, last))
        considered.extend(Consideration(path, False, f"unreadable: {reason}") for path, reason in scan.problems)

        chosen = [c.article for c in considered if c.included and c.article is not None]
        if not chosen:
            raise NoArticlesError(
                f"no article falls in the window {_span(first, last)}: "
                f"{_count(len(files), 'file')} in {folder}, "
                f"{sum(1 for c in considered if c.article and c.article.date)} dated outside it, "
                f"{sum(1 for c in considered if c.article and not c.article.date)} undated, "
                f"{sum(1 for c in considered if c.article is None)} unreadable"
            )
        progress(f"Read {_count(len(considered), 'article')}: {len(chosen)} in the window {_span(first, last)}")
        # A stable input order: the grouping and everything after it depend on nothing else.
        chosen.sort(key=lambda a: (a.path, a.title, a.date or first))
        chosen, copies = remove_copies(chosen)
        if copies:
            left_out = {id(c.article): c for c in copies}
            considered = [Consideration(c.path, False, f"a copy of {left_out[id(c.article)].kept.path} "
                                        f"({left_out[id(c.article)].why})", c.article)
                          if c.article is not None and id(c.article) in left_out else c for c in considered]
            progress(f"Left out {_count(len(copies), 'copy', 'copies')} of articles already in the window")
        groups, centrality, evidence = _group(chosen, merge)
        progress(f"Merged {_count(len(chosen), 'article')} into {_count(len(groups), 'story', 'stories')}")
        leads = [_lead(chosen, group) for group in groups]
        progress(f"Summarizing {_count(len(leads), 'story', 'stories')}")
        summaries = list(pool.map(_summarize_one, [(chosen[i], bullets, max_words) for i in leads],
                                  chunksize=_chunk(len(leads), pool)))

    ranked = []
    for group, lead, summary, why in zip(groups, leads, summaries, evidence):
        others = sorted((chosen[i] for i in group if i != lead), key=lambda a: ((a.source or "").lower(), a.path))
        also, same = credited_once(chosen[lead], others)
        story = Story(article=chosen[lead], summary=summary, also=tuple(also), same_outlet=tuple(same),
                      evidence=why)
        ranked.append(Ranked(story, centrality[lead]))
    ordered = [r.story for r in sorted(ranked, key=importance_key)]
    budgeted = apply_budgets(ordered, max_stories, word_budget)
    stories = group_into_sections(budgeted, sections, section_hints)
    omitted = sum(1 for s in stories if s.omitted)
    progress(f"Ordered {_count(len(stories), 'story', 'stories')}: {len(stories) - omitted} shown, {omitted} left out"
             + (" (budget)" if omitted else ""))
    return Issue(date=date, days=days, stories=tuple(stories), considered=tuple(considered))


def _consider(path: str, article: Article, first: dt.date, last: dt.date) -> Consideration:
    if article.date is None:
        return Consideration(path, False, "no publication date found", article)
    if not first <= article.date <= last:
        reason = f"dated {article.date.isoformat()}, outside the window {_span(first, last)}"
        return Consideration(path, False, reason, article)
    return Consideration(path, True, "in the window", article)


def _read_one(path: str) -> list[Article] | str:
    """One file's articles, or the reason it is left out (runs in a worker process)."""
    file = Path(path)
    if reader_for(file) is None:
        return f"unsupported file type {file.suffix or '(no extension)'!r}"
    try:
        return read_file(file)
    except ReadError as exc:
        return f"unreadable: {exc}"


def _summarize_one(job: tuple[Article, int, int | None]) -> Summary:
    article, bullets, max_words = job
    return bounded_summary(summarize(article, bullets=bullets, max_words=max_words))


#: Longest lede and bullet kept, in characters (a long news lede is 300), and
#: keywords: whatever the summarizer returns, a story's size in the email is bounded.
MAX_LEDE_CHARS = 700
MAX_BULLET_CHARS = 500
MAX_KEYWORDS = 12
MAX_KEYWORD_CHARS = 40


def bounded_summary(summary: Summary) -> Summary:
    """``summary`` with its lede, bullets and keywords cut to their caps."""
    return dataclasses.replace(
        summary,
        lede=clip(summary.lede, MAX_LEDE_CHARS),
        bullets=tuple(clip(b, MAX_BULLET_CHARS) for b in summary.bullets),
        keywords=tuple(clip(k, MAX_KEYWORD_CHARS) for k in summary.keywords[:MAX_KEYWORDS]),
    )


def _group(articles: list[Article], merge: bool) -> tuple[list[list[int]], list[float], list[dict | None]]:
    if not merge or len(articles) < 2:
        return [[i] for i in range(len(articles))], [0.0] * len(articles), [None] * len(articles)
    from .cluster import Document, merge_same_event  # numpy/scikit-learn only when needed

    merged = merge_same_event([Document(a.title, a.body, a.date, is_opinion(a)) for a in articles])
    return merged.groups, merged.centrality, merged.evidence


def renamed(article: Article, sources: tuple[tuple[str, str], ...]) -> Article:
    """The article credited to the name the ``sources`` setting gives its URL's host or domain, if any."""
    if not sources or not article.url:
        return article
    host = (urlsplit(article.url).hostname or "").lower().removeprefix("www.") if article.url else ""
    names = {domain.lower().removeprefix("www."): name for domain, name in sources}
    name = names.get(host) or names.get(registered_domain(article.url) or "")
    return dataclasses.replace(article, source=name) if name else article


def outlet_key(article: Article) -> str | None:
    """What makes two articles the same outlet: the source's name (case, spaces and dots ignored), else the domain."""
    if article.source and article.source.strip():
        return "".join(ch for ch in article.source.casefold() if ch.isalnum())
    domain = registered_domain(article.url) if article.url else None
    return domain


def credited_once(lead: Article, others: list[Article]) -> tuple[list[Article], list[Article]]:
    """``others`` split into one report per outlet not yet credited (the "Also reported by" list) and the rest.

    An outlet never appears twice in the list and never lists itself: a
    second report by the lead's outlet, or by an outlet already listed, goes
    to the rest (kept in issue.json).
    """
    seen = {outlet_key(lead)}
    also, rest = [], []
    for article in others:
        key = outlet_key(article)
        if key is not None and key in seen:
            rest.append(article)
        else:
            also.append(article)
            seen.add(key)
    return also, rest


def _lead(articles: list[Article], group: list[int]) -> int:
    """The best-extracted report of a group: a report before an opinion piece, then fewest warnings, dated,
    with a source, longest body."""
    return min(group, key=lambda i: (is_opinion(articles[i]), len(articles[i].warnings), articles[i].date is None,
                                     articles[i].source is None, -articles[i].word_count, articles[i].path))


class _Inline:
    """The pool interface, run in this process (small inputs, or one worker)."""

    def __enter__(self) -> _Inline:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def map(self, function: Callable, items: list, chunksize: int = 1) -> Iterator:
        return map(function, items)


#: Below this many files, worker processes cost more than they save.
PARALLEL_MIN_FILES = 40


@contextlib.contextmanager
def _workers(workers: int | None, files: int) -> Iterator[Any]:
    """Worker processes for reading and summarizing (or this process, for small inputs).

    The workers are forked from this process and share its memory until they
    write to it. Freezing the garbage collector's view of the objects alive
    now keeps each worker's collector from touching (and so copying) them:
    about 50 MB less in the process tree with two workers.
    """
    count = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if count <= 1 or files < PARALLEL_MIN_FILES:
        yield _Inline()
        return
    gc.collect()
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=count) as pool:
            yield pool
    finally:
        gc.unfreeze()


def _chunk(items: int, pool: Any) -> int:
    workers = getattr(pool, "_max_workers", 1)
    return max(1, min(64, items // (workers * 8) or 1))


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else (plural or singular + 's')}"


def _span(first: dt.date, last: dt.date) -> str:
    return last.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
