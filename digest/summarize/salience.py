"""How much each sentence says about the article, and which to pick.

A sentence's salience is its centrality (TF-IDF cosine similarity to the rest
of the article, plus to the title when there is one) times a position prior (news is
written lead-first) divided by the square root of its length (a short sentence
saying as much as a long one is the better bullet). Bullets are picked by
maximal marginal relevance: salience minus similarity to what is already
picked, so no two bullets say the same thing and none repeats the lede.

``POSITION_SCALE`` is chosen by k-fold cross-validation over all of
../shared/data (``bench/summaries.py``); the others were set earlier on
CNN/DM and are left as they were.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Callable, Sequence

from ..tfidf import Vector
from ..tfidf import cosine as _cosine
from ..tfidf import norm as _norm
from .language import LanguageRules

#: Position prior 1 / (1 + i / POSITION_SCALE): news puts what matters first,
#: so sentence 2 counts half as much as sentence 1 (cross-validated).
POSITION_SCALE = 1.0
#: Salience is divided by words ** LENGTH_EXPONENT (with at least 10 words).
LENGTH_EXPONENT = 0.5
#: Maximal marginal relevance: weight of salience against redundancy.
RELEVANCE_WEIGHT = 0.5
#: Weight of similarity to a real title, added to the similarity to the article.
TITLE_WEIGHT = 0.5
#: Candidates this similar (cosine) to a picked sentence are never picked.
NEAR_DUPLICATE = 0.6

class Salience:
    """TF-IDF vectors of an article's sentences, their salience, and MMR selection."""

    def __init__(self, words: Sequence[list[str]], rules: LanguageRules, title: str = "",
                 terms: Sequence[list[str | None]] | None = None) -> None:
        """``words``: each sentence's words, in article order; ``terms``: their
        stems (None for stop words) when the caller has them already."""
        if terms is None:
            terms = [list(map(rules.term, sentence)) for sentence in words]
        counts = [Counter(t for t in sentence if t) for sentence in terms]
        frequency: Counter[str] = Counter()
        for terms in counts:
            frequency.update(terms.keys())
        total = len(words)
        idf = {term: math.log((total + 1) / (df + 0.5)) for term, df in frequency.items()}
        self.vectors: list[Vector] = [{t: n * idf[t] for t, n in c.items()} for c in counts]
        self._norms = [_norm(v) for v in self.vectors]
        article: Counter[str] = Counter()
        for terms in counts:
            article.update(terms)
        article_vector = {t: n * idf[t] for t, n in article.items()}
        title_vector = {t: idf.get(t, 1.0) for t in rules.terms(title)}
        #: Similarity to the rest of the article (and title).
        self.centrality: list[float] = []
        #: Centrality x position prior: what a sentence says about the story.
        self.relevance: list[float] = []
        #: Relevance per sqrt(word): what a sentence says for its length (bullets).
        self.scores: list[float] = []
        article_norm, title_norm = _norm(article_vector), _norm(title_vector)
        for index, vector in enumerate(self.vectors):
            # Similarity to the rest of the article (the sum of the other
            # sentences' vectors): a sentence is not central for sharing
            # words with itself, which favoured long sentences of rare words.
            norm = self._norms[index]
            dot = sum(weight * article_vector[term] for term, weight in vector.items()) - norm * norm
            rest = math.sqrt(max(article_norm * article_norm - 2 * dot - norm * norm, 0.0))
            centrality = dot / (norm * rest) if dot > 1e-12 and rest > 1e-9 else 0.0
            if title_vector:
                centrality += TITLE_WEIGHT * _cosine(vector, title_vector, norm, title_norm)
            self.centrality.append(centrality)
            self.relevance.append(centrality / (1.0 + index / POSITION_SCALE))
            self.scores.append(self.relevance[-1] / max(len(words[index]), 10) ** LENGTH_EXPONENT)
        self._similar: dict[tuple[int, int], float] = {}

    def similarity(self, i: int, j: int) -> float:
        """Cosine similarity of two sentences (cached: MMR asks the same pairs again)."""
        key = (i, j) if i < j else (j, i)
        value = self._similar.get(key)
        if value is None:
            value = self._similar[key] = _cosine(self.vectors[i], self.vectors[j], self._norms[i], self._norms[j])
        return value

    def pick(self, candidates: Sequence[int], picked: Sequence[int], count: int,
             fits: Callable[[int], bool] = lambda _: True,
             allowed: Callable[[int, list[int]], bool] = lambda _i, _taken: True) -> list[int]:
        """Up to ``count`` of ``candidates`` in order of choice (MMR), given sentences already ``picked``.

        ``fits`` is asked about each sentence before it is taken (a word budget);
        a sentence it refuses is passed over. ``allowed`` is asked whether a
        candidate may be taken given those chosen so far (a sentence pointing
        back needs the one before it); one it refuses now may be taken later.
        """
        chosen: list[int] = []
        # Not sentences of stop words only; a sentence sharing no word with the
        # rest of the article (salience 0) is still material for a short text.
        pool = [i for i in candidates if self._norms[i] > 0]
        while pool and len(chosen) < count:
            ready = [i for i in pool if allowed(i, chosen)]
            if not ready:
                break
            top = max(self.scores[i] for i in ready) or 1.0

            def gain(i: int) -> float:
                redundancy = max((self.similarity(i, j) for j in (*picked, *chosen)), default=0.0)
                return RELEVANCE_WEIGHT * self.scores[i] / top - (1 - RELEVANCE_WEIGHT) * redundancy  # noqa: B023 (used in this turn)

            best = max(ready, key=gain)
            pool.remove(best)
            if max((self.similarity(best, j) for j in (*picked, *chosen)), default=0.0) >= NEAR_DUPLICATE:
                continue
            if not fits(best):
                continue
            chosen.append(best)
        return chosen
