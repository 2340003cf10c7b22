"""The real web Appium Inspector (npm ``appium-inspector-plugin``) in headless Chromium attaches to a serve
with CORS allowed: screen and tree, Session Information, and a tap (marker ``inspector``).

Needs the Inspector's browser build (``make inspector-web``) and Debian's chromium + chromedriver;
skipped without them, except under ``CI=true``, where a missing piece fails.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from simulator.embedded import Simulator, capabilities

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / ".inspector" / "dist-browser"  # make inspector-web
WAIT = 60  # seconds; the Inspector is a large page for a loaded CI machine

pytestmark = pytest.mark.inspector


def _require(path: str | None, what: str) -> str:
    if path is None or not Path(path).exists():
        reason = f"Appium-Inspector-Test braucht {what}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="module")
def inspector_url() -> Iterator[str]:
    """The Inspector's browser build served under /inspector/ (where its index.html expects it)."""
    _require(str(BUNDLE / "index.html") if (BUNDLE / "index.html").exists() else None, "make inspector-web")

    class Handler(SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            return super().translate_path(path.removeprefix("/inspector"))

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(BUNDLE)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/inspector/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def simulator() -> Iterator[Simulator]:
    with Simulator(allow_cors=True) as sim:
        yield sim


@pytest.fixture()
def browser() -> Iterator[WebDriver]:
    chromium = _require(shutil.which("chromium"), "chromium (Debian-Paket)")
    driver_path = _require(shutil.which("chromedriver"), "chromedriver (Debian-Paket chromium-driver)")
    options = Options()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1600,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _until(browser: WebDriver, condition: Callable[[WebDriver], Any], what: str) -> Any:
    return WebDriverWait(browser, WAIT).until(condition, message=f"Inspector: {what}")


def _type(browser: WebDriver, element_id: str, text: str) -> None:
    field = _until(browser, lambda b: b.find_element(By.ID, element_id), f"#{element_id}")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    field.send_keys(text)


def _start_session(browser: WebDriver, url: str, appium_url: str, caps: dict[str, str]) -> None:
    browser.get(url)
    host, port = appium_url.removeprefix("http://").split(":")
    _type(browser, "customServerHost", host)
    _type(browser, "customServerPort", port)
    _type(browser, "customServerPath", "/")
    for n, (name, value) in enumerate(caps.items()):
        if n:
            browser.find_element(By.ID, "btnAddDesiredCapability").click()
        _type(browser, f"desiredCapabilityName_{n}", name)
        _type(browser, f"desiredCapabilityValue_{n}", value)
    browser.find_element(By.ID, "btnStartSession").click()


def _body(browser: WebDriver) -> str:
    return str(browser.find_element(By.TAG_NAME, "body").text)


def _tab(browser: WebDriver, title: str) -> None:
    tab = _until(
        browser,
        lambda b: next((t for t in b.find_elements(By.CSS_SELECTOR, "[role=tab]") if t.text == title), None),
        f"tab {title}",
    )
    tab.click()


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_inspector_attaches_shows_the_tree_and_the_session_information(
    browser: WebDriver, inspector_url: str, simulator: Simulator, platform: str
) -> None:
    _start_session(browser, inspector_url, simulator.appium_url, capabilities(platform))
    _until(browser, lambda b: "login_submit" in _body(b) and "App Source" in _body(b), "the element tree")
    screenshot = browser.find_element(By.CSS_SELECTOR, "img#screenshot")
    assert str(screenshot.get_attribute("src")).startswith("data:image/") and screenshot.size["width"] > 100
    _tab(browser, "Session Information")
    _until(browser, lambda b: "Currently Active App ID" in _body(b), "the Session Information tab")
    # the row is filled from mobile: getCurrentPackage (Android) / mobile: activeAppInfo (iOS)
    active = re.compile(r"^Currently Active App ID[ \t]+de\.insurgo\.kundenapp[ \t]*$", re.MULTILINE)
    _until(browser, lambda b: active.search(_body(b)), "the active app id in the Session Information")
    _until(browser, lambda b: "kundenapp-sim" in _body(b), "Server Details from /status")


def test_inspector_taps_the_selected_element(browser: WebDriver, inspector_url: str, simulator: Simulator) -> None:
    _start_session(browser, inspector_url, simulator.appium_url, capabilities("android"))
    _until(browser, lambda b: "login_submit" in _body(b) and "App Source" in _body(b), "the element tree")
    node = _until(
        browser,
        lambda b: next(iter(b.find_elements(By.XPATH, "//span[.='\"login_forgot_password\"']")), None),
        "the node of login_forgot_password in the tree: " + _body(browser)[:800],
    )
    node.click()
    tap = _until(browser, lambda b: (e := b.find_element(By.ID, "btnTapElement")).is_enabled() and e, "Tap button")
    tap.click()
    _until(browser, lambda b: "forgot_email" in _body(b), "the Passwort-vergessen screen after the tap")
