"""Headless Chromium through Selenium for the broker's side (Makler-Konsole, Postfach) in a real browser.

Chromium and chromedriver come from the Debian packages ``chromium`` and ``chromium-driver``
(``.ci/run`` installs them). Without them, browser tests skip with the install hint; under
``CI=true`` a missing browser is a failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webelement import WebElement

KONSOLE_LABEL = "Browser (Makler-Konsole)"  # how the reports name its screenshot
INSTALL_HINT = "Chromium fehlt: apt-get install chromium chromium-driver (dann laufen die Browser-Tests)"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
)


@dataclass(frozen=True)
class Chromium:
    """Where the browser and its driver are."""

    binary: str
    driver: str


def find_chromium() -> Chromium | None:
    """The installed Chromium and chromedriver, or None."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return Chromium(binary, driver) if binary and driver else None


def require_chromium() -> Chromium:
    """Chromium, or a skip with the install hint (a failure under ``CI=true``)."""
    found = find_chromium()
    if found is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{INSTALL_HINT} – unter CI=true ist das ein Fehler", pytrace=False)
        pytest.skip(INSTALL_HINT)
    return found


@contextmanager
def chromium_session(found: Chromium, label: str = "Browser") -> Iterator[webdriver.Chrome]:
    """A headless Chromium with a fresh profile, quit and removed afterwards."""
    profile = tempfile.mkdtemp(prefix="kundenapp-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = found.binary
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=found.driver))
    driver.kundenapp_label = label  # type: ignore[attr-defined]  # the report names the screenshot after it
    try:
        yield driver
    finally:
        try:
            driver.quit()
        finally:
            shutil.rmtree(profile, ignore_errors=True)


def is_gone(element: WebElement) -> bool:
    """True once the element's document was replaced (the new page after a form post has loaded).

    Mid-navigation chromedriver may answer "Node with given id does not belong to the document"
    instead of a stale element reference; both mean the old page is gone.
    """
    try:
        element.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in (error.msg or ""):
            return True
        raise
    return False


def clean_slate(driver: webdriver.Chrome) -> None:
    """No page open and no cookie of any site: the reused browser as a new one starts, signed out everywhere.

    WebDriver's "delete all cookies" only reaches the cookies the current page would send (on
    ``about:blank`` none, on another path not the Makler-Konsole's ``/konsole`` ones); Chromium's own
    ``Network.clearBrowserCookies`` clears them all.
    """
    driver.get("about:blank")
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})


def konsole_browsers() -> Iterator[webdriver.Chrome]:
    """One headless Chromium per test process for the Makler-Konsole (fixture ``konsole_browser``; skips with the
    install hint without it, fails under CI)."""
    with chromium_session(require_chromium(), label=KONSOLE_LABEL) as driver:
        yield driver


class ReportShot:
    """The browser as the report sees a phone: a screenshot and a source; quitting is the fixture's job."""

    kundenapp_label = KONSOLE_LABEL

    def __init__(self, driver: webdriver.Chrome) -> None:
        self._driver = driver

    def get_screenshot_as_base64(self) -> str:
        return str(self._driver.get_screenshot_as_base64())

    @property
    def page_source(self) -> str:
        return str(self._driver.page_source)

    def quit(self) -> None:
        """The session-wide browser outlives the scenario."""
