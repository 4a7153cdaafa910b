"""Lead images: the one picture that stands for an article, found in what the readers already parse.

Where it is looked for, best first:

- HTML pages: ``og:image`` (with ``og:image:width``/``height``/``alt``),
  ``twitter:image``, schema.org ``image`` (JSON-LD, microdata), else the first
  large ``<figure>``/``<img>`` of the article body;
- feed entries: ``media:content``, ``media:thumbnail``, image enclosures, else
  the first large image of the entry's HTML;
- Markdown front matter and JSON records: ``image`` (a URL, or an object with
  ``url``/``alt``/``width``/``height``) and ``image_alt``.

Every candidate goes through one policy (:func:`image_url`, :func:`lead_image`):
relative URLs are resolved against the page, only http(s) is kept, unsafe
characters are percent-encoded, and tracking pixels, logos, icons, SVGs and
images declared narrower than :data:`MIN_WIDTH` are skipped. Nothing is fetched:
image sizes are what the page declares, or unknown.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from ..model import Image

#: Images declared narrower than this (in CSS pixels) are icons, avatars or thumbnails of other things.
MIN_WIDTH = 200
#: Declared sizes above this are nonsense (or an attack on the layout) and count as unknown.
MAX_DECLARED = 20000
#: Images declared more than this many times wider than high are banners.
MAX_RATIO = 4
#: Longer image URLs are refused: they would eat the email's size budget.
MAX_URL_LENGTH = 2048
#: Alt text is cut to about this many characters (a caption can run to a paragraph).
MAX_ALT = 250
#: At most this many <img> elements of a page body are looked at.
MAX_BODY_IMAGES = 200

# Words in an image's file path, class or id that mark it as decoration, not a photo.
_DECORATION = re.compile(r"(?:^|[^a-z0-9])(?:logos?|icons?|favicons?|sprites?|avatars?|gravatar|emoji)(?:[^a-z]|$)")
# File names and folders of tracking pixels and lazy-loading stand-ins.
_PIXEL = re.compile(r"(?:^|/)(?:(?:pixel|spacer|blank|transparent|clear|1x1|tracking|beacon|placeholder|"
                    r"lazy[-_]?placeholder)\.(?:gif|png|jpe?g|webp)|(?:pixel|tracking|beacon|tr)/)")
_TRACKER_HOSTS = ("doubleclick.net", "google-analytics.com", "googletagmanager.com", "scorecardresearch.com",
                  "quantserve.com", "facebook.com", "pixel.", "stats.", "analytics.", "gravatar.com")
_NOT_PHOTO_SUFFIXES = (".svg", ".svgz", ".ico", ".cur")
_ARTICLE_TYPES = re.compile(r"Article|Posting|Report|NewsArticle|WebPage|CreativeWork", re.IGNORECASE)
_FILE_NAME = re.compile(r"^[\w.-]+\.(?:jpe?g|png|gif|webp|avif)$", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


@dataclass
class Candidate:
    """An image a source points to, before the policy has looked at it."""

    url: Any
    alt: Any = None
    width: Any = None
    height: Any = None
    hints: str = ""  # class, id: words that may mark a logo or an icon


def lead_image(candidates: Iterable[Candidate], base: str | None, headline: str) -> Image | None:
    """The first candidate the policy accepts, as an :class:`Image` (alt text defaults to the headline)."""
    for candidate in candidates:
        image = accept(candidate, base, headline)
        if image is not None:
            return image
    return None


def accept(candidate: Candidate, base: str | None, headline: str) -> Image | None:
    """``candidate`` as an :class:`Image`, or None when it is unusable, decoration or too small."""
    url = image_url(candidate.url, base)
    if url is None:
        return None
    width, height = declared_size(candidate.width), declared_size(candidate.height)
    if width is not None and width < MIN_WIDTH:
        return None
    if height is not None and height <= 2:
        return None  # a tracking pixel declared 1 px high
    if width is not None and height is not None and width > MAX_RATIO * height:
        return None  # a banner or a strip, not a picture of the story
    if is_decoration(url, candidate.hints):
        return None
    return Image(url=url, alt=alt_text(candidate.alt, headline), width=width, height=height)


def image_url(raw: Any, base: str | None = None) -> str | None:
    """An absolute, percent-encoded http(s) URL for ``raw`` (resolved against ``base``), or None.

    ``javascript:``, ``data:`` and any other scheme, URLs with credentials,
    hosts that are not plain ASCII names and URLs longer than
    :data:`MAX_URL_LENGTH` are refused; quotes, angle brackets, spaces and
    other characters that have no business in a URL are percent-encoded, so
    the URL can never close an attribute or open a tag.
    """
    if not isinstance(raw, str):
        return None
    text = "".join(ch for ch in raw.strip() if ch >= " " and ch != "\x7f")
    if not text or len(text) > MAX_URL_LENGTH:
        return None
    if text.startswith("//"):
        text = "https:" + text
    try:
        if base and not urlsplit(text).scheme:
            text = urljoin(base, text)
        parts = urlsplit(text)
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or parts.username or parts.password:
        return None
    if not re.fullmatch(r"[a-z0-9.-]+", host) or ".." in host:
        return None
    netloc = host + (f":{port}" if port else "")
    encoded = urlunsplit((
        parts.scheme.lower(), netloc,
        quote(parts.path, safe="/%:@!$&()*+,;=~-._"),
        quote(parts.query, safe="/%:@!$&()*+,;=~-._?"),
        quote(parts.fragment, safe="/%:@!$&()*+,;=~-._?"),
    ))
    return encoded if len(encoded) <= MAX_URL_LENGTH else None


def declared_size(value: Any) -> int | None:
    """A declared width or height in pixels ("1200", "1200px", 1200), or None when absent or absurd."""
    if isinstance(value, Mapping):  # schema.org QuantitativeValue
        value = value.get("value")
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = int(value)
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d{1,6})(?:\.\d+)?\s*(?:px)?\s*", value)
        value = int(match.group(1)) if match else None
    if isinstance(value, int) and 0 < value <= MAX_DECLARED:
        return value
    return None


def is_decoration(url: str, hints: str = "") -> bool:
    """Whether the URL (or the element's class/id) marks a logo, icon, avatar or tracking pixel."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if any(host == name or host.endswith("." + name) or (name.endswith(".") and host.startswith(name))
           for name in _TRACKER_HOSTS):
        return True
    path = parts.path.lower()
    if path.endswith(_NOT_PHOTO_SUFFIXES):
        return True
    return bool(_PIXEL.search(path) or _DECORATION.search(path) or _DECORATION.search(hints.lower()))


def alt_text(value: Any, headline: str) -> str:
    """The alt text: the caption or alt given (whitespace collapsed, cut at a word), else the headline."""
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text or _FILE_NAME.match(text):
        text = " ".join(headline.split())
    if len(text) > MAX_ALT:
        text = text[:MAX_ALT].rsplit(" ", 1)[0].rstrip(",;:.-") + "\u2026"
    return text


# ---------------------------------------------------------------- HTML pages


def image_from_html(html: str, page_url: str | None, headline: str) -> Image | None:
    """The lead image of a saved page (``page_url`` resolves relative URLs), or None."""
    import lxml.etree
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (lxml.etree.ParserError, ValueError):
        return None
    base = page_url
    for element in tree.iter("base"):
        href = image_url(element.get("href"), page_url)
        base = href or base
        break
    return lead_image(html_candidates(tree), base, headline)


def html_candidates(tree: Any) -> Iterator[Candidate]:
    """A page's image candidates, best first."""
    metas = [(_meta_key(m), m.get("content")) for m in tree.iter("meta")]
    yield from _open_graph(metas)
    yield from _twitter(metas)
    yield from _schema_org(tree)
    yield from body_images(tree)


def _meta_key(meta: Any) -> str:
    return (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()


def _open_graph(metas: list[tuple[str, Any]]) -> Iterator[Candidate]:
    """og:image groups: og:image starts one; its :width, :height, :alt follow (some pages put them first)."""
    groups: list[Candidate] = []
    pending = Candidate(url=None)
    for key, content in metas:
        if re.fullmatch(r"og:image\d*", key) or (key in ("og:image:url", "og:image:secure_url")
                                                 and (not groups or groups[-1].url is None)):
            if groups and groups[-1].url is None:
                groups[-1].url = content
            else:
                groups.append(Candidate(url=content, alt=pending.alt, width=pending.width, height=pending.height))
                pending = Candidate(url=None)
        elif key in ("og:image:width", "og:image:height", "og:image:alt"):
            target = groups[-1] if groups else pending
            attribute = key.rsplit(":", 1)[1]
            if getattr(target, attribute) is None:
                setattr(target, attribute, content)
    yield from groups


def _twitter(metas: list[tuple[str, Any]]) -> Iterator[Candidate]:
    found = {key: content for key, content in reversed(metas) if key.startswith("twitter:image")}
    url = found.get("twitter:image") or found.get("twitter:image:src")
    if url:
        yield Candidate(url=url, alt=found.get("twitter:image:alt"), width=found.get("twitter:image:width"),
                        height=found.get("twitter:image:height"))


def _schema_org(tree: Any) -> Iterator[Candidate]:
    """schema.org ``image`` of the page's article: JSON-LD first, then microdata."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except (ValueError, RecursionError):
            continue
        for thing in _things(data, depth=0):
            if _ARTICLE_TYPES.search(" ".join(_types(thing))):
                yield from _schema_images(thing.get("image"))
    for element in tree.xpath('//*[@itemprop="image"]')[:20]:
        scope = element.xpath('ancestor::*[@itemscope][1]/@itemtype')
        if scope and re.search(r"Organization|Person|Brand|Logo", scope[0]):
            continue
        url = element.get("content") or element.get("href") or element.get("src")
        yield Candidate(url=url, alt=element.get("alt"), width=element.get("width"), height=element.get("height"))


def _things(data: Any, depth: int) -> Iterator[Mapping[str, Any]]:
    """The JSON-LD objects of a script: top level, lists and ``@graph`` (a few levels deep)."""
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data[:50]:
            yield from _things(item, depth + 1)
    elif isinstance(data, Mapping):
        yield data
        if "@graph" in data:
            yield from _things(data["@graph"], depth + 1)


def _types(thing: Mapping[str, Any]) -> list[str]:
    kind = thing.get("@type")
    return [str(k) for k in kind] if isinstance(kind, list) else [str(kind or "")]


def _schema_images(value: Any) -> Iterator[Candidate]:
    """Candidates from a schema.org ``image``: a URL, an ImageObject, or a list of them."""
    for item in (value if isinstance(value, list) else [value])[:10]:
        if isinstance(item, str):
            yield Candidate(url=item)
        elif isinstance(item, Mapping):
            yield Candidate(url=item.get("url") or item.get("contentUrl"),
                            alt=item.get("caption") or item.get("description") or item.get("name"),
                            width=item.get("width"), height=item.get("height"))


def body_images(tree: Any) -> Iterator[Candidate]:
    """Large images of the article body: inside a ``<figure>``, or declared at least :data:`MIN_WIDTH` wide."""
    roots = tree.xpath('//article | //*[@itemprop="articleBody"] | //main')
    root = roots[0] if roots else (tree.find("body") if tree.find("body") is not None else tree)
    for img in islice(root.iter("img"), MAX_BODY_IMAGES):
        figure = next(iter(img.iterancestors("figure")), None)
        width = declared_size(img.get("width"))
        if figure is None and (width is None or width < MIN_WIDTH):
            continue
        caption = None
        if figure is not None:
            captions = figure.xpath(".//figcaption")
            caption = captions[0].text_content() if captions else None
        yield Candidate(url=_img_source(img), alt=caption or img.get("alt"), width=width, height=img.get("height"),
                        hints=" ".join(filter(None, (img.get("class"), img.get("id"),
                                                     figure.get("class") if figure is not None else None))))


def _img_source(img: Any) -> str | None:
    """An <img>'s picture: the lazy-loading attribute when ``src`` is a placeholder, else ``src``, else srcset."""
    for name in ("data-src", "data-lazy-src", "data-original", "src"):
        value = (img.get(name) or "").strip()
        if value and not value.lower().startswith("data:"):
            return value
    srcset = img.get("srcset") or img.get("data-srcset") or ""
    best, best_width = None, -1
    for entry in srcset.split(",")[:20]:
        bits = entry.split()
        if not bits:
            continue
        width = int(bits[1][:-1]) if len(bits) > 1 and re.fullmatch(r"\d{1,5}w", bits[1]) else 0
        if width > best_width:
            best, best_width = bits[0], width
    return best


def image_from_fragment(html: str, page_url: str | None, headline: str) -> Image | None:
    """The first large image of an HTML fragment (a feed entry's content), or None."""
    import lxml.etree
    import lxml.html

    if "<img" not in html.lower():
        return None
    try:
        tree = lxml.html.document_fromstring(f"<html><body><article>{html}</article></body></html>")
    except (lxml.etree.ParserError, ValueError):
        return None
    return lead_image(body_images(tree), page_url, headline)


# ---------------------------------------------------------------- feeds, front matter, JSON


def image_from_entry(entry: Mapping[str, Any], page_url: str | None, headline: str) -> Image | None:
    """The lead image of a feedparser entry: media:content, media:thumbnail, image enclosures, else its HTML."""
    candidates: list[Candidate] = []
    for media in list(entry.get("media_content") or [])[:20]:
        kind = (media.get("medium") or media.get("type") or "image").lower()
        if kind.startswith("image"):
            candidates.append(Candidate(url=media.get("url"), width=media.get("width"), height=media.get("height"),
                                        alt=entry.get("media_description") or entry.get("media_title")))
    for thumbnail in list(entry.get("media_thumbnail") or [])[:20]:
        candidates.append(Candidate(url=thumbnail.get("url"), width=thumbnail.get("width"),
                                    height=thumbnail.get("height")))
    for link in list(entry.get("links") or [])[:50]:
        if link.get("rel") == "enclosure" and (link.get("type") or "").lower().startswith("image/"):
            candidates.append(Candidate(url=link.get("href")))
    image = lead_image(candidates, page_url, headline)
    if image is None:
        for block in [*(entry.get("content") or []), entry.get("summary_detail")]:
            if block and isinstance(block.get("value"), str) and "html" in (block.get("type") or "html"):
                image = image_from_fragment(block["value"], page_url, headline)
                if image is not None:
                    break
    return image


def image_from_fields(fields: Mapping[str, Any], page_url: str | None, headline: str) -> Image | None:
    """The image of front matter or a JSON record: ``image`` (URL or object) and ``image_alt``."""
    value = fields.get("image")
    alt = fields.get("image_alt")
    if isinstance(value, Mapping):
        return accept(Candidate(url=value.get("url") or value.get("src"), alt=alt or value.get("alt"),
                                width=value.get("width"), height=value.get("height")), page_url, headline)
    return accept(Candidate(url=value, alt=alt), page_url, headline)
