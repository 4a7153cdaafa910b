"""Scraped plain-text pages: every visible line of a news page, one block a line.

The layout this reader expects is the common one: the headline, a standfirst,
maybe an image caption, the date, the body (with subheads), then the page's
clutter: related-story teasers with their own dates, headline lists, "Follow"
lines, a copyright line and cookie text.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Article
from .base import BaseReader
from .dates import find_date, is_dateline

_CLUTTER = re.compile(
    r"^(follow\b|share\b|sign up\b|subscribe\b|©|\(c\)\s*\d{4}|copyright\b|all rights reserved"
    r"|you rely on\b|read more\b|related\b|advertisement\b)"
    r"|\bcookies?\b.*\b(consent|polic|preferences|browser)",
    re.IGNORECASE,
)
_CORPORATE_SUFFIX = re.compile(
    r"\s+(media network|media group|news network|ltd\.?|limited|inc\.?|llc|plc|corporation"
    r"|all rights reserved\.?|english)\s*$",
    re.IGNORECASE,
)
_CAPTION_CREDIT = re.compile(r"\[[^\]]{3,}\]\s*$|\b(photo|image|picture|credit)s?\s*:", re.IGNORECASE)
#: How far below the headline the date line may stand.
_HEADER_LINES = 6


def _ends_sentence(line: str) -> bool:
    return line.rstrip().endswith((".", "!", "?", "\u201d", '"', "\u2019", "'", ":", ")"))


class PlainTextReader(BaseReader):
    file_extensions = (".txt",)

    def parse(self, text: str, path: Path) -> list[Article]:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        title = lines[0]
        warnings: list[str] = []

        date = None
        body_start = 1
        standfirst = None
        for index in range(1, min(len(lines), _HEADER_LINES + 1)):
            if is_dateline(lines[index]):
                date = find_date(lines[index])
                body_start = index + 1
                header = [line for line in lines[1:index] if not _CAPTION_CREDIT.search(line)]
                standfirst = header[0] if header else None
                break
        if date is None:
            warnings.append("no date found")

        body_lines = lines[body_start:]
        body_lines = body_lines[: _body_end(body_lines)]
        if not body_lines:
            warnings.append("no body text found")
        body = "\n\n".join(body_lines)
        if len(body.split()) < 80:
            warnings.append("very short body")
        return [Article(
            path=str(path),
            title=title,
            body=body,
            date=date,
            source=_source(lines),
            standfirst=standfirst,
            warnings=tuple(warnings),
        )]


def _body_end(lines: list[str]) -> int:
    """Index of the first line after the body: the start of the page's clutter."""
    end = len(lines)
    for index, line in enumerate(lines):
        if _CLUTTER.search(line):
            end = index
            break
        if is_dateline(line):
            # A related-story teaser: headline, optional standfirst, date.
            start = index
            for back in (1, 2):
                if index - back >= 0 and len(lines[index - back]) < 250:
                    start = index - back
            end = start
            break
    # Trailing short lines without sentence punctuation: a headline list.
    while end > 0 and len(lines[end - 1]) < 120 and not _ends_sentence(lines[end - 1]):
        end -= 1
    return end


def _source(lines: list[str]) -> str | None:
    """The publisher's name from a copyright or "Follow" line, without corporate suffixes."""
    for line in reversed(lines):
        match = re.match(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(.+)$", line, re.IGNORECASE)
        if match is None:
            match = re.match(r"^follow\s+(?:us\s+on\s+)?(.+?):?$", line, re.IGNORECASE)
        if match:
            name = match.group(1).strip(" .:")
            while True:
                shorter = _CORPORATE_SUFFIX.sub("", name)
                if shorter == name:
                    break
                name = shorter
            if 2 <= len(name) <= 60:
                return name
    return None
