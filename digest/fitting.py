"""The size budget: keep the top stories whose HTML fits, leave the rest out with the reason.

Gmail clips an HTML part larger than about 102 KB, hiding the rest of the
issue and the footer with its unsubscribe link. When an issue would be larger
than the budget, the stories at the end (the least important: the issue is in
order) are marked ``omitted``; the templates list them by headline with a
link to the web version, and the manifest names them.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from .config import Settings
from .model import Issue, Omission, RenderedIssue

#: The start of ``Story.omitted`` for stories left out to fit the size budget.
SIZE_OMITTED = str(Omission.SIZE_BUDGET)

#: Renders an issue into its (HTML, text) parts.
Renderer = Callable[[Issue], tuple[str, str]]


def html_bytes(html: str) -> int:
    return len(html.encode("utf-8"))


def keep_first(issue: Issue, count: int, budget_kb: int) -> Issue:
    """``issue`` with only its first ``count`` shown stories still shown."""
    reason = f"{SIZE_OMITTED}: the email's HTML would be larger than {budget_kb} KB"
    kept = 0
    stories = []
    for story in issue.stories:
        if story.omitted is None:
            kept += 1
            if kept > count:
                story = story.left_out(Omission.SIZE_BUDGET, reason)
        stories.append(story)
    return dataclasses.replace(issue, stories=tuple(stories))


def fit_issue(issue: Issue, settings: Settings, render: Renderer) -> RenderedIssue:
    """A new issue with as many of its top stories shown as fit in ``settings.html_budget_kb``, and its parts.

    Keeps at least one story; if even that is too large, the issue is kept as
    it is and a warning says so.
    """
    budget = settings.html_budget_kb * 1024
    html, text = render(issue)
    shown = len(issue.shown)
    if html_bytes(html) <= budget or shown <= 1:
        return _warn_if_over(issue, html, text, budget)
    # Binary search for the largest count that fits (the size grows with it).
    low, high = 1, shown - 1
    best: RenderedIssue | None = None
    while low <= high:
        middle = (low + high) // 2
        candidate = keep_first(issue, middle, settings.html_budget_kb)
        parts = render(candidate)
        if html_bytes(parts[0]) <= budget:
            best = RenderedIssue(candidate, *parts)
            low = middle + 1
        else:
            high = middle - 1
    if best is None:
        candidate = keep_first(issue, 1, settings.html_budget_kb)
        return _warn_if_over(candidate, *render(candidate), budget)
    fitted, html, text = best.issue, best.html, best.text
    left_out = shown - len(fitted.shown)
    warning = (f"the email's HTML would be larger than {settings.html_budget_kb} KB with all {shown} stories: "
               f"kept the first {len(fitted.shown)}, left out {left_out} (listed in issue.json and linked to the "
               f"web version)")
    return RenderedIssue(dataclasses.replace(fitted, warnings=fitted.warnings + (warning,)), html, text)


def _warn_if_over(issue: Issue, html: str, text: str, budget: int) -> RenderedIssue:
    size = html_bytes(html)
    if size <= budget:
        return RenderedIssue(issue, html, text)
    warning = f"the email's HTML is {size / 1024:.1f} KB, over the budget of {budget // 1024} KB"
    return RenderedIssue(dataclasses.replace(issue, warnings=issue.warnings + (warning,)), html, text)
