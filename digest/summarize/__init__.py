"""Article -> Summary: a one-sentence lede, a few bullets, keywords, reading time.

News is written lead-first, so the lede is the body's first clean sentence
(after datelines, bylines, captions, share bars and table rows are dropped;
see :mod:`.sentences`) that stands alone: 5-40 words, whole, not a question,
a quotation, the headline again, nor opening on a pronoun, a connective or a
"the N" phrase that points back, nor a teaser. Bullets are the sentences right
after the lede, in order, minus those a reader would cut (see :func:`_bullets`):
a cut breaks the chain, and after it a sentence that points back is not taken.
The whole is deterministic and offline.
"""

from __future__ import annotations

import math
import re
from typing import Callable

from ..model import Article, Summary
from ..text import split_words
from .keywords import keywords
from .language import language_rules
from .salience import Salience
from .sentences import (
    MAX_BODY_CHARS,
    MAX_BULLET_WORDS,
    MAX_FIRST_LEDE_WORDS,
    MAX_LEDE_WORDS,
    MIN_BULLET_WORDS,
    TITLES,
    _function_words,
    can_be_bullet,
    can_lead,
    is_whole,
    mend_connective,
    mild_connective,
    points_back,
    points_back_early,
    reading_length,
    shorten,
    summary_sentences,
)

__all__ = ["READING_WPM", "MAX_BULLET_WORDS", "clean_sentences", "summarize", "summary_sentences"]

#: Average adult silent reading speed, words per minute.
READING_WPM = 230
#: The lede is the first sentence that can lead among the first LEDE_WINDOW ...
LEDE_WINDOW = 5
#: If none of those can, the first that can among the first LEDE_REACH.
LEDE_REACH = 15
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
    terms = [rules.terms_of(sentence) for sentence in words]
    surnames = _surnames(article.body) if english else frozenset()
    lede_index = _lede(sentences, words, title, lambda: Salience(words, rules, title=title, terms=terms).relevance,
                       english, _stranger_opener(surnames, title))
    if lede_index is None:
        # Nothing that reads as a sentence (a page without full stops): its first words, marked as cut.
        lede = _clip(sentences[0]) if sentences else article.title
        return Summary(lede=lede, keywords=keywords(words, terms, article.title, lede, rules), reading_minutes=minutes)
    lede = sentences[lede_index]
    chosen: list[tuple[int, str]] = []
    if bullets > 0:
        budget = math.inf if max_words is None else max_words - len(words[lede_index])
        chosen = _bullets(sentences, words, terms, lede_index, bullets, budget, f"{title} {lede}", surnames, english)
    return Summary(
        lede=lede,
        bullets=tuple(text for _, text in chosen),
        keywords=keywords(words, terms, article.title, lede, rules),
        reading_minutes=minutes,
    )


def _shorten_long_opener(sentences: list[str], title: str) -> None:
    """An over-long first sentence that otherwise could lead loses its trailing clause ("..., adding ...")."""
    if sentences and len(split_words(sentences[0])) > MAX_LEDE_WORDS:
        short = shorten(sentences[0])
        if short is not None and can_lead(short, title=title):
            sentences[0] = short


def _stranger_opener(surnames: frozenset[str], title: str) -> Callable[[list[str]], bool]:
    """Whether a sentence's words open on a lone surname the title never gave ("Jung won aboard Sam ...").

    ``surnames`` are those of :func:`_surnames`: names the body gives in full and uses alone as a speaker's.
    """
    known = set(split_words(title))

    def stranger(words: list[str]) -> bool:
        return bool(words) and words[0] in surnames and words[0] not in known \
            and not (len(words) > 1 and words[1][:1].isupper())
    return stranger


def _lede(sentences: list[str], words: list[list[str]], title: str, relevance: Callable[[], list[float]],
          english: bool = True, stranger: Callable[[list[str]], bool] = lambda words: False) -> int | None:
    """The first sentence that can lead (or a clearly better one of the next two that can);
    failing that, the first whole one that does not point back."""
    def leads(i: int, count: int, max_words: int = MAX_LEDE_WORDS) -> bool:
        return can_lead(sentences[i], count, title, english, max_words=max_words) and not stranger(words[i])

    window = range(min(LEDE_WINDOW, len(sentences)))
    counts = [reading_length(sentences[i], words[i]) for i in window]
    openers = [i for i in window if leads(i, counts[i])][:3]
    if window and (not openers or openers[0] > 0) and leads(0, counts[0], MAX_FIRST_LEDE_WORDS):
        return 0  # a first sentence a little over the length that says what happened beats a later one
    if openers:
        first = openers[0]
        if CLEARLY_BETTER == math.inf or len(openers) == 1:
            return first  # no TF-IDF needed
        scores = relevance()
        better = [i for i in openers[1:] if scores[i] > CLEARLY_BETTER * scores[first]]
        return better[0] if better else first
    # None of the first few can lead (quote fragments, teasers, pointing back): a later one that can.
    for i in range(len(window), min(LEDE_REACH, len(sentences))):
        if leads(i, reading_length(sentences[i], words[i])):
            return i
    # A body of long sentences: the first whole one that stands alone, even over the length.
    for i in window:
        if 3 <= counts[i] <= 2 * MAX_LEDE_WORDS and is_whole(sentences[i]) and not points_back(sentences[i]):
            return i
    for i in range(len(sentences)):
        if len(words[i]) >= 3 and len(words[i]) <= 2 * MAX_LEDE_WORDS:
            return i
    return None


def _bullets(sentences: list[str], words: list[list[str]], terms: list[list[str | None]], lede_index: int,
             count: int, budget: float, context: str, surnames: frozenset[str],
             english: bool = True) -> list[tuple[int, str]]:
    """Up to ``count`` bullets (index, text): the sentences right after the lede, in order,
    minus those a reader would cut; their words within ``budget``.

    A sentence that cannot stand in a newsletter (caption leftovers, a quote
    fragment, too short or long, a repeat) is skipped, and a skip breaks the
    chain: the next sentence is taken only if it does not point back (a
    pronoun, a connective, "the N", a surname the reader has not met), since
    what it points to was cut. A sentence opening on a mild connective ("But", "And") is kept
    right after the sentence it follows; after a cut, "But"/"And"/"Yet"/"So" goes
    ("But the team ..." -> "The team ...") and the rest must stand alone.
    ``context`` is the text the reader has seen (title, lede); ``surnames`` those of :func:`_surnames`.
    """
    counts = [reading_length(s, w) for s, w in zip(sentences, words)]
    chosen = _chain(sentences, words, terms, counts, lede_index, count, budget, context, surnames, english)
    if len(chosen) < count:
        # A short text: rather than fewer bullets, short whole statements ("Roads get less.") too.
        chosen = _chain(sentences, words, terms, counts, lede_index, count, budget, context, surnames, english,
                        short=True)
    return chosen


def _chain(sentences: list[str], words: list[list[str]], terms: list[list[str | None]], counts: list[int],
           lede_index: int, count: int, budget: float, context: str, surnames: frozenset[str], english: bool,
           short: bool = False) -> list[tuple[int, str]]:
    remaining = budget
    shown = [_content(terms[lede_index])]
    seen = {_bare(word) for word in split_words(context)}  # "Obama's" introduces "Mr. Obama"
    chosen: list[tuple[int, str]] = []
    broken = False
    for i in range(lede_index + 1, len(sentences)):
        if len(chosen) >= count:
            break
        sentence = sentences[i]
        content = _content(terms[i])
        if not can_be_bullet(sentence, counts[i], english, min_words=3 if short else MIN_BULLET_WORDS) \
                or counts[i] > remaining \
                or any(_overlap(content, other) >= REPEAT_OVERLAP for other in shown):
            broken = True
            continue
        # A surname alone, or after a courtesy title ("Mr McLachlan"), that the reader has not met.
        strangers = [w for j, w in enumerate(words[i]) if _bare(w) not in seen
                     and ((_bare(w) in surnames
                           and (j == 0 or not words[i][j - 1][:1].isupper()))
                          or (j > 0 and words[i][j - 1] in TITLES and w[:1].isupper()
                              and not (j + 1 < len(words[i]) and words[i][j + 1][:1].isupper())))]
        if english and not strangers and "," in sentence[:20]:
            named = _NAME_AND_AGE.match(sentence)
            if named and named.group(1) not in seen:
                strangers = [named.group(1)]  # "Umma, 25, was forced ...": someone met only in a caption
        if english and broken and mild_connective(sentence):
            # What it answers was cut: without its connective it may still stand alone.
            mended = mend_connective(sentence)
            if mended is None or not can_be_bullet(mended, english=True, min_words=3 if short else MIN_BULLET_WORDS):
                continue
            sentence = mended
        if english and (strangers or (broken and (points_back(sentence) or points_back_early(sentence)))):
            broken = True
            continue
        chosen.append((i, sentence))
        shown.append(content)
        seen.update(_bare(word) for word in words[i])
        remaining -= counts[i]
        broken = False
    return chosen


def _bare(word: str) -> str:
    """A word without its possessive ending: "Boente's" -> "Boente"."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


#: One name and an age opening a sentence: "Umma, 25, ...".
_NAME_AND_AGE = re.compile(r"[\"“‘']?([A-Z][a-z]+), \d{1,3},")
#: A bullet whose content words are this much in the lede or an earlier bullet repeats it.
REPEAT_OVERLAP = 0.75


def _content(terms: list[str | None]) -> frozenset[str]:
    return frozenset(t for t in terms if t)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of ``a``'s content words that ``b`` has."""
    return len(a & b) / len(a) if a else 0.0


def _surnames(body: str) -> frozenset[str]:
    """Surnames the body uses alone for someone it names in full elsewhere ("Eddie Howe" ... "Howe said"):
    met alone in a sentence, they name someone the reader may not have been told about.

    Round 7: the alone-as-a-speaker evidence is needed for bullets too. Any capitalized word after
    another ("White House", "Carlos Boente" after "Roberto Carlos", "Friday") used to count, and
    readers preferred the plain Lead in 20 of 26 verdicts where that cut an informative bullet.
    """
    text = body[:MAX_BODY_CHARS]
    alone = set()
    for match in _SPEAKER.finditer(text):
        name = match.group(1)
        if name not in alone:
            before = text[max(0, match.start() - 40):match.start()].split()
            if not (before and before[-1][:1].isupper() and before[-1][-1:].isalpha()):
                alone.add(name)
    if not alone:
        return frozenset()
    stop = _function_words()
    full = {last for first, last in _FULL_NAME.findall(text) if first.lower() not in stop and last.lower() not in stop}
    return frozenset(alone & full)


_FULL_NAME = re.compile(r"\b([A-Z][\w'’-]+)[ \u00a0]+(?=([A-Z][a-z][\w'’-]+))")  # overlapping: "Defender Steve Cook"
#: A capitalized word before a verb of saying: alone unless the word before it is capitalized too
#: ("..., Howe said" but not "Eddie Howe said").
_SPEAKER = re.compile(r"\b([A-Z][a-z][\w'’-]+) (?:said|says|told|added)\b")


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
