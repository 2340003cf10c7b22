"""Sessions through the real Appium client: creation, echo of caps, deletion, timeouts, status."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from appium.webdriver.webdriver import WebDriver
from selenium.common.exceptions import (
    InvalidArgumentException,
    InvalidSessionIdException,
    SessionNotCreatedException,
)

from simulator.webdriver import WebDriverServer

from .conftest import Raw, android_options, ios_options
from .fake_device import FakeDevice


def test_new_session_echoes_platform_and_appium_caps(driver: WebDriver, device: FakeDevice) -> None:
    caps = driver.capabilities
    assert caps["platformName"] == "Android"
    assert caps["appium:automationName"] == "UiAutomator2"
    assert caps["appium:deviceName"] == "emulator-5554"
    assert caps["appium:app"] == "/builds/kundenapp-3.5.2.apk"
    assert caps["appium:platformVersion"] == "14"
    assert device.config.app_version == "3.5.2"
    assert device.config.platform == "android"


def test_ios_session_gets_its_own_config(ios_driver: WebDriver, devices: list[FakeDevice]) -> None:
    assert ios_driver.capabilities["platformName"] == "iOS"
    assert devices[-1].config.platform == "ios"
    assert devices[-1].config.app_id == "de.insurgo.kundenapp"


def test_quit_closes_the_device(
    connect: Callable[..., WebDriver], devices: list[FakeDevice], server: WebDriverServer
) -> None:
    driver = connect(android_options())
    driver.quit()
    assert devices[-1].closed
    assert len(server.store) == 0


def test_commands_on_a_deleted_session_raise_invalid_session_id(driver: WebDriver, raw: Raw) -> None:
    assert raw("DELETE", f"/session/{driver.session_id}")[0] == 200
    with pytest.raises(InvalidSessionIdException):
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email")


def test_unknown_session_is_invalid_session_id(raw: Raw) -> None:
    status, _, body = raw("GET", "/session/nope/source")
    assert status == 404
    assert body["value"]["error"] == "invalid session id"
    assert raw("DELETE", "/session/nope")[0] == 404


def test_get_session_returns_the_capabilities(raw: Raw, session_id: str) -> None:
    status, _, body = raw("GET", f"/session/{session_id}")
    assert status == 200
    assert body["value"]["platformName"] == "Android"


def test_appium_sessions_lists_live_sessions(raw: Raw, session_id: str) -> None:
    _, _, body = raw("GET", "/appium/sessions")
    assert [entry["id"] for entry in body["value"]] == [session_id]


def test_invalid_capabilities_raise_in_the_client(connect: Callable[..., WebDriver]) -> None:
    options = android_options()
    options.set_capability("platformName", "Windows")
    with pytest.raises(SessionNotCreatedException):
        connect(options)
    options = android_options()
    options.set_capability("appium:noReset", "yes")
    with pytest.raises(InvalidArgumentException):
        connect(options)


def test_device_factory_failure_is_session_not_created(raw: Raw, server: WebDriverServer) -> None:
    def broken(config: object) -> FakeDevice:
        raise RuntimeError("no phone left")

    server.store.device_factory = broken
    status, _, body = raw("POST", "/session", {"capabilities": {"alwaysMatch": {"platformName": "iOS"}}})
    assert status == 500
    assert body["value"]["error"] == "session not created"
    assert "no phone left" in body["value"]["message"]


def test_each_new_session_gets_its_own_device_even_with_a_repeated_idempotency_key(
    raw: Raw, devices: list[FakeDevice]
) -> None:
    body = {"capabilities": {"alwaysMatch": {"platformName": "Android"}}}
    headers = {"X-Idempotency-Key": "shared-by-threads", "Content-Type": "application/json"}
    first = raw("POST", "/session", body, headers)[2]["value"]["sessionId"]
    second = raw("POST", "/session", body, headers)[2]["value"]["sessionId"]
    assert first != second
    assert len(devices) == 2


def test_timeouts_round_trip_in_w3c_shape(driver: WebDriver, raw: Raw) -> None:
    driver.implicitly_wait(1.5)
    assert driver.timeouts.implicit_wait == 1.5
    _, _, body = raw("GET", f"/session/{driver.session_id}/timeouts")
    assert body["value"] == {"script": 30000, "pageLoad": 300000, "implicit": 1500}


def test_bad_timeouts_are_invalid_argument(driver: WebDriver, raw: Raw) -> None:
    status, _, body = raw("POST", f"/session/{driver.session_id}/timeouts", {"implicit": "soon"})
    assert (status, body["value"]["error"]) == (400, "invalid argument")


def test_status_is_ready(driver: WebDriver) -> None:
    status = driver.get_status()
    assert status["ready"] is True
    assert status["build"]["version"]
    assert "ready" in status["message"]


def test_sessions_run_concurrently_each_with_its_own_device(
    connect: Callable[..., WebDriver], devices: list[FakeDevice]
) -> None:
    drivers = [connect(android_options() if n % 2 else ios_options()) for n in range(4)]
    errors: list[BaseException] = []

    def work(driver: WebDriver, email: str) -> None:
        try:
            for _ in range(20):
                field = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email")
                field.clear()
                field.send_keys(email)
                assert field.text == email
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(d, f"user{n}@example.de")) for n, d in enumerate(drivers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(d.fields["login_email"] for d in devices) == [f"user{n}@example.de" for n in range(4)]


def test_delete_session_after_a_failed_command_still_works(driver: WebDriver, device: FakeDevice) -> None:
    with pytest.raises(Exception, match="could not be located"):
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "missing")
    assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").is_displayed()
