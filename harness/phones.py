"""Phones of a scenario: Appium sessions with the capabilities of one platform, app and OS version.

Every phone (and a browser a step shows, such as the Makler-Konsole's) is kept on the test item,
so the reports can show its screen; all phones are quit after the scenario.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, Protocol

import pytest
from appium import webdriver
from appium.options.common.base import AppiumOptions

from harness import grid_sessions
from harness.targets import Target
from simulator.caps import Capabilities
from simulator.caps import capabilities as phone_capabilities
from simulator.registry import NEWEST_RELEASE

DRIVERS_KEY = pytest.StashKey[list[Any]]()  # every phone and browser of the scenario, in the order started
OWNERS_KEY = pytest.StashKey[dict[int, str]]()  # whose phone it is, by id() of the driver
DEFAULT_APP_VERSION = NEWEST_RELEASE
LOG = logging.getLogger(__name__)


class PhoneFactory(Protocol):
    """Starts a phone (fixture ``phones``): platform, app build, OS version, extra capabilities, its owner's name."""

    def __call__(
        self,
        platform: str = "android",
        app_version: str = DEFAULT_APP_VERSION,
        os_version: str | None = None,
        extra_caps: Capabilities | None = None,
        owner: str | None = None,
    ) -> webdriver.Remote: ...


def capabilities(target: Target, platform: str, app_version: str, os_version: str | None) -> Capabilities:
    """Capabilities for one phone: Android (UiAutomator2) or iOS (XCUITest), merged with ``--caps``."""
    caps = phone_capabilities(platform, app_version, os_version)
    if target.simulated:
        caps["kundenapp:latencyMs"] = target.latency_ms
        # A simulator gives a session that names no device a private phone: the phones of one scenario
        # and of parallel workers on one serve (Grid) never ask for the same device, so none is refused.
        del caps["appium:deviceName"]
    if target.kind == "embedded":
        # The embedded server lives and dies with this test process, and the phones fixture quits every
        # session: Appium's 60 s newCommandTimeout would only end the phone of someone paused at a
        # breakpoint. Against serve or Grid the default stays, so a lost worker's phones free their slots.
        caps["appium:newCommandTimeout"] = 0
    if target.remote_simulator:
        caps["kundenapp:backendUrl"] = target.backend_url  # the phones use the suite's backend, not the serve's
    caps.update({k: v for k, v in target.caps.items() if k != "platformName" or platform == "android"})
    return caps


def factory(request: pytest.FixtureRequest, target: Target) -> Iterator[PhoneFactory]:
    """Start phones for one scenario (fixture ``phones``); all are quit after it."""
    drivers: list[webdriver.Remote] = request.node.stash.setdefault(DRIVERS_KEY, [])
    owners = request.node.stash.setdefault(OWNERS_KEY, {})

    def start(
        platform: str = "android",
        app_version: str = DEFAULT_APP_VERSION,
        os_version: str | None = None,
        extra_caps: Capabilities | None = None,
        owner: str | None = None,
    ) -> webdriver.Remote:
        caps = {**capabilities(target, platform, app_version, os_version), **(extra_caps or {})}
        options = AppiumOptions().load_capabilities(caps)
        started = grid_sessions.start(lambda: webdriver.Remote(target.appium_url, options=options))
        driver = started.session
        if started.note is not None:  # in the scenario's captured log (HTML row) and as a JUnit property
            LOG.warning(started.note)
            request.node.user_properties.append(("sitzung", started.note))
        if target.grid_hub:
            grid_sessions.name_its_node(driver, target.appium_url)
        drivers.append(driver)
        if owner is not None:
            owners[id(driver)] = owner
        return driver

    yield start
    for driver in drivers:
        try:
            driver.quit()
        except Exception:  # noqa: S110 - a session already gone must not hide the scenario's result
            pass


def show_in_reports(node: pytest.Item, driver: object) -> None:
    """Add a browser (anything with ``get_screenshot_as_base64`` and ``page_source``) to the screens the
    reports take of this scenario, after its phones."""
    node.stash.setdefault(DRIVERS_KEY, []).append(driver)
