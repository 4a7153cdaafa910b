"""Lead images in the email: the images setting, the <img> markup, bad image data, size, the build's report."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from digest.checks import GMAIL_CLIP_BYTES, check_images
from digest.cli import main
from digest.config import Settings, load_settings
from digest.errors import ConfigError
from digest.model import Image
from digest.render import LEAD_WIDTH, THUMB_WIDTH, render_html, render_issue, render_mjml, render_text
from email_issues import DATE, FULL, bbc_issue, feature_issue, image_issue, visible_text
from node_tools import html_validate, mjml_validate

BASE = "http://127.0.0.1:9"  # nothing listens there: every image is broken, nothing leaves the machine


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[dict[str, str | None]] = []
        self.links: list[str | None] = []
        self._href: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href.append(dict(attrs).get("href"))
        elif tag == "img":
            self.images.append({**dict(attrs), "_link": self._href[-1] if self._href else None})

    def handle_endtag(self, tag):
        if tag == "a" and self._href:
            self._href.pop()


def images_of(html: str) -> list[dict[str, str | None]]:
    parser = _Images()
    parser.feed(html)
    return parser.images


def test_lead_is_the_default_and_shows_the_top_story_image_only():
    issue = image_issue(BASE, 10)
    assert Settings().images == "lead"
    [lead] = images_of(render_html(issue, Settings(**FULL)))
    top = issue.stories[0]
    assert lead["src"] == top.article.image.url and lead["alt"] == top.article.image.alt
    assert (lead["width"], lead["height"]) == (str(LEAD_WIDTH), str(round(LEAD_WIDTH / (1200 / 630))))
    assert lead["_link"] == top.article.url  # the picture links to the story


def test_thumbnails_for_the_other_stories_and_none_for_none():
    issue = image_issue(BASE, 10)
    images = images_of(render_html(issue, Settings(**FULL, images="thumbnails")))
    with_image = [s for s in issue.stories if s.article.image]
    assert [i["src"] for i in images] == [s.article.image.url for s in with_image]
    assert [i["width"] for i in images] == [str(LEAD_WIDTH)] + [str(THUMB_WIDTH)] * (len(with_image) - 1)
    assert images_of(render_html(issue, Settings(**FULL, images="none"))) == []


def test_no_image_on_top_means_no_lead_image():
    issue = image_issue(BASE, 10)
    top = dataclasses.replace(issue.stories[0], article=dataclasses.replace(issue.stories[0].article, image=None))
    issue = dataclasses.replace(issue, stories=(top, *issue.stories[1:]))
    assert images_of(render_html(issue, Settings(**FULL))) == []
    assert all(i["width"] == str(THUMB_WIDTH) for i in images_of(render_html(issue, Settings(**FULL, images="thumbnails"))))


@pytest.mark.parametrize("mode", ["lead", "thumbnails"])
def test_every_img_has_width_height_alt_and_no_border(mode):
    html = render_html(image_issue(BASE, 10), Settings(**FULL, images=mode))
    images = images_of(html)
    assert images
    for image in images:
        assert image["width"].isdigit() and image["height"].isdigit() and int(image["height"]) > 0
        assert image["alt"] and image["border"] == "0"
        style = image["style"].replace(" ", "")
        for rule in ("display:block", "width:100%", "height:auto", "border:0", f"max-width:{image['width']}px"):
            assert rule in style, (rule, style)
    assert check_images(html).ok


@pytest.mark.parametrize("mode", ["lead", "thumbnails"])
def test_the_plain_text_part_has_no_image_lines(mode):
    issue = image_issue(BASE, 10)
    text = render_text(issue, Settings(**FULL, images=mode))
    assert text == render_text(issue, Settings(**FULL, images="none"))
    assert BASE not in text and "Photo for story" not in text


def test_stories_without_an_image_lay_out_as_before():
    """The golden feature issue has no images: every mode gives the same email as before images existed."""
    issue = feature_issue()
    html = render_html(issue, Settings(**FULL))
    assert html == render_html(issue, Settings(**FULL, images="thumbnails"))
    assert html == render_html(issue, Settings(**FULL, images="none"))
    # And in an issue with pictures, a story without one has the same markup as in an issue without any.
    pictured = image_issue(BASE, 10)
    bare = dataclasses.replace(pictured, stories=tuple(
        dataclasses.replace(s, article=dataclasses.replace(s.article, image=None)) for s in pictured.stories))
    plain = pictured.stories[3]
    assert plain.article.image is None

    def story_markup(html: str) -> str:
        [story] = [part for part in html.split('<div class="story"') if f">{plain.article.title}</a></h2>" in part]
        return story.split("</div>", 1)[0]

    assert story_markup(render_html(pictured, Settings(**FULL, images="thumbnails"))) == story_markup(
        render_html(bare, Settings(**FULL, images="thumbnails")))


HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)//x.jpg",
    "data:image/png;base64,iVBORw0KGgo=",
    "vbscript:msgbox(1)",
    "//evil.example/no-scheme.jpg",
    "",
]


def _with_image(issue, image: Image, index: int = 0):
    story = issue.stories[index]
    stories = list(issue.stories)
    stories[index] = dataclasses.replace(story, article=dataclasses.replace(story.article, image=image))
    return dataclasses.replace(issue, stories=tuple(stories))


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_unsafe_image_urls_are_never_emitted(url):
    issue = _with_image(bbc_issue(3), Image(url=url, alt="x"))
    html = render_html(issue, Settings(**FULL, images="thumbnails"))
    assert images_of(html) == []
    assert html == render_html(bbc_issue(3), Settings(**FULL, images="thumbnails"))


def test_quotes_and_markup_in_an_image_url_or_alt_are_escaped():
    nasty = 'https://img.example.com/a.jpg?x="><script>alert(1)</script><mj-raw>{{ 7*7 }}'
    alt = '"><img src=x onerror=alert(1)> {% if x %}'
    issue = _with_image(bbc_issue(3), Image(url=nasty, alt=alt, width=1200, height=630))
    mjml = render_mjml(issue, Settings(**FULL))
    html = render_html(issue, Settings(**FULL))
    [image] = images_of(html)
    assert image["src"] == nasty  # escaped in the markup, the same URL once parsed
    assert image["alt"] == alt
    assert "<script>" not in html and "<mj-raw>" not in mjml.split("<mj-body", 1)[1] and "onerror=alert(1)>" not in html
    assert "{{ 7*7 }}" not in html and "{% if" not in html
    # The layout is intact: the same stories, headings and links as without the image.
    assert visible_text(html) == visible_text(render_html(bbc_issue(3), Settings(**FULL)))


@pytest.mark.parametrize("width, height, expected", [
    (100000, 1, round(LEAD_WIDTH / 4)),  # a declared 100000:1 strip is drawn no flatter than 4:1
    (1, 100000, LEAD_WIDTH * 2),  # nor taller than 1:2
    (None, None, round(LEAD_WIDTH / 1.91)),  # unknown: Open Graph's 1.91:1
    (0, 0, round(LEAD_WIDTH / 1.91)),
    (1600, 900, round(LEAD_WIDTH * 900 / 1600)),
])
def test_declared_sizes_never_break_the_box(width, height, expected):
    issue = _with_image(bbc_issue(3), Image(url="https://img.example.com/a.jpg", alt="a", width=width, height=height))
    [image] = images_of(render_html(issue, Settings(**FULL)))
    assert image["width"] == str(LEAD_WIDTH) and image["height"] == str(expected)


def test_a_huge_image_url_is_not_shown():
    issue = _with_image(bbc_issue(3), Image(url="https://img.example.com/" + "a" * 5000, alt="a"))
    assert images_of(render_html(issue, Settings(**FULL))) == []


def test_images_are_linked_never_embedded_or_rewritten():
    issue = image_issue(BASE, 10)
    html = render_html(issue, Settings(**FULL, images="thumbnails"))
    sources = {i["src"] for i in images_of(html)}
    assert sources == {s.article.image.url for s in issue.stories if s.article.image}
    assert "data:image" not in html and "cid:" not in html and "base64" not in html


def test_thirty_stories_with_thumbnails_fit_under_gmails_clip():
    issue = image_issue("https://images.example-publisher.com/resizer/0_RlpZzsgNwQaaObSB9IXasUmzU=/1280x0/smart/"
                        "arc-anglerfish-arc2-prod-advancelocal.s3.amazonaws.com/public", 30)
    rendered = render_issue(issue, Settings(**FULL, images="thumbnails"))
    fitted, html = rendered.issue, rendered.html
    assert len(html.encode("utf-8")) < GMAIL_CLIP_BYTES
    assert len(fitted.shown) == 30 and not any("larger than" in w for w in fitted.warnings)
    assert len(images_of(html)) == sum(1 for s in issue.stories if s.article.image)


def test_the_images_setting_is_checked_and_layered(tmp_path):
    with pytest.raises(ConfigError, match="'images': 'all' is not one of lead, thumbnails, none"):
        Settings(images="all")
    (tmp_path / "digest.toml").write_text('images = "thumbnails"\n')
    assert load_settings(tmp_path / "digest.toml", env={}).images == "thumbnails"
    assert load_settings(tmp_path / "digest.toml", env={"DIGEST_IMAGES": "none"}).images == "none"
    with pytest.raises(ConfigError):
        load_settings(None, env={"DIGEST_IMAGES": "lots"})


def test_the_build_reports_images_and_the_manifest_lists_them(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    body = " ".join(["The council voted on Tuesday to close the old harbour bridge to cars from next spring."] * 12)
    (folder / "a.md").write_text(f"---\ntitle: Council closes the bridge\ndate: 2021-12-07\n"
                                 f"url: https://www.example.com/news/bridge\nimage: /img/bridge.jpg\n"
                                 f"image_alt: The old bridge at dawn\n---\n\n{body}\n")
    other = " ".join(["Astronomers have mapped the surface of Titan, the largest moon of Saturn, in detail."] * 12)
    (folder / "b.md").write_text(f"---\ntitle: First map of Titan\ndate: 2021-12-07\n---\n\n{other}\n")
    result = CliRunner().invoke(main, ["build", "--date", DATE.isoformat(), "--articles", str(folder),
                                       "--out", str(tmp_path / "out")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Images: 1 of 2 stories have one; the email shows " in result.output
    manifest = json.loads((tmp_path / "out" / DATE.isoformat() / "issue.json").read_text())
    images = {a["path"].rsplit("/", 1)[1]: a["image"] for a in manifest["articles"]}
    assert images["a.md"] == {"url": "https://www.example.com/img/bridge.jpg", "alt": "The old bridge at dawn",
                              "width": None, "height": None}
    assert images["b.md"] is None
    story_images = [a["image"] for s in manifest["stories"] for a in s["articles"]]
    assert sorted(map(bool, story_images)) == [False, True]
    text = (tmp_path / "out" / DATE.isoformat() / "index.txt").read_text()
    assert "bridge.jpg" not in text and "The old bridge at dawn" not in text


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("image-email")
    names = []
    for mode in ("lead", "thumbnails"):
        for name, issue in (("ten", image_issue(BASE, 10, broken=(2,))),
                            ("sections", dataclasses.replace(image_issue(BASE, 10), stories=tuple(
                                dataclasses.replace(s, section="Section A" if n < 5 else "Section B")
                                for n, s in enumerate(image_issue(BASE, 10).stories))))):
            settings = Settings(**FULL, images=mode)
            (folder / f"{name}-{mode}.mjml").write_text(render_mjml(issue, settings), encoding="utf-8")
            (folder / f"{name}-{mode}.html").write_text(render_html(issue, settings), encoding="utf-8")
            names.append(f"{name}-{mode}")
    return folder, names


def test_emails_with_images_validate_with_the_reference_mjml(validated):
    folder, names = validated
    result = mjml_validate(*(folder / f"{name}.mjml" for name in names))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"(?i)\berror\b", result.stdout + result.stderr), result.stdout + result.stderr


def test_emails_with_images_pass_html_validate(validated):
    folder, names = validated
    result = html_validate(*(folder / f"{name}.html" for name in names))
    assert result.returncode == 0, result.stdout + result.stderr
