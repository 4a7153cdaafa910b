"""The blind-reading sets (bench/corpus.py): the fresh set is new to every reader."""

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def corpus():
    spec = importlib.util.spec_from_file_location("corpus_bench", BENCH / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def test_the_fresh_set_leaves_out_every_item_readers_or_tuning_saw(corpus, shared_data):
    fresh = corpus.fresh_ids(shared_data)
    held = corpus.held_out_ids(shared_data)
    assert {name: len(ids) for name, ids in fresh.items() if name != "txt"} == corpus.FRESH
    assert fresh["txt"] == fresh["html"]
    for name, ids in fresh.items():
        assert not ids & held.get(name, set()), name
        assert not ids & corpus.READ_IN_ROUND3.get(name, set()), name
    assert corpus.fresh_ids(shared_data) == fresh  # fixed by hashing, not drawn at random


def test_the_second_fresh_set_is_new_to_readers_of_rounds_3_and_4(corpus, shared_data):
    fresh2 = corpus.fresh2_ids(shared_data)
    fresh = corpus.fresh_ids(shared_data)
    held = corpus.held_out_ids(shared_data)
    assert {name: len(ids) for name, ids in fresh2.items() if name != "txt"} == corpus.FRESH2
    assert fresh2["txt"] == fresh2["html"]
    assert corpus.READ_IN_ROUND4, "the round-4 reading log is recorded"
    for name, ids in fresh2.items():
        assert not ids & held.get(name, set()), name
        assert not ids & fresh[name], name
        assert not ids & corpus.READ_IN_ROUND3.get(name, set()), name
        assert not ids & corpus.READ_IN_ROUND4.get(name, set()), name
    assert corpus.fresh2_ids(shared_data) == fresh2


def test_the_clusters_set_takes_one_article_per_event_mostly_basil(corpus, shared_data):
    import json

    chosen = corpus.clusters_ids(shared_data)["clusters"]
    rows = {r["id"]: r for r in map(json.loads, (shared_data / "clusters" / "same-event.jsonl").open())}
    assert len(chosen) == corpus.CLUSTERS
    picked = [rows[i] for i in chosen]
    assert len({r["cluster"] for r in picked}) == len(picked)  # at most one per cluster
    assert sum(r["dataset"] != "BASIL" for r in picked) <= corpus.CLUSTERS_MAX_ECB
    assert all(r["title"] for r in picked if r["dataset"] == "BASIL")
    assert corpus.clusters_ids(shared_data)["clusters"] == chosen  # fixed by hashing
    # Read as the other sets are: an Article with the row's title, date, source and paragraphs.
    item = next(i for i in corpus.load("clusters", shared_data) if i.id in chosen and rows[i.id]["date"])
    row = rows[item.id]
    assert item.article.title == row["title"] and str(item.article.date) == row["date"]
    assert item.article.source == (row["source"] or None)
    assert len(item.article.paragraphs) == len([p for p in row["text"].split("\n") if p.strip()])


def test_the_second_clusters_set_shares_no_event_with_the_first_nor_what_round_6_read(corpus, shared_data):
    import json

    rows = {r["id"]: r for r in map(json.loads, (shared_data / "clusters" / "same-event.jsonl").open())}
    first = corpus.clusters_ids(shared_data)["clusters"]
    second = corpus.clusters2_ids(shared_data)["clusters"]
    assert len(second) == corpus.CLUSTERS2
    first_events = {rows[i]["cluster"] for i in first}
    second_events = {rows[i]["cluster"] for i in second}
    assert len(second_events) == len(second)  # one article per event
    assert not first_events & second_events
    # What was printed while round 6 was written is not in it.
    assert all(i in rows for i in corpus.READ_IN_ROUND6)
    assert not second & corpus.READ_IN_ROUND6
    assert sum(rows[i]["dataset"] != "BASIL" for i in second) <= corpus.CLUSTERS2_MAX_ECB
    assert corpus.clusters2_ids(shared_data)["clusters"] == second  # fixed by hashing


def test_the_third_fresh_set_is_new_basil_reports_and_unread_xsum_and_bbc(corpus, shared_data):
    import json

    rows = {r["id"]: r for r in map(json.loads, (shared_data / "clusters" / "same-event.jsonl").open())}
    fresh3 = corpus.fresh3_ids(shared_data)
    assert {name: len(ids) for name, ids in fresh3.items()} == corpus.FRESH3
    basil = fresh3["clusters"]
    assert all(rows[i]["dataset"] == "BASIL" and rows[i]["title"] for i in basil)
    assert len({rows[i]["cluster"] for i in basil}) == len(basil)  # one report per event
    assert not basil & (corpus.clusters_ids(shared_data)["clusters"] | corpus.READ_IN_ROUND6)
    earlier = corpus._union(corpus.held_out_ids(shared_data), corpus.fresh_ids(shared_data),
                            corpus.fresh2_ids(shared_data), corpus.READ_IN_ROUND3, corpus.READ_IN_ROUND4,
                            corpus.READ_IN_ROUND5)
    for name in ("xsum", "bbc"):
        assert not fresh3[name] & earlier.get(name, set()), name
    assert corpus.fresh3_ids(shared_data) == fresh3  # fixed by hashing


def test_the_fourth_fresh_set_leaves_out_everything_read_before_round_8(corpus, shared_data):
    import json

    rows = {r["id"]: r for r in map(json.loads, (shared_data / "clusters" / "same-event.jsonl").open())}
    fresh4 = corpus.later_set_ids(4, shared_data)
    chosen = fresh4["clusters"]
    basil = [i for i in chosen if rows[i]["dataset"] == "BASIL"]
    assert len(chosen) - len(basil) == corpus.FRESH4["ecb"] and 0 < len(basil) <= corpus.FRESH4["basil"]
    earlier = (corpus.clusters_ids(shared_data)["clusters"] | corpus.clusters2_ids(shared_data)["clusters"]
               | corpus.fresh3_ids(shared_data)["clusters"] | corpus.READ_IN_ROUND6 | corpus.READ_IN_ROUND7["clusters"])
    assert not chosen & earlier
    assert all(i in rows for i in corpus.READ_IN_ROUND7["clusters"])
    f3 = corpus.fresh3_ids(shared_data)
    for name in ("xsum", "bbc"):
        assert fresh4[name] and not fresh4[name] & (f3[name] | corpus.READ_IN_ROUND7.get(name, frozenset()))
    assert corpus.later_set_ids(4, shared_data) == fresh4  # fixed by hashing


def test_pooling_counts_each_verdict_and_resamples_items(tmp_path, capsys):
    import json

    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("blind_bench", BENCH / "blind.py")
        blind = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(blind)
    finally:
        sys.path.remove(str(BENCH))
    key = {"01": {"dataset": "xsum", "id": "1", "digest": "A", "identical": False},
           "02": {"dataset": "xsum", "id": "2", "digest": "B", "identical": False},
           "03": {"dataset": "bbc", "id": "3", "digest": "A", "identical": True}}
    readers = [{"01": {"prefer": "A", "A_sendable": True, "B_sendable": False},
                "02": {"prefer": "A", "A_sendable": True, "B_sendable": True},
                "03": {"prefer": "tie", "A_sendable": True, "B_sendable": True}},
               {"01": {"prefer": "A", "A_sendable": False, "B_sendable": False},
                "02": {"prefer": "tie", "A_sendable": False, "B_sendable": True},
                "03": {"prefer": "tie", "A_sendable": False, "B_sendable": False}}]
    folders = []
    for n, verdicts in enumerate(readers):
        folder = tmp_path / f"r{n}"
        folder.mkdir()
        (folder / "key.json").write_text(json.dumps(key))
        (folder / "verdicts.json").write_text(json.dumps(verdicts))
        folders.append(folder)
    blind.pool(folders, resamples=200)
    out = capsys.readouterr().out
    # Item 1: digest twice; item 2: lead once, a tie once (half a win): 2.5 of 4.
    assert "2 differing items: digest preferred in 2.5 of 4 verdicts, 62.5%" in out
    assert "digest 4 of 6 entries (66.7%), lead 2 (33.3%)" in out


def test_the_fifth_fresh_set_is_new_to_every_earlier_reading(corpus, shared_data):
    fresh5 = corpus.later_set_ids(5, shared_data)
    assert len(fresh5["clusters"]) == corpus.FRESH5["ecb"] and fresh5["txt"] == fresh5["html"]
    f3, f4 = corpus.fresh3_ids(shared_data), corpus.later_set_ids(4, shared_data)
    assert not fresh5["clusters"] & (f3["clusters"] | f4["clusters"] | corpus.READ_IN_ROUND7["clusters"]
                                     | corpus.READ_IN_ROUND6 | corpus.clusters_ids(shared_data)["clusters"]
                                     | corpus.clusters2_ids(shared_data)["clusters"])
    earlier = corpus._union(corpus.held_out_ids(shared_data), corpus.fresh_ids(shared_data),
                            corpus.fresh2_ids(shared_data), corpus.READ_IN_ROUND3, corpus.READ_IN_ROUND4,
                            corpus.READ_IN_ROUND5, f3, f4, {d: set(v) for d, v in corpus.READ_IN_ROUND7.items()})
    for name in ("bbc", "cnndm", "html"):
        assert not fresh5[name] & earlier.get(name, set()), name
    assert corpus.later_set_ids(5, shared_data) == fresh5  # fixed by hashing


@pytest.mark.parametrize("number", [6, 7, 8, 9])
def test_each_later_ecb_and_bbc_set_is_new_to_every_earlier_reading(corpus, shared_data, number):
    counts = corpus.LATER_SETS[number][0]
    chosen = corpus.later_set_ids(number, shared_data)
    assert {name: len(ids) for name, ids in chosen.items()} == {"clusters": counts["ecb"], "bbc": counts["bbc"]}
    earlier = [corpus.fresh3_ids(shared_data)] + [corpus.later_set_ids(n, shared_data) for n in range(4, number)]
    for name, ids in chosen.items():
        assert not any(ids & e.get(name, set()) for e in earlier), name
        assert not ids & corpus.READ_IN_ROUND7.get(name, frozenset()), name
    assert not chosen["clusters"] & (corpus.READ_IN_ROUND6 | corpus.clusters_ids(shared_data)["clusters"]
                                     | corpus.clusters2_ids(shared_data)["clusters"])
    assert corpus.later_set_ids(number, shared_data) == chosen  # fixed by hashing
