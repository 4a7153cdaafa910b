"""Lead images found by the readers: real pages, every source of an image, and the policy on bad ones."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from digest.readers import read_article, read_file
from digest.readers.images import MAX_ALT, image_from_html, image_url

HEADLINE = "Council votes to close harbour bridge"
BODY = " ".join(["The council voted on Tuesday to close the old harbour bridge to cars from next spring."] * 12)


class _FirstOgImage(HTMLParser):
    """The first ``og:image`` of a page, read with the standard library (not the code under test)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.url: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "meta" and self.url is None and "og:image" in (values.get("property"), values.get("name")):
            self.url = (values.get("content") or "").strip() or None


def _og_image(html: str) -> str | None:
    parser = _FirstOgImage()
    parser.feed(html)
    return parser.url


def _pages(shared_data: Path) -> list[tuple[Path, str, str]]:
    found = []
    for path in sorted((shared_data / "pages").glob("*.html")):
        html = path.read_text(encoding="utf-8", errors="replace")
        og = _og_image(html)
        if og:
            found.append((path, html, og))
    return found


def test_real_pages_with_an_og_image_get_it(shared_data):
    pages = _pages(shared_data)
    assert len(pages) >= 80  # 86 of the 92 pages declare one
    absolute = [(path, html, og) for path, html, og in pages if og.startswith(("http://", "https://"))]
    wrong = []
    for path, html, og in absolute:
        image = image_from_html(html, None, "A headline")
        if image is None or image.url != og:
            wrong.append((path.name, og, image and image.url))
    assert not wrong, wrong
    assert len(absolute) >= 80
    # Relative og:image URLs (two pages) need the page's URL, which those pages do not give: no image.
    for _path, html, og in pages:
        if not og.startswith(("http://", "https://", "//")):
            assert image_from_html(html, None, "A headline") is None
            image = image_from_html(html, "https://www.example.com/news/a/page.html", "A headline")
            assert image is not None and image.url.startswith("https://www.example.com/")


@pytest.mark.parametrize("page", ["16c30add7e96315e", "c7e39ac49fa1235f", "14cc2a0ca59c62a8"])
def test_the_html_reader_stores_the_image_with_its_declared_size_and_alt(shared_data, page):
    html = (shared_data / "pages" / f"{page}.html").read_text(encoding="utf-8", errors="replace")
    article = read_article(shared_data / "pages" / f"{page}.html")
    assert article.image is not None and article.image.url == _og_image(html)
    assert article.image.alt.strip()
    if page == "16c30add7e96315e":  # og:image:alt and og:image:width/height
        assert article.image.alt == "A view of India Gate amid smog, on November 8, 2019 in New Delhi, India."
        assert (article.image.width, article.image.height) == (1200, 630)
    if page == "14cc2a0ca59c62a8":  # no og:image:alt: the headline
        assert article.image.alt == article.title and (article.image.width, article.image.height) == (1024, 415)


def _page(head: str = "", body: str = "", url: str = "https://www.example.com/news/bridge") -> str:
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    return (f"<!DOCTYPE html><html><head><title>{HEADLINE}</title>{canonical}{head}</head><body>"
            f"<article><h1>{HEADLINE}</h1><p>{BODY}</p>{body}<p>{BODY}</p></article></body></html>")


def _find(head: str = "", body: str = "", url: str | None = "https://www.example.com/news/bridge"):
    return image_from_html(_page(head, body, url or ""), url, HEADLINE)


def test_open_graph_size_and_alt_in_any_order():
    image = _find('<meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">'
                  '<meta property="og:image" content="/img/bridge.jpg"><meta property="og:image:alt" content="The bridge">')
    assert (image.url, image.alt, image.width, image.height) == (
        "https://www.example.com/img/bridge.jpg", "The bridge", 1200, 630)


def test_twitter_image_when_there_is_no_og_image():
    image = _find('<meta name="twitter:image:src" content="https://cdn.example.com/t.jpg">'
                  '<meta name="twitter:image:alt" content="Cars on the bridge">')
    assert (image.url, image.alt) == ("https://cdn.example.com/t.jpg", "Cars on the bridge")


def test_schema_org_image_object_in_json_ld_and_microdata():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "Organization", "image": "https://www.example.com/brand.jpg"},
        {"@type": "NewsArticle", "headline": HEADLINE, "image": [{"@type": "ImageObject",
         "url": "https://www.example.com/ld.jpg", "width": {"@type": "QuantitativeValue", "value": 1600},
         "height": "900", "caption": "The bridge at dawn"}]}]}
    image = _find(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    assert (image.url, image.alt, image.width, image.height) == ("https://www.example.com/ld.jpg",
                                                                 "The bridge at dawn", 1600, 900)
    image = _find(body='<div itemscope itemtype="https://schema.org/NewsArticle">'
                       '<meta itemprop="image" content="https://www.example.com/micro.jpg"></div>')
    assert image.url == "https://www.example.com/micro.jpg"
    assert _find('<script type="application/ld+json">{not json</script>') is None


def test_first_large_body_image_with_its_caption():
    body = ('<img src="/avatar/jane.jpg" width="48" height="48" alt="Jane">'
            '<img src="/img/small.jpg" width="150" alt="small">'
            '<figure class="lead"><img src="data:image/gif;base64,R0lGOD" data-src="/img/lazy.jpg" alt="lazy">'
            '<figcaption> The bridge,\n seen from the river </figcaption></figure>'
            '<img src="/img/later.jpg" width="800">')
    image = _find(body=body)
    assert (image.url, image.alt) == ("https://www.example.com/img/lazy.jpg", "The bridge, seen from the river")
    image = _find(body='<img srcset="/s.jpg 320w, /l.jpg 1280w, /m.jpg 800w" width="900" alt="Bridge">')
    assert (image.url, image.alt, image.width) == ("https://www.example.com/l.jpg", "Bridge", 900)


def test_base_element_resolves_relative_urls():
    image = _find('<base href="https://static.example.net/en/"><meta property="og:image" content="pics/b.jpg">')
    assert image.url == "https://static.example.net/en/pics/b.jpg"


@pytest.mark.parametrize("head", [
    '<meta property="og:image" content="https://www.example.com/static/logo.png">',
    '<meta property="og:image" content="https://www.example.com/icons/site-icon-512.png">',
    '<meta property="og:image" content="https://www.example.com/favicon.ico">',
    '<meta property="og:image" content="https://www.example.com/img/photo.svg">',
    '<meta property="og:image" content="https://www.facebook.com/tr?id=1&ev=PageView">',
    '<meta property="og:image" content="https://www.example.com/pixel.gif">',
    '<meta property="og:image" content="https://www.example.com/p.jpg"><meta property="og:image:width" content="120">',
    '<meta property="og:image" content="https://www.example.com/p.jpg"><meta property="og:image:height" content="1">',
    '<meta property="og:image" content="https://www.example.com/strip.jpg"><meta property="og:image:width" content="850">'
    '<meta property="og:image:height" content="120">',
    '<meta property="og:image" content="javascript:alert(1)">',
    '<meta property="og:image" content="data:image/png;base64,iVBORw0KGgo=">',
    '<meta property="og:image" content="ftp://www.example.com/p.jpg">',
    '<meta property="og:image" content="https://user:secret@www.example.com/p.jpg">',
    '<meta property="og:image" content="">',
])
def test_decoration_tiny_and_unsafe_images_are_skipped(head):
    assert _find(head, url=None) is None


def test_a_skipped_og_image_falls_back_to_the_next_source():
    image = _find('<meta property="og:image" content="https://www.example.com/logo.png">'
                  '<meta name="twitter:image" content="https://www.example.com/photo.jpg">')
    assert image.url == "https://www.example.com/photo.jpg"


def test_bad_values_become_harmless():
    image = _find('<meta property="og:image" content="https://www.example.com/a&quot;&gt;&lt;script&gt;x.jpg">'
                  '<meta property="og:image:width" content="99999999999"><meta property="og:image:height" content="-5">'
                  f'<meta property="og:image:alt" content="{"very long caption " * 40}">')
    assert image.url == "https://www.example.com/a%22%3E%3Cscript%3Ex.jpg"
    assert image.width is None and image.height is None  # absurd sizes count as unknown
    assert len(image.alt) <= MAX_ALT + 1 and image.alt.endswith("\u2026")
    assert _find('<meta property="og:image" content="https://www.example.com/' + "a" * 3000 + '.jpg">') is None


@pytest.mark.parametrize("raw, base, expected", [
    ("//cdn.example.com/a.jpg", None, "https://cdn.example.com/a.jpg"),
    ("../b.jpg", "https://example.com/news/x/page", "https://example.com/news/b.jpg"),
    ("HTTPS://Example.COM/a b.jpg", None, "https://example.com/a%20b.jpg"),
    ("https://example.com/a.jpg?w=1200&h=630#x", None, "https://example.com/a.jpg?w=1200&h=630#x"),
    ("https://example.com/\u00e9t\u00e9.jpg", None, "https://example.com/%C3%A9t%C3%A9.jpg"),
    ("https://example.com/a'b`c{d}.jpg", None, "https://example.com/a%27b%60c%7Bd%7D.jpg"),
    ("/a.jpg", None, None),
    ("javascript:alert(1)//a.jpg", "https://example.com/", None),
    ("  jAvAsCrIpT:alert(1)", None, None),
    ("data:image/png;base64,AAAA", None, None),
    ("https://exa mple.com/a.jpg", None, None),
    ("https://[::1]:99999/a.jpg", None, None),
    (None, None, None),
    (["https://example.com/a.jpg"], None, None),
])
def test_image_url_policy(raw, base, expected):
    assert image_url(raw, base) == expected


FEED = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example News</title><link>https://www.example.com/</link>
<item><title>With media content</title><link>https://www.example.com/news/1</link>
<pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate><description>{BODY}</description>
<media:content url="https://www.example.com/video.mp4" medium="video"/>
<media:content url="https://www.example.com/one.jpg" medium="image" width="1024" height="576"/></item>
<item><title>With a thumbnail</title><link>https://www.example.com/news/2</link>
<pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate><description>{BODY}</description>
<media:thumbnail url="https://www.example.com/two.jpg" width="640" height="360"/></item>
<item><title>With an enclosure</title><link>https://www.example.com/news/3</link>
<pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate><description>{BODY}</description>
<enclosure url="https://www.example.com/podcast.mp3" type="audio/mpeg" length="1"/>
<enclosure url="/three.jpg" type="image/jpeg" length="1"/></item>
<item><title>With a figure in the content</title><link>https://www.example.com/news/4</link>
<pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate><description>{BODY}</description>
<content:encoded><![CDATA[<p>{BODY}</p>\
<figure><img src="https://www.example.com/four.jpg" alt="Four"></figure><p>{BODY}</p>]]></content:encoded></item>
<item><title>With a bad thumbnail</title><link>https://www.example.com/news/5</link>
<pubDate>Tue, 19 Nov 2019 10:00:00 GMT</pubDate><description>{BODY}</description>
<media:thumbnail url="javascript:alert(1)"/></item>
</channel></rss>
"""


def test_feed_entries_media_thumbnails_enclosures_and_content_images(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(FEED)
    images = {article.title: article.image for article in read_file(path)}
    assert images["With media content"].url == "https://www.example.com/one.jpg"
    assert (images["With media content"].width, images["With media content"].height) == (1024, 576)
    assert images["With media content"].alt == "With media content"
    assert images["With a thumbnail"].url == "https://www.example.com/two.jpg"
    assert images["With an enclosure"].url == "https://www.example.com/three.jpg"  # resolved against the link
    assert (images["With a figure in the content"].url, images["With a figure in the content"].alt) == (
        "https://www.example.com/four.jpg", "Four")
    assert images["With a bad thumbnail"] is None


def test_markdown_front_matter_image_and_alt(tmp_path):
    path = tmp_path / "note.md"
    path.write_text(f"---\ntitle: {HEADLINE}\nurl: https://www.example.com/news/bridge\n"
                    f"image: /img/bridge.jpg\nimage_alt: The old bridge\n---\n\n{BODY}\n")
    image = read_article(path).image
    assert (image.url, image.alt) == ("https://www.example.com/img/bridge.jpg", "The old bridge")
    path.write_text(f"---\ntitle: {HEADLINE}\nimage:\n  url: https://www.example.com/b.jpg\n  width: 1600\n"
                    f"  height: 900\n---\n\n{BODY}\n")
    image = read_article(path).image
    assert (image.url, image.alt, image.width, image.height) == ("https://www.example.com/b.jpg", HEADLINE, 1600, 900)
    path.write_text(f"---\ntitle: {HEADLINE}\nimage: [1, 2]\n---\n\n{BODY}\n")
    assert read_article(path).image is None


@pytest.mark.parametrize("image, expected", [
    ("https://www.example.com/j.jpg", "https://www.example.com/j.jpg"),
    ("javascript:alert(1)", None),
    ("data:image/png;base64,AAAA", None),
    ('https://www.example.com/"><img src=x onerror=alert(1)>.jpg',
     "https://www.example.com/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E.jpg"),
    (12, None),
    ({"url": "https://www.example.com/o.jpg", "alt": "Object alt"}, "https://www.example.com/o.jpg"),
])
def test_json_record_image(tmp_path, image, expected):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": HEADLINE, "text": BODY, "image": image, "image_alt": None}))
    found = read_article(path).image
    assert (found.url if found else None) == expected
    if isinstance(image, dict):
        assert found.alt == "Object alt"


def test_formats_without_images_have_none(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"{HEADLINE}\n\n{BODY}\n")
    assert read_article(path).image is None


def test_an_alt_that_is_only_a_file_name_gives_way_to_the_headline():
    image = _find('<meta property="og:image" content="https://www.example.com/IMG_2041.jpg">'
                  '<meta property="og:image:alt" content="IMG_2041.jpg">')
    assert image.alt == HEADLINE
