"""The Jinja environment of the templates, with its filters: the user's folder first, then the shipped one.

A user template can extend a shipped one as ``"default/issue.mjml.j2"``.
Untrusted text never forms a placeholder the send step would fill: braces
are defused as the templates print it (see digest.placeholders).
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from .errors import TemplateError
from .placeholders import UNSUBSCRIBE, defuse_html, defuse_text
from .urls import safe_url

#: Width of the plain-text part (RFC 5322: lines SHOULD be at most 78 characters).
TEXT_WIDTH = 78


def shipped_templates() -> Path:
    """The folder of the templates that ship inside the package."""
    return Path(str(importlib.resources.files("digest.templates")))


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "", first: str | None = None) -> str:
    """Wrap text for the plain-text part: lines of at most ``width`` characters.

    A single word longer than the line (a long link) is kept whole on a line
    of its own, so it stays usable. Braces are defused (see digest.placeholders):
    wrapped text is article text.
    """
    return textwrap.fill(
        " ".join(defuse_text(str(text)).split()),  # defused first, so the width counts the joiners
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


class References:
    """The plain-text part's links: numbered in order of first use, listed at the end."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}

    def __call__(self, url: str | None) -> str:
        """`` [n]`` for a safe link (the same number for the same link), else ``""``."""
        url = url if url == UNSUBSCRIBE else safe_url(url)
        if url is None:
            return ""
        number = self._numbers.setdefault(url, len(self._numbers) + 1)
        return f" [{number}]"

    def listing(self, width: int = TEXT_WIDTH) -> str:
        """``[n] url`` lines; a link too long for the line goes whole on the next one.

        Markup: only the unsubscribe placeholder stays one; braces in article links are defused here.
        """
        lines = []
        for url, number in self._numbers.items():
            label = f"[{number}]"
            url = url if url == UNSUBSCRIBE else defuse_text(url)
            lines.append(f"{label} {url}" if len(label) + 1 + len(url) <= width else f"{label}\n{url}")
        return Markup("\n".join(lines))


def _escape_html(value: Any) -> Any:
    """Jinja ``finalize`` for the MJML template: braces of untrusted text become entities.

    They show the same in a mail client, but can never be taken for a
    placeholder (``{{ unsubscribe_url }}``) that the send step fills in.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(defuse_html(str(escape(value))))
    return value


def _defuse_text(value: Any) -> Any:
    """Jinja ``finalize`` for the plain-text template: untrusted text never forms a placeholder.

    Only the template's own ``{{ unsubscribe_url }}`` (a Markup value) stays a placeholder.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return defuse_text(value)
    return value


def outlet(article: Any) -> str:
    """The name to credit an article to: its source, else its link's host (``www.`` dropped)."""
    if getattr(article, "source", None):
        return str(article.source)
    url = safe_url(getattr(article, "url", None))
    host = urlsplit(url).hostname if url and not url.startswith("mailto:") else None
    return host.removeprefix("www.") if host else ""


def day_text(day: dt.date | None) -> str:
    """``7 Dec 2021``."""
    return f"{day.day} {day:%b %Y}" if day else ""


def environment(user_templates: Path | None, autoescape: bool) -> jinja2.Environment:
    """A Jinja environment: the user's folder, then the shipped templates."""
    shipped = jinja2.FileSystemLoader(str(shipped_templates()))
    loaders: list[jinja2.BaseLoader] = []
    if user_templates is not None:
        if not user_templates.is_dir():
            raise TemplateError(f"templates folder {user_templates} does not exist")
        loaders.append(jinja2.FileSystemLoader(str(user_templates)))
    loaders += [jinja2.PrefixLoader({"default": shipped}), shipped]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_escape_html if autoescape else _defuse_text,
    )
    env.filters["safe_url"] = safe_url
    env.filters["wrap"] = wrap
    env.filters["day_text"] = day_text
    env.filters["outlet"] = outlet
    env.tests["credited"] = lambda article: bool(outlet(article))
    return env
