"""URL safety: which links and image sources may reach an email or a published page; loopback hosts."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

#: Schemes a link in the email may use; anything else is dropped.
SAFE_SCHEMES = ("http", "https", "mailto")
#: Longer image URLs are not shown: they would eat the size budget.
MAX_IMAGE_URL = 2048


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


def image_src(url: str | None) -> str | None:
    """``url`` when it is an http(s) URL fit for an ``<img src>``, else None (no mailto, data:, javascript:)."""
    url = safe_url(url)
    if url is None or not url.lower().startswith(("http://", "https://")) or len(url) > MAX_IMAGE_URL:
        return None
    return url


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback IP addresses (no DNS look-up)."""
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
