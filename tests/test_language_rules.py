"""The summarizer's language rules: sumy's stop words and stemmers, without NLTK at start-up."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import SEED
from digest.readers.language import guess_language, plainly_english
from digest.summarize.language import language_rules, stemmer, stop_words

FRENCH = ("Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les ménages face à "
          "la hausse des prix de l'énergie, après plusieurs semaines de négociations avec les syndicats et "
          "les représentants des entreprises. Selon le ministre, ces aides seront versées dès le mois "
          "prochain aux foyers les plus modestes, qui recevront un chèque de cent euros.")


@pytest.mark.parametrize("name", ["english", "german", "french", "spanish", "swedish"])
def test_stems_and_stop_words_are_sumys(name: str) -> None:
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    words = set(re.findall(r"\w+(?:[-'’]\w+)*", SEED.read_text(encoding="utf-8").lower() + " " + FRENCH.lower()))
    theirs, ours = Stemmer(name), stemmer(name)
    assert {w: ours(w) for w in words} == {w: theirs(w) for w in words}
    assert stop_words(name) == get_stop_words(name)


def test_english_typographic_apostrophes_stem_like_plain_ones() -> None:
    stem = language_rules("en").term
    assert stem("Russia’s") == stem("Russia's") == "russia"
    assert stem("running") == "run"


def test_a_language_without_stop_words_falls_back_to_english() -> None:
    assert language_rules("nl").stop_words == language_rules("en").stop_words


def test_building_and_summarizing_do_not_import_nltk() -> None:
    code = ("import sys\n"
            "from digest import cli, pipeline\n"
            "from pathlib import Path\nfrom digest.readers import read_file\n"
            "from digest.summarize import summarize\n"
            f"summarize(read_file(Path({str(SEED)!r}))[0])\n"
            "print(sorted(m for m in ('nltk', 'numpy', 'py3langid', 'trafilatura') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_plain_english_skips_the_language_model_and_other_languages_do_not() -> None:
    english = SEED.read_text(encoding="utf-8")
    assert plainly_english(english[:3000])
    assert not plainly_english(FRENCH * 3)
    assert guess_language(FRENCH * 3) == "fr"


@pytest.mark.data
def test_the_english_rule_agrees_with_the_model_on_the_evaluation_pages(shared_data) -> None:
    from digest.readers.language import _identifier

    taken = 0
    for page in sorted((shared_data / "pages").glob("*.txt")):
        sample = page.read_text(encoding="utf-8", errors="replace")[:3000]
        if plainly_english(sample):
            taken += 1
            code, probability = _identifier().classify(sample)
            assert (code, probability >= 0.5) == ("en", True), page.name
    assert taken >= 30
