"""Keywords: the 3-5 content words an article is most about.

Words are grouped by stem (so "troops" and "troop" count together), stop words
and numbers left out. A word's score is how often it occurs, with its
occurrences in the title and the lede counted twice more: headline words are
what the story is about. It is shown in its most frequent form, capitalized
only when it is always capitalized (a name).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..text import split_words
from .language import LanguageRules

MIN_KEYWORDS = 3
MAX_KEYWORDS = 5
#: Words in the title and the lede count this many times more.
HEADLINE_WEIGHT = 3


def keywords(words: list[list[str]], title: str, lede: str, rules: LanguageRules) -> tuple[str, ...]:
    """3-5 keywords (fewer for a very short text), most important first; ``words``: each sentence's words."""
    scores: Counter[str] = Counter()
    forms: defaultdict[str, Counter[str]] = defaultdict(Counter)
    headline = ((split_words(title), HEADLINE_WEIGHT - 1), (split_words(lede), HEADLINE_WEIGHT - 1))
    for sentence, weight in (*headline, *((w, 1) for w in words)):
        for word in sentence:
            term = rules.term(word)
            if term is None or len(word) < 3:
                continue
            scores[term] += weight
            if weight == 1:
                forms[term][word] += 1
    ranked = [stem for stem, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0])) if stem in forms]
    chosen = [stem for stem in ranked if scores[stem] >= 2][:MAX_KEYWORDS]
    if len(chosen) < MIN_KEYWORDS:
        chosen = ranked[:MIN_KEYWORDS]
    return tuple(_display(forms[stem]) for stem in chosen)


def _display(forms: Counter[str]) -> str:
    """The most frequent form; lower case unless every occurrence is capitalized."""
    word = max(forms.items(), key=lambda item: (item[1], item[0]))[0]
    if all(form[:1].isupper() for form in forms):
        return word
    return word.lower()
