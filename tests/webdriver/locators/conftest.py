"""Screens for the grammar tests: the fake phone's login and home screens on both platforms."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from simulator.app.device_api import DeviceConfig
from simulator.webdriver.layout import window_size
from simulator.webdriver.locators.scope import TreeScope
from simulator.webdriver.view import ScreenView

from ..fake_device import FakeDevice

APP_ID = "de.insurgo.kundenapp"
Screen = Callable[[str, str], TreeScope]


@pytest.fixture
def screen() -> Screen:
    """``screen(platform, "login" | "home")`` -> the scope a locator searches."""

    def make(platform: str, name: str = "login") -> TreeScope:
        device = FakeDevice(DeviceConfig(platform, "14", "3.5.2", APP_ID, "http://127.0.0.1:9"))  # type: ignore[arg-type]
        device.screen = name
        return TreeScope(ScreenView(device.tree(), platform, APP_ID, window_size(platform)))

    return make


def keys(nodes: list[object]) -> list[str]:
    """The node keys of a result, for short assertions."""
    return [node.key for node in nodes]
