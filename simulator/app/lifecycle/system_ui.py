"""The phone's system UI around the app: back, keyboard, keys and buttons, system gestures.

simulator/app/README.md (Lifecycle) says how a person closes the app on each platform.

- Android (``mobile: pressKey``): HOME (3) shows the home screen, BACK (4)
  pops in-app navigation and on the app's root screen moves the app to the
  background, APP_SWITCH (187) shows recents with the app's card. That is the
  behaviour of Android 12 and later, where BACK on a launcher activity's root
  no longer finishes it. On Android 11 and older BACK finished the root
  activity, but the process stayed cached with its memory; this app keeps all
  its state in the process, so the simulator treats both alike: BACK is never a
  complete close, on any Android version.
- iOS (``mobile: pressButton {"name": "home"}``, or a swipe up from the bottom
  edge) shows the home screen; a swipe up from the bottom edge that holds
  opens the app switcher with the card. There is no system back: ``back()``
  only pops in-app navigation.
- Swiping the card up (W3C actions or ``mobile: swipeGesture`` / ``mobile:
  swipe``) ends the process, as do ``terminateApp`` (the shortcut for test
  code) and Android's "Alle löschen".
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.app.device_api import KEYCODE_APP_SWITCH, KEYCODE_BACK, KEYCODE_HOME, DeviceError
from simulator.app.lifecycle.process import AppProcess
from simulator.app.screens import launcher
from simulator.app.tasks import StateLock
from simulator.app.tree import Node

KEYCODES_WITHOUT_EFFECT = frozenset({24, 25, 164})  # volume up, down, mute: nothing on screen changes
IOS_BUTTONS = frozenset({"home", "volumeup", "volumedown"})
DIRECTIONS = frozenset({"up", "down", "left", "right"})


class SystemUI:
    """Back, keyboard, keys, buttons and system gestures of one phone; takes the phone's lock itself."""

    def __init__(self, platform: str, lock: StateLock, process: AppProcess, node: Callable[[str], Node]) -> None:
        self._platform = platform
        self._lock = lock
        self._proc = process
        self._node = node  # the element on screen with this key, or DeviceError

    def back(self) -> None:
        """Android: closes the keyboard, pops a screen, or at the root moves the app to the background.

        iOS has no system back: it pops in-app navigation and does nothing at the root.
        """
        with self._lock:
            app = self._proc.app
            android = self._platform == "android"
            if self._proc.running != "foreground" or app is None:
                if android:
                    self._proc.system = "home"  # back from recents or home: the home screen
                return
            if android and app.keyboard_shown:
                app.hide_keyboard()
                return
            if app.back() or not android:
                return
            self._proc.to_background("system back on the root screen")

    def hide_keyboard(self) -> None:
        """Hide the keyboard if shown."""
        with self._lock:
            if self._proc.running == "foreground" and self._proc.app is not None:
                self._proc.app.hide_keyboard()

    def keyboard_shown(self) -> bool:
        """True while an input of the app in front has the focus."""
        with self._lock.bare:
            app = self._proc.app
            return self._proc.running == "foreground" and app is not None and app.keyboard_shown

    def press_key(self, keycode: int) -> None:
        """Android ``mobile: pressKey``: HOME, BACK, APP_SWITCH (recents); volume keys change nothing."""
        if self._platform != "android":
            raise DeviceError("unsupported operation", "mobile: pressKey is an Android command; use pressButton")
        if keycode == KEYCODE_BACK:
            self.back()
            return
        with self._lock:
            if keycode == KEYCODE_HOME:
                self._proc.to_background("home key")
            elif keycode == KEYCODE_APP_SWITCH:
                if self._proc.running == "foreground" or self._proc.system != "switcher":
                    self._proc.to_background("recents key", "switcher")
                elif self._proc.running == "background":
                    self._proc.resume()  # pressed again in recents: back to the last app
            elif keycode not in KEYCODES_WITHOUT_EFFECT:
                raise DeviceError(
                    "unsupported operation",
                    f"keycode {keycode} is not modelled; known: 3 (HOME), 4 (BACK), 187 (APP_SWITCH), 24/25/164",
                )

    def press_button(self, name: str) -> None:
        """iOS ``mobile: pressButton``: home shows the home screen; volume buttons change nothing."""
        if self._platform != "ios":
            raise DeviceError("unsupported operation", "mobile: pressButton is an iOS command; use pressKey")
        if name.lower() not in IOS_BUTTONS:
            raise DeviceError("invalid argument", f"unknown button {name!r}; known: home, volumeUp, volumeDown")
        with self._lock:
            if name.lower() == "home":
                self._proc.to_background("home button")

    def swipe(self, key: str | None, direction: str, from_edge: bool = False, hold: bool = False) -> None:
        """A swipe starting on ``key`` (None: no element) in ``direction``.

        Up from the bottom edge: home screen, or with ``hold`` the app switcher
        (iOS, and Android's gesture navigation). Up on the app's card in the
        switcher: the process ends, and with the last card gone the home screen
        shows. Anything else: the simulated screens do not scroll.
        """
        if direction not in DIRECTIONS:
            raise DeviceError("invalid argument", f"direction must be one of up, down, left, right, not {direction!r}")
        with self._lock:
            if from_edge and direction == "up":
                self._proc.to_background("swipe up from the bottom edge", "switcher" if hold else "home")
            elif key == launcher.APP_CARD_KEY and direction == "up" and self._proc.running != "foreground":
                self._node(key)
                self._proc.kill("swiped away in the app switcher")
