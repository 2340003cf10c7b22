"""The phone around the app (DESIGN §9): home screen, Android recents / iOS app switcher, the keys and gestures.

Everything goes through standard Appium calls: ``mobile: pressKey`` (Android),
``mobile: pressButton`` (iOS) and W3C pointer actions for the swipes, so the
same steps drive a real device.
"""

from __future__ import annotations

from appium.webdriver.webdriver import WebDriver
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput

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
        actions = ActionBuilder(self.driver, mouse=PointerInput("touch", "finger"))
        actions.pointer_action.move_to_location(*start).pointer_down()
        actions.pointer_action.move_to_location(*end)
        if hold_s:
            actions.pointer_action.pause(hold_s)
        actions.pointer_action.pointer_up()
        actions.perform()

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
