"""The per-recipient placeholders of the email, in one place.

The templates put ``{{ unsubscribe_url }}`` (and, in custom templates,
``{{ email }}``, ``{{ name }}``, ``{{ fields.COLUMN }}``) into the built
email; the send step fills them per recipient, in one pass, and never reads a
value as a template. Article text is untrusted: its braces are encoded when
the issue is rendered (``&#123;`` in HTML, a word joiner between two braces in
plain text), so it shows the same to the reader but never matches here.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Mapping
from urllib.parse import quote

if TYPE_CHECKING:
    from .config import Settings

#: The name of the unsubscribe placeholder: the templates' context variable and the send step's field.
UNSUBSCRIBE_FIELD = "unsubscribe_url"
#: Where each recipient's unsubscribe link goes. The one spelling of it.
UNSUBSCRIBE = "{{ " + UNSUBSCRIBE_FIELD + " }}"
#: The same as it appears in an href some tools percent-encoded.
UNSUBSCRIBE_ENCODED = quote(UNSUBSCRIBE)
#: Every placeholder the send step fills.
PLACEHOLDER = re.compile(r"\{\{\s*(" + UNSUBSCRIBE_FIELD + r"|email|name|fields\.[A-Za-z0-9_-]+)\s*\}\}")
#: Any placeholder, raw or percent-encoded (what must never reach a published page).
ANY_PLACEHOLDER = re.compile(PLACEHOLDER.pattern + "|" + re.escape(UNSUBSCRIBE_ENCODED))
#: Put between two braces of untrusted plain text: invisible, and no placeholder can form.
WORD_JOINER = "\u2060"


def unsubscribe_mailbox(settings: Settings) -> str:
    """Where a mailto unsubscribe goes: ``unsubscribe_mailto``, else the sender."""
    return settings.unsubscribe_mailto or settings.sender


def generic_unsubscribe(mailbox: str) -> str:
    """The unsubscribe link anyone may see: a mailto to ``mailbox`` (the web version, exports)."""
    return f"mailto:{mailbox}?subject=unsubscribe" if mailbox else ""


def web_version(body: str, mailbox: str, as_html: bool) -> str:
    """The published copy of an email part: the generic link, no recipient data, no placeholder left."""
    return fill(body, {UNSUBSCRIBE_FIELD: generic_unsubscribe(mailbox)}, as_html)


def is_unsubscribe(href: str) -> bool:
    """Whether a link target is the unsubscribe placeholder (raw or percent-encoded)."""
    return href in (UNSUBSCRIBE, UNSUBSCRIBE_ENCODED)


def defuse_text(text: str) -> str:
    """Untrusted plain text that can never be taken for a placeholder, and reads the same."""
    return text.replace("{{", "{" + WORD_JOINER + "{").replace("}}", "}" + WORD_JOINER + "}")


def defuse_html(escaped: str) -> str:
    """Already HTML-escaped untrusted text with its braces as character references."""
    return escaped.replace("{", "&#123;").replace("}", "&#125;")


def fill(body: str, values: Mapping[str, str], as_html: bool) -> str:
    """Fill the body's placeholders in one pass (HTML-escaped in the HTML part); unknown ones become ""."""
    def value(match: re.Match[str]) -> str:
        text = values.get(match.group(1), "")
        return html.escape(text, quote=True) if as_html else text
    return PLACEHOLDER.sub(value, body)
