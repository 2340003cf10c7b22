"""Appium's own routes beyond W3C (docs/appium-routes.md): what the Inspector's Commands tab and Appium
clients call, and the command and extension listings computed from the tables the dispatcher uses."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from appium.webdriver.webdriver import WebDriver

from simulator.webdriver.mobile import EXTENSIONS
from simulator.webdriver.routes import ROUTES, Router, appium_path

from .conftest import Raw, android_options, ios_options
from .fake_device import FakeDevice

DOC = Path(__file__).resolve().parents[2] / "docs" / "appium-routes.md"


def _value(raw: Raw, method: str, path: str, body: Any = None, status: int = 200) -> Any:
    answer = raw(method, path, body)
    assert answer[0] == status, answer
    return answer[2]["value"]


def test_list_commands_names_every_route_the_dispatcher_matches(raw: Raw, session_id: str) -> None:
    listed = _value(raw, "GET", f"/session/{session_id}/appium/commands")
    assert set(listed) == {"rest", "bidi"} and set(listed["rest"]) == {"base", "driver", "plugins"}
    pairs = {
        (method, path, source)
        for source in ("base", "driver")
        for path, methods in listed["rest"][source].items()
        for method in methods
    }
    assert pairs == {(r.method, appium_path(r.path), "driver" if r.own else "base") for r in Router()}
    assert listed["rest"]["driver"] == {"/kundenapp/v1/phones": {"GET": {"command": "listPhones"}}}
    find = listed["rest"]["base"]["/session/:sessionId/element"]["POST"]
    assert find == {
        "command": "findElement",
        "params": [{"name": "using", "required": True}, {"name": "value", "required": True}],
    }
    assert listed["rest"]["base"]["/session/:sessionId"]["GET"] == {"command": "getSession", "deprecated": True}


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_list_extensions_names_every_execute_method_and_each_dispatches(
    connect: Callable[..., WebDriver], raw: Raw, platform: str
) -> None:
    driver = connect(android_options() if platform == "android" else ios_options())
    listed = _value(raw, "GET", f"/session/{driver.session_id}/appium/extensions")
    methods = listed["rest"]["driver"]
    assert listed["rest"]["plugins"] == {}
    assert set(methods) == {name for name, e in EXTENSIONS.items() if e.platform in (None, platform)}
    other = "mobile: pressButton" if platform == "android" else "mobile: pressKey"
    assert other not in methods  # each driver lists its own, as UiAutomator2 and XCUITest do
    press = "mobile: pressKey" if platform == "android" else "mobile: pressButton"
    assert methods[press]["command"] == press.replace("mobile: p", "mobileP")
    assert methods[press]["params"] == [{"name": "keycode" if platform == "android" else "name", "required": True}]
    assert methods["kundenapp: keepScreen"] == {"command": "kundenappKeepScreen"}
    assert methods["kundenapp: updateOs"]["params"] == [{"name": "version", "required": True}]
    for name in methods:  # every listed method is known to the dispatcher: never "unsupported operation"
        status, _, body = raw("POST", f"/session/{driver.session_id}/execute/sync", {"script": name, "args": [{}]})
        assert status == 200 or body["value"]["error"] != "unsupported operation", (name, body)
    status, _, body = raw("POST", f"/session/{driver.session_id}/execute/sync", {"script": other, "args": [{}]})
    assert (status, body["value"]["error"]) == (500, "unsupported operation")
    assert other not in body["value"]["message"].split("Available: ")[1]


def test_appium_session_capabilities_replace_the_deprecated_get_session(raw: Raw, session_id: str) -> None:
    caps = _value(raw, "GET", f"/session/{session_id}/appium/capabilities")
    assert caps == {"capabilities": _value(raw, "GET", f"/session/{session_id}")}
    assert caps["capabilities"]["platformName"] == "Android"


def test_device_time_and_keyboard_over_appium_device_routes(driver: WebDriver, device: FakeDevice, raw: Raw) -> None:
    device_path = f"/session/{driver.session_id}/appium/device"
    assert _value(raw, "GET", f"{device_path}/system_time") == "2026-11-27T10:00:00+01:00"
    assert _value(raw, "POST", f"{device_path}/system_time", {"format": "YYYY-MM-DDTHH:mm:ssZ"}) == (
        "2026-11-27T10:00:00+01:00"
    )
    refused = _value(raw, "POST", f"{device_path}/system_time", {"format": "DD.MM.YYYY"}, status=500)
    assert refused["error"] == "unsupported operation" and "YYYY-MM-DDTHH:mm:ssZ" in refused["message"]
    assert _value(raw, "GET", f"{device_path}/is_keyboard_shown") is False
    driver.find_element("accessibility id", "login_email").click()
    assert _value(raw, "GET", f"{device_path}/is_keyboard_shown") is True
    assert _value(raw, "POST", f"{device_path}/hide_keyboard", {"strategy": "tapOutside"}) is None
    assert device.keyboard is False


def test_app_management_over_appium_device_routes(driver: WebDriver, device: FakeDevice, raw: Raw) -> None:
    app = {"appId": "de.insurgo.kundenapp"}
    device_path = f"/session/{driver.session_id}/appium/device"
    assert _value(raw, "POST", f"{device_path}/app_installed", app) is True
    assert _value(raw, "POST", f"{device_path}/terminate_app", app) is True
    assert _value(raw, "POST", f"{device_path}/app_state", app) == 1
    assert _value(raw, "POST", f"{device_path}/activate_app", {"bundleId": "de.insurgo.kundenapp"}) is None
    assert _value(raw, "POST", f"{device_path}/app_state", app) == 4
    assert _value(raw, "POST", f"{device_path}/install_app", {"appPath": "kundenapp-4.1.0.apk"}) is None
    assert _value(raw, "POST", f"{device_path}/remove_app", app) is True
    missing = _value(raw, "POST", f"{device_path}/install_app", {}, status=400)
    assert 'We wanted {"required": ["appPath"]}' in missing["message"]
    assert _value(raw, "POST", f"{device_path}/activate_app", {}, status=400)["error"] == "invalid argument"


def test_orientation_and_rotation_are_one_state(driver: WebDriver, raw: Raw) -> None:
    session = f"/session/{driver.session_id}"
    assert _value(raw, "GET", f"{session}/appium/device/rotation") == {"x": 0, "y": 0, "z": 0}
    assert _value(raw, "POST", f"{session}/rotation", {"x": 0, "y": 0, "z": 90}) is None
    assert _value(raw, "GET", f"{session}/appium/device/orientation") == "LANDSCAPE"
    assert driver.orientation == "LANDSCAPE"
    assert _value(raw, "POST", f"{session}/appium/device/orientation", {"orientation": "PORTRAIT"}) is None
    assert _value(raw, "GET", f"{session}/rotation") == {"x": 0, "y": 0, "z": 0}
    upside_down = _value(raw, "POST", f"{session}/rotation", {"x": 0, "y": 0, "z": 180}, status=500)
    assert upside_down["error"] == "unsupported operation"
    assert _value(raw, "POST", f"{session}/rotation", {"x": 0, "y": 0, "z": "90"}, status=400)["error"] == (
        "invalid argument"
    )


def test_the_geolocation_starts_at_the_platforms_default_and_can_be_set(
    driver: WebDriver, ios_driver: WebDriver, raw: Raw
) -> None:
    assert driver.location == {"latitude": 37.4219983, "longitude": -122.084, "altitude": 5.0}
    assert ios_driver.location["latitude"] == 37.33182
    driver.set_location(50.1109, 8.6821, 112)
    assert driver.location == {"latitude": 50.1109, "longitude": 8.6821, "altitude": 112.0}
    assert ios_driver.location["latitude"] == 37.33182  # each session's phone has its own position
    path = f"/session/{driver.session_id}/location"
    for bad in ({"latitude": 91, "longitude": 0}, {"latitude": 0}, {"latitude": True, "longitude": 0}, "Frankfurt"):
        assert _value(raw, "POST", path, {"location": bad}, status=400)["error"] == "invalid argument"
    assert driver.location["latitude"] == 50.1109


@pytest.mark.parametrize("wrapped", [True, False], ids=["parameters", "bare"])
def test_network_connection_is_the_connectivity_as_a_bitmask(
    driver: WebDriver, device: FakeDevice, raw: Raw, wrapped: bool
) -> None:
    path = f"/session/{driver.session_id}/network_connection"
    assert _value(raw, "GET", path) == 6  # Wi-Fi and data
    body = {"parameters": {"type": 1}} if wrapped else {"type": 1}
    assert _value(raw, "POST", path, body) == 1
    assert device.connectivity == {"wifi": False, "data": False, "airplaneMode": True}
    assert _value(raw, "POST", path, {"type": 8}, status=400)["error"] == "invalid argument"


def test_appium_context_routes_answer_like_the_jsonwp_ones(raw: Raw, session_id: str) -> None:
    session = f"/session/{session_id}"
    assert _value(raw, "GET", f"{session}/appium/contexts") == ["NATIVE_APP"]
    assert _value(raw, "GET", f"{session}/appium/context") == "NATIVE_APP"
    assert _value(raw, "POST", f"{session}/appium/context", {"name": "NATIVE_APP"}) is None
    assert _value(raw, "POST", f"{session}/appium/context", {"name": "WEBVIEW_1"}, status=404)["error"] == (
        "no such context"
    )
    assert _value(raw, "POST", f"{session}/context", {}, status=400)["error"] == "invalid argument"


def test_a_body_without_a_required_parameter_is_refused_as_appium_does(raw: Raw, session_id: str) -> None:
    refused = _value(raw, "POST", f"/session/{session_id}/element", {"using": "id"}, status=400)
    assert refused == {
        "error": "invalid argument",
        "message": 'Parameters were incorrect. We wanted {"required": ["using", "value"]} and you sent ["using"]',
        "stacktrace": refused["stacktrace"],
    }


def _documented() -> dict[tuple[str, str], str]:
    """(method, Appium path) -> answered / refused / not applicable, from the table in docs/appium-routes.md."""
    rows = re.findall(
        r"^\| (GET|POST|DELETE) \| `([^`]+)` \| [^|]* \| (answered|refused|not applicable) \|", DOC.read_text(), re.M
    )
    return {(method, path): verdict for method, path, verdict in rows}


def test_the_route_document_answers_exactly_the_routes_of_the_table() -> None:
    documented = _documented()
    answered = {pair for pair, verdict in documented.items() if verdict == "answered"}
    assert answered == {(route.method, appium_path(route.path)) for route in ROUTES if not route.own}
    assert len(documented) == 143  # Appium's base-driver METHOD_MAP, every method of every path
