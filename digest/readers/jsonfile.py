"""JSON exports: one article object, a list of them, or JSON Lines (one object a line).

Fields: ``title``, ``date``, ``url``, ``source``, ``author`` and the body as
``text`` (plain, paragraphs split by blank lines) or ``html`` (run through the
HTML reader's extraction); ``body`` and ``content`` are accepted for ``text``.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ReadError
from ..model import Article
from .base import BaseReader, display_path
from .fields import as_author, as_date, as_text, body_warnings, text_paragraphs
from .images import image_from_fields
from .language import guess_language
from .source import source_from_url

_TEXT_FIELDS = ("text", "body", "content", "article")
_SHAPE = 'an object with "title" and "text" or "html"'


class JsonReader(BaseReader):
    file_extensions = (".json", ".jsonl", ".ndjson")

    def parse(self, text: str, path: Path) -> list[Article]:
        if path.suffix.lower() == ".json":
            data = _load(text, path, "")
            records = data if isinstance(data, list) else [data]
        else:
            records = []
            for number, line in enumerate(text.splitlines(), start=1):
                if line.strip():
                    records.append(_load(line, path, f"line {number} "))
        articles = [article for article in (article_from_record(r, path) for r in records) if article]
        if not articles:
            raise ReadError(f"{path}: no article in the JSON (expected {_SHAPE}, or a list of them)")
        skipped = len(records) - len(articles)
        if skipped:
            note = f"{skipped} JSON entr{'ies' if skipped != 1 else 'y'} in the file skipped (not articles)"
            articles[0] = replace(articles[0], warnings=(*articles[0].warnings, note))
        return articles


def _load(text: str, path: Path, where: str) -> Any:
    """Parsed JSON, or a :class:`ReadError` for bad syntax, numbers over Python's digit limit, deep nesting."""
    name = display_path(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if where:
            raise ReadError(f"{name}: {where}is not valid JSON ({exc.msg})") from None
        raise ReadError(f"{name}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except ValueError as exc:  # "Exceeds the limit (4300 digits) for integer string conversion"
        problem = "a number too long to read" if "digits" in str(exc) else str(exc)
        raise ReadError(f"{name}: {where and where + 'is '}unreadable JSON ({problem})") from None
    except RecursionError:
        raise ReadError(f"{name}: {where and where + 'is '}JSON nested too deeply to read") from None


def article_from_record(record: Any, path: Path) -> Article | None:
    """An Article from one JSON object, or None when the object is not an article."""
    if not isinstance(record, dict):
        return None
    body = ""
    for field in _TEXT_FIELDS:
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            body = text_paragraphs(value)
            break
    if not body and isinstance(record.get("html"), str) and record["html"].strip():
        from .html import html_to_text

        body = html_to_text(record["html"])
    title = as_text(record.get("title")) or as_text(record.get("headline"))
    if not body or not title:
        return None
    date = as_date(record.get("date") or record.get("published") or record.get("datePublished"))
    url = as_text(record.get("url") or record.get("link"))
    return Article(
        path=str(path), title=title, body=body, date=date,
        source=as_text(record.get("source")) or source_from_url(url), url=url,
        author=as_author(record.get("author")),
        standfirst=as_text(record.get("standfirst") or record.get("description") or record.get("summary")),
        language=as_text(record.get("language")) or guess_language(body),
        warnings=body_warnings(body, date),
        image=image_from_fields(record, url, title),
    )
