"""A blind reading of digest's entries beside the plain first sentences, on a fixed held-out set.

    python bench/blind.py --out /work/blind/round1            # write packet.md and key.json
    python bench/blind.py --out /work/blind/round1 --score    # score OUTDIR/verdicts.json
    python bench/blind.py --set fresh --out /work/blind/round3  # the fresh set (round 3)
    python bench/blind.py --set fresh2 --out /work/blind/round4  # the second fresh set (round 4)
    python bench/blind.py --set clusters --out /work/blind/round5  # real articles from other sources (round 5)
    python bench/blind.py --set clusters2 --out /work/blind/round6  # 40 more, from other events (round 6)
    python bench/blind.py --set fresh3 --out /work/blind/round7  # other outlets' BASIL reports, XSum, BBC (round 7)
    python bench/blind.py --set fresh4 --out /work/blind/round8  # what is left unread (round 8)
    python bench/blind.py --set fresh5 --out /work/blind/round9  # ECB+, BBC, the last CNN/DM and pages (round 9)
    python bench/blind.py --set fresh6 --out /work/blind/round10  # more ECB+ and BBC, the round-9 code again
    python bench/blind.py --set fresh7 --out /work/blind/round11  # more ECB+ and BBC, the code after round 10
    python bench/blind.py --set fresh8 --out /work/blind/round12  # more ECB+ and BBC, the code after round 12
    python bench/blind.py --set fresh9 --out /work/blind/round13  # the last 10 ECB+ events, 70 BBC (last set)
    python bench/blind.py --pool DIR1 DIR2 ...  # pooled over several scored readings, item bootstrap

The reading set is fixed by hashing ids: ``--set held-out`` (the default,
bench/corpus.py ``HELD_OUT``: 30 CNN/DM, 15 XSum, 15 real .html pages) or
``--set fresh`` (``FRESH``: 20 CNN/DM, 10 XSum, 15 real .html pages, 15 BBC
never shown to a reader before, by a new salt, the held-out ids excluded) or ``--set fresh2``
(``FRESH2``, round 4: the same mix by another salt, also excluding the round-3 fresh set and
the items read while rounds 3 and 4 were written) or ``--set clusters`` (``CLUSTERS``, round 5: 60
real articles from ../shared/data/clusters/same-event.jsonl, never used in the summarizer's
development, one per event cluster, BASIL's titled NYT/Fox/HuffPost articles first, at most 15 ECB+)
or ``--set clusters2`` (``CLUSTERS2``, round 6: 40 from events with no article in ``clusters``; all ECB+)
or ``--set fresh3`` (``FRESH3``, round 7: 30 BASIL reports by the outlets round 5 did not read, 15 XSum
and 15 BBC items never read) or ``--set fresh4`` (``FRESH4``, round 8: the last unread BASIL reports, XSum
items, 20 ECB+ reports and 10 BBC items, outside everything read in rounds 3-7) or ``--set fresh5``
(``FRESH5``, round 9: 30 ECB+ reports, 15 BBC items, the last unread CNN/DM articles and real pages)
or ``--set fresh6`` (``FRESH6``, round 10: 40 more ECB+ reports and 20 BBC items, no rule changed since round 9)
or ``--set fresh7`` (``FRESH7``, round 11: 40 more ECB+ reports and 20 BBC items, the code after round 10)
or ``--set fresh8`` (``FRESH8``, round 12: 40 of the last 50 unread ECB+ events and 20 BBC items, fixed
before round 12's rules were written) or ``--set fresh9`` (``FRESH9``, round 13: the last 10 unread ECB+
events and 70 BBC items, the last set drawn from ../shared).
Never tune on either. For each item the
packet shows two newsletter entries, labelled A and B at random (seeded):
digest's (title, lede, 3 bullets) and the plain first four sentences of the
same cleaned body (title, sentence 1 as lede, sentences 2-4 as bullets). The
key (which is digest) goes to key.json; this script never prints it. The
verdict format is documented at the top of the packet.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import (  # noqa: E402
    DEFAULT_DATA,
    LATER_SETS,
    clusters2_ids,
    clusters_ids,
    fresh2_ids,
    fresh3_ids,
    fresh_ids,
    held_out_ids,
    later_set_ids,
    load,
)
from digest.summarize import summarize  # noqa: E402

DEFECTS = ("caption", "dangling", "repeat", "long-lede", "cut", "glued", "junk", "headline", "off-point",
           "out-of-order", "other")

HEADER = """# Blind reading packet

Each item shows one article's newsletter entry made two ways, **A** and **B**
(which is which is random per item). Read each as a subscriber would (title,
lede, bullets) and judge it as an editor: would you send it as it is?

Write your verdicts to `verdicts.json` in this folder, one object keyed by item
number (as a string), e.g.:

```json
{{
  "01": {{"prefer": "A", "A_sendable": true, "B_sendable": false,
          "A_defects": [], "B_defects": ["caption", "dangling"], "note": "optional"}},
  "02": {{"prefer": "tie", "A_sendable": true, "B_sendable": true, "A_defects": [], "B_defects": []}}
}}
```

- `prefer`: "A", "B" or "tie" (the entry you would rather send).
- `A_sendable` / `B_sendable`: true when it could go out unedited.
- `A_defects` / `B_defects`: any of {defects}.
  caption = photo caption or credit; dangling = opens on a reference the reader never saw
  (pronoun, "However", "The six"); repeat = a bullet repeats the lede or another bullet;
  long-lede = lede over ~40 words; cut = sentence or quote cut off; glued = two sentences run
  together; junk = clutter, table row, link widget, byline, dateline; headline = lede repeats
  the title; off-point = lede misses what happened; out-of-order = bullets jump back before the lede.

Items from CNN/DM, XSum and ECB+ have no headline (their datasets give none), so they
show no title line: judge only the lede and bullets there. The web pages (html),
BBC and BASIL articles keep their real titles.

Items marked *(identical)* show the same entry twice; still give sendable verdicts.

{count} items.
"""


def lead_entry(article, count: int = 4) -> list[str]:
    """The first ``count`` sentences of the body after digest's own clean-up."""
    try:
        from digest.summarize import clean_sentences  # the final code's clean-up
        sentences = clean_sentences(article)
    except ImportError:  # the code before issue 12
        from digest.summarize import (
            _is_subhead,  # type: ignore[attr-defined]
            summary_sentences,
        )
        sentences = summary_sentences([p for p in article.paragraphs if not _is_subhead(p)], article.language)
    return sentences[:count]


def entry(title: str, sentences: list[str]) -> str:
    """One version of an entry; ``title`` empty for items without a real headline (no title line)."""
    lines = ([f"**{title}**", ""] if title else []) + [sentences[0] if sentences else "(no lede)", ""]
    lines += [f"- {s}" for s in sentences[1:]]
    return "\n".join(lines)


#: The reading sets: which ids each takes, per dataset.
SETS = {"held-out": held_out_ids, "fresh": fresh_ids, "fresh2": fresh2_ids, "clusters": clusters_ids,
        "clusters2": clusters2_ids, "fresh3": fresh3_ids,
        **{f"fresh{number}": functools.partial(later_set_ids, number) for number in LATER_SETS}}


def write(out: Path, data: Path, seed: int, reading_set: str = "held-out") -> None:
    chosen = SETS[reading_set](data)
    rng = random.Random(seed)
    items = []
    for dataset in ("cnndm", "xsum", "html", "bbc", "clusters"):
        if dataset in chosen:
            items.extend(item for item in load(dataset, data) if item.id in chosen[dataset])
    rng.shuffle(items)
    out.mkdir(parents=True, exist_ok=True)
    parts = [HEADER.format(defects=", ".join(DEFECTS), count=len(items))]
    key = {}
    for number, item in enumerate(items, start=1):
        label = f"{number:02d}"
        article = item.article
        # CNN/DM titles are made from URL slugs and XSum has none: only the real pages show theirs.
        title = article.title if item.dataset in ("html", "bbc", "clusters") and article.title != item.id else ""
        summary = summarize(article, bullets=3)
        ours = [summary.lede, *summary.bullets]
        lead = lead_entry(article)
        digest_is = rng.choice("AB")
        versions = {digest_is: ours, ("B" if digest_is == "A" else "A"): lead}
        same = ours == lead
        parts.append(f"\n---\n\n## Item {label}{' *(identical)*' if same else ''}\n")
        for letter in "AB":
            parts.append(f"\n### {letter}\n\n{entry(title, versions[letter])}\n")
        key[label] = {"dataset": item.dataset, "id": item.id, "digest": digest_is, "identical": same}
    (out / "packet.md").write_text("".join(parts), encoding="utf-8")
    (out / "key.json").write_text(json.dumps(key, indent=1), encoding="utf-8")
    print(f"wrote {out / 'packet.md'} ({reading_set} set, {len(items)} items, "
          f"{sum(k['identical'] for k in key.values())} identical pairs) and the key")


def score(out: Path) -> None:
    key = json.loads((out / "key.json").read_text(encoding="utf-8"))
    verdicts = json.loads((out / "verdicts.json").read_text(encoding="utf-8"))
    rows: dict[str, Counter] = {}
    defects = {"digest": Counter(), "lead": Counter()}
    with_defect = Counter()
    for label, k in key.items():
        v = verdicts.get(label)
        if v is None:
            continue
        ours, theirs = k["digest"], "B" if k["digest"] == "A" else "A"
        for group in ("all", k["dataset"]):
            c = rows.setdefault(group, Counter())
            c["read"] += 1
            c["digest sendable"] += bool(v.get(f"{ours}_sendable"))
            c["lead sendable"] += bool(v.get(f"{theirs}_sendable"))
            if not k["identical"]:
                c["differing"] += 1
                prefer = v.get("prefer", "tie")
                c["prefer digest"] += prefer == ours
                c["prefer lead"] += prefer == theirs
                c["tie"] += prefer not in (ours, theirs)
        for who, letter in (("digest", ours), ("lead", theirs)):
            found = v.get(f"{letter}_defects") or []
            defects[who].update(found)
            with_defect[who] += bool(found)
    print(f"{'set':<7}{'read':>5}{'differ':>7}{'digest':>7}{'lead':>6}{'tie':>5}{'pref digest':>13}"
          f"{'digest sendable':>17}{'lead sendable':>15}")
    for group, c in rows.items():
        decided = c["differing"]
        share = 100 * c["prefer digest"] / decided if decided else float("nan")
        print(f"{group:<7}{c['read']:>5}{decided:>7}{c['prefer digest']:>7}{c['prefer lead']:>6}{c['tie']:>5}"
              f"{share:>12.0f}%{100 * c['digest sendable'] / c['read']:>16.0f}%"
              f"{100 * c['lead sendable'] / c['read']:>14.0f}%")
    for who in ("digest", "lead"):
        print(f"defects {who}: {with_defect[who]} entries with any; "
              + ", ".join(f"{name} {n}" for name, n in defects[who].most_common()))


def pool(folders: list[Path], resamples: int = 5000) -> None:
    """Pooled preference over several scored folders (each key.json + verdicts.json, one reader each),
    with a 95% bootstrap interval that resamples items (an item's verdicts by all its readers go together)."""
    items: dict[tuple[str, str], list[float]] = {}
    sendable = Counter()
    for folder in folders:
        key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
        verdicts = json.loads((folder / "verdicts.json").read_text(encoding="utf-8"))
        for label, k in key.items():
            v = verdicts.get(label)
            if v is None:
                continue
            ours, theirs = k["digest"], "B" if k["digest"] == "A" else "A"
            sendable["read"] += 1
            sendable["digest"] += bool(v.get(f"{ours}_sendable"))
            sendable["lead"] += bool(v.get(f"{theirs}_sendable"))
            if not k["identical"]:
                prefer = v.get("prefer", "tie")
                win = 1.0 if prefer == ours else 0.0 if prefer == theirs else 0.5
                items.setdefault((k["dataset"], k["id"]), []).append(win)
    groups = list(items.values())
    if not groups:
        print("no differing pairs with verdicts")
        return
    wins, verdicts_n = sum(map(sum, groups)), sum(map(len, groups))
    rng = random.Random(1)
    shares = sorted(sum(map(sum, sample)) / sum(map(len, sample))
                    for sample in ([rng.choice(groups) for _ in groups] for _ in range(resamples)))
    low, high = shares[int(0.025 * resamples)], shares[int(0.975 * resamples) - 1]
    print(f"{len(folders)} readings, {len(groups)} differing items: digest preferred in {wins:g} of {verdicts_n} "
          f"verdicts, {100 * wins / verdicts_n:.1f}% (95% item bootstrap {100 * low:.1f}-{100 * high:.1f}%)")
    print(f"sendable unedited: digest {sendable['digest']} of {sendable['read']} entries "
          f"({100 * sendable['digest'] / sendable['read']:.1f}%), lead {sendable['lead']} "
          f"({100 * sendable['lead'] / sendable['read']:.1f}%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--set", dest="reading_set", choices=sorted(SETS), default="held-out",
                        help="which reading set (default: held-out)")
    parser.add_argument("--score", action="store_true", help="score OUTDIR/verdicts.json against the key")
    parser.add_argument("--pool", type=Path, nargs="+", metavar="DIR",
                        help="pooled preference and sendable share over scored folders (key.json + verdicts.json)")
    args = parser.parse_args()
    if args.pool:
        pool(args.pool)
    elif args.out is None:
        parser.error("--out is required (or --pool DIR ...)")
    elif args.score:
        score(args.out)
    else:
        write(args.out, args.data, args.seed, args.reading_set)


if __name__ == "__main__":
    main()
