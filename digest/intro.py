"""The editor's introduction: Markdown -> safe email HTML and a plain-text rendering.

markdown-it-py (CommonMark) parses the Markdown with raw HTML off, so any tag
an editor types shows as text; links are kept only when they are http, https
or mailto (others stay plain text), images are not allowed (see
:func:`intro_problems`). Both parts are made from the same tokens, so every
link of the HTML part is in the text part (as a numbered reference).
"""

from __future__ import annotations

import functools
import re
from typing import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from .templating import TEXT_WIDTH, wrap
from .urls import safe_url

#: How many words of the intro's first block the parity check looks for in each part.
PROBE_WORDS = 12


def _link_ok(url: str) -> bool:
    return safe_url(url) is not None


@functools.lru_cache(maxsize=2)
def _parser(strict: bool = True) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    # markdown-it's own check only refuses javascript:, vbscript:, file: and data:.
    md.validateLink = _link_ok if strict else (lambda url: True)  # type: ignore[method-assign]
    return md


def intro_problems(source: str) -> list[str]:
    """What an edition's intro must not hold: links that are not http(s)/mailto, images."""
    problems = []
    for token in _inline_tokens(_parser(strict=False).parse(source)):
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if safe_url(href) is None:
                problems.append(f"the link {href!r} is not an http, https or mailto link")
        elif token.type == "image":
            problems.append(f"images are not supported in the intro ({token.attrGet('src')}); link to it instead")
    return problems


def _inline_tokens(tokens: list[Token]) -> list[Token]:
    return [child for token in tokens if token.type == "inline" for child in (token.children or [])]


def intro_html(source: str, accent: str) -> Markup:
    """The intro as HTML for the email (inline styles; braces as entities, never placeholders)."""
    md = _parser()
    tokens = md.parse(source)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = "h3"  # below the masthead's h1 and the section headings
        if token.type == "paragraph_open":
            token.attrSet("style", "margin:0 0 12px;")
        for child in token.children or []:
            if child.type == "link_open":
                child.attrSet("style", f"color:{accent};")
    html = md.renderer.render(tokens, md.options, {})
    return Markup(html.replace("{", "&#123;").replace("}", "&#125;").strip())


def intro_text(source: str, ref: Callable[[str | None], str], width: int = TEXT_WIDTH) -> str:
    """The intro for the plain-text part: paragraphs wrapped, lists with "- ", links as ``ref(url)``."""
    return "\n\n".join(_blocks(_parser().parse(source), ref, width)).rstrip()


def _inline(token: Token, ref: Callable[[str | None], str]) -> str:
    out: list[str] = []
    links: list[tuple[str, int]] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "link_open":
            links.append((str(child.attrGet("href") or ""), len(out)))
        elif child.type == "link_close" and links:
            href, start = links.pop()
            shown = "".join(out[start:]).strip()
            if shown != href.removeprefix("mailto:"):
                out.append(ref(href))
            else:
                ref(href)  # numbered all the same: the listing has every link
    return "".join(out)


def _blocks(tokens: list[Token], ref: Callable[[str | None], str], width: int) -> list[str]:
    """Walk the block tokens, keeping a stack of line prefixes for lists and quotes."""
    blocks: list[str] = []
    prefixes: list[tuple[str, str]] = []  # (first line, following lines) per open container
    lists: list[list[int | None]] = []  # per open list: [its id, the next number or None for bullets]
    item_start = False  # the next block is a list item's first: it gets the marker
    last_lists: set[int] = set()  # the lists open around the previous block
    heading = False

    def add(text: str) -> None:
        nonlocal item_start, last_lists
        open_lists = {id_ for id_, _ in lists}
        # Items of one list (or nested in it) on consecutive lines; other blocks apart.
        if item_start and blocks and last_lists & open_lists:
            blocks[-1] += "\n" + text
        else:
            blocks.append(text)
        item_start, last_lists = False, open_lists

    def prefix() -> tuple[str, str]:
        rest = "".join(p[1] for p in prefixes)
        if item_start and prefixes:
            return "".join(p[1] for p in prefixes[:-1]) + prefixes[-1][0], rest
        return rest, rest

    for number, token in enumerate(tokens):
        kind = token.type
        if kind in ("heading_open", "heading_close"):
            heading = kind == "heading_open"
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            lists.append([number, int(start) if start else 1 if kind == "ordered_list_open" else None])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            count = lists[-1][1]
            marker = "- " if count is None else f"{count}. "
            if count is not None:
                lists[-1][1] = count + 1
            prefixes.append((marker, " " * len(marker)))
            item_start = True
        elif kind == "list_item_close":
            prefixes.pop()
        elif kind == "blockquote_open":
            prefixes.append(("> ", "> "))
        elif kind == "blockquote_close":
            prefixes.pop()
        elif kind == "inline":
            first, rest = prefix()
            text = _inline(token, ref)
            add(wrap(text.upper() if heading else text, width, indent=rest, first=first))
        elif kind in ("fence", "code_block"):
            first, rest = prefix()
            lines = token.content.rstrip("\n").split("\n")
            add("\n".join((first if i == 0 else rest) + "    " + line for i, line in enumerate(lines)))
        elif kind == "hr":
            add(prefix()[1] + "* * *")
    return blocks


def intro_probe(source: str) -> str:
    """The first words of the intro as both parts show them (no link numbers): what the check looks for."""
    words = re.findall(r"\w+", intro_text(source, lambda _: "", width=10_000))
    return " ".join(words[:PROBE_WORDS])
