"""A real headless Chromium for the tests (Debian's chromium + chromium-driver, via Selenium).

Tests that use it are marked ``browser``; the packages are installed by the
set-up step (``.ci/setup``, see CONTRIBUTING.md), not by the tests.
``open_browser()`` starts a headless Chromium with the flags this closed
network needs.
"""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: Screenshots and other artifacts a person may look at after a run.
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None when Chromium and chromedriver are there."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} not found: install chromium and chromium-driver (see CONTRIBUTING.md, set-up)"
    return None


@contextmanager
def open_browser(width: int = 1024, height: int = 800) -> Iterator[object]:
    """A Selenium Chrome driver for headless Debian Chromium; quits on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="digest-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
                 f"--window-size={width},{height}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def set_viewport(driver, width: int, height: int = 800) -> None:
    """Make the page's viewport exactly ``width`` CSS pixels wide."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def set_color_scheme(driver, scheme: str) -> None:
    """Emulate ``prefers-color-scheme: light|dark``."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


def screenshot(driver, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path
