"""The extraction benchmark's scoring follows the data README (4-gram shingles, multiset counts)."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "extraction.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("extraction_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_perfect_and_disjoint_extractions(bench):
    gold = "The council voted on Tuesday to close the old bridge to cars."
    assert bench.page_scores(gold, gold) == (1.0, 1.0)
    assert bench.page_scores("Home World Sport Video Podcasts Sign in", gold) == (0.0, 0.0)


def test_clutter_lowers_precision_not_recall(bench):
    gold = "one two three four five six"            # 3 shingles
    extracted = "menu menu menu menu " + gold        # 3 + 4 shingles, 3 right
    precision, recall = bench.page_scores(extracted, gold)
    assert recall == 1.0 and precision == pytest.approx(3 / 7)


def test_repeated_text_counts_with_multiplicity(bench):
    gold = "a b c d"
    precision, recall = bench.page_scores("a b c d a b c d", gold)
    assert recall == 1.0 and precision == pytest.approx(1 / 5)
