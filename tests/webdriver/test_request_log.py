"""The request log: one line per command with method, path, command name, status, ms, session prefix."""

from __future__ import annotations

import http.client
import logging
import re
from collections.abc import Iterator

import pytest
from appium import webdriver
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import NoSuchElementException

from simulator.webdriver import WebDriverServer
from simulator.webdriver.request_log import LOGGER_NAME, line

from .conftest import BACKEND_URL, android_options
from .fake_device import FakeDevice

LINE = re.compile(r"^(\w+) (\S+)  (.+?)  (\d{3})  (\d+\.\d) ms  (session (\w{8})|-)$")


@pytest.fixture
def logged_server() -> Iterator[WebDriverServer]:
    with WebDriverServer("127.0.0.1", 0, FakeDevice, BACKEND_URL, log_requests=True) as running:
        yield running


def _lines(caplog: pytest.LogCaptureFixture) -> list[re.Match[str]]:
    found = [LINE.match(r.getMessage()) for r in caplog.records if r.name == LOGGER_NAME]
    assert all(found), [r.getMessage() for r in caplog.records if r.name == LOGGER_NAME]
    return [m for m in found if m is not None]


def test_one_line_per_command_with_name_status_and_session(
    logged_server: WebDriverServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    driver = webdriver.Remote(logged_server.url, options=android_options())
    try:
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit").click()
        with pytest.raises(NoSuchElementException):
            driver.find_element(AppiumBy.ACCESSIBILITY_ID, "nothing")
    finally:
        driver.quit()
    lines = _lines(caplog)
    commands = [(m.group(1), m.group(3), m.group(4)) for m in lines]
    assert commands == [
        ("POST", "New Session", "200"),
        ("POST", "Find Element", "200"),
        ("POST", "Element Click", "200"),
        ("POST", "Find Element", "404"),
        ("DELETE", "Delete Session", "200"),
    ]
    prefix = driver.session_id[:8]
    assert {m.group(7) for m in lines} == {prefix}
    assert lines[2].group(2).startswith(f"/session/{driver.session_id}/element/")


def test_unknown_routes_are_logged_too(logged_server: WebDriverServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    connection = http.client.HTTPConnection("127.0.0.1", logged_server.port, timeout=10)
    connection.request("GET", "/wd/hub/nowhere?x=1")
    assert connection.getresponse().status == 404
    connection.close()
    (only,) = _lines(caplog)
    assert only.group(0) == line("GET", "/nowhere", "-", 404, float(only.group(5)), None)


def test_silent_unless_enabled(server: WebDriverServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER_NAME)
    driver = webdriver.Remote(server.url, options=android_options())
    driver.quit()
    assert not [r for r in caplog.records if r.name == LOGGER_NAME]
