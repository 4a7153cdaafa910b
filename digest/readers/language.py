"""The language an article is written in, guessed offline with py3langid."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: Enough text to tell the language; more only costs time.
_SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _identifier() -> Any:
    # Imported on first use: loading the model takes about a second.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def guess_language(text: str, default: str = "en") -> str:
    """The ISO 639-1 code of ``text``'s language, or ``default`` when unsure."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.split()) < 5 and len(sample) < 40:
        return default
    code, probability = _identifier().classify(sample)
    return str(code) if probability >= 0.5 else default
