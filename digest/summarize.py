"""Article -> Summary: a one-sentence lede and a few bullet points.

News is written lead-first, so the lede is the first full sentence of the
body. Bullets are the sentences sumy's LexRank finds most central among the
rest, shown in the article's order.
"""

from __future__ import annotations

import math

from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

from .model import Article, Summary
from .text import SumyTokenizer, split_sentences, split_words

#: Average adult silent reading speed, words per minute.
READING_WPM = 230
#: Sentences longer than this are not used as bullets.
MAX_BULLET_WORDS = 45

_SUMY_LANGUAGES = {
    "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian",
    "pt": "portuguese", "nl": "dutch", "cs": "czech", "sk": "slovak", "ru": "russian",
    "uk": "ukrainian", "el": "greek", "he": "hebrew", "ja": "japanese", "zh": "chinese",
}


def body_sentences(article: Article) -> list[str]:
    """The body's sentences in order, subheads left out."""
    sentences = []
    for paragraph in article.paragraphs:
        if _is_subhead(paragraph):
            continue
        sentences.extend(split_sentences(paragraph, article.language))
    return sentences


def _is_subhead(paragraph: str) -> bool:
    return len(paragraph.split()) <= 12 and not paragraph.rstrip().endswith(
        (".", "!", "?", "\u201d", '"', ":")
    )


def summarize(article: Article, bullets: int = 3) -> Summary:
    """Summarize one article: the lede, then up to ``bullets`` bullet sentences."""
    sentences = body_sentences(article)
    minutes = max(1, math.ceil(article.word_count / READING_WPM))
    if not sentences:
        return Summary(lede=article.title, reading_minutes=minutes)
    lede, rest = sentences[0], sentences[1:]
    candidates = [s for s in rest if len(split_words(s)) <= MAX_BULLET_WORDS]
    chosen = _central(candidates, bullets, article.language) if bullets > 0 else []
    return Summary(lede=lede, bullets=tuple(chosen), reading_minutes=minutes)


def _central(sentences: list[str], count: int, language: str) -> list[str]:
    """The ``count`` most central sentences by LexRank, in their original order."""
    if len(sentences) <= count:
        return sentences
    sumy_language = _SUMY_LANGUAGES.get(language, "english")
    parser = PlaintextParser.from_string("\n\n".join(sentences), _OneSentenceTokenizer(language))
    summarizer = LexRankSummarizer(Stemmer(sumy_language))
    summarizer.stop_words = get_stop_words(sumy_language)
    picked = {str(s).strip() for s in summarizer(parser.document, count)}
    return [s for s in sentences if s in picked][:count]


class _OneSentenceTokenizer(SumyTokenizer):
    """Sentences are already split: each paragraph sumy sees is one sentence."""

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph.strip(),) if paragraph.strip() else ()
