"""The issue's HTML as the preview frame shows it: dark mode forced, links opening outside.

Email clients that support dark mode apply the email's own
``@media (prefers-color-scheme: dark)`` rules. A page cannot switch that
media feature for one frame, so the framed copy has those rules rewritten to
always (dark) or never (light) apply. The file in out/ is never changed.
"""

from __future__ import annotations

import re

from ..placeholders import UNSUBSCRIBE, UNSUBSCRIBE_ENCODED

_STYLE_BLOCK = re.compile(r"(<style\b[^>]*>)(.*?)(</style\s*>)", re.IGNORECASE | re.DOTALL)
_SCHEME = re.compile(r"\(\s*prefers-color-scheme\s*:\s*(dark|light)\s*\)", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_COLOR_SCHEME_META = re.compile(r"<meta\b[^>]*name=[\"']?(?:supported-)?color-scheme[\"']?[^>]*dark", re.IGNORECASE)
#: The recipient's unsubscribe link is filled at send time; the preview points it nowhere.
_UNSUBSCRIBE = re.compile(rf"href=([\"'])(?:{re.escape(UNSUBSCRIBE)}|{re.escape(UNSUBSCRIBE_ENCODED)})\1")
UNSUBSCRIBE_PREVIEW = "#unsubscribe-preview"
#: Media features that are always true / never true in any frame we show.
_ALWAYS = "(min-width: 0px)"
_NEVER = "(max-width: 0px)"


def has_dark_styles(page: str) -> bool:
    """Whether the email has style rules of its own for dark mode."""
    return any(m.group(1).lower() == "dark"
               for block in _STYLE_BLOCK.finditer(page) for m in _SCHEME.finditer(block.group(2)))


def force_scheme(page: str, scheme: str) -> str:
    """``page`` with its ``prefers-color-scheme`` media rules fixed to ``scheme`` (light or dark)."""
    def feature(match: re.Match[str]) -> str:
        return _ALWAYS if match.group(1).lower() == scheme else _NEVER

    def block(match: re.Match[str]) -> str:
        return match.group(1) + _SCHEME.sub(feature, match.group(2)) + match.group(3)

    return _STYLE_BLOCK.sub(block, page)


def framed(page: str, base: str, scheme: str = "light") -> str:
    """The email as the preview frame shows it.

    ``base`` is the URL of the issue's folder (relative images keep working);
    links open in a new tab; the unsubscribe placeholder points nowhere.
    With ``scheme="dark"`` the email's dark-mode rules apply, and an email
    that declares dark support gets the dark default colours too.
    """
    page = _UNSUBSCRIBE.sub(f'href="{UNSUBSCRIBE_PREVIEW}"', page)
    page = force_scheme(page, "dark" if scheme == "dark" else "light")
    head = f'<base href="{base}" target="_blank">'
    if scheme == "dark" and _COLOR_SCHEME_META.search(page):
        head += "<style>:root { color-scheme: only dark; }</style>"
    found = _HEAD.search(page)
    if found:
        return page[:found.end()] + head + page[found.end():]
    return head + page
