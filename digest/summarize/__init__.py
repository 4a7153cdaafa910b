"""Article -> Summary: a one-sentence lede, a few bullets, keywords, reading time.

News is written lead-first, so the lede is the body's first clean sentence
(after datelines, bylines, captions, share bars and table rows are dropped;
see :mod:`.sentences`) that stands alone: 5-40 words, whole, not a question,
a quotation, the headline again, nor opening on a pronoun, a connective or a
"the N" phrase that points back. Bullets come from the sentences after the
lede, picked by salience (centrality x position prior / sqrt(length); see
:mod:`.salience`) with redundancy control, and shown in the article's order;
one that points back is taken only right after the sentence it points to.
The whole is deterministic and offline.
"""

from __future__ import annotations

import math

from ..model import Article, Summary
from ..text import split_words
from .keywords import keywords
from .language import language_rules
from .salience import Salience
from .sentences import (
    MAX_BULLET_WORDS,
    MAX_LEDE_WORDS,
    can_be_bullet,
    can_lead,
    is_whole,
    points_back,
    reading_length,
    shorten,
    summary_sentences,
)

__all__ = ["READING_WPM", "MAX_BULLET_WORDS", "clean_sentences", "summarize", "summary_sentences"]

#: Average adult silent reading speed, words per minute.
READING_WPM = 230
#: The lede is the first sentence that can lead among the first LEDE_WINDOW ...
LEDE_WINDOW = 5
#: ... unless one of the next two that can lead is this many times as relevant.
#: Cross-validation (bench/summaries.py) keeps it off: a later sentence only
#: wins when the first cannot lead (a teaser that names nothing, see can_lead).
CLEARLY_BETTER = math.inf
#: Paragraphs this short without sentence punctuation are subheads.
_SUBHEAD_WORDS = 12


def clean_sentences(article: Article) -> list[str]:
    """The body's sentences after digest's clean-up (subheads, furniture, captions, the headline out)."""
    return summary_sentences([p for p in article.paragraphs if not _is_subhead(p)], article.language,
                             _real_title(article))


def summarize(article: Article, bullets: int = 3, max_words: int | None = None) -> Summary:
    """Summarize one article: the lede, then up to ``bullets`` bullet sentences.

    ``max_words`` caps the words of lede and bullets together: bullets that do
    not fit are left out (the lede always stays, however long).
    """
    rules = language_rules(article.language)
    minutes = max(1, math.ceil(article.word_count / READING_WPM))
    title = _real_title(article)
    sentences = clean_sentences(article)
    english = (article.language or "en").lower().startswith("en")
    if english:
        _shorten_long_opener(sentences, title)
    words = [split_words(s) for s in sentences]
    terms = [list(map(rules.term, sentence)) for sentence in words]
    salience = Salience(words, rules, title=title, terms=terms)
    lede_index = _lede(sentences, words, title, salience.relevance, english)
    if lede_index is None:
        # Nothing that reads as a sentence (a page without full stops): its first words, marked as cut.
        lede = _clip(sentences[0]) if sentences else article.title
        return Summary(lede=lede, keywords=keywords(words, terms, article.title, lede, rules), reading_minutes=minutes)
    lede = sentences[lede_index]
    chosen: list[int] = []
    if bullets > 0:
        budget = math.inf if max_words is None else max_words - len(words[lede_index])
        chosen = _bullets(sentences, words, salience, lede_index, bullets, budget, english)
    return Summary(
        lede=lede,
        bullets=tuple(sentences[i] for i in sorted(chosen)),
        keywords=keywords(words, terms, article.title, lede, rules),
        reading_minutes=minutes,
    )


def _shorten_long_opener(sentences: list[str], title: str) -> None:
    """An over-long first sentence that otherwise could lead loses its trailing clause ("..., adding ...")."""
    if sentences and len(split_words(sentences[0])) > MAX_LEDE_WORDS:
        short = shorten(sentences[0])
        if short is not None and can_lead(short, title=title):
            sentences[0] = short


def _lede(sentences: list[str], words: list[list[str]], title: str, relevance: list[float],
          english: bool = True) -> int | None:
    """The first sentence that can lead (or a clearly better one of the next two that can);
    failing that, the first whole one that does not point back."""
    window = range(min(LEDE_WINDOW, len(sentences)))
    counts = [reading_length(sentences[i], words[i]) for i in window]
    openers = [i for i in window if can_lead(sentences[i], counts[i], title, english)][:3]
    if openers:
        first = openers[0]
        better = [i for i in openers[1:] if relevance[i] > CLEARLY_BETTER * relevance[first]]
        return better[0] if better else first
    # A body of long sentences: the first whole one that stands alone, even over the length.
    for i in window:
        if 3 <= counts[i] <= 2 * MAX_LEDE_WORDS and is_whole(sentences[i]) and not points_back(sentences[i]):
            return i
    for i in range(len(sentences)):
        if len(words[i]) >= 3 and len(words[i]) <= 2 * MAX_LEDE_WORDS:
            return i
    return None


def _bullets(sentences: list[str], words: list[list[str]], salience: Salience, lede_index: int,
             count: int, budget: float, english: bool = True) -> list[int]:
    """Indexes of up to ``count`` bullets after the lede, their words within ``budget``."""
    counts = [reading_length(s, w) for s, w in zip(sentences, words)]
    remaining = budget

    def fits(index: int) -> bool:
        nonlocal remaining
        if counts[index] > remaining:
            return False
        remaining -= counts[index]
        return True

    after = range(lede_index + 1, len(sentences))
    # A sentence pointing back ("He said ...") only right after what it points to.
    follows = {i for i in after if english and points_back(sentences[i])}
    candidates = [i for i in after if can_be_bullet(sentences[i], counts[i], english)]

    def allowed(index: int, taken: list[int]) -> bool:
        return index not in follows or index - 1 == lede_index or index - 1 in taken

    chosen = salience.pick(candidates, [lede_index], count, fits, allowed)
    if len(chosen) < count:
        # A short text: rather than fewer bullets, take shorter whole sentences too.
        rest = [i for i in after if i not in chosen and 3 <= counts[i] <= MAX_BULLET_WORDS
                and is_whole(sentences[i]) and not sentences[i].rstrip("\"'”’»").endswith("?")]
        chosen += salience.pick(rest, [lede_index, *chosen], count - len(chosen), fits,
                                lambda i, taken: allowed(i, [*chosen, *taken]))
    return chosen


def _clip(text: str, limit: int = MAX_LEDE_WORDS) -> str:
    words = text[: limit * 40].split()
    return text if len(words) <= limit and len(text) <= limit * 40 else " ".join(words[:limit]) + " …"


def _is_subhead(paragraph: str) -> bool:
    return len(paragraph.split()) <= _SUBHEAD_WORDS and not paragraph.rstrip().endswith(
        (".", "!", "?", "\u201d", '"', ":", "\u3002", "\uff01", "\uff1f", "\u061f", "\u0964")
    )


def _real_title(article: Article) -> str:
    """The title, unless it is only the file's name (as with ``--no-extract``)."""
    stem = article.path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return "" if article.title.strip() == stem else article.title
