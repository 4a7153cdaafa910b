"""Article -> Summary: a one-sentence lede, a few bullets, keywords, reading time.

News is written lead-first, so the lede is the body's first real sentence
(after datelines, bylines and share bars are stripped; see :mod:`.sentences`),
unless one of the next three says clearly more about the story (a feature-style
opener or a detail gives way to the news). Bullets are picked from the other
sentences (one before the lede too, when the lede is not the first) by salience
(centrality x position prior / sqrt(length); see :mod:`.salience`) with
redundancy control, and shown in the article's order. The whole is
deterministic and offline.
"""

from __future__ import annotations

import math

from ..model import Article, Summary
from ..text import split_words
from .keywords import keywords
from .language import language_rules
from .salience import Salience
from .sentences import MAX_BULLET_WORDS, can_be_bullet, can_lead, summary_sentences

__all__ = ["READING_WPM", "MAX_BULLET_WORDS", "summarize", "summary_sentences"]

#: Average adult silent reading speed, words per minute.
READING_WPM = 230
#: The lede is the most relevant (centrality x position prior, whatever its
#: length) of the first LEDE_WINDOW sentences that can lead.
LEDE_WINDOW = 4
#: Paragraphs this short without sentence punctuation are subheads.
_SUBHEAD_WORDS = 12


def summarize(article: Article, bullets: int = 3, max_words: int | None = None) -> Summary:
    """Summarize one article: the lede, then up to ``bullets`` bullet sentences.

    ``max_words`` caps the words of lede and bullets together: bullets that do
    not fit are left out (the lede always stays, however long).
    """
    rules = language_rules(article.language)
    minutes = max(1, math.ceil(article.word_count / READING_WPM))
    sentences = summary_sentences([p for p in article.paragraphs if not _is_subhead(p)], article.language)
    words = [split_words(s) for s in sentences]
    terms = [list(map(rules.term, sentence)) for sentence in words]
    openers = [i for i, s in enumerate(sentences) if can_lead(s, len(words[i]))][:LEDE_WINDOW]
    if not openers:
        lede = sentences[0] if sentences else article.title
        return Summary(lede=lede, keywords=keywords(words, terms, article.title, lede, rules), reading_minutes=minutes)

    salience = Salience(words, rules, title=_real_title(article), terms=terms)
    # The first sentence, unless a feature-style opener ("As records go, it
    # was impressive.") or a detail says less about the story than one of the
    # next three.
    lede_index = max(openers, key=lambda i: (salience.relevance[i], -i))
    lede = sentences[lede_index]
    budget = math.inf if max_words is None else max_words - len(words[lede_index])
    chosen = _bullets(sentences, words, salience, lede_index, bullets, budget) if bullets > 0 else []
    return Summary(
        lede=lede,
        bullets=tuple(sentences[i] for i in sorted(chosen)),
        keywords=keywords(words, terms, article.title, lede, rules),
        reading_minutes=minutes,
    )


def _bullets(sentences: list[str], words: list[list[str]], salience: Salience, lede_index: int,
             count: int, budget: float) -> list[int]:
    """Indexes of up to ``count`` bullets other than the lede, their words within ``budget``."""
    counts = [len(w) for w in words]
    remaining = budget

    def fits(index: int) -> bool:
        nonlocal remaining
        if counts[index] > remaining:
            return False
        remaining -= counts[index]
        return True

    # Any sentence but the lede: when the lede is not the first, the opener
    # before it may still make a bullet.
    others = [i for i in range(len(sentences)) if i != lede_index]
    chosen = salience.pick([i for i in others if can_be_bullet(sentences[i], counts[i])], [lede_index], count, fits)
    if len(chosen) < count:
        # A short text: rather than fewer bullets, take what it has that fits
        # (short sentences and quotations too; still no questions).
        rest = [i for i in others if i not in chosen and can_lead(sentences[i], counts[i])
                and counts[i] <= MAX_BULLET_WORDS]
        chosen += salience.pick(rest, [lede_index, *chosen], count - len(chosen), fits)
    return chosen


def _is_subhead(paragraph: str) -> bool:
    return len(paragraph.split()) <= _SUBHEAD_WORDS and not paragraph.rstrip().endswith(
        (".", "!", "?", "\u201d", '"', ":")
    )


def _real_title(article: Article) -> str:
    """The title, unless it is only the file's name (as with ``--no-extract``)."""
    stem = article.path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return "" if article.title.strip() == stem else article.title
