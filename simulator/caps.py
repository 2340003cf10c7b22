"""Appium capabilities for one phone of the Kunden-App: the one source for the steps, ``serve`` and world files.

Data only (imports nothing of the project but the registry), so the harness and the steps may use it.
"""

from __future__ import annotations

from typing import Any

from simulator.registry import NEWEST_RELEASE

Capabilities = dict[str, Any]
"""A W3C capabilities object (``alwaysMatch``, a ``firstMatch`` entry, or what a session was granted).

Genuinely open, so no closed type: the W3C WebDriver spec lets a client send any extension
capability (``vendor:name``, e.g. ``appium:*``, ``kundenapp:*``, ``se:*``), each with a value of
its own type (string, number, boolean, object). The server checks the ones it knows
(``simulator/webdriver/capabilities.py``) and keeps the rest as they came. This is the one alias
for that shape: the steps, ``serve``, world files and the WebDriver server all use it.
"""

APP_ID = "de.insurgo.kundenapp"
"""Package (Android) and bundle id (iOS) of the Kunden-App."""

DEFAULT_OS = {"android": "14", "ios": "17.4"}
DEFAULT_DEVICE = {"android": "Pixel 8", "ios": "iPhone 15"}


def capabilities(
    platform: str = "android",
    app_version: str | None = NEWEST_RELEASE,
    os_version: str | None = None,
    device_name: str | None = None,
) -> Capabilities:
    """Android (UiAutomator2) or iOS (XCUITest) capabilities; ``app_version`` None: no app to install."""
    ios = platform == "ios"
    key = "ios" if ios else "android"
    caps: Capabilities = {
        "platformName": "iOS" if ios else "Android",
        "appium:automationName": "XCUITest" if ios else "UiAutomator2",
        "appium:platformVersion": os_version or DEFAULT_OS[key],
        "appium:deviceName": device_name or DEFAULT_DEVICE[key],
    }
    if app_version is not None:
        caps["appium:app"] = f"kundenapp-{app_version}.{'ipa' if ios else 'apk'}"
        caps["appium:bundleId" if ios else "appium:appPackage"] = APP_ID
    return caps
