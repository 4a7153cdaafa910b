"""Same-event merging: reports of one event group together, different events stay apart."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from assemble_data import ARPAIO, BLUMENTHAL, MOSQUE, rows
from digest.cluster import (
    CONTRAST_P,
    Document,
    Rules,
    Window,
    _Evidence,
    _vectors,
    contrast,
    evidence_of,
    group_same_event,
    merge_same_event,
)

pytestmark = pytest.mark.data


def docs_of(*clusters: str) -> tuple[list[Document], list[str]]:
    found = [(Document(r["title"], r["text"]), cluster) for cluster in clusters for r in rows(cluster)]
    return [d for d, _ in found], [c for _, c in found]


def test_three_outlets_on_one_event_are_merged_and_events_never_mixed():
    docs, gold = docs_of(MOSQUE, BLUMENTHAL, ARPAIO)
    groups = [sorted(gold[i] for i in g) for g in group_same_event(docs)]
    assert all(len(set(g)) == 1 for g in groups)
    assert [MOSQUE] * 3 in groups and [ARPAIO] * 3 in groups


def test_unrelated_articles_stay_alone_and_identical_copies_merge():
    docs, _ = docs_of(MOSQUE, BLUMENTHAL)
    singles = [docs[0], docs[3]]
    assert group_same_event(singles) == [[0], [1]]
    assert group_same_event([docs[0], docs[3], docs[0]]) == [[0, 2], [1]]


def test_grouping_does_not_depend_on_anything_but_the_input():
    docs, _ = docs_of(MOSQUE, BLUMENTHAL, ARPAIO)
    assert merge_same_event(docs) == merge_same_event(list(docs))


def test_two_similar_but_different_events_stay_apart():
    # ECB+ topic 35: two different San Diego Chargers players arrested for DUI.
    docs, gold = docs_of("ecbplus-t35-ecb", "ecbplus-t35-ecbplus")
    groups = group_same_event(docs)
    mixed = [g for g in groups if len({gold[i] for i in g}) > 1]
    assert not mixed
    assert max(len(g) for g in groups) >= 5  # and reports of each do merge


def test_tiny_inputs():
    assert group_same_event([]) == []
    assert group_same_event([Document("One", "Only one article here.")]) == [[0]]


def test_a_small_issue_merges_the_obvious_reports():
    # Six articles: two outlets on each of two events (Cruz and Trump trading insults; the Supreme
    # Court hearing the Wal-Mart bias case) and two unrelated reports. In so small a window the
    # window's own IDF is weak (a word shared by the two reports of one event weighs less than a
    # word in only one); with general-English rarity blended in, the reports pair up.
    cruz, walmart, bloomberg, fox = ("basil-59f2f47c-5da0-4fbc-be6e-4f15d45d82e2",
                                     "basil-2058ec60-5372-4f5f-83a3-da780be3a350",
                                     "basil-472158a1-4e39-4214-8397-904e66f2b4c5",
                                     "basil-8abec8d9-50a2-480e-969a-157f94954f4d")
    picks = [(cruz, 0), (cruz, 1), (walmart, 0), (walmart, 2), (bloomberg, 0), (fox, 1)]
    issue = [Document(rows(c)[k]["title"], rows(c)[k]["text"]) for c, k in picks]
    groups = group_same_event(issue)
    # Precision first (the cross-validated threshold): no group mixes events; the Wal-Mart
    # reports, which share the case's names and figures, pair up. (The Cruz pair, two takes on
    # an exchange of insults, sits just under the threshold: a missed merge, not a wrong one.)
    assert [2, 3] in groups and [4] in groups and [5] in groups
    assert all(len({picks[i][0] for i in g}) == 1 for g in groups)


def test_reports_dated_weeks_apart_are_different_events_when_dates_are_compared():
    docs, _ = docs_of(MOSQUE)
    day = dt.date(2010, 8, 19)
    week = Rules(max_date_gap=7)
    near = [replace(d, date=day + dt.timedelta(days=k)) for k, d in enumerate(docs)]
    assert group_same_event(near, rules=week) == [[0, 1, 2]]
    apart = [replace(docs[0], date=day), replace(docs[1], date=day + dt.timedelta(days=27))]
    assert group_same_event(apart, rules=week) == [[0], [1]]
    undated = [replace(docs[0], date=day), docs[1]]  # no date: no evidence either way
    assert group_same_event(undated, rules=week) == [[0, 1]]
    assert group_same_event(apart, rules=replace(week, max_date_gap=None)) == [[0, 1]]  # dates not compared


def test_weights_set_what_the_similarity_is_made_of():
    docs, _ = docs_of(MOSQUE, BLUMENTHAL, ARPAIO)
    window = Window(docs)
    names_only = Rules(weights=(0.0, 1.0, 0.0))
    record = evidence_of(docs, window.matrices, window.word_terms, window.name_terms, [0, 1, 2], names_only.weights)
    assert record["similarity"] == record["names"]
    equal = evidence_of(docs, window.matrices, window.word_terms, window.name_terms, [0, 1, 2], (1.0, 1.0, 1.0))
    assert equal["similarity"] != record["similarity"]
    # One description of the window serves any rules, as a fresh merge would.
    for rules in (Rules(), names_only, Rules(merge=0.5, alone=0.5)):
        assert window.groups(rules) == group_same_event(docs, rules=rules)


def test_contrast_is_small_only_for_a_term_that_splits_many_reports():
    # ECB+ topic 35: the two DUI arrests name different players.
    docs, gold = docs_of("ecbplus-t35-ecb", "ecbplus-t35-ecbplus")
    evidence = _Evidence(_vectors(docs)[0], [None] * len(docs))
    first = np.array([i for i, g in enumerate(gold) if g.endswith("-ecb")])
    second = np.array([i for i, g in enumerate(gold) if g.endswith("-ecbplus")])
    assert contrast(evidence, first, second) < CONTRAST_P
    # The same event cut in two halves has no such term.
    assert contrast(evidence, second[::2], second[1::2]) > CONTRAST_P
    # One report can never be that lopsided against a group.
    assert contrast(evidence, first, second[:1]) > CONTRAST_P
