"""The phone around the app: home screen, Android recents / iOS app switcher, the keys and gestures.

Closing the app as a person does (docs/suites.md).

Everything goes through standard Appium calls: ``mobile: pressKey`` (Android),
``mobile: pressButton`` (iOS) and W3C pointer actions for the swipes, so the
same steps drive a real device.
"""

from __future__ import annotations

from typing import Any

from appium.webdriver.webdriver import WebDriver
from selenium.webdriver.remote.command import Command

from steps.screens.base import TIMEOUT, Screen

KEYCODE_HOME, KEYCODE_BACK, KEYCODE_APP_SWITCH = 3, 4, 187
HOLD_S = 0.6  # swipe up from the bottom edge and rest: the app switcher instead of the home screen
NOT_RUNNING, FOREGROUND = 1, 4
BACKGROUND = (2, 3)


class SystemUi(Screen):
    """The phone's own screens and buttons, for the platform of the session."""

    root = "screen_launcher"

    def __init__(self, driver: WebDriver, timeout: float = TIMEOUT) -> None:
        super().__init__(driver, timeout)
        self.android = str(driver.capabilities.get("platformName", "")).lower() == "android"

    def _swipe(self, start: tuple[int, int], end: tuple[int, int], hold_s: float = 0.0) -> None:
        """One finger, as W3C pointer actions (what Appium clients send for a swipe)."""
        steps: list[dict[str, Any]] = [
            {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": start[0], "y": start[1]},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerMove", "duration": 250, "origin": "viewport", "x": end[0], "y": end[1]},
        ]
        if hold_s:
            steps.append({"type": "pause", "duration": int(hold_s * 1000)})
        steps.append({"type": "pointerUp", "button": 0})
        finger = {"type": "pointer", "id": "finger", "parameters": {"pointerType": "touch"}, "actions": steps}
        self.driver.execute(Command.W3C_ACTIONS, {"actions": [finger]})

    def home(self) -> None:
        """Android: the HOME key; iOS: the home button (a swipe up from the bottom edge does the same)."""
        if self.android:
            self.driver.execute_script("mobile: pressKey", {"keycode": KEYCODE_HOME})
        else:
            self.driver.execute_script("mobile: pressButton", {"name": "home"})
        self.wait_shown()

    def back(self) -> None:
        """Android's BACK key (iPhones have none)."""
        if not self.android:
            raise AssertionError("ein iPhone hat keine Zurück-Taste")
        self.driver.execute_script("mobile: pressKey", {"keycode": KEYCODE_BACK})

    def open_switcher(self) -> None:
        """Android: the recents key; iOS: swipe up from the bottom edge and hold."""
        if self.android:
            self.driver.execute_script("mobile: pressKey", {"keycode": KEYCODE_APP_SWITCH})
        else:
            size = self.driver.get_window_size()
            x, height = size["width"] // 2, size["height"]
            self._swipe((x, height - 2), (x, height // 2), HOLD_S)
        self.wait_present("app_card")

    def swipe_away(self) -> None:
        """In the switcher, swipe the app's card up: the app is closed completely."""
        card = self.find("app_card").rect
        x, y = card["x"] + card["width"] // 2, card["y"] + card["height"] // 2
        self._swipe((x, y), (x, max(y - 400, 1)))
        self.wait_shown()

    def open_app(self) -> None:
        """Tap the app's icon on the home screen."""
        self.tap("app_icon")
