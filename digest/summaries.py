"""The summarize stage: each event's lead article -> a Summary, bounded in size, in the worker pool.

The summarizer itself is digest/summarize/.
"""

from __future__ import annotations

import dataclasses

from .model import Article, Event, Summary
from .progress import Progress, count, quiet
from .readers import clip
from .workers import Workers

#: Longest lede and bullet kept, in characters (a long news lede is 300), and
#: keywords: whatever the summarizer returns, a story's size in the email is bounded.
MAX_LEDE_CHARS = 700
MAX_BULLET_CHARS = 500
MAX_KEYWORDS = 12
MAX_KEYWORD_CHARS = 40


def summarize_events(events: tuple[Event, ...], workers: Workers, bullets: int, max_words: int | None = None,
                     progress: Progress = quiet) -> tuple[Summary, ...]:
    """One summary per event (of its lead article), in the events' order."""
    progress(f"Summarizing {count(len(events), 'story', 'stories')}")
    return tuple(workers.map(_summarize_one, [(event.lead, bullets, max_words) for event in events]))


def _summarize_one(job: tuple[Article, int, int | None]) -> Summary:
    from .summarize import summarize  # the summarizer's libraries load in the stage that needs them

    article, bullets, max_words = job
    return bounded_summary(summarize(article, bullets=bullets, max_words=max_words))


def bounded_summary(summary: Summary) -> Summary:
    """``summary`` with its lede, bullets and keywords cut to their caps."""
    return dataclasses.replace(
        summary,
        lede=clip(summary.lede, MAX_LEDE_CHARS),
        bullets=tuple(clip(b, MAX_BULLET_CHARS) for b in summary.bullets),
        keywords=tuple(clip(k, MAX_KEYWORD_CHARS) for k in summary.keywords[:MAX_KEYWORDS]),
    )
