"""The preview page in a real headless Chromium: frame, widths, dark mode, text tab, checks panel."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import open_browser, screenshot
from preview_helpers import SAMPLE_TITLE, build_issue, running

pytestmark = pytest.mark.browser

FRAME_BACKGROUND = """
const doc = document.getElementById('frame').contentDocument;
return doc && doc.readyState === 'complete' && doc.body ? getComputedStyle(doc.body).backgroundColor : null;
"""


def shown(driver, scheme: str) -> str | None:
    """The framed page's computed background once the frame shows ``scheme``, else None."""
    if driver.execute_script("return document.body.dataset.frameScheme") != scheme:
        return None
    return driver.execute_script(FRAME_BACKGROUND)


def wait(driver, condition, timeout: float = 15):
    """Wait for ``condition``; the page may reload under it (live reload), so stale elements are retried."""
    return WebDriverWait(driver, timeout, poll_frequency=0.1,
                         ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)
                         ).until(lambda d: condition(d))


def frame_text(driver) -> str:
    return driver.execute_script(
        "const d = document.getElementById('frame').contentDocument;"
        "return d && d.readyState === 'complete' && d.body ? d.body.innerText : '';")


def test_preview_page_in_chromium(articles, tmp_path):
    out = build_issue(tmp_path)
    lede_start = "US President Joe Biden has warned"
    with running(out) as server, open_browser(1400, 1000) as driver:
        driver.get(server.url)
        cards = driver.find_elements(By.CSS_SELECTOR, ".issue-card a")
        assert [c.get_attribute("href") for c in cards] == [server.url + "issue/2021-12-07"]
        screenshot(driver, "preview-archive")
        cards[0].click()

        # The frame shows the issue, at desktop width.
        wait(driver, lambda d: SAMPLE_TITLE in frame_text(d))
        frame = driver.find_element(By.ID, "frame")
        assert frame.rect["width"] == 800
        light = wait(driver, lambda d: d.execute_script(FRAME_BACKGROUND))
        screenshot(driver, "preview-desktop")

        # Phone: the frame (the email's viewport) is 375 px wide.
        driver.find_element(By.CSS_SELECTOR, "[data-width=phone]").click()
        assert frame.rect["width"] == 375
        assert driver.execute_script("return document.getElementById('frame').contentWindow.innerWidth") == 375
        assert "width=phone" in driver.current_url
        screenshot(driver, "preview-phone")

        # Dark: the sample's own dark-mode styles are applied, as Apple Mail does.
        driver.find_element(By.CSS_SELECTOR, "[data-scheme=dark]").click()
        dark = wait(driver, lambda d: shown(d, "dark"))
        assert dark != light
        red, green, blue = (int(v) for v in dark[dark.index("(") + 1:dark.index(")")].split(",")[:3])
        assert max(red, green, blue) < 60, dark
        assert not driver.find_element(By.ID, "scheme-note").is_displayed()
        assert SAMPLE_TITLE in frame_text(driver)
        screenshot(driver, "preview-phone-dark")

        # Inverted: recoloured as the Gmail and Outlook apps do.
        driver.find_element(By.CSS_SELECTOR, "[data-scheme=inverted]").click()
        inverted = wait(driver, lambda d: shown(d, "inverted"))
        red, green, blue = (int(v) for v in inverted[inverted.index("(") + 1:inverted.index(")")].split(",")[:3])
        assert max(red, green, blue) < 60, inverted
        assert SAMPLE_TITLE in frame_text(driver)

        # Back to light, then the plain-text and source tabs.
        driver.find_element(By.CSS_SELECTOR, "[data-scheme=light]").click()
        wait(driver, lambda d: shown(d, "light") == light)
        text = driver.find_element(By.ID, "plain-text")
        assert not text.is_displayed()
        driver.find_element(By.ID, "tab-text").click()
        assert text.is_displayed() and not frame.is_displayed()
        assert SAMPLE_TITLE in text.text and lede_start in " ".join(text.text.split())
        screenshot(driver, "preview-text")
        driver.find_element(By.ID, "tab-source").click()
        assert driver.find_element(By.ID, "html-source").text.startswith("<!doctype html>")

        # The checks panel: everything passes on the sample.
        checks = driver.find_elements(By.CSS_SELECTOR, "#checks .check")
        assert {c.get_attribute("data-check") for c in checks} >= {"size", "links", "images", "parity"}
        assert all("ok" in c.get_attribute("class").split() for c in checks)

        # A new build (here: the file rewritten) reloads the page by itself, keeping the reader's view.
        page = out / "2021-12-07" / "index.html"
        page.write_text(page.read_text().replace(SAMPLE_TITLE, "Rebuilt headline"))
        wait(driver, lambda d: "Rebuilt headline" in d.find_element(By.ID, "html-source").text)
        assert driver.find_element(By.ID, "html-source").is_displayed()
        driver.find_element(By.ID, "tab-email").click()
        wait(driver, lambda d: "Rebuilt headline" in frame_text(d))
        assert driver.find_element(By.ID, "frame").rect["width"] == 375  # still the phone width


def test_checks_panel_and_dark_styles_in_chromium(articles, tmp_path):
    out = build_issue(tmp_path)
    page = out / "2021-12-07" / "index.html"
    html = page.read_text()
    html = html.replace("</head>", "<style>@media (prefers-color-scheme: dark) {"
                                   " body { background-color: rgb(1, 2, 3) !important; } }</style></head>")
    html = html.replace("</body>", '<p><a href="https://example.com/empty"></a></p><!--' + "x" * 110_000 + "--></body>")
    page.write_text(html)
    with running(out) as server, open_browser(1400, 1000) as driver:
        driver.get(server.url + "issue/2021-12-07")
        wait(driver, lambda d: SAMPLE_TITLE in frame_text(d))
        size = driver.find_element(By.CSS_SELECTOR, "#checks [data-check=size]")
        links = driver.find_element(By.CSS_SELECTOR, "#checks [data-check=links]")
        assert "fail" in size.get_attribute("class").split() and "Gmail clips above 102 KB" in size.text
        assert "fail" in links.get_attribute("class").split()
        assert "link without text to https://example.com/empty" in links.text
        assert "failed" in driver.find_element(By.ID, "checks-title").text
        screenshot(driver, "preview-checks-failing")

        # Dark with the email's own dark rules: they apply, no recolouring note.
        driver.find_element(By.CSS_SELECTOR, "[data-scheme=dark]").click()
        wait(driver, lambda d: shown(d, "dark") == "rgb(1, 2, 3)")
        assert not driver.find_element(By.ID, "scheme-note").is_displayed()
        # Inverted ignores them and recolours instead, as the Gmail app does.
        driver.find_element(By.CSS_SELECTOR, "[data-scheme=inverted]").click()
        inverted = wait(driver, lambda d: shown(d, "inverted"))
        assert inverted != "rgb(1, 2, 3)"
