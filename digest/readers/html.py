"""Saved HTML pages, read with trafilatura: the main text and the page's metadata.

trafilatura finds the article body among a page's navigation, sidebars and
footers (0.95 F1 on our evaluation pages) and reads the title, author, site
name, canonical URL and, through htmldate, the publication date. It works on
the string it is given and never fetches anything.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..model import Article
from .base import SHORT_BODY_WORDS, BaseReader, Decoded, decode_bytes, read_bytes, repair_mojibake
from .images import image_from_html
from .language import guess_language
from .source import canonical_name, clean_name, site_evidence, split_title

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
#: The page's own section: ``<meta property="article:section" content="Sports">`` (either attribute order).
_SECTION = re.compile(r"""<meta\b(?=[^>]*\b(?:property|name)\s*=\s*["']"""
                      r"""(?:article:section|parsely-section|section)["'])"""
                      r"""[^>]*\bcontent\s*=\s*["']([^"'<>]{1,80})["']""", re.IGNORECASE)
_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?""", re.IGNORECASE)


class HtmlReader(BaseReader):
    file_extensions = (".html", ".htm", ".xhtml")

    def read(self, path: Path) -> list[Article]:
        return self.read_decoded(path, decode_html(read_bytes(path), str(path)))

    def parse(self, text: str, path: Path) -> list[Article]:
        return [article_from_html(text, path)]


def decode_html(raw: bytes, name: str) -> Decoded:
    """Decode a page with the charset its ``<meta>`` declares, else as any text file."""
    declared = _CHARSET.search(raw[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        if encoding not in ("utf-8", "utf8"):
            try:
                return Decoded(repair_mojibake(raw.decode(encoding)), encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_bytes(raw, name)


#: Parts of a page that are never article text: photo captions and asides
#: (pull quotes, related-link boxes). trafilatura keeps some of them.
_NOT_BODY = re.compile(r"<(figcaption|aside)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


def extract_page(html: str, url: str | None = None) -> Any:
    """trafilatura's reading of a whole page (text and metadata), or None when it finds no text."""
    import trafilatura

    return trafilatura.bare_extraction(
        _NOT_BODY.sub(" ", html), url=url, with_metadata=True, fast=True, include_comments=False, include_tables=True,
    )


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry, a JSON ``html`` field), paragraphs split by blank lines."""
    page = fragment if re.search(r"<body\b", fragment, re.IGNORECASE) else (
        f"<html><body><article>{fragment}</article></body></html>")
    document = extract_page(page)
    return paragraphs(document.text if document is not None and document.text else "")


def paragraphs(text: str) -> str:
    """trafilatura's one-line-per-block text as the Article body format (blank line between paragraphs)."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def article_from_html(html: str, path: Path) -> Article:
    """An :class:`Article` from a whole saved page."""
    document = extract_page(html)
    if document is None or not (document.text or "").strip():
        raise ReadError(f"{path}: no article text found in the HTML")
    body = paragraphs(document.text)
    url = document.url if _is_web_url(document.url) else None
    title = (document.title or "").strip()
    site = None
    if title:
        title, site = split_title(title)
    if not title:
        title = body.split("\n\n", 1)[0][:120]
    first, _, rest = body.partition("\n\n")
    if rest and _same_text(first, title):
        body = rest  # the headline repeated as the body's first line
    source = canonical_name(site_evidence(site, _clean_sitename(document.sitename), url), url)
    date = _parse_date(document.date)
    warnings = []
    if date is None:
        warnings.append("no date found")
    if len(body.split()) < SHORT_BODY_WORDS:
        warnings.append("very short body")
    declared = _LANG.search(html[:5000])
    language = declared.group(1).lower() if declared else guess_language(body)
    return Article(
        path=str(path), title=title, body=body, date=date, source=source, url=url,
        author=(document.author or None), standfirst=(document.description or None),
        language=language, warnings=tuple(warnings), section=_page_section(html, document),
        image=image_from_html(html, url, title),
    )


def _page_section(html: str, document: Any) -> str | None:
    """The page's own section (``article:section``), else the first category trafilatura found."""
    declared = _SECTION.search(html[:200_000])
    if declared and declared.group(1).strip():
        return " ".join(declared.group(1).split())
    categories = [c for c in (getattr(document, "categories", None) or []) if isinstance(c, str) and c.strip()]
    return categories[0].strip()[:80] if categories else None


def _same_text(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a.casefold()).strip() == re.sub(r"\W+", " ", b.casefold()).strip()


def _is_web_url(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


def _clean_sitename(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"^(?:copyright|©|\(c\))\s*", "", name.strip(), flags=re.IGNORECASE)
    cleaned = clean_name(name)
    if cleaned is None or not re.search(r"[^\W\d_]", cleaned):
        return None
    return cleaned


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
