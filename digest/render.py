"""Issue -> the email's HTML (Jinja -> MJML -> HTML) and its plain-text part.

Templates are looked up in the user's folder first, then in the shipped ones;
a user template can extend a shipped one as ``"default/issue.mjml.j2"``.
"""

from __future__ import annotations

import importlib.resources
import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mjml import mjml2html

from .config import Settings
from .errors import TemplateError
from .model import Issue

HTML_TEMPLATE = "issue.mjml.j2"
TEXT_TEMPLATE = "issue.txt.j2"
#: Schemes a link in the email may use; anything else is dropped.
SAFE_SCHEMES = ("http", "https", "mailto")


def shipped_templates() -> Path:
    """The folder of the templates that ship inside the package."""
    return Path(str(importlib.resources.files("digest.templates")))


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http, https or mailto link, else None."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return None
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return None
    return url


def wrap(text: str, width: int = 78, indent: str = "", first: str | None = None) -> str:
    """Wrap text for the plain-text part: lines of at most ``width`` characters."""
    return textwrap.fill(
        " ".join(text.split()),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    )


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
    )
    env.filters["safe_url"] = safe_url
    env.filters["wrap"] = wrap
    return env


def issue_context(issue: Issue, settings: Settings) -> dict[str, Any]:
    """What the templates see."""
    return {
        "issue": issue,
        "stories": issue.shown,
        "settings": settings,
        "newsletter_name": settings.newsletter_name,
        "date": issue.date,
        "date_text": f"{issue.date:%A} {issue.date.day} {issue.date:%B %Y}",
        "web_url": safe_url(settings.web_url),
        "unsubscribe_url": "{{ unsubscribe_url }}",
    }


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template {exc.filename or exc.name}, line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name} not found") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template {name}: {exc.message}") from None


def render_html(issue: Issue, settings: Settings) -> str:
    """The issue as email HTML."""
    mjml_source = _render(environment(settings.templates, autoescape=True), HTML_TEMPLATE, issue_context(issue, settings))
    try:
        return mjml2html(mjml_source, disable_comments=True, fonts={})
    except ValueError as exc:
        raise TemplateError(f"template {HTML_TEMPLATE}: the MJML it produced is broken: {exc}") from None


def render_text(issue: Issue, settings: Settings) -> str:
    """The issue as the email's plain-text part."""
    return _render(environment(settings.templates, autoescape=False), TEXT_TEMPLATE, issue_context(issue, settings))
