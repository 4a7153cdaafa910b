"""The sample issue in a real headless Chromium: it loads, and nothing scrolls sideways on a phone."""

import pytest
from click.testing import CliRunner

from browser import open_browser, screenshot, set_viewport
from digest.cli import main

pytestmark = pytest.mark.browser


def test_sample_issue_renders_in_chromium(articles, tmp_path):
    assert CliRunner().invoke(main, ["build", "--date", "2021-12-07"]).exit_code == 0
    page = (tmp_path / "out" / "2021-12-07" / "index.html").as_uri()
    with open_browser() as driver:
        set_viewport(driver, 375)
        driver.get(page)
        assert "Biden urges Putin" in driver.find_element("tag name", "body").text
        scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
        assert scroll_width <= 375, scroll_width
        screenshot(driver, "sample-375")
