"""The story ids' Copy buttons in a real headless Chromium."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from browser import open_browser
from preview_helpers import SAMPLE_DATE, build_issue, running

READ_CLIPBOARD = """
const done = arguments[arguments.length - 1];
navigator.clipboard.readText().then(done, () => done(window.getSelection().toString()));
"""


def test_copy_button_copies_the_story_id(articles, tmp_path):
    out = build_issue(tmp_path)
    with running(out) as server, open_browser(1400, 1000) as driver:
        origin = server.url.rstrip("/")
        driver.execute_cdp_cmd("Browser.grantPermissions", {
            "origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
        driver.get(f"{server.url}issue/{SAMPLE_DATE.isoformat()}")
        [item] = driver.find_elements(By.CSS_SELECTOR, ".story-list li[data-story-id]")
        story_id = item.get_attribute("data-story-id")
        assert len(story_id) == 8 and item.find_element(By.CSS_SELECTOR, "code").text == story_id
        button = item.find_element(By.CSS_SELECTOR, "button.copy")
        button.click()
        WebDriverWait(driver, 10).until(lambda d: button.text == "Copied")
        assert driver.execute_async_script(READ_CLIPBOARD) == story_id
        WebDriverWait(driver, 10).until(lambda d: button.text == "Copy")
