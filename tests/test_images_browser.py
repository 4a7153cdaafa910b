"""Lead images in a real headless Chromium: 600 and 375 px, light and dark.

The pictures come from a loopback server (tests/image_server.py) or are broken
on purpose; nothing leaves the machine. Checked on the rendered page: every
image inside the content column, no sideways scrolling, alt text present,
photos not recoloured in dark mode (pixels read back from a screenshot), and
text that stays put when the images fail to load. Screenshots go to
test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import io
import time

import pytest

from browser import open_browser, screenshot, set_color_scheme, set_viewport
from digest.colors import AA_CONTRAST, contrast
from digest.config import Settings
from digest.render import render_html
from email_issues import FULL, PICTURE_COLOUR, image_issue
from image_server import picture_server
from test_email_browser import TEXT_COLOURS

MODES = ("lead", "thumbnails")
COUNT = 7


@pytest.fixture(scope="module")
def pictures():
    with picture_server() as base:
        yield base


@pytest.fixture(scope="module")
def pages(tmp_path_factory, pictures):
    """(mode, "working" | "broken") -> file URL of the email."""
    folder = tmp_path_factory.mktemp("image-pages")
    found = {}
    for mode in MODES:
        for state, broken in (("working", ()), ("broken", tuple(range(COUNT)))):
            html = render_html(image_issue(pictures, COUNT, broken=broken), Settings(**FULL, images=mode))
            path = folder / f"{mode}-{state}.html"
            path.write_text(html, encoding="utf-8")
            found[mode, state] = path.as_uri()
    return found


@pytest.fixture(scope="module")
def driver():
    with open_browser() as chromium:
        yield chromium


def _load(driver, page: str, width: int, scheme: str = "light") -> None:
    set_viewport(driver, width, 900)
    set_color_scheme(driver, scheme)
    driver.get(page)
    for _ in range(100):  # bounded: at most 10 s for the loopback pictures
        if driver.execute_script("return [...document.images].every(i => i.complete)"):
            return
        time.sleep(0.1)
    raise AssertionError("the pictures did not finish loading")


IMAGE_FACTS = """
const card = document.querySelector('.card').getBoundingClientRect();
return [...document.images].map(i => { const r = i.getBoundingClientRect();
  const story = i.closest('.story').getBoundingClientRect();
  let filtered = false; for (let e = i; e; e = e.parentElement) if (getComputedStyle(e).filter !== 'none') filtered = true;
  return {alt: i.alt, left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height,
          natural: i.naturalWidth, lead: i.width > 200, filtered,
          card: [card.left, card.right], story: [story.left, story.right]}; });
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [600, 375])
@pytest.mark.parametrize("mode", MODES)
def test_images_sit_inside_the_column_with_alt_text(driver, pages, mode, width, scheme):
    _load(driver, pages[mode, "working"], width, scheme)
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width
    images = driver.execute_script(IMAGE_FACTS)
    assert len(images) == (1 if mode == "lead" else sum(1 for n in range(COUNT) if not (n >= 3 and n % 3 == 0)))
    for image in images:
        assert image["natural"] == 1200, image  # loaded from the loopback server
        assert image["alt"].startswith("Photo for story")
        assert image["card"][0] - 0.5 <= image["left"] and image["right"] <= image["card"][1] + 0.5, image
        assert image["story"][0] - 0.5 <= image["left"] and image["right"] <= image["story"][1] + 0.5, image
        assert not image["filtered"]
        # The picture keeps its shape (1200 x 630) whatever the column's width.
        assert image["height"] == pytest.approx(image["width"] * 630 / 1200, abs=1)
    lead = images[0]
    assert lead["width"] == pytest.approx(lead["story"][1] - lead["story"][0], abs=1)  # full column width
    if mode == "thumbnails":
        assert all(image["width"] == pytest.approx(112, abs=0.5) for image in images[1:])
    height = min(driver.execute_script("return document.documentElement.scrollHeight"), 5000)
    set_viewport(driver, width, height)
    _load(driver, pages[mode, "working"], width, scheme)
    set_viewport(driver, width, height)
    path = screenshot(driver, f"email-images-{mode}-{width}-{scheme}")
    _assert_not_recoloured(path, driver.execute_script(IMAGE_FACTS))


def _assert_not_recoloured(path, images) -> None:
    """The middle pixel of every picture in the screenshot is the served colour (no dark-mode inversion)."""
    from PIL import Image as Picture

    expected = tuple(bytes.fromhex(PICTURE_COLOUR))
    with Picture.open(io.BytesIO(path.read_bytes())) as shot:
        pixels = shot.convert("RGB")
        for image in images:
            x, y = int((image["left"] + image["right"]) / 2), int((image["top"] + image["bottom"]) / 2)
            got = pixels.getpixel((x, y))
            assert all(abs(a - b) <= 3 for a, b in zip(got, expected)), (image, got)


TEXT_TOPS = """return [...document.querySelectorAll('.story .hl, .story p, .story li')]
  .map(e => [e.textContent.slice(0, 30), Math.round(e.getBoundingClientRect().top * 2) / 2,
             Math.round(e.getBoundingClientRect().left * 2) / 2]);"""


@pytest.mark.parametrize("width", [600, 375])
@pytest.mark.parametrize("mode", MODES)
def test_broken_images_do_not_shift_the_text(driver, pages, mode, width):
    _load(driver, pages[mode, "working"], width)
    working = driver.execute_script(TEXT_TOPS)
    _load(driver, pages[mode, "broken"], width)
    broken = driver.execute_script(TEXT_TOPS)
    assert all(i["natural"] == 0 for i in driver.execute_script(IMAGE_FACTS))  # really broken
    assert len(working) > 20 and [t[0] for t in working] == [t[0] for t in broken]
    # Within a pixel: the declared box is rounded to whole pixels, the loaded picture is not.
    moved = [(w, b) for w, b in zip(working, broken) if abs(w[1] - b[1]) > 1 or abs(w[2] - b[2]) > 1]
    assert not moved, moved
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width
    if width == 375:
        height = min(driver.execute_script("return document.documentElement.scrollHeight"), 5000)
        set_viewport(driver, width, height)
        screenshot(driver, f"email-images-{mode}-{width}-broken")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_beside_thumbnails_keeps_aa_contrast(driver, pages, scheme):
    _load(driver, pages["thumbnails", "broken"], 375, scheme)  # broken: the alt text shows, and is text too
    weak = []
    for item in driver.execute_script(TEXT_COLOURS):
        assert item["background"] is not None, item
        ratio = contrast(tuple(item["color"][:3]), tuple(item["background"][:3]))
        if ratio < AA_CONTRAST:
            weak.append((item["text"], round(ratio, 2)))
    assert not weak, weak
