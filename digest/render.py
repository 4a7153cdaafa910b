"""The render stage: Issue -> the email's HTML (Jinja -> MJML -> HTML) and its plain-text part.

The templates' environment is digest/templating.py; URL safety digest/urls.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from mjml import mjml2html

from . import colors
from .checks import check_images, check_links, intro_missing, parity_problem
from .config import Settings
from .errors import TemplateError
from .fitting import fit_issue
from .model import Issue, Omission, RenderedIssue, Story
from .placeholders import UNSUBSCRIBE, UNSUBSCRIBE_FIELD
from .progress import Progress, quiet
from .templating import References, environment
from .urls import image_src, safe_url

HTML_TEMPLATE = "issue.mjml.j2"
TEXT_TEMPLATE = "issue.txt.j2"
#: The "in this issue" list appears from this many stories on.
CONTENTS_FROM = 4
#: Stories left out for size are listed by headline up to this many.
MORE_LISTED = 10
#: Hidden characters after the preheader so the inbox preview shows no body text.
PREHEADER_PADDING = "\u034f\u00a0" * 90
#: A lead image spans the text column: the 600 px card minus 2 x 32 px of padding.
LEAD_WIDTH = 536
#: Thumbnails sit beside the headline at this width (it leaves 200 px for the headline at 375 px).
THUMB_WIDTH = 112
#: Width/height assumed when the source declares no size: the 1.91:1 of Open Graph share images.
DEFAULT_RATIO = 1.91
#: Declared shapes are kept between these width/height ratios (a tall poster, a wide panorama).
RATIO_RANGE = (0.5, 4.0)


@dataclasses.dataclass(frozen=True)
class Picture:
    """How one story's image is shown: its URL, alt text and the box it takes (CSS pixels)."""

    src: str
    alt: str
    width: int
    height: int
    lead: bool


def picture_for(story: Story, mode: str, top: Story | None) -> Picture | None:
    """The picture ``story`` gets in the email under the ``images`` setting, or None.

    The top story gets a lead image (modes "lead" and "thumbnails"); the others
    get a thumbnail (mode "thumbnails"). Height follows the declared shape,
    else :data:`DEFAULT_RATIO`, so the box is right before the image loads.
    """
    image = story.article.image
    lead = story is top
    if image is None or mode == "none" or (mode == "lead" and not lead):
        return None
    src = image_src(image.url)
    if src is None:
        return None
    ratio = image.width / image.height if image.width and image.height else DEFAULT_RATIO
    ratio = min(max(ratio, RATIO_RANGE[0]), RATIO_RANGE[1])
    width = LEAD_WIDTH if lead else THUMB_WIDTH
    alt = " ".join((image.alt or story.article.title).split())
    return Picture(src=src, alt=alt, width=width, height=max(1, round(width / ratio)), lead=lead)


def image_summary(issue: Issue, mode: str) -> str:
    """The build's line about images: how many stories have one, how many the email shows."""
    shown = issue.shown
    top = shown[0] if shown else None
    having = sum(1 for story in shown if story.article.image is not None)
    pictured = sum(1 for story in shown if picture_for(story, mode, top) is not None)
    return (f"Images: {having} of {len(shown)} {'stories have' if len(shown) != 1 else 'story has'} one; "
            f"the email shows {pictured} (images = {mode})")


def issue_url(settings: Settings, date: dt.date) -> str | None:
    """The issue's web version: ``web_url`` is where the out/ folder is published."""
    base = safe_url(settings.web_url)
    if base is None or base.startswith("mailto:"):
        return None
    return f"{base.rstrip('/')}/{date.isoformat()}/"


def sections(stories: tuple[Story, ...]) -> list[tuple[str | None, list[Story]]]:
    """Consecutive stories with the same ``section``, as (heading, stories) groups."""
    groups: list[tuple[str | None, list[Story]]] = []
    for story in stories:
        if groups and groups[-1][0] == story.section:
            groups[-1][1].append(story)
        else:
            groups.append((story.section, [story]))
    return groups


def palettes(settings: Settings) -> tuple[colors.Scheme, colors.Scheme]:
    """The light and the dark scheme from the colour settings."""
    return (colors.scheme(settings.color_text, settings.color_background, settings.color_accent),
            colors.scheme(settings.color_text_dark, settings.color_background_dark, settings.color_accent_dark))


def issue_context(issue: Issue, settings: Settings) -> dict[str, Any]:
    """What the templates see."""
    shown = issue.shown
    light, dark = palettes(settings)
    ref = References()
    more = [story for story in issue.stories if story.omission is Omission.SIZE_BUDGET]
    return {
        "issue": issue,
        "stories": shown,
        "sections": sections(shown),
        "has_sections": any(story.section for story in shown),
        "show_contents": len(shown) >= CONTENTS_FROM,
        "more": more[:MORE_LISTED],
        "more_unlisted": max(0, len(more) - MORE_LISTED),
        "settings": settings,
        "newsletter_name": settings.newsletter_name,
        "date": issue.date,
        "date_text": f"{issue.date:%A} {issue.date.day} {issue.date:%B %Y}",
        "web_url": safe_url(settings.web_url),
        "issue_url": issue_url(settings, issue.date),
        "preheader": " · ".join(story.article.title for story in shown[:3]),
        "preheader_padding": PREHEADER_PADDING,
        "light": light,
        "dark": dark,
        UNSUBSCRIBE_FIELD: Markup(UNSUBSCRIBE),
        "ref": ref,
        "picture": lambda story: picture_for(story, settings.images, shown[0] if shown else None),
        **_intro_context(issue, light.accent, ref),
    }


def _intro_context(issue: Issue, accent: str, ref: References) -> dict[str, Any]:
    """The editor's intro (edition file): ``intro`` (its Markdown), ``intro_html``, ``intro_text()``."""
    if not issue.intro:
        return {"intro": "", "intro_html": Markup(""), "intro_text": lambda: ""}
    from .intro import intro_html, intro_text  # markdown-it only for an issue with an intro

    # intro_text() is called where the template shows it, so its links are numbered in reading order.
    return {"intro": issue.intro, "intro_html": intro_html(issue.intro, accent),
            "intro_text": lambda: intro_text(issue.intro, ref)}


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template {exc.filename or exc.name}, line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template {exc.name} not found") from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template {name}: {exc.message}") from None


def render_mjml(issue: Issue, settings: Settings) -> str:
    """The issue as MJML, before it is compiled to HTML."""
    return _render(environment(settings.templates, autoescape=True), HTML_TEMPLATE, issue_context(issue, settings))


def render_html(issue: Issue, settings: Settings) -> str:
    """The issue as email HTML."""
    mjml_source = render_mjml(issue, settings)
    check_mjml_tags(mjml_source, settings.templates)
    try:
        return mjml2html(mjml_source, disable_comments=True, fonts={})
    except ValueError as exc:
        raise TemplateError(f"template {HTML_TEMPLATE}: the MJML it produced is broken: {exc}") from None


def render_text(issue: Issue, settings: Settings) -> str:
    """The issue as the email's plain-text part."""
    return _render(environment(settings.templates, autoescape=False), TEXT_TEMPLATE, issue_context(issue, settings))


def render_issue(issue: Issue, settings: Settings, progress: Progress = quiet) -> RenderedIssue:
    """The issue's HTML and text parts, fitted to the size budget and checked, with the issue they show.

    The returned issue is a new one (see :class:`RenderedIssue`). When the
    HTML is larger than ``settings.html_budget_kb``, the top stories that fit
    are kept; the rest are marked omitted (the manifest lists them),
    listed by headline and linked to the web version, and the issue gets a
    warning. Raises :class:`TemplateError` when the text part lacks a story
    or a link of the HTML part (a template bug).
    """
    before = len(issue.warnings)
    fitted = fit_issue(issue, settings, lambda i: (render_html(i, settings), render_text(i, settings)))
    issue, html, text = fitted.issue, fitted.html, fitted.text
    problem = parity_problem(issue, html, text)
    if problem:
        raise TemplateError(f"template {TEXT_TEMPLATE}: {problem}")
    if issue.intro:
        from .intro import intro_probe

        for part in intro_missing(intro_probe(issue.intro), html, text):
            issue = dataclasses.replace(issue, warnings=issue.warnings + (
                f"the editor's intro is missing from the {part} part: a template of your own leaves it out "
                f"(its block is intro; in the text part, {{{{ intro_text() }}}})",))
    light, dark = palettes(settings)
    extra = [c.detail for c in (check_links(html), check_images(html)) if not c.ok]
    extra += colors.weak_pairs(light, "light") + colors.weak_pairs(dark, "dark")
    issue = dataclasses.replace(issue, warnings=issue.warnings + tuple(extra))
    for warning in issue.warnings[before:]:
        progress(f"Warning: {warning}")
    progress(image_summary(issue, settings.images))
    return RenderedIssue(issue, html, text)


#: Every tag of MJML 4 (mjml.io/documentation); the compiler copies any other
#: <mj-...> tag into the HTML unchanged, where no email client shows it.
MJML_TAGS = frozenset({
    "mjml", "mj-head", "mj-body", "mj-include", "mj-attributes", "mj-all", "mj-class", "mj-breakpoint", "mj-font",
    "mj-html-attributes", "mj-html-attribute", "mj-selector", "mj-preview", "mj-style", "mj-title", "mj-accordion",
    "mj-accordion-element", "mj-accordion-title", "mj-accordion-text", "mj-button", "mj-carousel", "mj-carousel-image",
    "mj-column", "mj-divider", "mj-group", "mj-hero", "mj-image", "mj-navbar", "mj-navbar-link", "mj-raw",
    "mj-section", "mj-social", "mj-social-element", "mj-spacer", "mj-table", "mj-text", "mj-wrapper",
})
_MJML_TAG = re.compile(r"</?(mj-[A-Za-z0-9-]*)")


def check_mjml_tags(mjml_source: str, user_templates: Path | None) -> None:
    """Refuse MJML with a tag MJML does not know (a typo such as ``<mj-txt>`` in a template).

    Article text is escaped before it reaches the MJML, so only a template can
    put a tag there; the error names the user's template that holds it.
    """
    unknown = sorted({tag.lower() for tag in _MJML_TAG.findall(mjml_source)} - MJML_TAGS)
    if not unknown:
        return
    tag = unknown[0]
    where = HTML_TEMPLATE
    if user_templates is not None and user_templates.is_dir():
        holders = sorted(path for path in user_templates.rglob("*") if path.is_file() and _holds_tag(path, tag))
        if holders:
            where = ", ".join(str(path) for path in holders)
    also = f" (and {', '.join(f'<{t}>' for t in unknown[1:])})" if len(unknown) > 1 else ""
    raise TemplateError(f"template {where}: unknown MJML tag <{tag}>{also}; MJML would pass it into the HTML "
                        "unchanged, where no email client shows it")


def _holds_tag(path: Path, tag: str) -> bool:
    try:
        return f"<{tag}" in path.read_text(encoding="utf-8", errors="replace").lower()
    except OSError:
        return False
