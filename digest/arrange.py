"""Stories -> the order an editor would send: importance, budgets, sections.

Importance is how many sources carried a story, then how many reports it has,
then how central it is to the window (how close its lead article is to the
average article). Ties fall back to the newest date, the title and the path,
so the same inputs always give the same order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from .errors import DigestError
from .model import Article, Story

#: Sections are used in "auto" mode from this many shown stories on.
SECTIONS_MIN_STORIES = 6
SECTION_MODES = ("auto", "on", "off")
#: Heading for stories no section claims.
OTHER_SECTION = "More news"

#: Keyword section classifier: a story goes to the section with the most
#: keyword hits in its title, lede and first words (at least two hits).
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
        "interest rates", "jobs", "oil",
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
}
_KEYWORD = {
    section: re.compile(r"\b(" + "|".join(re.escape(k) for k in keywords) + r")\b", re.IGNORECASE)
    for section, keywords in SECTION_KEYWORDS.items()
}
#: Words of the body read by the keyword classifier.
SECTION_BODY_WORDS = 150


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
        reason = None
        if max_stories is not None and position >= max_stories:
            reason = f"beyond --max-stories {max_stories}"
        elif word_budget is not None:
            words += story_words(story)
            # The first story is always shown: an issue is never empty.
            if over_words or (words > word_budget and position > 0):
                over_words = True
                reason = f"over the word budget of {word_budget} words"
        kept.append(story if reason is None else replace(story, omitted=reason))
    return kept


def section_of(story: Story, lede: str | None = None) -> str:
    """The story's section: the source's own when an article has one, else by keywords."""
    for article in (story.article, *story.also):
        if article.section and article.section.strip():
            return article.section.strip()
    return keyword_section(story.article, lede if lede is not None else story.summary.lede)


def keyword_section(article: Article, lede: str = "") -> str:
    text = " ".join([article.title, lede, " ".join(article.body.split()[:SECTION_BODY_WORDS])])
    best, best_hits = OTHER_SECTION, 1
    for section, pattern in _KEYWORD.items():
        hits = len(pattern.findall(text))
        if hits > best_hits:
            best, best_hits = section, hits
    return best


def check_sections_mode(mode: str) -> str:
    if mode not in SECTION_MODES:
        raise DigestError(f"sections must be one of {', '.join(SECTION_MODES)}, not {mode!r}")
    return mode


def group_into_sections(stories: Sequence[Story], mode: str) -> list[Story]:
    """Set each story's section and group the stories by section, when sections are on.

    Sections come in the order of their most important shown story ("More
    news" last); inside a section the stories keep their order. Omitted stories
    follow all shown ones. With mode "off", or "auto" and fewer than
    :data:`SECTIONS_MIN_STORIES` shown stories, the stories are returned as they are.
    """
    check_sections_mode(mode)
    shown = [s for s in stories if s.omitted is None]
    if mode == "off" or (mode == "auto" and len(shown) < SECTIONS_MIN_STORIES):
        return list(stories)
    labelled = [replace(s, section=section_of(s)) for s in stories]
    order: list[str] = []
    for story in labelled:
        if story.omitted is None and story.section not in order and story.section != OTHER_SECTION:
            order.append(story.section or OTHER_SECTION)
    order.append(OTHER_SECTION)
    grouped = [s for name in order for s in labelled if s.omitted is None and s.section == name]
    return grouped + [s for s in labelled if s.omitted is not None]
