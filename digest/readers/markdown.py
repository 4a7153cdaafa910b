"""Markdown notes with YAML front matter (``title``, ``date``, ``url``, ``source``, ``author``).

python-frontmatter splits the front matter from the text; the Markdown markup
is then reduced to plain paragraphs (headings stay as paragraphs of their own,
links keep their text, images and HTML tags go).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReadError
from ..model import Article
from .base import MAX_TEXT_CHARS, BaseReader
from .fields import as_author, as_date, as_text, body_warnings
from .images import image_from_fields
from .language import guess_language
from .source import source_from_url

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~|`)(?=\S)(.+?)(?<=\S)\1")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_QUOTE_MARK = re.compile(r"^\s*>\s?")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


class MarkdownReader(BaseReader):
    file_extensions = (".md", ".markdown")
    max_text_chars = MAX_TEXT_CHARS

    def parse(self, text: str, path: Path) -> list[Article]:
        import frontmatter
        import yaml

        try:
            post = frontmatter.loads(text)
        except yaml.YAMLError as exc:
            where = getattr(exc, "problem_mark", None)
            line = f" (line {where.line + 1})" if where is not None else ""
            raise ReadError(f"{path}: broken front matter{line}: {getattr(exc, 'problem', None) or exc}") from None
        except (ValueError, TypeError) as exc:
            raise ReadError(f"{path}: broken front matter: {exc}") from None
        meta = post.metadata if isinstance(post.metadata, dict) else {}
        title, body = markdown_text(post.content)
        title = as_text(meta.get("title")) or title or path.stem
        if not body:
            raise ReadError(f"{path}: no article text after the front matter")
        date = as_date(meta.get("date"))
        url = as_text(meta.get("url"))
        return [Article(
            path=str(path), title=title, body=body, date=date,
            source=as_text(meta.get("source")) or source_from_url(url), url=url,
            author=as_author(meta.get("author")), standfirst=as_text(meta.get("description") or meta.get("summary")),
            language=as_text(meta.get("language")) or guess_language(body),
            warnings=body_warnings(body, date),
            image=image_from_fields(meta, url, title),
        )]


def markdown_text(markdown: str) -> tuple[str | None, str]:
    """The first top-level heading (or None) and the rest as plain paragraphs."""
    paragraphs: list[str] = []
    current: list[str] = []
    title = None
    in_code = False

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for raw in markdown.splitlines():
        if raw.strip().startswith(("```", "~~~")):
            in_code = not in_code
            flush()
            continue
        if in_code:
            current.append(raw.strip())
            continue
        heading = _HEADING.match(raw)
        if heading:
            flush()
            text = _inline(heading.group(1))
            if title is None and not paragraphs and raw.lstrip().startswith("# "):
                title = text
            elif text:
                paragraphs.append(text)
            continue
        if _SETEXT.match(raw) and current:
            text = " ".join(current)
            current.clear()
            if title is None and not paragraphs and raw.strip().startswith("="):
                title = text
            else:
                paragraphs.append(text)
            continue
        if not raw.strip() or _RULE.match(raw):
            flush()
            continue
        if _LIST_MARK.match(raw):
            flush()
        line = _inline(_LIST_MARK.sub("", _QUOTE_MARK.sub("", raw)))
        if line:
            current.append(line)
    flush()
    return title, "\n\n".join(p for p in paragraphs if p)


def _inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _TAG.sub("", text)
    for _ in range(2):
        text = _EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())
