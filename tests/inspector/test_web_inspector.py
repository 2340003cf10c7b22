"""The real web Appium Inspector (npm ``appium-inspector-plugin``) in headless Chromium attaches to a serve
with CORS allowed: screen and tree, Session Information, a tap, and every argument-free button of the
Commands tab (marker ``inspector``).

Needs the Inspector's browser build (``make inspector-web``) and Debian's chromium + chromedriver;
skipped without them, except under ``CI=true``, where a missing piece fails.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from simulator.embedded import Simulator, capabilities
from simulator.webdriver import request_log

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
    with Simulator(allow_cors=True, log_requests=True) as sim:  # the request log shows each call's status
        yield sim


@pytest.fixture(autouse=True)
def sessions_ended(simulator: Simulator) -> Iterator[None]:
    """End the sessions a test's Inspector left open, as a person would: the next test's Inspector asks for
    the same device, which a session still holding it would refuse (one device, one session)."""
    yield
    for session in httpx.get(f"{simulator.appium_url}/appium/sessions").json()["value"]:
        httpx.delete(f"{simulator.appium_url}/session/{session['id']}")


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


# The Commands tab's groups for a native app; its "Web" group (URL, title, windows) is browser only
# and refused as docs/appium-routes.md says.
NATIVE_GROUPS = ("Session", "Context", "Device Interaction")
ARGUMENT_FREE = {  # the buttons of those groups without parameters (Inspector 2025.8.1)
    "status", "getSession", "getAppiumCommands", "getAppiumExtensions", "getAppiumSessionCapabilities",
    "getTimeouts", "getLogTypes", "getAppiumContext", "getAppiumContexts", "getWindowRect", "takeScreenshot",
    "getDeviceTime", "hideKeyboard", "isKeyboardShown", "getOrientation", "getGeoLocation",
}  # fmt: skip


def _close_answers(browser: WebDriver) -> bool:
    """Close what shows an answer (result or parameter dialog, notification); True once none is left.

    A notification slides in: its close button may not be clickable on the first look, so this is
    asked again until nothing is shown.
    """
    shown = [
        e for e in browser.find_elements(By.CSS_SELECTOR, ".ant-modal, .ant-notification-notice") if e.is_displayed()
    ]
    for close in browser.find_elements(By.CSS_SELECTOR, ".ant-modal-close, .ant-notification-notice-close"):
        try:
            if close.is_displayed():
                close.click()
        except WebDriverException:  # moved or gone meanwhile: the next look sees
            pass
    return not shown


def _press(browser: WebDriver, button: Any) -> str:
    """Press a command button; "result", "failed", or "parameters" (it asks for arguments: cancelled)."""
    name = button.text
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", button)

    def outcome(b: WebDriver) -> str | None:
        for modal in b.find_elements(By.CSS_SELECTOR, ".ant-modal"):
            if not modal.is_displayed():  # a closed dialog stays in the page, hidden: not this button's answer
                continue
            if f"'{name}' result" in modal.text:
                return "result"
            if modal.find_elements(By.CSS_SELECTOR, "input"):
                return "parameters"
        if f"Call to '{name}' failed" in _body(b):
            return "failed"
        return None

    found: str = _until(browser, outcome, f"an answer to {name}")
    _until(browser, _close_answers, f"the answer to {name} closed")
    return found


def test_the_commands_tabs_argument_free_buttons_all_answer(
    browser: WebDriver, inspector_url: str, simulator: Simulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=request_log.LOGGER_NAME)
    _start_session(browser, inspector_url, simulator.appium_url, capabilities("android"))
    _until(browser, lambda b: "login_submit" in _body(b) and "App Source" in _body(b), "the element tree")
    _tab(browser, "Commands")
    for opened, group in enumerate(NATIVE_GROUPS, start=1):  # one at a time: an opening panel moves the others
        header = _until(
            browser,
            lambda b, g=group: next(
                (h for h in b.find_elements(By.CSS_SELECTOR, ".ant-collapse-header") if h.text == g), None
            ),
            f"the group {group}",
        )
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", header)
        panels = _until(
            browser,
            lambda b, n=opened: (
                len(found := b.find_elements(By.CSS_SELECTOR, ".ant-collapse-item-active")) == n and found
            ),
            f"the group {group} opened",
        )
    buttons = [button for panel in panels for button in panel.find_elements(By.CSS_SELECTOR, "button")]
    calls_before = len(caplog.records)
    outcomes = {button.text: _press(browser, button) for button in buttons}  # in order, each answer closed
    pressed = {name for name, outcome in outcomes.items() if outcome != "parameters"}
    assert pressed == ARGUMENT_FREE, outcomes
    assert [name for name in pressed if outcomes[name] != "result"] == []
    answers = [record.getMessage() for record in caplog.records[calls_before:]]
    refused = [line for line in answers if re.search(r"  [45]\d\d  ", line)]
    assert refused == [], refused
    assert any("List Commands  200" in line for line in answers) and any(
        "List Extensions  200" in line for line in answers
    )
