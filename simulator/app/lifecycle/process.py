"""The Kunden-App's process on one phone: Appium app states, cold start, kill, background, resume.

Not installed (0), not running (1), in the background (2 on iOS: suspended; 3
on Android), in the foreground (4). Memory lives in the process
(``KundenApp``); storage lives on the phone and survives a kill. While the app
is not in front the phone shows a system screen: the home screen or the app
switcher (recents).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from simulator.app.app import KundenApp
from simulator.app.applog import AppLog
from simulator.app.device_api import (
    APP_BACKGROUND,
    APP_BACKGROUND_SUSPENDED,
    APP_FOREGROUND,
    APP_NOT_INSTALLED,
    APP_NOT_RUNNING,
    DeviceError,
)
from simulator.app.flows import Services
from simulator.app.lifecycle.phones import Phone
from simulator.app.links import DeepLink

Running = Literal["no", "background", "foreground"]
SystemScreen = Literal["home", "switcher"]  # what the phone shows while the app is not in front

STATE_NAMES = {
    APP_NOT_INSTALLED: "not installed",
    APP_NOT_RUNNING: "not running",
    APP_BACKGROUND_SUSPENDED: "background (suspended)",
    APP_BACKGROUND: "background",
    APP_FOREGROUND: "foreground",
}


class AppProcess:
    """Whether and where the app runs on this phone; call with the phone's lock held."""

    def __init__(
        self, platform: str, app_id: str, phone: Phone, log: AppLog, services: Callable[[str], Services]
    ) -> None:
        self._platform = platform
        self._app_id = app_id
        self._phone = phone
        self._log = log
        self._services = services  # what the phone lends a process of this build
        self.running: Running = "no"
        self.system: SystemScreen = "home"
        self.app: KundenApp | None = None
        self.version = ""  # build of the running process
        self._processes = 0

    @property
    def installed(self) -> bool:
        """True when the app is installed."""
        return self._phone.installed_version is not None

    def front(self) -> KundenApp:
        """The app in the foreground, for input."""
        if self.running != "foreground" or self.app is None:
            raise DeviceError("element not interactable", "the app is not in the foreground")
        return self.app

    def state(self) -> int:
        """Appium app state 0–4."""
        if not self.installed:
            return APP_NOT_INSTALLED
        if self.running == "no":
            return APP_NOT_RUNNING
        if self.running == "background":
            return APP_BACKGROUND_SUSPENDED if self._platform == "ios" else APP_BACKGROUND
        return APP_FOREGROUND

    def cold_start(self, link: DeepLink | None) -> None:
        """A new process of the installed build, in the foreground."""
        self._processes += 1
        version = self._phone.installed_version or ""
        self.version = version
        self.app = KundenApp(self._processes, self._services(version))
        self.running = "foreground"
        self._log.add(f"lifecycle: cold start, process {self._processes}, build {version}")
        self.app.start(link)

    def kill(self, reason: str) -> None:
        """The process ends: memory lost."""
        if self.app is not None:
            self.app.terminate()
        self.app = None
        self.running = "no"
        self.system = "home"  # with the last card gone, the switcher closes as well
        self._log.add(f"lifecycle: process ended ({reason})")

    def to_background(self, reason: str, system: SystemScreen = "home") -> None:
        """Show a system screen; a running app in front moves to the background."""
        self.system = system
        if self.running == "foreground" and self.app is not None:
            self.running = "background"
            self.app.suspend()
            self._log.add(f"lifecycle: moved to background ({reason})")

    def resume(self) -> None:
        """A backgrounded app comes back to the front."""
        if self.running == "background" and self.app is not None:
            self.running = "foreground"
            self._log.add("lifecycle: resumed from background")
            self.app.resume()

    def activate(self) -> None:
        """To the front: resume from the background or cold start."""
        if not self.installed:
            raise DeviceError("unknown error", f"the app {self._app_id!r} is not installed")
        if self.running == "no":
            self.cold_start(None)
        elif self.running == "background":
            self.resume()

    def end(self) -> None:
        """Session end: the process goes without a lifecycle entry."""
        if self.app is not None:
            self.app.terminate()
        self.app = None
        self.running = "no"
