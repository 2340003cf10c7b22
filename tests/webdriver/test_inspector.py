"""What the Appium Inspector needs: CORS for the web Inspector, and the commands its tabs send."""

from __future__ import annotations

import base64
import http.client
import io
import json
from collections.abc import Iterator

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from appium.webdriver.webdriver import WebDriver
from PIL import Image
from selenium.common.exceptions import WebDriverException

from simulator.webdriver import WebDriverServer

from .conftest import BACKEND_URL, Raw
from .fake_device import FakeDevice

INSPECTOR_ORIGIN = "http://localhost:1234"  # where the web Inspector's page comes from
PREFLIGHT = {
    # exactly what a browser sends before the web Inspector's POST /session (fetch with a JSON body)
    "Origin": INSPECTOR_ORIGIN,
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "content-type",
    "Referer": INSPECTOR_ORIGIN + "/",
    "Sec-Fetch-Mode": "cors",
}


def _request(
    port: int, method: str, path: str, headers: dict[str, str], body: bytes | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@pytest.fixture
def cors_server() -> Iterator[WebDriverServer]:
    with WebDriverServer("127.0.0.1", 0, FakeDevice, BACKEND_URL, allow_cors=True) as running:
        yield running


def test_cors_preflight_gets_204_and_the_allow_headers(cors_server: WebDriverServer) -> None:
    status, headers, body = _request(cors_server.port, "OPTIONS", "/session", PREFLIGHT)
    assert (status, body) == (204, b"")
    assert headers["access-control-allow-origin"] == "*"
    assert "POST" in headers["access-control-allow-methods"].split(", ")
    allowed = {name.strip().lower() for name in headers["access-control-allow-headers"].split(",")}
    assert {"content-type", "x-idempotency-key"} <= allowed


def test_cors_headers_on_every_answer_errors_included(cors_server: WebDriverServer) -> None:
    caps = b'{"capabilities":{"alwaysMatch":{"platformName":"Android"}}}'
    origin = {"Origin": INSPECTOR_ORIGIN, "Content-Type": "application/json"}
    status, headers, _ = _request(cors_server.port, "POST", "/session", origin, caps)
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    status, headers, _ = _request(cors_server.port, "GET", "/session/nope/source", origin)
    assert status == 404 and headers["access-control-allow-origin"] == "*"
    status, _, _ = _request(cors_server.port, "OPTIONS", "/wd/hub/session/x/element", PREFLIGHT)
    assert status == 204


def test_cors_is_off_by_default(server: WebDriverServer) -> None:
    """A page of another origin (the web Inspector's) is refused, preflight or not, and told the flag."""
    for method, path, headers in (("OPTIONS", "/session", PREFLIGHT), ("GET", "/status", {"Origin": INSPECTOR_ORIGIN})):
        status, answer, body = _request(server.port, method, path, headers)
        assert status == 403 and "access-control-allow-origin" not in answer
        assert json.loads(body)["value"]["message"] == (
            f"a page from {INSPECTOR_ORIGIN} may not use this server; start it with --allow-cors to let it"
        )
    status, _, body = _request(server.port, "OPTIONS", "/session", {})
    assert status == 405 and b"unknown method" in body  # no preflight without CORS


def test_current_package_and_activity_on_android(driver: WebDriver, device: FakeDevice, raw: Raw) -> None:
    assert _inspector_script(raw, driver.session_id, "mobile:getCurrentPackage") == "de.insurgo.kundenapp"
    assert driver.current_package == "de.insurgo.kundenapp"
    assert driver.current_activity == ".MainActivity"
    driver.background_app(-1)
    assert driver.current_package == "com.google.android.apps.nexuslauncher"


def _inspector_script(raw: Raw, session_id: str, script: str) -> object:
    """An execute script as WebdriverIO sends it for the Inspector: ``mobile:name``, ``"args": []``."""
    status, _, body = raw("POST", f"/session/{session_id}/execute/sync", {"script": script, "args": []})
    assert status == 200, body
    return body["value"]


def test_active_app_info_on_ios_as_the_inspector_sends_it(ios_driver: WebDriver, raw: Raw) -> None:
    info = _inspector_script(raw, ios_driver.session_id, "mobile:activeAppInfo")
    assert isinstance(info, dict)
    assert info["bundleId"] == "de.insurgo.kundenapp" and info["name"] == "Kunden-App"
    assert isinstance(info["pid"], int) and info == ios_driver.execute_script("mobile: activeAppInfo")
    ios_driver.terminate_app("de.insurgo.kundenapp")
    assert ios_driver.execute_script("mobile: activeAppInfo")["bundleId"] == "com.apple.springboard"


def test_the_other_platforms_commands_are_unsupported(driver: WebDriver, ios_driver: WebDriver, raw: Raw) -> None:
    with pytest.raises(WebDriverException, match="XCUITest"):
        driver.execute_script("mobile: activeAppInfo")
    status, _, body = raw(
        "POST", f"/session/{ios_driver.session_id}/execute/sync", {"script": "mobile: getCurrentPackage", "args": []}
    )
    assert (status, body["value"]["error"]) == (500, "unsupported operation")


def test_device_info_display_size_matches_the_screenshot(driver: WebDriver, raw: Raw) -> None:
    """The Inspector scales taps with realDisplaySize: it must be the screenshot's size in pixels."""
    info = _inspector_script(raw, driver.session_id, "mobile:deviceInfo")
    assert isinstance(info, dict)
    png = Image.open(io.BytesIO(base64.b64decode(driver.get_screenshot_as_base64())))
    assert info["realDisplaySize"] == f"{png.width}x{png.height}"
    rect = driver.get_window_rect()
    assert (rect["width"], rect["height"]) == png.size


def test_session_information_tab(driver: WebDriver, raw: Raw) -> None:
    """Status, Get Session and settings, as the Session Information tab and the settings panel read them."""
    status, _, body = raw("GET", "/status")
    assert status == 200 and body["value"]["build"]["version"]
    status, _, body = raw("GET", f"/session/{driver.session_id}")  # the flat session caps of the tab
    assert status == 200 and body["value"]["platformName"] == "Android"
    settings = driver.get_settings()
    assert settings["waitForIdleTimeout"] == 10_000
    driver.update_settings({"waitForIdleTimeout": 0})
    assert driver.get_settings()["waitForIdleTimeout"] == 0


def test_inspector_tap_on_the_screenshot_taps_the_element(driver: WebDriver, device: FakeDevice, raw: Raw) -> None:
    """The body the Inspector sends for a tap on its screenshot (DEFAULT_TAP: finger1, 0 ms move, 100 ms pause)."""
    rect = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_forgot_password").rect
    x, y = rect["x"] + rect["width"] // 2, rect["y"] + rect["height"] // 2
    tap = [
        {"type": "pointerMove", "duration": 0, "x": x, "y": y},
        {"type": "pointerDown", "button": 0},
        {"type": "pause", "duration": 100},
        {"type": "pointerUp", "button": 0},
    ]
    body = {"actions": [{"type": "pointer", "id": "finger1", "parameters": {"pointerType": "touch"}, "actions": tap}]}
    status, _, _ = raw("POST", f"/session/{driver.session_id}/actions", body)
    assert status == 200
    assert device.calls[-1] == ("tap", "login_forgot")
