"""sumy's tokenizer interface backed by digest's splitters, for the LexRank baseline in bench/summaries.py.

sumy's own ``Tokenizer`` needs NLTK's punkt data, which cannot be downloaded
offline; digest itself does not use sumy's summarizers.
"""

from __future__ import annotations

from digest.text import split_sentences, split_words


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
