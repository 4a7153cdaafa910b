"""Checks on a built issue: what would go wrong in a reader's inbox.

Used by the build (it warns) and by the preview's checks panel.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .model import Issue
from .placeholders import UNSUBSCRIBE, defuse_text, is_unsubscribe
from .urls import safe_url

#: Gmail clips an HTML part larger than about 102 KB.
GMAIL_CLIP_BYTES = 102 * 1024


@dataclass(frozen=True)
class Check:
    """One check's outcome: ``ok`` False means a problem, told in ``detail``."""

    name: str
    ok: bool
    detail: str


@dataclass
class _Link:
    href: str
    text: str = ""


class _HtmlFacts(HTMLParser):
    """The links (with their text) and images (with their alt) of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[_Link] = []
        self.images_without_alt: list[str] = []
        #: The visible text, piece by piece.
        self.text: list[str] = []
        self._open: list[_Link] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href") is not None:
            link = _Link(values["href"] or "")
            self.links.append(link)
            self._open.append(link)
        elif tag == "img":
            if values.get("alt") is None:
                self.images_without_alt.append(values.get("src") or "")
            for link in self._open:
                link.text += values.get("alt") or ""
        elif tag in ("style", "script", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            self._open.pop()
        elif tag in ("style", "script", "title") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)
            for link in self._open:
                link.text += data


@functools.lru_cache(maxsize=8)
def html_facts(html: str) -> _HtmlFacts:
    """The links and images of ``html``; parsed once however many checks ask (read-only)."""
    facts = _HtmlFacts()
    facts.feed(html)
    facts.close()
    return facts


def check_size(html: str) -> Check:
    size = len(html.encode("utf-8"))
    ok = size <= GMAIL_CLIP_BYTES
    detail = f"{size / 1024:.1f} KB of HTML; Gmail clips above {GMAIL_CLIP_BYTES // 1024} KB"
    return Check("size", ok, detail)


def check_links(html: str) -> Check:
    problems = []
    for link in html_facts(html).links:
        if is_unsubscribe(link.href):
            continue  # filled per recipient at send time
        if safe_url(link.href) is None:
            problems.append(f"unsafe or empty link target {link.href!r}")
        elif not link.text.strip():
            problems.append(f"link without text to {link.href}")
    return Check("links", not problems, "; ".join(problems) or "every link is http(s) or mailto and has text")


def check_images(html: str) -> Check:
    missing = html_facts(html).images_without_alt
    detail = f"{len(missing)} image(s) without alt text: {', '.join(missing[:5])}" if missing else "every image has alt text"
    return Check("images", not missing, detail)


def check_parity(html: str, text: str) -> Check:
    """Every link of the HTML part appears in the text part (the unsubscribe placeholder aside)."""
    normalized = _words(text)
    missing = [
        link.href for link in html_facts(html).links
        if safe_url(link.href) and link.href not in normalized and defuse_text(link.href) not in normalized
    ]
    detail = (f"{len(missing)} link(s) of the HTML missing from the text: {', '.join(missing[:5])}" if missing
              else "every HTML link is in the text part")
    return Check("parity", not missing, detail)


def _words(text: str) -> str:
    return " ".join(text.split())


def missing_stories(issue: Issue, text: str) -> list[str]:
    """Headlines of the issue's shown stories that the text part lacks."""
    words = _words(text)
    return [story.article.title for story in issue.shown
            if _words(story.article.title) not in words and _words(defuse_text(story.article.title)) not in words]


def parity_problem(issue: Issue, html: str, text: str) -> str | None:
    """What the text part lacks of the HTML part (a story or a link), or None."""
    stories = missing_stories(issue, text)
    if stories:
        return f"the plain-text part lacks the story {stories[0]!r} that the HTML part has"
    words = _words(text)
    for link in html_facts(html).links:
        if link.href == UNSUBSCRIBE:
            if UNSUBSCRIBE not in text:
                return f"the plain-text part lacks the unsubscribe link {UNSUBSCRIBE}"
        elif safe_url(link.href) and link.href not in words and defuse_text(link.href) not in words:
            return f"the plain-text part lacks the link {link.href} that the HTML part has"
    return None


def intro_missing(probe: str, html: str, text: str) -> list[str]:
    """The parts ("HTML", "plain-text") lacking the editor's intro, found by its first words ``probe``."""
    if not probe:
        return []
    want = re.findall(r"\w+", probe)

    def has(found: str) -> bool:
        return " ".join(want) in " ".join(re.findall(r"\w+", found))

    missing = []
    if not has(" ".join(html_facts(html).text)):
        missing.append("HTML")
    if not has(re.sub(r" \[\d+\]", "", text)):
        missing.append("plain-text")
    return missing


def check_issue(html: str, text: str) -> list[Check]:
    """All checks on an issue's two parts."""
    return [check_size(html), check_links(html), check_images(html), check_parity(html, text)]
