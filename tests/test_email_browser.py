"""The email in a real headless Chromium: phone and desktop widths, light and dark schemes.

Assertions on computed styles (not only screenshots): no sideways scrolling
at 375 px, a 600 px content column on wider screens, colours that change with
the scheme and keep WCAG AA contrast (4.5:1) for every piece of visible text.
Screenshots go to test-artifacts/ for a person to look at.
"""

import pytest

from browser import open_browser, screenshot, set_color_scheme, set_viewport
from digest.colors import AA_CONTRAST, contrast
from digest.config import Settings
from digest.render import render_issue
from email_issues import FULL, variants

pytestmark = [pytest.mark.browser, pytest.mark.data]

#: Every element with text of its own that is rendered, with its text colour and
#: the first non-transparent background behind it.
TEXT_COLOURS = """
const rgba = s => { const p = s.match(/[\\d.]+/g).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
const behind = el => { for (; el; el = el.parentElement) { const c = rgba(getComputedStyle(el).backgroundColor);
  if (c[3] > 0) return c; } return null; };
const found = [];
for (const el of document.body.querySelectorAll('*')) {
  const own = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
  if (!own || el.getClientRects().length === 0) continue;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.display === 'none' || parseFloat(style.opacity) === 0) continue;
  if (el.closest('[style*="display:none"]')) continue;
  found.push({text: own.slice(0, 40), color: rgba(style.color), background: behind(el)});
}
return found;
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    result = {}
    for name, issue in variants().items():
        html = render_issue(issue, Settings(**FULL)).html
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
        result[name] = (folder / f"{name}.html").as_uri()
    return result


@pytest.fixture(scope="module")
def driver():
    with open_browser() as chromium:
        yield chromium


def _load(driver, page, width, scheme="light"):
    set_viewport(driver, width, 900)
    set_color_scheme(driver, scheme)
    driver.get(page)


def _full_screenshot(driver, width, name):
    height = min(driver.execute_script("return document.documentElement.scrollHeight"), 4000)
    set_viewport(driver, width, height)
    screenshot(driver, name)
    set_viewport(driver, width, 900)


@pytest.mark.parametrize("name", ["thirty", "features", "hostile"])
def test_no_sideways_scrolling_on_a_phone(driver, pages, name):
    _load(driver, pages[name], 375)
    assert driver.execute_script("return document.documentElement.scrollWidth") <= 375
    widest = driver.execute_script(
        "return Math.max(...[...document.querySelectorAll('body *')].map(e => e.getBoundingClientRect().right))")
    assert widest <= 375.5, widest
    card = driver.execute_script("return document.querySelector('.card').getBoundingClientRect().width")
    assert card == pytest.approx(375, abs=1)  # one fluid column, edge to edge
    _full_screenshot(driver, 375, f"email-{name}-375-light")


@pytest.mark.parametrize("width", [600, 800, 1280])
def test_content_column_is_600px_on_wider_screens(driver, pages, width):
    _load(driver, pages["features"], width)
    widths = driver.execute_script(
        "return [...document.querySelectorAll('.card')].map(e => e.getBoundingClientRect().width)")
    assert widths and all(w == pytest.approx(600, abs=0.5) for w in widths), widths
    left = driver.execute_script("return document.querySelector('.card').getBoundingClientRect().left")
    assert left == pytest.approx((width - 600) / 2, abs=1)  # centred
    if width == 800:
        _full_screenshot(driver, width, "email-features-800-light")


def _colours(driver):
    found = driver.execute_script(TEXT_COLOURS)
    assert len(found) > 10
    return found


@pytest.mark.parametrize("name", ["thirty", "features"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_keeps_aa_contrast(driver, pages, name, scheme):
    _load(driver, pages[name], 800, scheme)
    weak = []
    for item in _colours(driver):
        assert item["background"] is not None, item
        ratio = contrast(tuple(item["color"][:3]), tuple(item["background"][:3]))
        if ratio < AA_CONTRAST:
            weak.append((item["text"], round(ratio, 2)))
    assert not weak, weak
    _full_screenshot(driver, 800, f"email-{name}-800-{scheme}")
    if name == "features":
        _load(driver, pages[name], 375, scheme)
        _full_screenshot(driver, 375, f"email-{name}-375-{scheme}")


def test_dark_mode_changes_background_and_text(driver, pages):
    probe = """const lede = [...document.querySelectorAll('.story p')].find(p => !p.classList.contains('meta'));
      let bg = lede; while (getComputedStyle(bg).backgroundColor === 'rgba(0, 0, 0, 0)') bg = bg.parentElement;
      const page = getComputedStyle(document.body).backgroundColor;
      const link = getComputedStyle(document.querySelector('.story a[href]:not(.hl a)')).color;
      return [getComputedStyle(lede).color, getComputedStyle(bg).backgroundColor, page, link];"""
    _load(driver, pages["features"], 800, "light")
    light = driver.execute_script(probe)
    _load(driver, pages["features"], 800, "dark")
    dark = driver.execute_script(probe)
    for light_colour, dark_colour in zip(light, dark):
        assert light_colour != dark_colour, (light, dark)
    text, background = (tuple(int(x) for x in c[c.index("(") + 1:-1].split(",")[:3]) for c in dark[:2])
    assert sum(text) > sum(background)  # light text on a dark background
    assert contrast(text, background) >= AA_CONTRAST
