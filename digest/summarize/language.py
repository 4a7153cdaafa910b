"""Language resources for the summarizer: sumy's stop words and Snowball stemmers.

The stop-word lists are sumy's own data files. The stemmers are the Snowball
algorithms sumy uses (it wraps NLTK's), taken from the ``snowballstemmer``
package because importing NLTK costs about two seconds of start-up; sumy's own
stemmers for Czech, Slovak, Polish, Ukrainian and Greek are imported (with
NLTK) only when an article in one of those languages comes. None needs a data
download. An article in a language sumy lacks falls back to English rules,
which still rank sentences reasonably (position and word overlap do most of
the work).
"""

from __future__ import annotations

import functools
import pkgutil
from dataclasses import dataclass, field
from typing import Callable

from ..text import split_words

#: ISO 639-1 codes (as in Article.language) -> sumy's language names.
SUMY_LANGUAGES = {
    "ar": "arabic", "cs": "czech", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "fr": "french", "he": "hebrew", "it": "italian", "ja": "japanese",
    "ko": "korean", "nl": "dutch", "pl": "polish", "pt": "portuguese", "ru": "russian",
    "sk": "slovak", "sv": "swedish", "uk": "ukrainian", "zh": "chinese",
}
#: Languages whose stemmer is sumy's own rather than a Snowball one.
SUMY_OWN_STEMMERS = {"czech", "slovak", "polish", "ukrainian", "greek"}
#: Languages sumy leaves unstemmed (lower case only).
UNSTEMMED = {"hebrew", "chinese", "japanese", "korean"}
#: NLTK's English stemmer reads these as a plain apostrophe; so do we.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201b": "'"})


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

    def terms_of(self, words: list[str]) -> list[str | None]:
        """:meth:`term` of each word (a batch: the cache is looked up without a call per word)."""
        stems, term = self._stems, self.term
        return [stem or None if (stem := stems.get(word.lower())) is not None else term(word) for word in words]

    def terms(self, text: str) -> list[str]:
        """Stemmed content words of ``text``, in order."""
        return [t for t in map(self.term, split_words(text)) if t]


def stop_words(name: str) -> frozenset[str]:
    """sumy's stop-word list for a language name (as sumy's ``get_stop_words`` reads it)."""
    try:
        data = pkgutil.get_data("sumy", f"data/stopwords/{name}.txt")
    except OSError:
        raise LookupError(f"Stop-words are not available for language {name}.") from None
    return frozenset(w.rstrip() for w in data.decode("utf-8").splitlines() if w)


def stemmer(name: str) -> Callable[[str], str]:
    """The stemmer sumy's ``Stemmer(name)`` uses, without importing NLTK for Snowball languages."""
    if name in UNSTEMMED:
        return str.lower
    if name in SUMY_OWN_STEMMERS:
        from sumy.nlp.stemmers import Stemmer  # imports NLTK: only for these languages

        return Stemmer(name)
    import snowballstemmer

    try:
        snowball = snowballstemmer.stemmer(name)
    except KeyError:
        raise LookupError(f"Stemmer is not available for language {name}.") from None
    if name != "english":
        return snowball.stemWord

    def stem_english(word: str) -> str:
        # NLTK's English stemmer leaves words of one or two letters alone and
        # reads typographic apostrophes as plain ones.
        if len(word) <= 2:
            return word
        return snowball.stemWord(word.translate(_APOSTROPHES).lstrip("'"))

    return stem_english


@functools.cache
def language_rules(code: str) -> LanguageRules:
    """The rules for an ISO 639-1 code; English when sumy lacks stop words or a stemmer for it."""
    name = SUMY_LANGUAGES.get((code or "en").split("-")[0].lower(), "english")
    try:
        stem = stemmer(name)
        stem("test")  # Greek and Polish need an optional package, missing only when called
        return LanguageRules(code, stop_words(name), stem)
    except LookupError:  # e.g. Dutch: a stemmer but no stop-word list in sumy
        if name == "english":
            raise
        return language_rules("en")
    except ValueError:  # Greek, Polish: sumy's stemmer needs an optional package; words stay unstemmed
        return LanguageRules(code, stop_words(name), str.lower)
