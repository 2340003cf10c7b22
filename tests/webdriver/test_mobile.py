"""``execute/sync`` scripts: every ``mobile:`` command, ``kundenapp:`` commands and their errors."""

from __future__ import annotations

import pytest
from appium.webdriver.applicationstate import ApplicationState
from appium.webdriver.webdriver import WebDriver
from selenium.common.exceptions import InvalidArgumentException, UnknownMethodException, WebDriverException

from .conftest import Raw
from .fake_device import FakeDevice

APP = "de.insurgo.kundenapp"


def test_terminate_activate_and_query_app_state(driver: WebDriver, device: FakeDevice) -> None:
    assert driver.query_app_state(APP) == ApplicationState.RUNNING_IN_FOREGROUND
    assert driver.terminate_app(APP) is True
    assert driver.query_app_state(APP) == ApplicationState.NOT_RUNNING
    assert driver.terminate_app(APP) is False
    driver.activate_app(APP)
    assert driver.query_app_state(APP) == 4
    assert driver.query_app_state("com.other") == ApplicationState.NOT_INSTALLED
    assert ("terminate_app", APP) in device.calls
    assert ("activate_app", APP) in device.calls


def test_the_launcher_shows_while_the_app_is_not_in_front(driver: WebDriver) -> None:
    driver.terminate_app(APP)
    source = driver.page_source
    assert 'content-desc="Kunden-App"' in source
    assert "login_email" not in source


def test_ios_uses_bundle_id(ios_driver: WebDriver, devices: list[FakeDevice]) -> None:
    assert ios_driver.execute_script("mobile: queryAppState", {"bundleId": APP}) == 4
    assert ("query_app_state", APP) in devices[-1].calls


def test_background_app(driver: WebDriver, device: FakeDevice) -> None:
    driver.background_app(3)
    driver.execute_script("mobile: backgroundApp", {"seconds": -1})
    driver.execute_script("mobile: backgroundApp", {})
    assert [c for c in device.calls if c[0] == "background_app"] == [
        ("background_app", 3.0),
        ("background_app", -1.0),
        ("background_app", -1.0),
    ]
    with pytest.raises(InvalidArgumentException):
        driver.execute_script("mobile: backgroundApp", {"seconds": "lange"})


def test_install_is_installed_and_remove(driver: WebDriver, device: FakeDevice) -> None:
    assert driver.is_app_installed(APP) is True
    assert driver.is_app_installed("com.other") is False
    driver.execute_script("mobile: installApp", {"app": "kundenapp-4.1.0.apk"})
    driver.execute_script("mobile: installApp", {"appPath": "kundenapp-4.2.0.apk"})
    assert driver.execute_script("mobile: removeApp", {"appId": APP}) is True
    driver.remove_app(APP)
    assert ("install_app", "kundenapp-4.1.0.apk") in device.calls
    assert ("install_app", "kundenapp-4.2.0.apk") in device.calls
    assert device.calls.count(("remove_app", APP)) == 2
    with pytest.raises(InvalidArgumentException):
        driver.execute_script("mobile: installApp", {})


def test_deep_link_with_package_or_bundle_id(driver: WebDriver, device: FakeDevice) -> None:
    driver.execute_script("mobile: deepLink", {"url": "kundenapp://login?makler_id=M-1", "package": APP})
    driver.execute_script("mobile: deepLink", {"url": "kundenapp://x", "bundleId": APP})
    driver.execute_script("mobile: deepLink", {"url": "kundenapp://y"})
    assert [c for c in device.calls if c[0] == "deep_link"] == [
        ("deep_link", "kundenapp://login?makler_id=M-1", APP),
        ("deep_link", "kundenapp://x", APP),
        ("deep_link", "kundenapp://y", None),
    ]
    with pytest.raises(InvalidArgumentException):
        driver.execute_script("mobile: deepLink", {"url": "https://example.com"})
    with pytest.raises(InvalidArgumentException):
        driver.execute_script("mobile: deepLink", {"package": APP})


def test_keyboard(driver: WebDriver, device: FakeDevice) -> None:
    assert driver.is_keyboard_shown() is False
    device.keyboard = True
    assert driver.is_keyboard_shown() is True
    driver.hide_keyboard()
    assert driver.is_keyboard_shown() is False


def test_connectivity_bitmask_through_the_client(driver: WebDriver, device: FakeDevice) -> None:
    assert driver.network_connection == 6  # wifi (2) + data (4)
    assert driver.execute_script("mobile: getConnectivity") == {"wifi": True, "data": True, "airplaneMode": False}
    assert driver.set_network_connection(1) == 1  # airplane mode only
    assert device.calls[-1] == ("set_connectivity", False, False, True)
    driver.execute_script("mobile: setConnectivity", {"wifi": True})
    assert device.calls[-1] == ("set_connectivity", True, None, None)
    with pytest.raises(InvalidArgumentException):
        driver.execute_script("mobile: setConnectivity", {"wifi": "on"})


def test_device_time(driver: WebDriver) -> None:
    assert driver.get_device_time() == "2026-11-27T10:00:00+01:00"
    assert driver.device_time == "2026-11-27T10:00:00+01:00"


def test_missing_app_id_is_invalid_argument(driver: WebDriver) -> None:
    for script in ("terminateApp", "activateApp", "queryAppState", "isAppInstalled", "removeApp"):
        with pytest.raises(InvalidArgumentException):
            driver.execute_script(f"mobile: {script}", {})


def test_simulator_commands_go_to_the_device(driver: WebDriver, device: FakeDevice) -> None:
    answer = driver.execute_script("kundenapp: updateOs", {"version": "18"})
    assert answer == {"name": "updateOs", "args": {"version": "18"}}
    assert driver.execute_script("kundenapp:appState") == {"name": "appState", "args": {}}
    assert device.calls[-1] == ("simulator_command", "appState", {})


def test_an_unknown_simulator_command_names_every_extension_of_both_sides(driver: WebDriver, raw: Raw) -> None:
    path = f"/session/{driver.session_id}/execute/sync"
    status, _, body = raw("POST", path, {"script": "kundenapp: unknownThing", "args": []})
    assert (status, body["value"]["error"]) == (500, "unsupported operation")
    for name in ("kundenapp: keepScreen", "kundenapp: keptScreenshot", "kundenapp: updateOs", "mobile: pressKey"):
        assert name in body["value"]["message"]


def test_a_device_command_without_its_required_argument_is_refused_before_the_device(
    driver: WebDriver, device: FakeDevice, raw: Raw
) -> None:
    calls = len(device.calls)
    status, _, body = raw(
        "POST", f"/session/{driver.session_id}/execute/sync", {"script": "kundenapp: updateOs", "args": []}
    )
    assert (status, body["value"]["error"]) == (400, "invalid argument")
    assert 'We wanted {"required": ["version"]}' in body["value"]["message"]
    assert len(device.calls) == calls


def test_unknown_mobile_script_is_unsupported_operation_like_appium(driver: WebDriver, raw: Raw) -> None:
    with pytest.raises(UnknownMethodException):
        driver.execute_script("mobile: scroll", {"strategy": "accessibility id", "selector": "x"})
    status, _, body = raw(
        "POST", f"/session/{driver.session_id}/execute/sync", {"script": "return document.title", "args": []}
    )
    assert (status, body["value"]["error"]) == (500, "unsupported operation")
    assert "mobile: terminateApp" in body["value"]["message"]


@pytest.mark.parametrize(
    "body",
    [{}, {"script": 1}, {"script": "mobile: isKeyboardShown", "args": {}}, {"script": "mobile: x", "args": [1]}],
)
def test_malformed_execute_bodies_are_invalid_argument(driver: WebDriver, raw: Raw, body: dict[str, object]) -> None:
    status, _, answer = raw("POST", f"/session/{driver.session_id}/execute/sync", body)
    assert (status, answer["value"]["error"]) == (400, "invalid argument")


def test_execute_async_runs_the_same_table(driver: WebDriver, raw: Raw) -> None:
    status, _, body = raw(
        "POST", f"/session/{driver.session_id}/execute/async", {"script": "mobile: isKeyboardShown", "args": []}
    )
    assert (status, body["value"]) == (200, False)


def test_an_unexpected_device_exception_is_unknown_error_and_the_server_lives_on(driver: WebDriver) -> None:
    with pytest.raises(WebDriverException, match="exploded") as caught:
        driver.execute_script("kundenapp: updateOs", {"version": "explode"})
    assert type(caught.value) is WebDriverException
    assert driver.is_keyboard_shown() is False
