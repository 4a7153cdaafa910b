"""Same-event merging: articles that report one event become one story.

Each article is described three ways (no downloaded model): its words, its
names (capitalised words: people, places, organisations, which tell two
similar events apart) and its lead (title and first 80 words, where news says
who did what). Terms are weighted by sublinear TF times a blend of their IDF
over the articles being grouped and their rarity in general English (see
:func:`digest.tfidf.rescale`). The similarity of two articles is the weighted mean of the
three cosines (``Rules.weights``; the names count 1.5 times by default).

Scaling: similarities are computed only for *candidate* pairs, articles that
share one of their most distinctive terms (an inverted index over each
article's top terms, terms common to many articles left out), never for all
pairs. Candidate pairs above a low threshold form connected components (small
windows); inside each component, average-linkage clustering joins articles
only while the *average* similarity between two groups stays above the
threshold, which keeps chains of loosely related articles apart (single link
is what merges two different events).

Two more checks keep similar but different events apart (two earthquakes,
two celebrities entering rehab years apart), applied to every join of the
average-linkage clustering; a refused join is set aside until one of its
groups changes:

- *Contrast*: the two sides of a join must not differ in a term that most
  reports on one side carry and (almost) none on the other. For each term,
  the chance of a split at least that lopsided if the term were spread at
  random over the joined reports is the hypergeometric tail (Fisher's exact
  test); a join is refused when some term's chance is below
  ``CONTRAST_P``. Reports of one event share their names, numbers and
  places; reports of two events each repeat their own. The test needs
  several reports on both sides (a single report can never be that
  lopsided), so it only stops the large wrong merges.
- *Dates*: when both sides carry publication dates, their date ranges must
  come within ``MAX_DATE_GAP`` days of each other.

Event evidence, not topic words: a join needs an average similarity of
``Rules.alone``, or only ``Rules.merge`` when the two sides' *names and
figures* (people, places, organisations, numbers) agree on average
(``Rules.names``): two articles about tariffs or the Browns share topic
words, two reports of one event share who, where and how many. Opinion,
explainer and round-up pieces (``Document.opinion``) join only above the
stronger ``Rules.strong`` similarity. The thresholds are chosen by
cross-validation across the same-event sets (``bench/cluster.py``), never
by tuning on one; see docs/assembling.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np
from scipy.sparse import csr_matrix, triu
from scipy.sparse.csgraph import connected_components
from scipy.stats import hypergeom
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from . import tfidf

#: Average similarity two groups need to be merged into one story, when their names and figures
#: agree (``NAMES_FLOOR``); otherwise ``ALONE_THRESHOLD``. Chosen by cross-validation (bench/cluster.py).
MERGE_THRESHOLD = 0.15
#: A join is refused when a term splits its two sides this improbably (Fisher's exact test).
CONTRAST_P = 1e-3
#: Reports dated further apart than this (days) are of different events.
MAX_DATE_GAP = 7
#: Pairs below this are not even linked into a component.
LINK_THRESHOLD = 0.1
#: Distinctive terms per article used to find candidate pairs.
CANDIDATE_TERMS = 12
#: A component larger than this is cut at a higher link threshold first.
MAX_COMPONENT = 400
#: Words of the lead: the title and the start of the body.
LEAD_WORDS = 80
#: Average cosine of the names and numbers two groups need (event evidence, not topic words).
NAMES_FLOOR = 0.3
#: Average similarity two groups need when their names and figures agree less than ``NAMES_FLOOR``.
ALONE_THRESHOLD = 0.28
#: Average similarity an opinion, explainer or round-up piece needs to join a story.
STRONG_THRESHOLD = 0.35
#: Weights of the words', the names and figures' and the lead's cosines in the similarity.
WEIGHTS = (1.0, 1.5, 1.0)

_NAME = re.compile(r"\b[A-Z][\w’'-]*[A-Za-z]")
#: Figures that tell events apart: "4.4", "112-107", "$9", "2019" (not a lone digit).
_NUMBER = re.compile(r"(?<![\w.])\d[\d,.:/-]*\d(?![\w])")
_POSSESSIVE = re.compile(r"['’]s$")
#: Capitalised words that name no one and nowhere: days, months and titles say nothing of which event.
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december mr mrs ms dr".split())


@dataclass(frozen=True)
class Rules:
    """The merger's thresholds (defaults: chosen by cross-validation, see bench/cluster.py)."""

    merge: float = MERGE_THRESHOLD
    names: float = NAMES_FLOOR
    strong: float = STRONG_THRESHOLD
    #: Below ``names`` (names and figures agreeing less), a join needs this similarity instead of ``merge``.
    alone: float = ALONE_THRESHOLD
    contrast_p: float = CONTRAST_P
    #: None: dates are not compared.
    max_date_gap: int | None = MAX_DATE_GAP
    #: How much the words, the names and figures, and the lead count in the similarity (a weighted mean).
    weights: tuple[float, float, float] = WEIGHTS


@dataclass(frozen=True)
class Document:
    """The text of one article as the merger sees it.

    ``opinion`` marks a piece that argues or explains rather than reports
    (an editorial, a column, a guide, a round-up): it joins a story only on
    strong evidence.
    """

    title: str
    body: str
    date: dt.date | None = None
    opinion: bool = False

    @property
    def text(self) -> str:
        return f"{self.title}\n\n{self.body}"

    @property
    def lead(self) -> str:
        return " ".join(self.text.split()[:LEAD_WORDS])

    @property
    def names(self) -> str:
        """Names (capitalised words) and figures: who, where and how many."""
        names = [name for name in (_POSSESSIVE.sub("", word.lower()) for word in _NAME.findall(self.text))
                 if name not in ENGLISH_STOP_WORDS and name not in _NOT_NAMES]
        return " ".join([*names, *(n.strip(".,") for n in _NUMBER.findall(self.text))])


def _vectors(docs: Sequence[Document]) -> tuple[csr_matrix, csr_matrix, csr_matrix]:
    """Row-normalised TF-IDF matrices of the words, the names and the leads."""
    return _vectors_and_terms(docs)[0]


def _vectors_and_terms(docs: Sequence[Document]
                       ) -> tuple[tuple[csr_matrix, csr_matrix, csr_matrix], np.ndarray, np.ndarray]:
    """:func:`_vectors`, and the terms of the words' and the names' columns (for the evidence record)."""
    words = tfidf.vectorizer(stop_words="english")
    text_matrix = words.fit_transform([d.text for d in docs])
    lead_matrix = words.transform([d.lead for d in docs])
    names = tfidf.vectorizer(token_pattern=r"\S+", lowercase=False)
    name_matrix = names.fit_transform([d.names or "_" for d in docs])
    word_scale, name_scale = tfidf.rescale(words), tfidf.rescale(names)
    matrices = (tfidf.normalised(text_matrix, word_scale), tfidf.normalised(name_matrix, name_scale),
                tfidf.normalised(lead_matrix, word_scale))
    return matrices, words.get_feature_names_out(), names.get_feature_names_out()


def _candidate_pairs(matrix: csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of articles sharing at least one of their most distinctive terms."""
    n = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    # A term in more than this many articles says nothing about one event.
    common = max(20, int(0.05 * n))
    rows, cols = [], []
    for i in range(n):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        terms, weights = matrix.indices[start:end], matrix.data[start:end]
        keep = df[terms] <= common
        terms, weights = terms[keep], weights[keep]
        if len(terms) > CANDIDATE_TERMS:
            top = np.argpartition(-weights, CANDIDATE_TERMS)[:CANDIDATE_TERMS]
            terms = terms[top]
        rows.extend([i] * len(terms))
        cols.extend(terms.tolist())
    index = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=matrix.shape)
    shared = triu(index @ index.T, k=1).tocoo()
    return shared.row, shared.col


#: Candidate pairs compared at once (bounds the memory of the row copies).
PAIR_BATCH = 4096


def _pair_cosines(matrices: Sequence[csr_matrix], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Per matrix (rows), the cosine of each pair (left[k], right[k]), a batch of pairs at a time."""
    cosines = np.zeros((len(matrices), len(left)), dtype=np.float64)
    for start in range(0, len(left), PAIR_BATCH):
        batch = slice(start, start + PAIR_BATCH)
        for m, matrix in enumerate(matrices):
            products = matrix[left[batch]].multiply(matrix[right[batch]])
            cosines[m, batch] = np.asarray(products.sum(axis=1)).ravel()
    return cosines


def _pair_similarity(matrices: Sequence[csr_matrix], left: np.ndarray, right: np.ndarray,
                     weights: Sequence[float] = WEIGHTS) -> np.ndarray:
    """The weighted mean cosine of each pair (left[k], right[k])."""
    return _weighted(_pair_cosines(matrices, left, right), weights)


def _weighted(cosines: np.ndarray, weights: Sequence[float]) -> np.ndarray:
    w = np.asarray(weights, dtype=np.float64)
    return np.tensordot(w / w.sum(), cosines, axes=1)


def _group_similarity(matrices: Sequence[csr_matrix], members: np.ndarray,
                      weights: Sequence[float] = WEIGHTS) -> np.ndarray:
    total = np.zeros((len(members), len(members)))
    for matrix, weight in zip(matrices, weights):
        rows = matrix[members]
        total += weight * (rows @ rows.T).toarray()
    return total / sum(weights)


def group_same_event(docs: Sequence[Document], threshold: float | None = None,
                     rules: Rules | None = None) -> list[list[int]]:
    """Group the indexes of ``docs`` into same-event groups.

    Groups are lists of indexes in increasing order; the list of groups is
    ordered by each group's first index, so the result does not depend on
    anything but the input order.
    """
    return merge_same_event(docs, threshold, rules).groups


@dataclass(frozen=True)
class Merged:
    """The merger's result: the groups, each document's centrality, and why each group was merged."""

    groups: list[list[int]]
    centrality: list[float]
    #: One record per group (None for a single article): see :func:`evidence_of`.
    evidence: list[dict | None]


def merge_same_event(docs: Sequence[Document], threshold: float | None = None,
                     rules: Rules | None = None) -> Merged:
    """The same-event groups (as :func:`group_same_event`), each document's centrality and the evidence.

    Centrality is the cosine between a document's words and the mean of all
    documents' words: how close it is to what the whole window is about.
    """
    rules = rules or Rules()
    if threshold is not None:
        rules = replace(rules, merge=threshold, strong=max(rules.strong, threshold))
    n = len(docs)
    if n < 2:
        return Merged([[i] for i in range(n)], [0.0] * n, [None] * n)
    window = Window(docs)
    groups = window.groups(rules)
    records = [evidence_of(docs, window.matrices, window.word_terms, window.name_terms, g, rules.weights)
               if len(g) > 1
               else None for g in groups]
    return Merged(groups, window.centrality, records)


class Window:
    """The articles of one window described for merging: vectors, candidate pairs and their similarities.

    Computed once; :meth:`groups` then applies any :class:`Rules` (the
    benchmark's cross-validation groups one window under many settings).
    """

    def __init__(self, docs: Sequence[Document]) -> None:
        self.matrices, self.word_terms, self.name_terms = _vectors_and_terms(docs)
        mean = np.asarray(self.matrices[0].mean(axis=0)).ravel()
        norm = float(np.linalg.norm(mean)) or 1.0
        self.centrality = [float(x) for x in (self.matrices[0] @ (mean / norm))]
        self.left, self.right = _candidate_pairs(self.matrices[0])
        self.cosines = _pair_cosines(self.matrices, self.left, self.right)
        self.evidence = _Evidence(self.matrices[0], [d.date for d in docs], [d.opinion for d in docs])
        self.size = len(docs)

    def groups(self, rules: Rules) -> list[list[int]]:
        """The same-event groups under ``rules``, each sorted, ordered by their first index."""
        groups: list[list[int]] = []
        _components(self.matrices, self.evidence, self.left, self.right, _weighted(self.cosines, rules.weights),
                    np.arange(self.size), LINK_THRESHOLD, rules, groups)
        return sorted(sorted(g) for g in groups)


#: Shared names, figures and words listed in a group's evidence record.
EVIDENCE_TERMS = 8


def evidence_of(docs: Sequence[Document], matrices: Sequence[csr_matrix], word_terms: np.ndarray,
                name_terms: np.ndarray, group: list[int], weights: Sequence[float] = WEIGHTS) -> dict:
    """Why a group was merged, for the editor: how similar its reports are and what they share.

    ``similarity``: the average similarity of its pairs (the merge threshold
    applies to it); ``names``: the average cosine of their names and figures;
    ``shared_names`` / ``shared_figures`` / ``shared_words``: the most
    distinctive ones that most of the reports carry; ``dates``: first and
    last publication date.
    """
    members = np.array(group)
    size = len(group)
    pairs = size * (size - 1)
    total = _group_similarity(matrices, members, weights)
    names = (matrices[1][members] @ matrices[1][members].T).toarray()
    np.fill_diagonal(total, 0.0)
    np.fill_diagonal(names, 0.0)
    dates = sorted(d.date for d in (docs[i] for i in group) if d.date)
    shared_names = _shared(matrices[1], name_terms, members)
    return {
        "similarity": round(float(total.sum() / pairs), 3),
        "names": round(float(names.sum() / pairs), 3),
        "shared_names": [t for t in shared_names if not _NUMBER.fullmatch(t)],
        "shared_figures": [t for t in shared_names if _NUMBER.fullmatch(t)],
        "shared_words": _shared(matrices[0], word_terms, members),
        "dates": [dates[0].isoformat(), dates[-1].isoformat()] if dates else None,
        "opinion_pieces": sum(1 for i in group if docs[i].opinion),
    }


def _shared(matrix: csr_matrix, terms: np.ndarray, members: np.ndarray) -> list[str]:
    """The terms most of ``members`` carry (at least two), the most distinctive first."""
    rows = matrix[members]
    carried = np.asarray((rows > 0).sum(axis=0)).ravel()
    weight = np.asarray(rows.sum(axis=0)).ravel()
    need = max(2, (len(members) + 1) // 2)
    found = np.flatnonzero(carried >= need)
    best = found[np.argsort(-weight[found], kind="stable")][:EVIDENCE_TERMS]
    return [str(terms[k]) for k in best]


class _Evidence:
    """What tells two groups of reports apart: which terms each report carries, its date, its kind."""

    def __init__(self, words: csr_matrix, dates: Sequence[dt.date | None],
                 opinion: Sequence[bool] | None = None) -> None:
        self.terms = csr_matrix((np.ones(len(words.indices), dtype=np.int32), words.indices, words.indptr),
                                shape=words.shape)
        self.days = np.array([d.toordinal() if d else -1 for d in dates], dtype=np.int64)
        self.opinion = np.array(opinion if opinion is not None else [False] * len(dates), dtype=bool)

    def counts(self, members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For the terms any of ``members`` carries: term ids, and how many members carry each."""
        rows = self.terms[members]
        terms, counts = np.unique(rows.indices, return_counts=True)
        return terms, counts

    def span(self, members: np.ndarray) -> tuple[int, int] | None:
        days = self.days[members]
        days = days[days >= 0]
        return (int(days.min()), int(days.max())) if len(days) else None


def _components(matrices: Sequence[csr_matrix], evidence: _Evidence, left: np.ndarray, right: np.ndarray,
                similarity: np.ndarray, members: np.ndarray, link: float, rules: Rules,
                groups: list[list[int]]) -> None:
    """Split ``members`` into linked components and cluster each (recursing on big ones)."""
    position = np.full(len(evidence.days), -1, dtype=np.int64)
    position[members] = np.arange(len(members))
    keep = (similarity >= link) & (position[left] >= 0) & (position[right] >= 0)
    a, b = position[left[keep]], position[right[keep]]
    graph = csr_matrix((np.ones(len(a)), (a, b)), shape=(len(members), len(members)))
    count, labels = connected_components(graph, directed=False)
    for label in range(count):
        part = members[labels == label]
        if len(part) == 1:
            groups.append([int(part[0])])
        elif len(part) > MAX_COMPONENT and link < rules.merge:
            _components(matrices, evidence, left, right, similarity, part, min(rules.merge, link + 0.05),
                        rules, groups)
        else:
            groups.extend(_average_linkage(matrices, evidence, part, rules))


def _average_linkage(matrices: Sequence[csr_matrix], evidence: _Evidence, part: np.ndarray,
                     rules: Rules) -> list[list[int]]:
    """Average-linkage clustering of ``part`` in which every join must pass :func:`_may_join`.

    Repeatedly joins the two groups with the highest average similarity, down
    to ``rules.merge`` (UPGMA, kept as sums of similarities between groups),
    when their names and figures agree on average (``rules.names``) and, for
    a group holding an opinion piece, above ``rules.strong``. A join that the
    dates or a contrasting term refuse is set aside until one of its two
    groups changes, so a refused pair never blocks the joins around it (two
    copies of one report dated weeks apart still each join their own week's
    reports).
    """
    n = len(part)
    between = _group_similarity(matrices, part, rules.weights).astype(np.float64)
    rows = matrices[1][part]
    names = (rows @ rows.T).toarray().astype(np.float64)
    for matrix in (between, names):
        np.fill_diagonal(matrix, 0.0)
        matrix += matrix.T
        matrix /= 2
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    opinion = evidence.opinion[part].copy()
    refused = np.eye(n, dtype=bool)
    members: list[list[int]] = [[k] for k in range(n)]
    while True:
        pairs = np.outer(size, size)
        average = between / pairs
        needed = np.where(names / pairs >= rules.names, rules.merge, max(rules.alone, rules.merge))
        needed = np.where(opinion[:, None] | opinion[None, :], np.maximum(needed, rules.strong), needed)
        open_pairs = alive[:, None] & alive[None, :] & ~refused & (average >= needed)
        if not open_pairs.any():
            break
        best = int(np.argmax(np.where(open_pairs, average, -np.inf)))
        i, j = sorted(divmod(best, n))
        if not _may_join(evidence, part[members[i]], part[members[j]], rules):
            refused[i, j] = refused[j, i] = True
            continue
        for matrix in (between, names):
            matrix[i, :] += matrix[j, :]
            matrix[:, i] += matrix[:, j]
            matrix[i, i] = 0.0
            matrix[j, :] = 0.0
            matrix[:, j] = 0.0
        size[i] += size[j]
        opinion[i] |= opinion[j]
        alive[j] = False
        members[i] += members[j]
        members[j] = []
        refused[i, :] = refused[:, i] = False
        refused[i, i] = True
    return [sorted(int(part[k]) for k in group) for group in members if group]


def _may_join(evidence: _Evidence, left: np.ndarray, right: np.ndarray, rules: Rules | None = None) -> bool:
    """False when dates or a contrasting term show that two groups report different events."""
    rules = rules or Rules()
    spans = evidence.span(left), evidence.span(right)
    if rules.max_date_gap is not None and spans[0] and spans[1] \
            and max(spans[0][0], spans[1][0]) - min(spans[0][1], spans[1][1]) > rules.max_date_gap:
        return False
    return min(len(left), len(right)) < 2 or contrast(evidence, left, right) >= rules.contrast_p


def contrast(evidence: _Evidence, left: np.ndarray, right: np.ndarray) -> float:
    """The smallest chance, over terms, of a split between ``left`` and ``right`` as lopsided as seen.

    For a term carried by k of the joined reports, k_left of them on the left:
    the probability that k reports drawn at random from the joined ones put
    at least k_left on the left (and the same for the right).
    """
    terms_left, count_left = evidence.counts(left)
    terms_right, count_right = evidence.counts(right)
    terms = np.union1d(terms_left, terms_right)
    on_left = np.zeros(len(terms), dtype=np.int64)
    on_right = np.zeros(len(terms), dtype=np.int64)
    on_left[np.searchsorted(terms, terms_left)] = count_left
    on_right[np.searchsorted(terms, terms_right)] = count_right
    carried = on_left + on_right
    shared = carried >= 2
    if not shared.any():
        return 1.0
    total = len(left) + len(right)
    p_left = hypergeom.sf(on_left[shared] - 1, total, carried[shared], len(left))
    p_right = hypergeom.sf(on_right[shared] - 1, total, carried[shared], len(right))
    return float(min(p_left.min(), p_right.min()))
