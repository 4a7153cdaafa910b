"""The evaluation texts as digest Articles, for the summary benches (read from ../shared/data).

Each item is (dataset, id, Article, reference): CNN/DM (highlights as
newline-separated sentences, title from the archived URL's slug), XSum
(one-sentence summary, no title), BBC (extractive reference, first line the
title), and the real pages read by digest's own .html or .txt reader (no
reference summary: used for defect counts and reading).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from digest.errors import ReadError
from digest.model import Article
from digest.readers import read_article

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@dataclass(frozen=True)
class Item:
    dataset: str
    id: str
    article: Article
    reference: str | None = None


def _slug_title(url: str) -> str:
    """A readable headline from an archived CNN/Daily Mail URL's slug."""
    path = re.sub(r"^.*?https?://", "", url).rstrip("/")
    parts = [p for p in path.split("/") if p and p not in ("index.html",)]
    slug = parts[-1] if parts else ""
    if slug.endswith(".html"):
        slug = slug[:-5]
    slug = re.sub(r"^article-\d+-?", "", slug)
    words = [w for w in re.split(r"[-_]+", slug) if w]
    if not words or len(words) < 3:
        return ""
    title = " ".join(words)
    return title[:1].upper() + title[1:]


def _cnndm_reference(highlights: str) -> str:
    return "\n".join(s.strip(" .") for s in re.split(r" \. ", highlights.strip()) if s.strip(" ."))


def _bbc_reference(summary: str) -> str:
    return "\n".join(re.split(r"(?<=[.!?])(?=[A-Z\"])", summary))


def load(dataset: str, data: Path = DEFAULT_DATA, limit: int | None = None) -> list[Item]:
    """All items of one dataset: cnndm, xsum, bbc, html (pages/*.html) or txt (pages/*.txt)."""
    folder = data / "summaries"
    items: list[Item] = []
    if dataset == "cnndm":
        for line in (folder / "cnndm.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            title = _slug_title(row.get("url", "")) or row["id"]
            items.append(Item("cnndm", row["id"], Article(path=f"{row['id']}.txt", title=title,
                              body=row["article"].strip()), _cnndm_reference(row["highlights"])))
    elif dataset == "xsum":
        for line in (folder / "xsum.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            items.append(Item("xsum", row["id"], Article(path=f"{row['id']}.txt", title=row["id"],
                              body=row["article"].strip()), row["summary"]))
    elif dataset == "bbc":
        for line in (folder / "bbc.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            title, _, body = row["article"].strip().partition("\n")
            items.append(Item("bbc", row["id"], Article(path=f"{row['id']}.txt", title=title.strip(),
                              body=body.strip()), _bbc_reference(row["summary"])))
            if limit and len(items) >= limit:
                break
    elif dataset in ("html", "txt"):
        for path in sorted((data / "pages").glob(f"*.{dataset}")):
            try:
                article = read_article(path)
            except ReadError:
                continue
            items.append(Item(dataset, path.stem, article))
    elif dataset == "clusters":
        for line in (data / "clusters" / "same-event.jsonl").open(encoding="utf-8"):
            row = json.loads(line)
            items.append(Item("clusters", row["id"], cluster_article(row)))
    else:
        raise ValueError(f"unknown dataset {dataset!r}")
    return items[:limit] if limit else items


def cluster_article(row: dict) -> Article:
    """A same-event cluster row as the Article a reader would have made of it: the text's
    paragraphs (blank lines or single line breaks) separated by blank lines; date, source, url."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n+", row.get("text") or "")]
    try:
        date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
    except ValueError:
        date = None
    return Article(path=f"{row['id']}.txt", title=(row.get("title") or "").strip(),
                   body="\n\n".join(p for p in paragraphs if p), date=date,
                   source=row.get("source") or None, url=row.get("url") or None)


#: The held-out set's salt, and the default one.
HELD_OUT_SALT = "blind-2026"


def key(dataset: str, item_id: str, salt: str = HELD_OUT_SALT) -> str:
    """A fixed pseudo-random rank for an item (for held-out sets and folds)."""
    return hashlib.sha256(f"{salt}:{dataset}:{item_id}".encode()).hexdigest()


#: The blind-reading set: this many items per dataset, the smallest hash keys.
HELD_OUT = {"cnndm": 30, "xsum": 15, "html": 15}


#: The fresh reading set (round 3): items no reader has seen, by a new salt, outside HELD_OUT.
FRESH = {"cnndm": 20, "xsum": 10, "html": 15, "bbc": 15}
FRESH_SALT = "fresh-2026-round3"


#: Items whose outputs were printed and read while the round-3 rules were written: not fresh.
READ_IN_ROUND3 = {
    "cnndm": {"008aa71f64621995d749aff42be822b1b6ca7bc9", "06a4af524f4021ea62a16ee7778f901f3a7879b1",
              "07955dc7323a027814bbdacf87a46e554167aac2", "1b884cf6cb5180ea2143142d0a0b30f352865bd9",
              "47681f33b383d3000a13cff5c5429771204619ed", "60e99bf7b0f7dd755ae4aab0094f2add2d4f36fd",
              "66fe5722d222324b82a5b1a68592e4943a6b309e", "9056f691c18f7f0fd4658011b5c5376905c761ad",
              "9fa944ff682d06dbca7c66e4badea3697cd9dbdd", "d630035ba94ce748c4870e420ea807bf3701414e",
              "ec374b769e8112884310bb3b4a7d261ab4625490", "ee0304146d291374878c7605d90f9451aefe48b7",
              "fb1117897822bddb6586aa283e4a67d82b507f3a"},
    "xsum": {"16679938", "29237469", "33960105", "34182164", "35820385", "36307661", "37276607", "38550016",
             "39270960", "39587051"},
    "html": {"0ec95c7261d122f3", "2f42ef1d3ea0c96e", "680c2848e94a96f9", "686bb170effe273e", "87438a0dacbeb979",
             "9da36ae4714bfccc", "aec5deeaada8b2fb"},
    "bbc": {"bbc/business/207", "bbc/business/210", "bbc/business/313", "bbc/business/411", "bbc/politics/251",
            "bbc/politics/263", "bbc/politics/267", "bbc/sport/214", "bbc/tech/108", "bbc/tech/189", "bbc/tech/346",
            "bbc/entertainment/054", "bbc/entertainment/301", "bbc/politics/039", "bbc/politics/170",
            "bbc/sport/059", "bbc/tech/182"},
}


#: The second fresh reading set (round 4): the same mix by another salt, outside HELD_OUT, the
#: round-3 fresh set and every item read in rounds 3 and 4.
FRESH2 = dict(FRESH)
FRESH2_SALT = "fresh-2026-round4"

#: Items whose outputs were printed and read while the round-4 rules were written: not fresh.
READ_IN_ROUND4: dict[str, set[str]] = {
    "cnndm": {"07d6ceff2988640eaa91355d6612f15e0e03eb2d", "0fa083cb7da10f1f697e7dab6210397f00c0a4cf",
            "137ac0122ef98206953bb24be655f15307345bb7", "236c65a580afbdabcd2b7ba5b779e026d698d978",
            "26c2f9864063d4ad1b2bc98203ef1a7942445ccc", "270fdae145aa5ae3ae73adcf44be72cec339dbbe",
            "2c37d44d03ce2e91310339d884d33ee5aabf9abc", "2c517137535313d59466c7cc6c94cd46e98030e5",
            "2fe2ba4743159a93a73acf3343a026925a93073d", "30fe317731be70bc2e1bac6ce4ed9bec162dbc98",
            "340cf468232e0c3bb17b1ca048d319d5062a5909", "41988ddd925836d77f1c4a0ee59f2e0ff103ab90",
            "45a9f7a9c4cffb0a068b65b08ad091ba69c53d5c", "578933f933255e7e22695c68f7e544dbc749dae3",
            "58a9dbc76da984afd5cbaa5c9bc9b59b36c302ab", "5bc6298ee39eebe5d8f19e5f015c1180535b6100",
            "5db0808085f7b1621f490b2bc4bf856aae310e6c", "68883239a433eae74fcb1ecc747d6a14b78fff32",
            "7c9201a07ffd4647e3c37af77b69571e0fad1c45", "8610ead0a43054be202a1fc756620415a6d572fe",
            "8ececf760ca96748a4f75d7fa7c1e13092738fbf", "962da1370522ccf02d3c1c0410c874c7bffd1fbb",
            "97856d25655e18bd104a1c6bdf86fa174d17dc51", "9789a93a0e998a80daf1b55413a36b9bcd7445fe",
            "99bf5fd0e1315324f2bd86dc460436144be60bde", "9f2dbe8953dd5b1d2b0f2f748c51bfccbe72906e",
            "9ffbe8f666095283a421e3f34c91f68bd6f028f3", "a46999dfdea9a9ceec5229b1931f14e19297ec86",
            "a7f5bd2e1a31cc5b453f5a383b04e309a648f2df", "b1f23bd961484edaa46eafe48b1fcc3f4bf02a4e",
            "d4bb596b9ba3439da21add9d7c8b86e026ad70d7", "e1532b5d4b83d557c234758ba657ac9458b91d0b",
            "e3e7212ffe9806f6e6d5ba4587c8e7613aaa4ba3", "e75d20a454261ca9b2acd2bc128fa3f71261b91e",
            "f364b58c01042c853a5d980e094d680304273162", "f419767a484b52429e3638e674ef97178925020d",
            "f512695a290521cc82eac319a9c7232c45190d9d"},
    "xsum": {"11154244", "16025568", "24522070", "25654437", "27838706", "28328378", "28360838", "29458868", "29928061",
            "31078095", "31084967", "32093224", "32278778", "32680434", "33261110", "33751212", "33811105", "33847273",
            "34279049", "34578307", "34862856", "35086370", "35130953", "35424211", "36476135", "36506952", "36738377",
            "37204235", "37405757", "38276456", "38778996", "39202525", "39419795", "39519574", "39697827", "39740178",
            "40419819", "40726537"},
    "html": {"14cc2a0ca59c62a8", "156770d676ce7990", "16c30add7e96315e", "1ace8c85aaee21b9", "1ee91d1fce65e09b",
            "359fee228518d55b", "35b158918c676ff2", "3c5bf8db4272925b", "3cb22bfabed8de71", "3f65af7b6b98b1c9",
            "55bb6340e3d7dd86", "612cd29826624e68", "65408257dbe4b41f", "7a457a4f71735c17", "833caf3bdba53dcf",
            "851498a2b9f4f0b5", "85439e26c41c7590", "8b19453030820413", "9eef8162bbb67b0b", "a1fca19b884e0e94",
            "a6968f427cdb7865", "aade2ec8d1e7b091", "b3c19dd5f0612d09", "b6906ca016bbfc64", "c00962aabe7bdd1f",
            "c90731f051d033e4", "e100c9612ad8495d", "e1c7023ee2148901", "e7994d5500875202", "ec7fc408c5ce66c2",
            "eecd2575093b8593", "ef4e67b66d63b5fa", "f105de6e63ca91ea"},
    "bbc": {"bbc/business/040", "bbc/business/072", "bbc/business/108", "bbc/business/112", "bbc/business/131",
            "bbc/business/133", "bbc/business/143", "bbc/business/150", "bbc/business/165", "bbc/business/172",
            "bbc/business/183", "bbc/business/189", "bbc/business/220", "bbc/business/224", "bbc/business/229",
            "bbc/business/284", "bbc/business/302", "bbc/business/308", "bbc/business/314", "bbc/business/317",
            "bbc/business/319", "bbc/business/327", "bbc/business/348", "bbc/business/358", "bbc/business/359",
            "bbc/business/362", "bbc/business/381", "bbc/business/382", "bbc/business/388", "bbc/business/389",
            "bbc/business/399", "bbc/business/401", "bbc/business/408", "bbc/business/415", "bbc/business/418",
            "bbc/business/423", "bbc/business/432", "bbc/business/442", "bbc/business/452", "bbc/business/461",
            "bbc/business/482", "bbc/business/483", "bbc/business/486", "bbc/business/501", "bbc/business/505",
            "bbc/entertainment/003", "bbc/entertainment/014", "bbc/entertainment/024", "bbc/entertainment/025",
            "bbc/entertainment/034", "bbc/entertainment/038", "bbc/entertainment/043", "bbc/entertainment/044",
            "bbc/entertainment/047", "bbc/entertainment/048", "bbc/entertainment/062", "bbc/entertainment/076",
            "bbc/entertainment/085", "bbc/entertainment/089", "bbc/entertainment/100", "bbc/entertainment/112",
            "bbc/entertainment/113", "bbc/entertainment/119", "bbc/entertainment/121", "bbc/entertainment/135",
            "bbc/entertainment/144", "bbc/entertainment/148", "bbc/entertainment/165", "bbc/entertainment/167",
            "bbc/entertainment/169", "bbc/entertainment/171", "bbc/entertainment/176", "bbc/entertainment/183",
            "bbc/entertainment/191", "bbc/entertainment/194", "bbc/entertainment/200", "bbc/entertainment/205",
            "bbc/entertainment/211", "bbc/entertainment/212", "bbc/entertainment/214", "bbc/entertainment/222",
            "bbc/entertainment/223", "bbc/entertainment/230", "bbc/entertainment/234", "bbc/entertainment/235",
            "bbc/entertainment/237", "bbc/entertainment/242", "bbc/entertainment/244", "bbc/entertainment/261",
            "bbc/entertainment/273", "bbc/entertainment/278", "bbc/entertainment/279", "bbc/entertainment/283",
            "bbc/entertainment/291", "bbc/entertainment/305", "bbc/entertainment/306", "bbc/entertainment/307",
            "bbc/entertainment/311", "bbc/entertainment/314", "bbc/entertainment/318", "bbc/entertainment/326",
            "bbc/entertainment/332", "bbc/entertainment/336", "bbc/entertainment/342", "bbc/entertainment/348",
            "bbc/entertainment/352", "bbc/entertainment/353", "bbc/entertainment/363", "bbc/entertainment/368",
            "bbc/entertainment/369", "bbc/entertainment/377", "bbc/entertainment/380", "bbc/politics/049",
            "bbc/politics/081", "bbc/politics/085", "bbc/politics/086", "bbc/politics/101", "bbc/politics/117",
            "bbc/politics/124", "bbc/politics/126", "bbc/politics/131", "bbc/politics/142", "bbc/politics/151",
            "bbc/politics/156", "bbc/politics/158", "bbc/politics/163", "bbc/politics/184", "bbc/politics/189",
            "bbc/politics/191", "bbc/politics/196", "bbc/politics/218", "bbc/politics/235", "bbc/politics/238",
            "bbc/politics/252", "bbc/politics/257", "bbc/politics/270", "bbc/politics/287", "bbc/politics/295",
            "bbc/politics/297", "bbc/politics/306", "bbc/politics/309", "bbc/politics/312", "bbc/politics/315",
            "bbc/politics/327", "bbc/politics/335", "bbc/politics/338", "bbc/politics/345", "bbc/politics/346",
            "bbc/politics/347", "bbc/politics/360", "bbc/politics/367", "bbc/politics/368", "bbc/politics/380",
            "bbc/politics/382", "bbc/politics/385", "bbc/politics/394", "bbc/politics/396", "bbc/politics/398",
            "bbc/politics/403", "bbc/politics/405", "bbc/politics/406", "bbc/politics/408", "bbc/sport/015",
            "bbc/sport/036", "bbc/sport/040", "bbc/sport/067", "bbc/sport/074", "bbc/sport/102", "bbc/sport/129",
            "bbc/sport/145", "bbc/sport/149", "bbc/sport/156", "bbc/sport/188", "bbc/sport/190", "bbc/sport/210",
            "bbc/sport/223", "bbc/sport/241", "bbc/sport/297", "bbc/sport/315", "bbc/sport/342", "bbc/sport/346",
            "bbc/sport/359", "bbc/sport/371", "bbc/sport/394", "bbc/sport/398", "bbc/sport/416", "bbc/sport/432",
            "bbc/sport/435", "bbc/sport/486", "bbc/sport/487", "bbc/sport/507", "bbc/tech/006", "bbc/tech/009",
            "bbc/tech/010", "bbc/tech/020", "bbc/tech/024", "bbc/tech/027", "bbc/tech/042", "bbc/tech/043",
            "bbc/tech/059", "bbc/tech/061", "bbc/tech/064", "bbc/tech/071", "bbc/tech/089", "bbc/tech/090",
            "bbc/tech/118", "bbc/tech/123", "bbc/tech/127", "bbc/tech/136", "bbc/tech/138", "bbc/tech/151",
            "bbc/tech/154", "bbc/tech/166", "bbc/tech/168", "bbc/tech/170", "bbc/tech/181", "bbc/tech/205",
            "bbc/tech/218", "bbc/tech/221", "bbc/tech/222", "bbc/tech/248", "bbc/tech/254", "bbc/tech/264",
            "bbc/tech/270", "bbc/tech/275", "bbc/tech/280", "bbc/tech/282", "bbc/tech/299", "bbc/tech/303",
            "bbc/tech/307", "bbc/tech/309", "bbc/tech/310", "bbc/tech/312", "bbc/tech/318", "bbc/tech/321",
            "bbc/tech/334", "bbc/tech/335", "bbc/tech/336", "bbc/tech/345", "bbc/tech/348", "bbc/tech/349",
            "bbc/tech/364", "bbc/tech/390", "bbc/tech/397", "bbc/tech/399", "bbc/tech/401"},
}


#: The clusters reading set (round 5): real articles the summarizer was never developed on, at most one
#: per same-event cluster, BASIL first (ECB+ text was re-joined from tokens: spacing glitches).
CLUSTERS = 60
CLUSTERS_MAX_ECB = 15
CLUSTERS_SALT = "clusters-2026-round5"


def clusters_ids(data: Path = DEFAULT_DATA) -> dict[str, set[str]]:
    """Ids of the clusters reading set: per cluster the article with the smallest key under
    CLUSTERS_SALT (BASIL: one with a title), BASIL clusters first, at most CLUSTERS_MAX_ECB from ECB+."""
    return {"clusters": _one_per_cluster(data, CLUSTERS_SALT, CLUSTERS, CLUSTERS_MAX_ECB)}


def _cluster_rows(data: Path) -> list[dict]:
    return [json.loads(line) for line in (data / "clusters" / "same-event.jsonl").open(encoding="utf-8")]


def _one_per_cluster(data: Path, salt: str, count: int, max_ecb: int, skip_clusters: frozenset[str] = frozenset(),
                     skip_ids: frozenset[str] = frozenset()) -> set[str]:
    best: dict[str, tuple[str, str, str]] = {}  # cluster -> (rank, id, dataset)
    for row in _cluster_rows(data):
        if not (row.get("text") or "").strip() or (row["dataset"] == "BASIL" and not row.get("title")):
            continue
        if row["cluster"] in skip_clusters or row["id"] in skip_ids:
            continue
        rank = key("clusters", row["id"], salt)
        if row["cluster"] not in best or rank < best[row["cluster"]][0]:
            best[row["cluster"]] = (rank, row["id"], row["dataset"])
    basil = sorted(b for b in best.values() if b[2] == "BASIL")
    ecb = sorted(b for b in best.values() if b[2] != "BASIL")
    take = basil[:count]
    take += ecb[:min(max_ecb, count - len(take))]
    return {item_id for _, item_id, _ in take}


#: Clusters articles whose outputs (or first sentence and lede) were printed and read while the
#: round-6 rules were written; chosen after the clusters2 set was fixed, outside it.
READ_IN_ROUND6 = frozenset({
    "basil-005a2961-0c2e-4575-8eec-770ba52a08e0_1", "basil-06ffda2d-1caf-45ba-99e2-268aac1bf0e1_2",
    "basil-08bb9bee-c167-4c17-9c6d-4a1259231eb7_1", "basil-08bb9bee-c167-4c17-9c6d-4a1259231eb7_2",
    "basil-0c78e748-efbf-417c-a8c1-beeb6480147f_2", "basil-2058ec60-5372-4f5f-83a3-da780be3a350_3",
    "basil-2153fb3e-6b09-410c-bfea-d095c49a54ba_3", "basil-2a3fde8a-082a-4d8f-9567-f7e8366c0200_1",
    "basil-2b9468af-4ab0-4f25-85f4-c3ef93d72006_2", "basil-3ae35b16-7f7f-4a5e-9f24-5ce724106a73_2",
    "basil-45bd61bc-c356-4450-9e3a-cbfc862b09fd_1", "basil-472158a1-4e39-4214-8397-904e66f2b4c5_1",
    "basil-47a209b0-fc26-4a0a-a1fe-e4310d1d2419_1", "basil-4f473faf-f928-4cfd-8bed-00578be9db9a_1",
    "basil-4f473faf-f928-4cfd-8bed-00578be9db9a_3", "basil-550b80db-bdd5-442b-8f70-c8e9f3203a13_2",
    "basil-550b80db-bdd5-442b-8f70-c8e9f3203a13_3", "basil-576116e5-2b18-4d35-be73-36f5863c9468_3",
    "basil-58f414e5-a122-49f5-819e-512d91069da5_1", "basil-59f2f47c-5da0-4fbc-be6e-4f15d45d82e2_2",
    "basil-65cb14cb-2d27-41e5-a2be-6fd6314f4363_1", "basil-65cb14cb-2d27-41e5-a2be-6fd6314f4363_2",
    "basil-79bf99c6-6fca-4ce4-8ae1-8771de026142_2", "basil-84678e18-0b79-4570-9c9f-cb1cf88d968e_3",
    "basil-84b3c118-50d2-45a5-a91f-7ed95b5d0143_1", "basil-84b3c118-50d2-45a5-a91f-7ed95b5d0143_2",
    "basil-85475456-f38e-4c30-895d-ca2c819c6af1_1", "basil-8abec8d9-50a2-480e-969a-157f94954f4d_3",
    "basil-96b7046f-f584-422f-a626-6f86a26dfd8b_1", "basil-96b7046f-f584-422f-a626-6f86a26dfd8b_3",
    "basil-a28a0329-0887-42dc-bd3d-3bb4f8926757_2", "basil-ad409798-ee94-4436-92c5-92669193be14_3",
    "basil-b5eefefb-2a33-45de-abe1-f855c94165f4_2", "basil-c9e4d35f-aeae-462b-a8bf-e08d09a93b6e_2",
    "basil-e71d149d-0426-43f0-87e8-8c611dad7205_2", "basil-eadabee7-3db9-43c4-a485-3e8b1882cd3c_1",
    "basil-eadabee7-3db9-43c4-a485-3e8b1882cd3c_2", "ecbplus-1_11ecbplus", "ecbplus-1_12ecb", "ecbplus-1_12ecbplus",
    "ecbplus-1_14ecb", "ecbplus-1_19ecbplus", "ecbplus-1_20ecbplus", "ecbplus-1_4ecbplus", "ecbplus-1_5ecb",
    "ecbplus-1_8ecb", "ecbplus-1_8ecbplus", "ecbplus-1_9ecb", "ecbplus-2_10ecbplus", "ecbplus-2_11ecbplus",
    "ecbplus-2_1ecb", "ecbplus-2_4ecb", "ecbplus-2_4ecbplus", "ecbplus-2_6ecb", "ecbplus-2_8ecb", "ecbplus-2_9ecb",
    "ecbplus-2_9ecbplus", "ecbplus-4_13ecb", "ecbplus-9_1ecbplus", "ecbplus-9_3ecb", "ecbplus-9_4ecbplus",
    "ecbplus-9_7ecb", "ecbplus-9_8ecbplus", "ecbplus-9_9ecbplus"
})

#: The second clusters reading set (round 6): events with no article in the round-5 set, none read
#: in round 6. The brief asked for BASIL first and at most 10 ECB+, but the round-5 set took all 54
#: BASIL events; only ECB+ events are left (44), so all 40 are ECB+ (token-joined text: spacing glitches).
CLUSTERS2 = 40
CLUSTERS2_MAX_ECB = 40
CLUSTERS2_SALT = "clusters-2026-round6"


def clusters2_ids(data: Path = DEFAULT_DATA) -> dict[str, set[str]]:
    """Ids of the second clusters reading set: as :func:`clusters_ids`, under CLUSTERS2_SALT, from
    clusters the round-5 set has no article in, the articles read in round 6 excluded."""
    first = clusters_ids(data)["clusters"]
    seen = frozenset(row["cluster"] for row in _cluster_rows(data) if row["id"] in first)
    return {"clusters": _one_per_cluster(data, CLUSTERS2_SALT, CLUSTERS2, CLUSTERS2_MAX_ECB, seen, READ_IN_ROUND6)}


#: Items whose outputs or text were printed and read while the round-5 rules were written: not fresh.
READ_IN_ROUND5: dict[str, set[str]] = {
    "cnndm": {"07955dc7323a027814bbdacf87a46e554167aac2", "07d6ceff2988640eaa91355d6612f15e0e03eb2d",
            "1b884cf6cb5180ea2143142d0a0b30f352865bd9", "2c37d44d03ce2e91310339d884d33ee5aabf9abc",
            "2fe2ba4743159a93a73acf3343a026925a93073d", "340cf468232e0c3bb17b1ca048d319d5062a5909",
            "578933f933255e7e22695c68f7e544dbc749dae3", "58a9dbc76da984afd5cbaa5c9bc9b59b36c302ab",
            "5bc6298ee39eebe5d8f19e5f015c1180535b6100", "5db0808085f7b1621f490b2bc4bf856aae310e6c",
            "60e99bf7b0f7dd755ae4aab0094f2add2d4f36fd", "66fe5722d222324b82a5b1a68592e4943a6b309e",
            "7b64ed2057255f31383bfb888bbb1284ce3b027d", "8ececf760ca96748a4f75d7fa7c1e13092738fbf",
            "9f2dbe8953dd5b1d2b0f2f748c51bfccbe72906e", "a46999dfdea9a9ceec5229b1931f14e19297ec86",
            "d630035ba94ce748c4870e420ea807bf3701414e"},
    "xsum": {"11154244", "13599161", "17269989", "25654437", "30453069", "31084967", "32278778", "32280676",
            "33261110", "33811105", "33960105", "34279049", "34774405", "34907832", "35341528", "36307661",
            "36427547", "36476135", "36495608", "36506952", "36738377", "38168461", "38276456", "39202525",
            "39587051", "39697827", "40007645", "40917946"},
    "html": {"3d8f3404cf975af8", "4648a420af9984d4", "612cd29826624e68", "624fcd903d56fc70",
            "686bb170effe273e", "7a457a4f71735c17", "851498a2b9f4f0b5", "b6906ca016bbfc64", "c00962aabe7bdd1f",
            "c90731f051d033e4", "cc03ddb5ef7d5f1f", "ec7fc408c5ce66c2"},
    "bbc": {"bbc/business/026", "bbc/business/143", "bbc/business/220", "bbc/business/266", "bbc/business/296",
            "bbc/business/437", "bbc/business/462", "bbc/entertainment/102", "bbc/entertainment/112",
            "bbc/entertainment/141", "bbc/entertainment/185", "bbc/entertainment/206", "bbc/entertainment/280",
            "bbc/entertainment/284", "bbc/entertainment/309", "bbc/entertainment/355", "bbc/entertainment/363",
            "bbc/entertainment/381", "bbc/politics/126", "bbc/politics/251", "bbc/sport/015", "bbc/sport/022",
            "bbc/sport/081", "bbc/sport/110", "bbc/sport/113", "bbc/sport/114", "bbc/sport/145",
            "bbc/sport/186", "bbc/sport/194", "bbc/sport/199", "bbc/sport/207", "bbc/sport/213",
            "bbc/sport/214", "bbc/sport/220", "bbc/sport/231", "bbc/sport/232", "bbc/sport/271",
            "bbc/sport/275", "bbc/sport/305", "bbc/sport/336", "bbc/sport/347", "bbc/sport/364",
            "bbc/sport/432", "bbc/sport/438", "bbc/sport/489", "bbc/tech/004", "bbc/tech/013", "bbc/tech/040",
            "bbc/tech/117", "bbc/tech/332"},
}

def _ids(dataset: str, data: Path) -> list[str]:
    if dataset == "html":
        return sorted(p.stem for p in (data / "pages").glob("*.html"))
    return [json.loads(line)["id"] for line in (data / "summaries" / f"{dataset}.jsonl").open(encoding="utf-8")]


def _smallest_keys(counts: dict[str, int], salt: str, data: Path,
                   excluded: dict[str, set[str]] | None = None) -> dict[str, set[str]]:
    """Per dataset, the ``count`` ids with the smallest keys under ``salt``, ``excluded`` ids left out
    (pages: the same ids for .html and .txt)."""
    ids: dict[str, set[str]] = {}
    for dataset, count in counts.items():
        skip = (excluded or {}).get(dataset, set())
        names = [n for n in _ids(dataset, data) if n not in skip]
        ids[dataset] = set(sorted(names, key=lambda n: key(dataset, n, salt))[:count])
    if "html" in ids:
        ids["txt"] = ids["html"]
    return ids


def _one_per_event(rows: list[dict], salt: str) -> list[str]:
    """Per same-event cluster the row with the smallest key under ``salt``; their ids, smallest key first."""
    best: dict[str, tuple[str, str]] = {}
    for row in rows:
        rank = key("clusters", row["id"], salt)
        if row["cluster"] not in best or rank < best[row["cluster"]][0]:
            best[row["cluster"]] = (rank, row["id"])
    return [item_id for _, item_id in sorted(best.values())]


def _union(*sets: dict[str, set[str]]) -> dict[str, set[str]]:
    return {d: set().union(*(s.get(d, set()) for s in sets)) for d in {d for s in sets for d in s}}


def held_out_ids(data: Path = DEFAULT_DATA) -> dict[str, set[str]]:
    """Ids of the fixed held-out reading set, per dataset (pages: the same ids for .html and .txt)."""
    return _smallest_keys(HELD_OUT, HELD_OUT_SALT, data)


def fresh_ids(data: Path = DEFAULT_DATA) -> dict[str, set[str]]:
    """Ids of the fresh reading set, per dataset: the smallest keys under FRESH_SALT, the held-out
    set and the items read in round 3 excluded."""
    return _smallest_keys(FRESH, FRESH_SALT, data, _union(held_out_ids(data), READ_IN_ROUND3))


def fresh2_ids(data: Path = DEFAULT_DATA) -> dict[str, set[str]]:
    """Ids of the second fresh reading set (round 4), per dataset: the smallest keys under FRESH2_SALT,
    the held-out set, the round-3 fresh set and the items read in rounds 3 and 4 excluded."""
    excluded = _union(held_out_ids(data), fresh_ids(data), READ_IN_ROUND3, READ_IN_ROUND4)
    return _smallest_keys(FRESH2, FRESH2_SALT, data, excluded)


#: The third fresh reading set (round 7), fixed before round 7's rules were written: BASIL articles
#: from the outlets the round-5 set did not read (its events, other newspapers' reports), none read in
#: round 6, at most one per event; and XSum and BBC items no reader or rule-writer has seen.
FRESH3 = {"clusters": 30, "xsum": 15, "bbc": 15}
FRESH3_SALT = "fresh-2026-round7"


def fresh3_ids(data: Path = DEFAULT_DATA) -> dict[str, set[str]]:
    """Ids of the round-7 fresh reading set, per dataset (see FRESH3)."""
    read_clusters = frozenset(clusters_ids(data)["clusters"] | clusters2_ids(data)["clusters"]) | READ_IN_ROUND6
    basil = [row for row in _cluster_rows(data)
             if row["dataset"] == "BASIL" and row.get("title") and (row.get("text") or "").strip()
             and row["id"] not in read_clusters]
    ids = {"clusters": set(_one_per_event(basil, FRESH3_SALT)[:FRESH3["clusters"]])}
    excluded = _union(held_out_ids(data), fresh_ids(data), fresh2_ids(data), READ_IN_ROUND3, READ_IN_ROUND4,
                      READ_IN_ROUND5)
    ids.update(_smallest_keys({"xsum": FRESH3["xsum"], "bbc": FRESH3["bbc"]}, FRESH3_SALT, data, excluded))
    return ids


#: Items read while round 7 was written: the dev reading set (20 BASIL reports from outlets the round-5
#: set did not read, 10 XSum, 10 BBC; read blind by one reader) and every item whose output was printed.
READ_IN_ROUND7: dict[str, frozenset[str]] = {
    "bbc": frozenset({
        "bbc/business/047", "bbc/business/369", "bbc/entertainment/006", "bbc/entertainment/040",
        "bbc/entertainment/056", "bbc/entertainment/133", "bbc/entertainment/179", "bbc/entertainment/186",
        "bbc/entertainment/369", "bbc/politics/078", "bbc/politics/100", "bbc/politics/215", "bbc/politics/254",
        "bbc/politics/262", "bbc/sport/081", "bbc/sport/099", "bbc/sport/193", "bbc/sport/289", "bbc/sport/406",
        "bbc/sport/419", "bbc/sport/438", "bbc/tech/234"
    }),
    "clusters": frozenset({
        "basil-1b96a5db-8974-46d3-82d7-5dfef02f650e_1", "basil-1b96a5db-8974-46d3-82d7-5dfef02f650e_3",
        "basil-2153fb3e-6b09-410c-bfea-d095c49a54ba_1", "basil-2742e9c1-2943-496f-8b23-faf5332e1612_1",
        "basil-2742e9c1-2943-496f-8b23-faf5332e1612_2", "basil-29ffd053-7684-469b-a600-97000579bd01_1",
        "basil-2b9468af-4ab0-4f25-85f4-c3ef93d72006_2", "basil-2b9468af-4ab0-4f25-85f4-c3ef93d72006_3",
        "basil-450755dd-30d3-478b-933e-917be5c384ba_2", "basil-4f473faf-f928-4cfd-8bed-00578be9db9a_2",
        "basil-526cabb7-02a3-4adb-8e90-ec781c40c498_3", "basil-550b80db-bdd5-442b-8f70-c8e9f3203a13_2",
        "basil-576116e5-2b18-4d35-be73-36f5863c9468_1", "basil-59f2f47c-5da0-4fbc-be6e-4f15d45d82e2_3",
        "basil-65cb14cb-2d27-41e5-a2be-6fd6314f4363_2", "basil-72fa9b13-4e59-4716-8df9-4c3580e7dddf_1",
        "basil-72fa9b13-4e59-4716-8df9-4c3580e7dddf_2", "basil-72fa9b13-4e59-4716-8df9-4c3580e7dddf_3",
        "basil-79bf99c6-6fca-4ce4-8ae1-8771de026142_1", "basil-84678e18-0b79-4570-9c9f-cb1cf88d968e_2",
        "basil-85475456-f38e-4c30-895d-ca2c819c6af1_1", "basil-85475456-f38e-4c30-895d-ca2c819c6af1_2",
        "basil-86e6e27d-1440-4879-8b13-0dd2d89f7281_2", "basil-87609973-bd58-42a5-96e2-ee5aa47433f5_3",
        "basil-8abec8d9-50a2-480e-969a-157f94954f4d_2", "basil-8abec8d9-50a2-480e-969a-157f94954f4d_3",
        "basil-8dac6c12-b5ca-468c-a249-7e0ab42f6b52_3", "basil-9879bbc0-eab3-482f-bf6b-a4b519393986_1",
        "basil-9879bbc0-eab3-482f-bf6b-a4b519393986_2", "basil-9879bbc0-eab3-482f-bf6b-a4b519393986_3",
        "basil-a28a0329-0887-42dc-bd3d-3bb4f8926757_3", "basil-ad409798-ee94-4436-92c5-92669193be14_2",
        "basil-af4a3f41-eeb5-49fa-a276-e97c230b25f0_1", "basil-be026bd1-52b1-4789-bfd3-3632af17b054_2",
        "basil-c5534b7e-a373-4962-8345-3847bc41a636_2", "basil-dd1e6e3b-f36c-4064-8ef9-940984e9afa2_1",
        "basil-e71d149d-0426-43f0-87e8-8c611dad7205_1", "basil-eadabee7-3db9-43c4-a485-3e8b1882cd3c_1",
        "basil-eadabee7-3db9-43c4-a485-3e8b1882cd3c_2", "basil-f688c56d-7fae-42ef-b7f7-7db207b58d27_2",
        "ecbplus-1_5ecbplus", "ecbplus-25_5ecb", "ecbplus-26_9ecbplus", "ecbplus-2_4ecb", "ecbplus-34_10ecbplus",
        "ecbplus-34_11ecb", "ecbplus-34_1ecbplus", "ecbplus-36_7ecbplus", "ecbplus-38_4ecbplus", "ecbplus-40_10ecb",
        "ecbplus-40_9ecb", "ecbplus-41_5ecb", "ecbplus-41_6ecb", "ecbplus-42_12ecb", "ecbplus-42_7ecb",
        "ecbplus-42_7ecbplus", "ecbplus-43_4ecbplus"
    }),
    "cnndm": frozenset({
        "132e50805378d42b2996fdd648d1da78c60d235d", "1b884cf6cb5180ea2143142d0a0b30f352865bd9",
        "578933f933255e7e22695c68f7e544dbc749dae3", "5bc6298ee39eebe5d8f19e5f015c1180535b6100",
        "646cba2e8b30945a2079ec4c671740d5db5676e2", "7b27f7ffb9c90f5786516c3837fa229f1c051757",
        "7c56bf8b00e4be69033cdc6a8f3e2c8e825d81f2", "90498052cdb06f288fc43db786343b3a028598e0",
        "9789a93a0e998a80daf1b55413a36b9bcd7445fe", "e5f90abe548af86bae42ca91373ddbc828ac1a9e",
        "f364b58c01042c853a5d980e094d680304273162", "f419767a484b52429e3638e674ef97178925020d"
    }),
    "html": frozenset({
        "06e5123e4ef7cfb4", "8b19453030820413", "ba07d1e64775f409", "bc13ff87b2630ffb"
    }),
    "xsum": frozenset({
        "23602056", "32278778", "32703353", "33183140", "33721182", "35419902", "35426361", "36476135", "36968311",
        "37278170", "38213922", "38260939", "38550016", "39206355", "40407620", "40679217", "41009988"
    }),
}


#: The fourth fresh reading set (round 8), fixed before round 8's rules are written: what is left unread.
#: BASIL reports (one per event), XSum items, ECB+ reports (one per event; token-joined text) and BBC items
#: outside every earlier reading set and everything read in rounds 3-7.
FRESH4 = {"basil": 20, "xsum": 10, "ecb": 20, "bbc": 10}
FRESH4_SALT = "fresh-2026-round8"



#: The fifth fresh reading set (round 9), fixed before round 9's rules are written: ECB+ reports (one per
#: event; token-joined text), BBC items, and the last unread CNN/DM articles and real pages, outside every
#: earlier set and everything read in rounds 3-8.
FRESH5 = {"ecb": 30, "bbc": 15, "cnndm": 5, "html": 5}
FRESH5_SALT = "fresh-2026-round9"



#: The sixth fresh reading set (round 10): no rule changes after it was fixed; a second reading of the round-9
#: code on ECB+ reports (one per event) and BBC items outside every earlier set.
FRESH6 = {"ecb": 40, "bbc": 20}
FRESH6_SALT = "fresh-2026-round10"



#: The seventh fresh reading set (round 11): a reading of the code after round 10 (one connective rule more)
#: on ECB+ reports (one per event) and BBC items outside every earlier set.
FRESH7 = {"ecb": 40, "bbc": 20}
FRESH7_SALT = "fresh-2026-round11"



#: The eighth fresh reading set (round 12), fixed before round 12's rules are written: ECB+ reports (one per
#: event) and BBC items outside every earlier set. It leaves 10 ECB+ events unread.
FRESH8 = {"ecb": 40, "bbc": 20}
FRESH8_SALT = "fresh-2026-round12"



#: The ninth fresh reading set (round 13), fixed after round 12's last rules and before it is read: the last
#: 10 unread ECB+ events and 70 BBC items. Declared before reading as the last set drawn from ../shared:
#: the pooled figures it gives are reported whatever they show.
FRESH9 = {"ecb": 10, "bbc": 70}
FRESH9_SALT = "fresh-2026-round13"



#: The reading sets after round 7 by number (``FRESH4`` ... ``FRESH9``), in order: each takes its counts under
#: its salt from what no earlier set took and no one read (see :func:`_next_set`). Counts: "basil" and "ecb"
#: reports, one per event; any other key, a dataset's items by smallest key.
LATER_SETS = {4: (FRESH4, FRESH4_SALT), 5: (FRESH5, FRESH5_SALT), 6: (FRESH6, FRESH6_SALT), 7: (FRESH7, FRESH7_SALT),
              8: (FRESH8, FRESH8_SALT), 9: (FRESH9, FRESH9_SALT)}


def later_set_ids(number: int, data: Path = DEFAULT_DATA) -> dict[str, set[str]]:
    """Ids of the reading set ``FRESH<number>`` (4-9), per dataset (clusters: BASIL and ECB+ together; pages:
    the same ids for .html and .txt). A copy: callers may change it."""
    chosen = _all_reading_sets(data)[list(LATER_SETS).index(number) + 1]
    return {name: set(ids) for name, ids in chosen.items()}


@functools.cache
def _all_reading_sets(data: Path) -> tuple[dict[str, frozenset[str]], ...]:
    """The round-7 set and every later one, computed once per process."""
    sets = [fresh3_ids(data)]
    for counts, salt in LATER_SETS.values():
        sets.append(_next_set(data, sets, counts, salt))
    return tuple({name: frozenset(ids) for name, ids in chosen.items()} for chosen in sets)


def _next_set(data: Path, earlier: list[dict[str, set[str]]], counts: dict[str, int],
              salt: str) -> dict[str, set[str]]:
    """A reading set outside ``earlier``, the rounds-5/6 sets and everything read in rounds 3-7."""
    read = (frozenset(clusters_ids(data)["clusters"] | clusters2_ids(data)["clusters"]) | READ_IN_ROUND6
            | READ_IN_ROUND7.get("clusters", frozenset()) | frozenset().union(*(e["clusters"] for e in earlier)))
    rows = [row for row in _cluster_rows(data) if row["id"] not in read and (row.get("text") or "").strip()]
    basil = [row for row in rows if row["dataset"] == "BASIL" and row.get("title")]
    ecb = [row for row in rows if row["dataset"] != "BASIL"]
    ids = {"clusters": set(_one_per_event(basil, salt)[:counts.get("basil", 0)])
           | set(_one_per_event(ecb, salt)[:counts.get("ecb", 0)])}
    excluded = _union(held_out_ids(data), fresh_ids(data), fresh2_ids(data), READ_IN_ROUND3, READ_IN_ROUND4,
                      READ_IN_ROUND5, *earlier, {d: set(v) for d, v in READ_IN_ROUND7.items()})
    ids.update(_smallest_keys({d: n for d, n in counts.items() if d not in ("basil", "ecb")}, salt, data, excluded))
    return ids
