"""The select stage: the articles read -> those of the issue's date window, each file's verdict recorded."""

from __future__ import annotations

import datetime as dt

from .errors import DigestError, NoArticlesError, option
from .model import Article, Consideration, Reading, Selection, Window
from .progress import Progress, count, quiet


def window(date: dt.date, days: int) -> Window:
    """The issue's window of ``days`` days ending on ``date``."""
    if days < 1:
        raise DigestError(f"{option('days')} must be at least 1, not {days}")
    try:
        return Window(date - dt.timedelta(days=days - 1), date)
    except (OverflowError, ValueError):
        raise DigestError(f"a window of {days} days ending on {date.isoformat()} would start before "
                          f"the year 1; use fewer days or a later date") from None


def select(reading: Reading, span: Window, progress: Progress = quiet) -> Selection:
    """The articles of ``reading`` dated inside ``span``, in a stable order, and why each file is in or out.

    Raises :class:`NoArticlesError` when no article falls in the window.
    """
    considered = [_consider(entry, span) if isinstance(entry, Article) else entry for entry in reading.entries]
    chosen = [c.article for c in considered if c.included and c.article is not None]
    if not chosen:
        raise NoArticlesError(
            f"no article falls in the window {span.text()}: "
            f"{count(reading.files, 'file')} in {reading.folder}, "
            f"{sum(1 for c in considered if c.article and c.article.date)} dated outside it, "
            f"{sum(1 for c in considered if c.article and not c.article.date)} undated, "
            f"{sum(1 for c in considered if c.article is None)} unreadable"
        )
    progress(f"Read {count(len(considered), 'article')}: {len(chosen)} in the window {span.text()}")
    # A stable input order: the grouping and everything after it depend on nothing else.
    chosen.sort(key=lambda a: (a.path, a.title, a.date or span.first))
    return Selection(window=span, chosen=tuple(chosen), considered=tuple(considered))


def _consider(article: Article, span: Window) -> Consideration:
    if article.date is None:
        return Consideration(article.path, False, "no publication date found", article)
    if not span.first <= article.date <= span.last:
        return Consideration(article.path, False,
                             f"dated {article.date.isoformat()}, outside the window {span.text()}", article)
    return Consideration(article.path, True, "in the window", article)
