"""Appium capabilities for one phone of the Kunden-App: the one source for the steps, ``serve`` and world files.

Data only (imports nothing of the project), so the steps may use it like ``simulator.client``.
"""

from __future__ import annotations

from typing import Any

APP_ID = "de.insurgo.kundenapp"
"""Package (Android) and bundle id (iOS) of the Kunden-App."""

DEFAULT_OS = {"android": "14", "ios": "17.4"}
DEFAULT_DEVICE = {"android": "Pixel 8", "ios": "iPhone 15"}


def capabilities(
    platform: str = "android",
    app_version: str | None = "4.0.0",
    os_version: str | None = None,
    device_name: str | None = None,
) -> dict[str, Any]:
    """Android (UiAutomator2) or iOS (XCUITest) capabilities; ``app_version`` None: no app to install."""
    ios = platform == "ios"
    key = "ios" if ios else "android"
    caps: dict[str, Any] = {
        "platformName": "iOS" if ios else "Android",
        "appium:automationName": "XCUITest" if ios else "UiAutomator2",
        "appium:platformVersion": os_version or DEFAULT_OS[key],
        "appium:deviceName": device_name or DEFAULT_DEVICE[key],
    }
    if app_version is not None:
        caps["appium:app"] = f"kundenapp-{app_version}.{'ipa' if ios else 'apk'}"
        caps["appium:bundleId" if ios else "appium:appPackage"] = APP_ID
    return caps
