"""``appium:newCommandTimeout``: a session no command addressed for that long ends and releases its phone,
as on Appium; later commands hear why. Time moves on an injected clock, never by sleeping."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from appium import webdriver
from appium.webdriver.webdriver import WebDriver
from selenium.common.exceptions import InvalidArgumentException, InvalidSessionIdException

from simulator.app.device_api import DeviceConfig
from simulator.webdriver import WebDriverServer
from simulator.webdriver.capabilities import DEFAULT_COMMAND_TIMEOUT, MAX_COMMAND_TIMEOUT
from simulator.webdriver.session import SESSION_GONE

from .conftest import BACKEND_URL, android_options
from .fake_device import FakeDevice

EXPIRED = "New Command Timeout of {seconds} seconds expired. Try customizing the timeout using the 'newCommandTimeout'"


class Clock:
    """The server's clock, moved by the test."""

    def __init__(self) -> None:
        self.time = 1_000_000.0

    def now(self) -> float:
        return self.time


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def timed_server(clock: Clock, devices: list[FakeDevice]) -> Iterator[WebDriverServer]:
    def factory(config: DeviceConfig) -> FakeDevice:
        devices.append(FakeDevice(config))
        return devices[-1]

    with WebDriverServer("127.0.0.1", 0, factory, BACKEND_URL, now=clock.now) as running:
        yield running


@pytest.fixture
def open_phone(timed_server: WebDriverServer) -> Iterator[Any]:
    drivers: list[WebDriver] = []

    def start(**caps: Any) -> WebDriver:
        drivers.append(webdriver.Remote(timed_server.url, options=android_options(**caps)))
        return drivers[-1]

    yield start
    for driver in drivers:
        try:
            driver.quit()
        except InvalidSessionIdException:
            pass


def test_the_default_is_appiums_60_seconds_counted_from_the_last_command(
    open_phone: Any, clock: Clock, timed_server: WebDriverServer, devices: list[FakeDevice]
) -> None:
    driver = open_phone()
    assert driver.capabilities["appium:newCommandTimeout"] == DEFAULT_COMMAND_TIMEOUT == 60
    clock.time += 59
    assert driver.page_source  # a command: the 60 s start again
    clock.time += 59.9
    assert timed_server.store.end_timed_out() == []
    clock.time += 0.1
    assert timed_server.store.end_timed_out() == [driver.session_id]
    assert devices[-1].closed  # the phone is released
    with pytest.raises(InvalidSessionIdException, match=EXPIRED.format(seconds=60)) as caught:
        driver.page_source  # noqa: B018 - the command itself is the check
    assert SESSION_GONE in caught.value.msg


def test_a_command_after_the_timeout_hears_why_even_before_the_sweep(
    open_phone: Any, clock: Clock, devices: list[FakeDevice]
) -> None:
    driver = open_phone(newCommandTimeout=5)
    clock.time += 5
    with pytest.raises(InvalidSessionIdException, match=EXPIRED.format(seconds=5)):
        driver.orientation  # noqa: B018
    assert devices[-1].closed


def test_the_servers_own_sweep_ends_the_session_without_a_command(
    open_phone: Any, clock: Clock, timed_server: WebDriverServer, devices: list[FakeDevice]
) -> None:
    driver = open_phone(newCommandTimeout=1.5)
    clock.time += 2
    store = timed_server.store
    # the server sweeps between requests (every TIMEOUT_SWEEP_SECONDS of real time): wait for that condition
    deadline = time.monotonic() + 10
    while len(store) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(store) == 0 and devices[-1].closed
    with pytest.raises(InvalidSessionIdException, match=EXPIRED.format(seconds=1.5)):
        driver.page_source  # noqa: B018


def test_zero_means_never(open_phone: Any, clock: Clock, timed_server: WebDriverServer) -> None:
    driver = open_phone(newCommandTimeout=0)
    clock.time += 10 * 365 * 24 * 3600
    assert timed_server.store.end_timed_out() == []
    assert driver.page_source


def test_appiums_timeouts_command_type_changes_it_mid_session(
    open_phone: Any, clock: Clock, timed_server: WebDriverServer
) -> None:
    driver = open_phone()
    driver.execute("setTimeouts", {"type": "command", "ms": 0})
    clock.time += 3600
    assert driver.page_source  # 0: never
    driver.execute("setTimeouts", {"type": "command", "ms": 5000})
    clock.time += 5
    assert timed_server.store.end_timed_out() == [driver.session_id]
    with pytest.raises(InvalidSessionIdException, match=EXPIRED.format(seconds=5)):
        driver.page_source  # noqa: B018


def test_a_session_its_client_deleted_gets_no_reason(open_phone: Any, clock: Clock) -> None:
    driver = open_phone(newCommandTimeout=5)
    session_id = driver.session_id
    driver.quit()
    driver.session_id = session_id
    with pytest.raises(InvalidSessionIdException) as caught:
        driver.page_source  # noqa: B018
    assert "Timeout" not in caught.value.msg


@pytest.mark.parametrize("value", [-1, "60", True, [60], MAX_COMMAND_TIMEOUT + 1, float("inf"), float("nan")])
def test_a_bad_timeout_is_refused_at_session_creation(open_phone: Any, value: object) -> None:
    with pytest.raises(InvalidArgumentException, match="newCommandTimeout"):
        open_phone(newCommandTimeout=value)
