"""TF-IDF, the one home: terms weighted by how rare they are, compared by cosine.

Two forms of the one idea, for two sizes of input:

- sparse vectors (:data:`Vector`, :func:`norm`, :func:`cosine`), plain
  Python: the summarizer weighs the few dozen sentences of one article,
  where importing numpy would cost more than it saves;
- weighted matrices (:func:`vectorizer`, :func:`rescale`, :func:`normalised`):
  same-event merging compares a window's articles (up to thousands) with
  scikit-learn, each term's IDF blended with its rarity in general English.

numpy, SciPy and scikit-learn load only when a matrix is made.
"""

from __future__ import annotations

import functools
import math
import re
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

#: A sparse vector: term -> weight.
Vector = dict[str, float]

#: wordfreq counts numbers of several digits by their shape (2013 -> 0000).
_MANY_DIGITS = re.compile(r"\d.*\d")
_DIGITS = re.compile(r"\d")


def norm(vector: Vector) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def cosine(a: Vector, b: Vector, norm_a: float, norm_b: float) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b.get(term, 0.0) for term, weight in a.items())
    return dot / (norm_a * norm_b) if dot else 0.0  # dot > 0 implies both norms > 0


def vectorizer(**options: Any) -> TfidfVectorizer:
    """scikit-learn's vectorizer with sublinear TF, float32 and no normalisation (see :func:`normalised`)."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(sublinear_tf=True, dtype=np.float32, norm=None, **options)


def rescale(fitted: TfidfVectorizer) -> np.ndarray:
    """Per term, the factor that turns the window's IDF into the blend of window and background rarity.

    A term's weight is the mean of its IDF in the window (what is rare
    today) and its rarity in general English (-log of its frequency in
    wordfreq's shipped word list), each scaled to a mean of 1 over the
    window's terms. In a window of a handful of articles the window's IDF
    says little (a word shared by the two reports of one event counts less
    than a word in only one); the background keeps event words weighty.
    """
    import numpy as np

    idf = fitted.idf_
    background = _background_rarity(fitted.get_feature_names_out())
    weight = idf / idf.mean() + background / background.mean()
    return (weight / idf).astype(np.float32)


def normalised(matrix: csr_matrix, scale: np.ndarray) -> csr_matrix:
    """``matrix`` with its columns scaled by ``scale`` and its rows of unit length."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.preprocessing import normalize

    scaled = csr_matrix(matrix.multiply(scale[None, :]), dtype=np.float32)
    return normalize(scaled, copy=False)


def _background_rarity(terms: Sequence[str]) -> np.ndarray:
    import numpy as np

    frequencies = _english_frequencies()
    rare = min(frequencies.values())
    return np.array([-math.log(frequencies.get(_DIGITS.sub("0", t) if _MANY_DIGITS.search(t) else t, rare))
                     for t in terms], dtype=np.float64)


@functools.lru_cache(maxsize=1)
def _english_frequencies() -> dict[str, float]:
    """Word frequencies of general English (wordfreq's 'small' list, shipped in its wheel: no download)."""
    import wordfreq

    return wordfreq.get_frequency_dict("en", wordlist="small")
