"""Offline sentence and word splitting, and the bridge into sumy.

Sentences come from pysbd, a rule-based splitter whose rules ship inside the
pip package (no data download; 47 of the 48 "Golden Rules" in
``../shared/data/sentences``). sumy's own ``Tokenizer`` needs NLTK's punkt
data, which cannot be downloaded at run time, so :class:`SumyTokenizer` gives
sumy the same interface backed by pysbd.
"""

from __future__ import annotations

import functools
import re

import pysbd

# pysbd knows these languages; others fall back to English rules.
_PYSBD_LANGUAGES = {
    "am", "ar", "bg", "da", "de", "el", "en", "es", "fa", "fr", "hi", "hy", "it",
    "ja", "kk", "mr", "my", "nl", "pl", "ru", "sk", "ur", "zh",
}
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


@functools.lru_cache(maxsize=None)
def _segmenter(language: str) -> pysbd.Segmenter:
    code = language if language in _PYSBD_LANGUAGES else "en"
    return pysbd.Segmenter(language=code, clean=False)


def split_sentences(text: str, language: str = "en") -> list[str]:
    """Split one paragraph (or any text) into sentences, stripped, none empty."""
    text = text.strip()
    if not text:
        return []
    return [s.strip() for s in _segmenter(language).segment(text) if s.strip()]


def split_words(text: str) -> list[str]:
    """Words of a sentence: runs of letters and digits, with inner hyphens and apostrophes."""
    return _WORD.findall(text)


class SumyTokenizer:
    """sumy's tokenizer interface (``language``, ``to_sentences``, ``to_words``), offline."""

    def __init__(self, language: str = "en") -> None:
        self._language = language

    @property
    def language(self) -> str:
        return self._language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph, self._language))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(split_words(sentence))
