"""The arrange stage: events and their summaries -> the issue's stories in the order an editor would send.

Each event becomes a story crediting each outlet once; stories are ordered
by importance, cut by the story and word budgets, and grouped into sections.

Importance is how many sources carried a story, then how many reports it has,
then how central it is to the window (how close its lead article is to the
average article). Ties fall back to the newest date, the title and the path,
so the same inputs always give the same order.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass, replace
from typing import Sequence
from urllib.parse import urlsplit

from .errors import DigestError
from .model import Article, Issue, Merged, Omission, Story, Summary
from .progress import Progress, count, quiet
from .readers.source import registered_domain

#: Sections are used in "auto" mode from this many shown stories on.
SECTIONS_MIN_STORIES = 6


class SectionMode(enum.StrEnum):
    """The ``sections`` setting: "auto" groups from :data:`SECTIONS_MIN_STORIES` shown stories on."""

    AUTO = "auto"
    ON = "on"
    OFF = "off"


SECTION_MODES = tuple(SectionMode)
#: Heading for stories no section claims.
OTHER_SECTION = "More news"

#: Keyword section classifier (after the source's own section and URL path): a story goes to the
#: section with the most keyword hits in its title, lede and first words, when it is clearly ahead.
SECTION_KEYWORDS: dict[str, tuple[str, ...]] = {
    "Politics": (
        "election", "elections", "vote", "votes", "voters", "parliament", "minister", "ministers",
        "government", "senate", "senator", "congress", "congressional", "president", "campaign",
        "party", "labour", "tory", "tories", "conservative", "conservatives", "democrats",
        "democrat", "republican", "republicans", "mp", "mps", "legislation", "bill", "policy",
        "prime", "cabinet", "governor", "political", "politics", "white house", "lawmakers",
    ),
    "World": (
        "war", "troops", "military", "ceasefire", "embassy", "diplomat", "diplomats", "united nations",
        "refugees", "nato", "sanctions", "border", "foreign", "invasion", "rebels", "militants",
        "treaty", "allies", "summit",
    ),
    "Business": (
        "company", "companies", "shares", "market", "markets", "profit", "profits", "sales",
        "economy", "economic", "bank", "banks", "investors", "stock", "stocks", "firm", "firms",
        "revenue", "growth", "inflation", "prices", "trade", "deal", "billion", "chief executive",
        "interest rates", "jobs", "oil", "ceo", "layoffs", "laid off", "employees", "startup", "ipo",
        "valuation", "losses", "tariffs", "tariff",
    ),
    "Technology": (
        "technology", "software", "internet", "online", "computer", "computers", "apple", "microsoft",
        "google", "mobile", "phone", "phones", "digital", "broadband", "users", "web", "hackers",
        "security update", "games", "gaming", "video game", "devices", "data", "virus", "chip",
    ),
    "Science & health": (
        "scientists", "study", "research", "researchers", "health", "hospital", "doctors", "patients",
        "disease", "vaccine", "cancer", "nhs", "climate", "species", "virus", "space", "nasa",
        "medical", "drug", "drugs", "environment",
    ),
    "Sport": (
        "match", "game", "season", "coach", "team", "players", "player", "championship", "cup",
        "league", "football", "rugby", "cricket", "tennis", "olympic", "olympics", "goal", "goals",
        "win", "victory", "final", "striker", "quarterback", "tournament", "injury", "club",
    ),
    "Culture": (
        "film", "films", "movie", "movies", "music", "album", "band", "singer", "actor", "actress",
        "star", "stars", "award", "awards", "oscar", "oscars", "festival", "show", "tv", "television",
        "theatre", "book", "novel", "box office", "celebrity", "chart",
    ),
    "Life & style": (
        "recipe", "recipes", "diet", "eating", "food", "tips", "husband", "wife", "marriage", "relationship",
        "advice", "fashion", "travel", "holiday", "wellbeing", "parenting",
    ),
}
#: A source's own section, category or URL path word -> the section it belongs to.
#: Checked before the text: "/sports/high-school/" files a round-up under Sport whatever it says.
SECTION_HINTS: dict[str, tuple[str, ...]] = {
    "Opinion": ("opinion", "opinions", "commentisfree", "comment", "commentary", "editorial", "editorials",
                "columnists", "columns", "op-ed", "oped", "views"),
    "Politics": ("politics", "political", "elections", "election", "government", "congress", "campaign-2020",
                 "government-and-politics", "politics-news", "white-house"),
    "World": ("world", "world-news", "international", "europe", "asia", "africa", "americas", "middle-east",
              "middleeast", "asia-pacific", "global", "foreign"),
    "Business": ("business", "economy", "markets", "market", "finance", "money", "companies", "economy-business",
                 "business-news", "commercial-real-estate", "real-estate", "banking", "deals", "personal-finance",
                 "economy & business", "business news", "commercial real estate", "industry"),
    "Technology": ("technology", "tech", "gadgets", "gaming", "games", "mobile", "apps", "computing", "software",
                   "cybersecurity"),
    "Science & health": ("science", "health", "space", "environment", "climate", "medicine", "medical",
                         "science-and-health", "science & health", "science-environment", "nature", "moon",
                         "jupiter", "sci-tech", "astronomy", "physics", "biology"),
    "Sport": ("sport", "sports", "nfl", "nba", "mlb", "nhl", "soccer", "football", "tennis", "golf", "cricket",
              "rugby", "high-school", "high-school-sports", "olympics", "ncaa", "college-football", "motorsport",
              "f1", "boxing", "mma", "cycling", "athletics"),
    "Culture": ("culture", "entertainment", "arts", "music", "movies", "film", "films", "tv", "television",
                "books", "celebrity", "celebrities", "showbiz", "awards", "theatre", "theater", "media"),
    "Life & style": ("lifestyle", "life", "advice", "nutrition", "food", "recipes", "travel", "style", "fashion",
                     "wellness", "relationships", "living", "home-garden", "parenting", "dear-abby", "fitness",
                     "life-and-style", "family"),
}
_HINT = {hint: section for section, hints in SECTION_HINTS.items() for hint in hints}
#: Words of a piece that argues, explains or rounds up rather than reports one event.
_OPINION_TITLE = re.compile(
    r"^(?:opinion|editorial|analysis|commentary|column|explainer|letters?|dear \w+)\b|^the \w+ view on\b"
    r"|\b(?:round-?up|opening bell|guide to|explained|what you need to know|review|things to know"
    r"|questions)\b|^why\b|^what is\b|^\d+ (?:tips|ways|things|reasons|key questions)\b",
    re.IGNORECASE,
)
#: Keyword hits the text needs for a section, and how far ahead of the next section (else "More news").
SECTION_MIN_HITS = 3
SECTION_MARGIN = 1.5
_KEYWORD = {
    section: re.compile(r"\b(" + "|".join(re.escape(k) for k in keywords) + r")\b", re.IGNORECASE)
    for section, keywords in SECTION_KEYWORDS.items()
}
#: User hints: (section name, (hint, ...)) pairs from the ``section_hints`` setting.
Hints = tuple[tuple[str, tuple[str, ...]], ...]


@functools.lru_cache(maxsize=8)
def section_tables(hints: Hints = ()) -> tuple[dict[str, str], dict[str, str], dict[str, re.Pattern]]:
    """The user's hint map, the whole hint map (section/category/URL word -> section) and keyword patterns.

    A user's section is a name and its hints: each hint is both a word of a
    source's own section or URL path ("local", "high-school") and a keyword
    of the text. Hints for a section digest knows extend it; the user's hints
    are checked first, so they win over the shipped ones.
    """
    user_map: dict[str, str] = {}
    keywords = {section: list(words) for section, words in SECTION_KEYWORDS.items()}
    for section, words in hints:
        for word in words:
            user_map[" ".join(word.casefold().strip("/").split())] = section
        keywords[section] = [*words, *keywords.get(section, [])]
    user = {section for section, _ in hints}
    ordered = sorted(keywords.items(), key=lambda item: item[0] not in user)
    patterns = {section: re.compile(r"\b(" + "|".join(re.escape(k) for k in words) + r")\b", re.IGNORECASE)
                for section, words in ordered if words}
    return user_map, {**_HINT, **user_map}, patterns


#: Words of the body read by the keyword classifier.
SECTION_BODY_WORDS = 150


def arrange(merged: Merged, summaries: tuple[Summary, ...], *, max_stories: int | None = None,
            word_budget: int | None = None, sections: str = "auto", section_hints: Hints = (),
            progress: Progress = quiet) -> Issue:
    """The issue of ``merged``'s window: one story per event (with its summary), ordered, budgeted, grouped.

    Every file stays accounted for in ``Issue.considered``. Stories cut by
    ``max_stories`` or ``word_budget`` stay in ``Issue.stories`` with
    ``omitted`` set; ``section_hints`` adds sections or hints (see :func:`section_tables`).
    """
    ranked = []
    for event, summary in zip(merged.events, summaries):
        also, same = credited_once(event.lead, list(event.others))
        story = Story(article=event.lead, summary=summary, also=tuple(also), same_outlet=tuple(same),
                      evidence=event.evidence)
        ranked.append(Ranked(story, event.centrality))
    ordered = [r.story for r in sorted(ranked, key=importance_key)]
    stories = group_into_sections(apply_budgets(ordered, max_stories, word_budget), sections, section_hints)
    omitted = sum(1 for s in stories if s.omitted)
    progress(f"Ordered {count(len(stories), 'story', 'stories')}: {len(stories) - omitted} shown, {omitted} left out"
             + (" (budget)" if omitted else ""))
    span = merged.window
    return Issue(date=span.last, days=span.days, stories=tuple(stories), considered=merged.considered)


def outlet_key(article: Article) -> str | None:
    """What makes two articles the same outlet: the source's name (case, spaces and dots ignored), else the domain."""
    if article.source and article.source.strip():
        return "".join(ch for ch in article.source.casefold() if ch.isalnum())
    return registered_domain(article.url) if article.url else None


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


@dataclass(frozen=True)
class Ranked:
    """A story with what its place in the issue depends on."""

    story: Story
    centrality: float


def importance_key(ranked: Ranked) -> tuple:
    """Sort key: most sources, most reports, most central, newest; then title and path."""
    story = ranked.story
    articles = (story.article, *story.also)
    sources = {a.source.strip().lower() for a in articles if a.source}
    date = story.article.date.toordinal() if story.article.date else 0
    return (-max(len(sources), 1), -len(articles), -round(ranked.centrality, 6), -date,
            story.article.title, story.article.path)


def story_words(story: Story) -> int:
    """Words the story takes in the email: title, lede and bullets."""
    parts = (story.article.title, story.summary.lede, *story.summary.bullets)
    return sum(len(part.split()) for part in parts)


def apply_budgets(stories: Sequence[Story], max_stories: int | None, word_budget: int | None) -> list[Story]:
    """Mark the stories past ``max_stories`` or past the word budget as omitted, with the reason.

    Stories are taken in order; once one does not fit the word budget, it and
    every later story are left out (a smaller, less important story never
    jumps ahead of a bigger, more important one). The first story is always kept.
    """
    kept: list[Story] = []
    words = 0
    over_words = False
    for position, story in enumerate(stories):
        if max_stories is not None and position >= max_stories:
            story = story.left_out(Omission.STORY_BUDGET, f"beyond the story budget of {max_stories} (max_stories)")
        elif word_budget is not None:
            words += story_words(story)
            # The first story is always shown: an issue is never empty.
            if over_words or (words > word_budget and position > 0):
                over_words = True
                story = story.left_out(Omission.WORD_BUDGET, f"over the word budget of {word_budget} words")
        kept.append(story)
    return kept


def section_of(story: Story, lede: str | None = None, hints: Hints = ()) -> str:
    """The story's section: the source's own section or URL path first, else the text's keywords.

    Evidence in order: the lead article's own section or category (page
    ``article:section``, feed ``<category>``, front matter), then its URL
    path; then the same for the story's other reports; then the keywords of
    the lead's title, lede and first words. A story none of them is sure
    about goes to "More news" rather than a wrong section.
    """
    for article in (story.article, *story.also, *story.same_outlet):
        found = evidence_section(article, hints)
        if found:
            return found
    return keyword_section(story.article, lede if lede is not None else story.summary.lede, hints)


def evidence_section(article: Article, hints: Hints = ()) -> str | None:
    """The section an article's own metadata names: its section or category, else a word of its URL path."""
    for table in (0, 1) if hints else (1,):  # the user's hints first, anywhere in the evidence
        if article.section and article.section.strip():
            for part in [article.section, *re.split(r"[,;/|]", article.section)]:
                found = _hint(part, hints, table)
                if found:
                    return found
        found = _url_section(article.url, hints, table)
        if found:
            return found
    return None


def url_section(url: str | None, hints: Hints = ()) -> str | None:
    """The section a URL's path names (``/sports/high-school/2019/...`` -> Sport); the slug is not read."""
    for table in (0, 1) if hints else (1,):
        found = _url_section(url, hints, table)
        if found:
            return found
    return None


def _url_section(url: str | None, hints: Hints, table: int) -> str | None:
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    parts = [p for p in path.split("/") if p]
    for part in parts[:-1][:4]:
        found = _hint(part, hints, table)
        if found:
            return found
    return None


def _hint(word: str, hints: Hints = (), which: int = 1) -> str | None:
    """The section a word of a source's section or URL names: in the user's hints (0) or in all (1)."""
    table = section_tables(hints)[which]
    key = " ".join(word.casefold().replace("_", "-").split())
    return table.get(key) or table.get(key.replace(" ", "-"))


def is_opinion(article: Article) -> bool:
    """An opinion, explainer or round-up piece: it joins another report's story only on strong evidence."""
    if evidence_section(article) == "Opinion":
        return True
    return bool(_OPINION_TITLE.search(article.title.strip()))


def keyword_section(article: Article, lede: str = "", hints: Hints = ()) -> str:
    """The section whose keywords the text hits most, when it is clearly ahead; else "More news"."""
    text = " ".join([article.title, lede, " ".join(article.body.split()[:SECTION_BODY_WORDS])])
    patterns = section_tables(hints)[2]
    hits = sorted(((len(pattern.findall(text)), -rank, section) for rank, (section, pattern)
                   in enumerate(patterns.items())), reverse=True)
    (best_hits, _, best), (second_hits, _, _) = hits[0], hits[1]
    if best_hits >= SECTION_MIN_HITS and best_hits >= SECTION_MARGIN * second_hits:
        return best
    return OTHER_SECTION


def check_sections_mode(mode: str) -> SectionMode:
    """``mode`` as a :class:`SectionMode`; a clear error for any other value."""
    if mode not in SECTION_MODES:
        raise DigestError(f"sections must be one of {', '.join(SECTION_MODES)}, not {mode!r}")
    return SectionMode(mode)


def group_into_sections(stories: Sequence[Story], mode: str, hints: Hints = ()) -> list[Story]:
    """Set each story's section and group the stories by section, when sections are on.

    Sections come in the order of their most important shown story ("More
    news" last); inside a section the stories keep their order. Omitted stories
    follow all shown ones. With mode "off", or "auto" and fewer than
    :data:`SECTIONS_MIN_STORIES` shown stories, the stories are returned as they are.
    """
    mode = check_sections_mode(mode)
    shown = [s for s in stories if s.omitted is None]
    if mode is SectionMode.OFF or (mode is SectionMode.AUTO and len(shown) < SECTIONS_MIN_STORIES):
        return list(stories)
    labelled = [replace(s, section=section_of(s, hints=hints)) for s in stories]
    order: list[str] = []
    for story in labelled:
        if story.omitted is None and story.section not in order and story.section != OTHER_SECTION:
            order.append(story.section or OTHER_SECTION)
    order.append(OTHER_SECTION)
    grouped = [s for name in order for s in labelled if s.omitted is None and s.section == name]
    return grouped + [s for s in labelled if s.omitted is not None]
