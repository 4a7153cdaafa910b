"""The data that flows through the pipeline: files -> Article -> Summary -> Story -> Issue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article as a reader found it in a file.

    ``body`` holds the article's paragraphs separated by blank lines; subheads
    stay in it as paragraphs of their own.
    """

    path: str
    title: str
    body: str
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    standfirst: str | None = None
    language: str = "en"
    warnings: tuple[str, ...] = ()
    #: The source's own category or front-matter section, when the file gives one.
    section: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    @property
    def word_count(self) -> int:
        return len(self.body.split())


@dataclass(frozen=True)
class Summary:
    """What the summarizer made of one article."""

    lede: str
    bullets: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    reading_minutes: int = 1


@dataclass(frozen=True)
class Story:
    """One story of an issue: its lead article, the summary, other reports of it."""

    article: Article
    summary: Summary
    also: tuple[Article, ...] = ()
    #: Topic heading the story is grouped under, when the issue has sections.
    section: str | None = None
    #: Why the story is listed in the manifest but not shown in the email
    #: (a story budget, the size budget); None when it is shown.
    omitted: str | None = None
    #: Other reports of the event by outlets already credited (the lead's or one in ``also``):
    #: in issue.json, never in the email's "Also reported by" list.
    same_outlet: tuple[Article, ...] = ()
    #: Why the reports were merged (similarity, shared names and figures, dates): see docs/assembling.md.
    evidence: dict | None = None


@dataclass(frozen=True)
class Consideration:
    """What the assembler decided about one file in the articles folder."""

    path: str
    included: bool
    reason: str
    article: Article | None = None


@dataclass(frozen=True)
class Issue:
    """A dated newsletter issue: the stories of a date window, and why each file is (not) in it."""

    date: dt.date
    days: int
    stories: tuple[Story, ...]
    considered: tuple[Consideration, ...] = ()
    number: int = 1
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def shown(self) -> tuple[Story, ...]:
        """The stories that appear in the email, in order."""
        return tuple(story for story in self.stories if story.omitted is None)

    @property
    def window_start(self) -> dt.date:
        return self.date - dt.timedelta(days=self.days - 1)
