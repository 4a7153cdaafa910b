"""The data that flows through the pipeline: files -> Article -> Summary -> Story -> Issue."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field, replace


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
    #: The article's lead image, when its file names one (see digest/readers/images.py).
    image: Image | None = None

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


class Omission(enum.StrEnum):
    """Why a story is listed in issue.json but not shown in the email (``Story.omission``)."""

    STORY_BUDGET = "story budget"
    WORD_BUDGET = "word budget"
    SIZE_BUDGET = "size budget"
    DROPPED = "dropped"


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
    #: Short stable id from the lead article (its URL, else its path); edition files name stories by it.
    id: str = ""
    #: What the edition file changed in this story (see digest/edition.py).
    edits: tuple[Edit, ...] = ()
    #: Other reports of the event by outlets already credited (the lead's or one in ``also``):
    #: in issue.json, never in the email's "Also reported by" list.
    same_outlet: tuple[Article, ...] = ()
    #: Why the reports were merged (similarity, shared names and figures, dates): see docs/assembling.md.
    evidence: dict | None = None
    #: The kind of reason in ``omitted`` (None when the story is shown, or the reason came from elsewhere).
    omission: Omission | None = None

    def left_out(self, omission: Omission, reason: str) -> Story:
        """This story, not shown in the email: ``reason`` is what issue.json says."""
        return replace(self, omitted=reason, omission=omission)

    def put_back(self) -> Story:
        """This story, shown again (an editor pinned it past a budget)."""
        return replace(self, omitted=None, omission=None)


@dataclass(frozen=True)
class Consideration:
    """What the build decided about one file in the articles folder (read and select stages)."""

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
    #: The editor's introduction (Markdown) and Subject line, from the edition file.
    intro: str = ""
    subject: str | None = None
    #: What the edition file did, when there is one.
    edition: EditionSummary | None = None

    @property
    def shown(self) -> tuple[Story, ...]:
        """The stories that appear in the email, in order."""
        return tuple(story for story in self.stories if story.omitted is None)

    @property
    def window_start(self) -> dt.date:
        return self.date - dt.timedelta(days=self.days - 1)


@dataclass(frozen=True)
class Image:
    """A picture that stands for an article: linked from the email, never embedded.

    ``url`` is an absolute http(s) URL; ``width`` and ``height`` are what the
    source declares (None when it does not say); ``alt`` is never empty.
    """

    url: str
    alt: str
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Edit:
    """One change the edition file made to a story: ``field`` is title, lede, bullets,
    section, pinned, dropped or added; ``original`` the summarizer's value it replaced."""

    field: str
    original: str | tuple[str, ...] | None = None


@dataclass(frozen=True)
class EditionSummary:
    """What an edition file did to an issue, for the build's report and the manifest."""

    file: str
    pinned: int = 0
    dropped: int = 0
    rewritten: int = 0
    added: int = 0
    intro: bool = False
    subject: bool = False

    def text(self) -> str:
        """``edition: 2 pinned, 1 dropped, 3 rewritten, 1 added (editions/2021-12-07.toml)``."""
        extras = [name for name, present in (("intro", self.intro), ("subject", self.subject)) if present]
        return (f"edition: {self.pinned} pinned, {self.dropped} dropped, {self.rewritten} rewritten, {self.added} added"
                + "".join(f", {name}" for name in extras) + f" ({self.file})")


# The contracts between the build's stages (digest/pipeline.py runs them in order).


@dataclass(frozen=True)
class Window:
    """The days an issue covers: ``first`` through ``last`` (the issue's date), both included."""

    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def text(self) -> str:
        """``2021-12-07``, or ``2021-12-01 to 2021-12-07``."""
        return self.last.isoformat() if self.first == self.last else f"{self.first.isoformat()} to {self.last.isoformat()}"


@dataclass(frozen=True)
class Reading:
    """The read stage's output: every article found in the articles folder, and every file left out.

    ``entries`` keeps the files' order: an Article for each article read
    (credited per the ``sources`` setting), a Consideration (not included,
    with the reason) for each file that gave none.
    """

    folder: str
    files: int
    entries: tuple[Article | Consideration, ...]


@dataclass(frozen=True)
class Selection:
    """The select stage's output: the window's articles (in a stable order) and the verdict on every file."""

    window: Window
    chosen: tuple[Article, ...]
    considered: tuple[Consideration, ...]


@dataclass(frozen=True)
class Event:
    """Reports of one event, as the merge stage grouped them: the best-extracted report leads."""

    lead: Article
    #: The other reports, by outlet name then path.
    others: tuple[Article, ...] = ()
    #: How central the lead is to the window's news (the importance order uses it).
    centrality: float = 0.0
    #: Why the reports were merged (see docs/assembling.md); None for a single report.
    evidence: dict | None = None


@dataclass(frozen=True)
class Merged:
    """The merge stage's output: the events, and the verdicts with copies of an article marked left out."""

    window: Window
    events: tuple[Event, ...]
    considered: tuple[Consideration, ...]


@dataclass(frozen=True)
class RenderedIssue:
    """The render stage's output: the email's two parts and the issue they show.

    ``issue`` is a new Issue, not the one given to the renderer: stories that
    did not fit the size budget are marked omitted, and the render's warnings
    are added. It is the issue to write to issue.json.
    """

    issue: Issue
    html: str
    text: str
