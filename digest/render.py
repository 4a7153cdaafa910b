"""Issue -> the email's HTML (Jinja -> MJML -> HTML) and its plain-text part.

Templates are looked up in the user's folder first, then in the shipped ones;
a user template can extend a shipped one as ``"default/issue.mjml.j2"``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.resources
import re
import textwrap
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape
from mjml import mjml2html

from . import colors
from .config import Settings
from .errors import TemplateError
from .fitting import SIZE_OMITTED, fit_issue
from .model import Issue, RenderedIssue, Story
from .placeholders import UNSUBSCRIBE, defuse_html, defuse_text
from .progress import Progress, quiet

HTML_TEMPLATE = "issue.mjml.j2"
TEXT_TEMPLATE = "issue.txt.j2"
#: Schemes a link in the email may use; anything else is dropped.
SAFE_SCHEMES = ("http", "https", "mailto")
#: Where each recipient's unsubscribe link goes; the send step fills it in (home: digest.placeholders).
UNSUBSCRIBE_PLACEHOLDER = UNSUBSCRIBE
#: Width of the plain-text part (RFC 5322: lines SHOULD be at most 78 characters).
TEXT_WIDTH = 78
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
#: Longer image URLs are not shown: they would eat the size budget.
MAX_IMAGE_URL = 2048


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


@dataclasses.dataclass(frozen=True)
class Picture:
    """How one story's image is shown: its URL, alt text and the box it takes (CSS pixels)."""

    src: str
    alt: str
    width: int
    height: int
    lead: bool


def image_src(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL fit for an ``<img src>``, else None (no mailto, data:, javascript:)."""
    url = safe_url(url)
    if url is None or not url.lower().startswith(("http://", "https://")) or len(url) > MAX_IMAGE_URL:
        return None
    return url


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
        url = url if url == UNSUBSCRIBE_PLACEHOLDER else safe_url(url)
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
            url = url if url == UNSUBSCRIBE_PLACEHOLDER else defuse_text(url)
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
    more = [story for story in issue.stories if story.omitted and story.omitted.startswith(SIZE_OMITTED)]
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
        "unsubscribe_url": Markup(UNSUBSCRIBE_PLACEHOLDER),
        "ref": ref,
        "picture": lambda story: picture_for(story, settings.images, shown[0] if shown else None),
        **_intro_context(issue, light.accent, ref),
    }


def _intro_context(issue: Issue, accent: str, ref: References) -> dict[str, Any]:
    """The editor's intro (edition file): ``intro`` (its Markdown), ``intro_html``, ``intro_text()``."""
    if not issue.intro:
        return {"intro": "", "intro_html": Markup(""), "intro_text": lambda: ""}
    from .intro import intro_html, intro_text  # intro imports this module

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
    from .checks import check_images, check_links, parity_problem  # checks imports this module

    before = len(issue.warnings)
    issue, html, text = fit_issue(issue, settings, lambda i: (render_html(i, settings), render_text(i, settings)))
    problem = parity_problem(issue, html, text)
    if problem:
        raise TemplateError(f"template {TEXT_TEMPLATE}: {problem}")
    if issue.intro:
        from .checks import intro_missing
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
