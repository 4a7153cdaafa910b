"""Language resources for the summarizer: stop words and a stemmer, from sumy.

sumy ships stop-word lists and wraps NLTK's Snowball stemmers (plus its own
for Czech, Slovak, Polish, Ukrainian, Greek); none needs a data download.
An article in a language sumy lacks falls back to English rules, which still
rank sentences reasonably (position and word overlap do most of the work).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable

from sumy.nlp.stemmers import Stemmer
from sumy.utils import get_stop_words

from ..text import split_words

#: ISO 639-1 codes (as in Article.language) -> sumy's language names.
SUMY_LANGUAGES = {
    "ar": "arabic", "cs": "czech", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "fr": "french", "he": "hebrew", "it": "italian", "ja": "japanese",
    "ko": "korean", "nl": "dutch", "pl": "polish", "pt": "portuguese", "ru": "russian",
    "sk": "slovak", "sv": "swedish", "uk": "ukrainian", "zh": "chinese",
}


@dataclass
class LanguageRules:
    """Stop words and a caching stemmer for one language."""

    code: str
    stop_words: frozenset[str]
    stem_word: Callable[[str], str]
    _stems: dict[str, str] = field(default_factory=dict)

    def term(self, word: str) -> str | None:
        """The stem of a content word; None for stop words, bare numbers and single letters."""
        lower = word.lower()
        stem = self._stems.get(lower)
        if stem is None:
            if lower in self.stop_words or lower.isdigit() or len(lower) < 2:
                stem = ""
            else:
                stem = self.stem_word(lower)
            self._stems[lower] = stem
        return stem or None

    def terms(self, text: str) -> list[str]:
        """Stemmed content words of ``text``, in order."""
        return [t for t in map(self.term, split_words(text)) if t]


@functools.lru_cache(maxsize=None)
def language_rules(code: str) -> LanguageRules:
    """The rules for an ISO 639-1 code; English when sumy lacks stop words or a stemmer for it."""
    name = SUMY_LANGUAGES.get((code or "en").split("-")[0].lower(), "english")
    try:
        stemmer = Stemmer(name)
        stemmer("test")  # Greek and Polish need an optional package, missing only when called
        return LanguageRules(code, frozenset(get_stop_words(name)), stemmer)
    except LookupError:  # e.g. Dutch: a stemmer but no stop-word list in sumy
        if name == "english":
            raise
        return language_rules("en")
    except ValueError:  # Greek, Polish: sumy's stemmer needs an optional package; words stay unstemmed
        return LanguageRules(code, frozenset(get_stop_words(name)), str)
