"""Keywords: the 3-5 content words an article is most about.

Words are grouped by stem (so "troops" and "troop" count together), stop words
and numbers left out. A word's score is how often it occurs, with its
occurrences in the title and the lede counted twice more: headline words are
what the story is about. It is shown in its most frequent form, capitalized
only when it is always capitalized (a name).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from .language import LanguageRules

MIN_KEYWORDS = 3
MAX_KEYWORDS = 5
#: Words in the title and the lede count this many times more.
HEADLINE_WEIGHT = 3


def keywords(words: list[list[str]], terms: list[list[str | None]], title: str, lede: str,
             rules: LanguageRules) -> tuple[str, ...]:
    """3-5 keywords (fewer for a very short text), most important first.

    ``words`` are each sentence's words, ``terms`` their stems (None for stop words).
    """
    scores: Counter[str] = Counter()
    forms: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for sentence, stems in zip(words, terms):
        for word, term in zip(sentence, stems):
            if term is not None and len(word) >= 3:
                scores[term] += 1
                forms[term][word] += 1
    for headline in (title, lede):
        for term in rules.terms(headline):
            if term in scores:
                scores[term] += HEADLINE_WEIGHT - 1
    ranked = sorted(scores, key=lambda term: (-scores[term], term))
    chosen = [term for term in ranked if scores[term] >= 2][:MAX_KEYWORDS]
    if len(chosen) < MIN_KEYWORDS:
        chosen = ranked[:MIN_KEYWORDS]
    return tuple(_display(forms[term]) for term in chosen)


def _display(forms: Counter[str]) -> str:
    """The most frequent form; lower case unless every occurrence is capitalized."""
    word = max(forms.items(), key=lambda item: (item[1], item[0]))[0]
    if all(form[:1].isupper() for form in forms):
        return word
    return word.lower()
