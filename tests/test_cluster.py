"""Same-event merging: reports of one event group together, different events stay apart."""

from __future__ import annotations

from assemble_data import ARPAIO, BLUMENTHAL, MOSQUE, rows

from digest.cluster import Document, group_same_event, merge_same_event


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
