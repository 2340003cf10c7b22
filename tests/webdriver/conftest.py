"""Fixtures: a WebDriver server on a free loopback port with fake devices, and real Appium clients."""

from __future__ import annotations

import http.client
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from appium import webdriver
from appium.options.android import UiAutomator2Options
from appium.options.ios import XCUITestOptions
from appium.webdriver.webdriver import WebDriver

from simulator.app.device_api import DeviceConfig
from simulator.webdriver import WebDriverServer

from .fake_device import FakeDevice

BACKEND_URL = "http://127.0.0.1:9/backend"

Raw = Callable[..., tuple[int, dict[str, str], Any]]


@pytest.fixture
def devices() -> list[FakeDevice]:
    """Every device the server created, in order."""
    return []


@pytest.fixture
def server(devices: list[FakeDevice]) -> Iterator[WebDriverServer]:
    def factory(config: DeviceConfig) -> FakeDevice:
        device = FakeDevice(config)
        devices.append(device)
        return device

    with WebDriverServer("127.0.0.1", 0, factory, BACKEND_URL) as running:
        yield running


def android_options(**caps: Any) -> UiAutomator2Options:
    options = UiAutomator2Options()
    options.device_name = "emulator-5554"
    options.app = "/builds/kundenapp-3.5.2.apk"
    for name, value in caps.items():
        options.set_capability(name, value)
    return options


def ios_options(**caps: Any) -> XCUITestOptions:
    options = XCUITestOptions()
    options.device_name = "iPhone 15"
    options.platform_version = "17.4"
    options.bundle_id = "de.insurgo.kundenapp"
    for name, value in caps.items():
        options.set_capability(name, value)
    return options


@pytest.fixture
def connect(server: WebDriverServer) -> Iterator[Callable[..., WebDriver]]:
    """Open Appium clients against the server; all are quit at teardown."""
    drivers: list[WebDriver] = []

    def open_driver(options: Any, url: str | None = None) -> WebDriver:
        driver = webdriver.Remote(url or server.url, options=options)
        drivers.append(driver)
        return driver

    yield open_driver
    for driver in drivers:
        try:
            driver.quit()
        except Exception:
            driver.command_executor.close()


@pytest.fixture
def driver(connect: Callable[..., WebDriver]) -> WebDriver:
    """An Android (UiAutomator2) session on the fake login screen."""
    return connect(android_options())


@pytest.fixture
def ios_driver(connect: Callable[..., WebDriver]) -> WebDriver:
    """An iOS (XCUITest) session on the fake login screen."""
    return connect(ios_options())


@pytest.fixture
def device(driver: WebDriver, devices: list[FakeDevice]) -> FakeDevice:
    """The fake device behind ``driver``."""
    return devices[-1]


@pytest.fixture
def raw(server: WebDriverServer) -> Raw:
    """Plain HTTP: (method, path, body=None|dict|bytes, headers=None) -> (status, headers, parsed JSON)."""

    def request(
        method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], Any]:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
            connection.request(method, path, body=data, headers=headers or {})
            response = connection.getresponse()
            payload = response.read()
            parsed = json.loads(payload) if payload else None
            return response.status, {k.lower(): v for k, v in response.getheaders()}, parsed
        finally:
            connection.close()

    return request


@pytest.fixture
def session_id(raw: Raw) -> str:
    """A session created over plain HTTP."""
    status, _, body = raw("POST", "/session", {"capabilities": {"alwaysMatch": {"platformName": "Android"}}})
    assert status == 200
    return str(body["value"]["sessionId"])
