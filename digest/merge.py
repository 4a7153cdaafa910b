"""The merge stage: the window's articles -> events, copies of an article left out, same-event reports joined.

Copies (syndicated or re-saved pages) are left out first (digest/copies.py);
then reports of the same event become one event (digest/cluster.py), led by
its best-extracted report.
"""

from __future__ import annotations

from .arrange import is_opinion
from .copies import remove_copies
from .model import Article, Consideration, Event, Merged, Selection
from .progress import Progress, count, quiet


def merge(selection: Selection, progress: Progress = quiet) -> Merged:
    """The events of ``selection``: copies left out, same-event reports joined, each event led by its best report."""
    chosen, copies = remove_copies(selection.chosen)
    considered = selection.considered
    if copies:
        left_out = {id(c.article): c for c in copies}
        considered = tuple(Consideration(c.path, False, f"a copy of {left_out[id(c.article)].kept.path} "
                                         f"({left_out[id(c.article)].why})", c.article)
                           if c.article is not None and id(c.article) in left_out else c for c in considered)
        progress(f"Left out {count(len(copies), 'copy', 'copies')} of articles already in the window")
    groups, centrality, evidence = _group(chosen)
    progress(f"Merged {count(len(chosen), 'article')} into {count(len(groups), 'story', 'stories')}")
    events = []
    for group, why in zip(groups, evidence):
        lead = _lead(chosen, group)
        others = sorted((chosen[i] for i in group if i != lead), key=lambda a: ((a.source or "").lower(), a.path))
        events.append(Event(lead=chosen[lead], others=tuple(others), centrality=centrality[lead], evidence=why))
    return Merged(window=selection.window, events=tuple(events), considered=considered)


def _group(articles: list[Article]) -> tuple[list[list[int]], list[float], list[dict | None]]:
    if len(articles) < 2:
        return [[i] for i in range(len(articles))], [0.0] * len(articles), [None] * len(articles)
    from .cluster import Document, merge_same_event  # numpy/scikit-learn only when needed

    merged = merge_same_event([Document(a.title, a.body, a.date, is_opinion(a)) for a in articles])
    return merged.groups, merged.centrality, merged.evidence


def _lead(articles: list[Article], group: list[int]) -> int:
    """The best-extracted report of a group: a report before an opinion piece, then fewest warnings, dated,
    with a source, longest body."""
    return min(group, key=lambda i: (is_opinion(articles[i]), len(articles[i].warnings), articles[i].date is None,
                                     articles[i].source is None, -articles[i].word_count, articles[i].path))
