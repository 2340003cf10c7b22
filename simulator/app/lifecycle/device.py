"""A simulated phone with the Kunden-App: implements ``device_api.Device``.

Lifecycle as on a phone (Appium app states): not installed (0), not running
(1), in the background (2 on iOS: suspended; 3 on Android), in the foreground
(4). Memory lives in the app process (``KundenApp``); storage lives on the
phone and survives terminate and upgrades. Closing the app "completely"
differs by platform (article, "App nicht nutzbar" 1; DESIGN §9), and the
phone has the system UI a person uses for it:

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
  swipe``) ends the process, as does ``terminateApp`` (the shortcut for test
  code) and Android's "Alle löschen".
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

import httpx

from simulator.app.app import KundenApp
from simulator.app.applog import AppLog
from simulator.app.backend_client import BackendClient
from simulator.app.behaviours import active_set, check_name, is_active, parse_overrides
from simulator.app.device_api import (
    APP_BACKGROUND,
    APP_BACKGROUND_SUSPENDED,
    APP_FOREGROUND,
    APP_NOT_INSTALLED,
    APP_NOT_RUNNING,
    DeviceConfig,
    DeviceError,
)
from simulator.app.flows import Services
from simulator.app.lifecycle.phones import Phone
from simulator.app.links import DeepLink, parse_link
from simulator.app.memory import Env
from simulator.app.screens import launcher
from simulator.app.session import Session
from simulator.app.tasks import StateLock, TaskRunner
from simulator.app.tree import Node
from simulator.app.versions import version_from_app

Running = Literal["no", "background", "foreground"]
SystemScreen = Literal["home", "switcher"]  # what the phone shows while the app is not in front

# Android key codes the simulated phone models (android.view.KeyEvent).
KEYCODE_HOME = 3
KEYCODE_BACK = 4
KEYCODE_APP_SWITCH = 187
KEYCODES_WITHOUT_EFFECT = frozenset({24, 25, 164})  # volume up, down, mute: nothing on screen changes
IOS_BUTTONS = frozenset({"home", "volumeup", "volumedown"})
DIRECTIONS = frozenset({"up", "down", "left", "right"})

STATE_NAMES = {
    APP_NOT_INSTALLED: "not installed",
    APP_NOT_RUNNING: "not running",
    APP_BACKGROUND_SUSPENDED: "background (suspended)",
    APP_BACKGROUND: "background",
    APP_FOREGROUND: "foreground",
}


class SimulatedDevice:
    """One phone for one WebDriver session (Android or iOS), with the Kunden-App on it."""

    def __init__(
        self,
        config: DeviceConfig,
        phone: Phone,
        *,
        transport: httpx.BaseTransport | None = None,
        on_close: Callable[[Phone], None] | None = None,
    ) -> None:
        try:
            self._overrides = parse_overrides(config.extra)
        except ValueError as exc:
            raise DeviceError("invalid argument", str(exc)) from exc
        self.config = config
        self._phone = phone
        self._on_close = on_close
        self._lock = StateLock()
        self._log = AppLog()
        self._os_version = config.os_version
        self._running: Running = "no"
        self._system: SystemScreen = "home"
        self._app: KundenApp | None = None
        self._app_version = ""  # build of the running process
        self._processes = 0
        self._wifi, self._data, self._airplane = True, True, False
        self._closed = False
        self._cancel = threading.Event()
        self._client = BackendClient(
            config.backend_url,
            headers=self._headers,
            online=self.online,
            log=self._log,
            transport=transport,
            delay_s=max(config.latency_ms, 0) / 1000,
            cancel=self._cancel,
        )
        self._runner = TaskRunner(threaded=config.latency_ms > 0, log=self._log)
        self._session = Session(self._client, phone.storage, self._log)

    # ------------------------------------------------------------------ session start
    def start_session(self) -> None:
        """Apply the reset capabilities, then cold start the app in the foreground when installed (Appium)."""
        with self._lock:
            phone, version = self._phone, self.config.app_version
            if self.config.full_reset:
                phone.storage.clear()  # uninstall, then install the session's build afresh
                phone.installed_version = version
            elif version is not None:
                if phone.installed_version is None or not self.config.no_reset:
                    phone.storage.clear()
                phone.installed_version = version
            elif not self.config.no_reset:
                phone.storage.clear()
            self._log.add(
                f"session: {self.config.platform} {self._os_version}, app {phone.installed_version or 'not installed'}"
                f"{', noReset' if self.config.no_reset else ''}{', fullReset' if self.config.full_reset else ''}"
            )
            if phone.installed_version is not None:
                self._cold_start(None)

    # ------------------------------------------------------------------ state helpers
    @property
    def installed(self) -> bool:
        """True when the app is installed."""
        return self._phone.installed_version is not None

    def online(self) -> bool:
        """True when the phone has a network (Wi-Fi or mobile data, not airplane mode)."""
        return not self._airplane and (self._wifi or self._data)

    def _env(self) -> Env:
        return Env(self.config.platform, self._app_version, self._os_version, self.online())

    def _headers(self) -> dict[str, str]:
        version = self._app_version or self._phone.installed_version or ""
        headers = {
            "X-Platform": self.config.platform,
            "X-App-Version": version,
            "X-OS-Version": self._os_version,
            "User-Agent": f"Kunden-App/{version} ({self.config.platform} {self._os_version})",
        }
        makler_id = self._phone.storage.makler_id
        if makler_id:
            headers["X-Makler-ID"] = makler_id
        return headers

    def _is_ours(self, app_id: str | None) -> bool:
        return not app_id or app_id == self.config.app_id

    def _front_app(self) -> KundenApp:
        if self._running != "foreground" or self._app is None:
            raise DeviceError("element not interactable", "the app is not in the foreground")
        return self._app

    def _cold_start(self, link: DeepLink | None) -> None:
        self._processes += 1
        version = self._phone.installed_version or ""
        self._app_version = version
        overrides = self._overrides

        def behaviour(name: str) -> bool:
            return is_active(name, version, overrides)

        services = Services(
            platform=self.config.platform,
            app_version=version,
            os_version=lambda: self._os_version,
            online=self.online,
            storage=self._phone.storage,
            client=self._client,
            session=self._session,
            run=self._runner.submit,
            lock=self._lock,
            log=self._log,
            behaviour=behaviour,
        )
        self._app = KundenApp(self._processes, services)
        self._running = "foreground"
        self._log.add(f"lifecycle: cold start, process {self._processes}, build {version}")
        self._app.start(link)

    def _kill(self, reason: str) -> None:
        if self._app is not None:
            self._app.terminate()
        self._app = None
        self._running = "no"
        self._system = "home"  # with the last card gone, the switcher closes as well
        self._log.add(f"lifecycle: process ended ({reason})")

    def _to_background(self, reason: str, system: SystemScreen = "home") -> None:
        self._system = system
        if self._running == "foreground" and self._app is not None:
            self._running = "background"
            self._app.suspend()
            self._log.add(f"lifecycle: moved to background ({reason})")

    def _resume(self) -> None:
        if self._running == "background" and self._app is not None:
            self._running = "foreground"
            self._log.add("lifecycle: resumed from background")
            self._app.resume()

    def _activate(self) -> None:
        if not self.installed:
            raise DeviceError("unknown error", f"the app {self.config.app_id!r} is not installed")
        if self._running == "no":
            self._cold_start(None)
        elif self._running == "background":
            self._resume()

    def _state(self) -> int:
        if not self.installed:
            return APP_NOT_INSTALLED
        if self._running == "no":
            return APP_NOT_RUNNING
        if self._running == "background":
            return APP_BACKGROUND_SUSPENDED if self.config.platform == "ios" else APP_BACKGROUND
        return APP_FOREGROUND

    # ------------------------------------------------------------------ UI
    def tree(self) -> Node:
        """The app's screen in the foreground, else the launcher."""
        with self._lock.bare:
            cached = self._lock.cached
            if isinstance(cached, Node):
                return cached
            if self._running == "foreground" and self._app is not None:
                tree = self._app.render(self._env())
            elif self._system == "switcher":
                tree = launcher.switcher(self._running != "no", self.config.platform)
            else:
                tree = launcher.screen(self.installed, self.config.platform)
            self._lock.cached = tree
            return tree

    def _node(self, key: str) -> Node:
        node = self.tree().find_key(key)
        if node is None:
            raise DeviceError("stale element reference", f"element {key!r} is no longer on screen")
        if not node.displayed or not node.enabled:
            raise DeviceError("element not interactable", f"element {key!r} is disabled or hidden")
        return node

    @staticmethod
    def _local(key: str) -> str:
        return key.split(":", 1)[1]

    def tap(self, key: str) -> None:
        """Tap an element: the app icon or the app's card starts or resumes the app; "Alle löschen" ends it."""
        with self._lock:
            self._node(key)
            if key in (launcher.APP_ICON_KEY, launcher.APP_CARD_KEY):
                self._activate()
            elif key == launcher.CLEAR_ALL_KEY:
                self._kill("recents: Alle löschen")
            elif not key.startswith(launcher.KEY_PREFIX):
                self._front_app().tap(self._local(key))

    def type_text(self, key: str, text: str) -> None:
        """Append text to an input."""
        with self._lock:
            if self._node(key).kind != "input":
                raise DeviceError("element not interactable", f"element {key!r} does not take text")
            self._front_app().type_text(self._local(key), text)

    def clear(self, key: str) -> None:
        """Empty an input."""
        with self._lock:
            if self._node(key).kind != "input":
                raise DeviceError("invalid element state", f"element {key!r} is not editable")
            self._front_app().clear(self._local(key))

    def back(self) -> None:
        """Android: closes the keyboard, pops a screen, or at the root moves the app to the background.

        iOS has no system back: it pops in-app navigation and does nothing at the root.
        """
        with self._lock:
            app = self._app
            if self._running != "foreground" or app is None:
                if self.config.platform == "android":
                    self._system = "home"  # back from recents or home: the home screen
                return
            android = self.config.platform == "android"
            if android and app.keyboard_shown:
                app.hide_keyboard()
                return
            if app.back() or not android:
                return
            self._to_background("system back on the root screen")

    # ------------------------------------------------------------------ system UI (DESIGN §9)
    def press_key(self, keycode: int) -> None:
        """Android ``mobile: pressKey``: HOME, BACK, APP_SWITCH (recents); volume keys change nothing."""
        if self.config.platform != "android":
            raise DeviceError("unsupported operation", "mobile: pressKey is an Android command; use pressButton")
        if keycode == KEYCODE_BACK:
            self.back()
            return
        with self._lock:
            if keycode == KEYCODE_HOME:
                self._to_background("home key")
            elif keycode == KEYCODE_APP_SWITCH:
                if self._running == "foreground" or self._system != "switcher":
                    self._to_background("recents key", "switcher")
                elif self._running == "background":
                    self._resume()  # pressed again in recents: back to the last app
            elif keycode not in KEYCODES_WITHOUT_EFFECT:
                raise DeviceError(
                    "unsupported operation",
                    f"keycode {keycode} is not modelled; known: 3 (HOME), 4 (BACK), 187 (APP_SWITCH), 24/25/164",
                )

    def press_button(self, name: str) -> None:
        """iOS ``mobile: pressButton``: home shows the home screen; volume buttons change nothing."""
        if self.config.platform != "ios":
            raise DeviceError("unsupported operation", "mobile: pressButton is an iOS command; use pressKey")
        if name.lower() not in IOS_BUTTONS:
            raise DeviceError("invalid argument", f"unknown button {name!r}; known: home, volumeUp, volumeDown")
        with self._lock:
            if name.lower() == "home":
                self._to_background("home button")

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
                self._to_background("swipe up from the bottom edge", "switcher" if hold else "home")
            elif key == launcher.APP_CARD_KEY and direction == "up" and self._running != "foreground":
                self._node(key)
                self._kill("swiped away in the app switcher")

    # ------------------------------------------------------------------ mobile: app control
    def terminate_app(self, app_id: str) -> bool:
        """End the process (recents swipe); memory is lost, storage stays. False when not running."""
        with self._lock:
            if not self._is_ours(app_id) or self._running == "no":
                return False
            self._kill("terminateApp")
            return True

    def activate_app(self, app_id: str) -> None:
        """Bring the app to the front: resume from the background or cold start."""
        with self._lock:
            if not self._is_ours(app_id):
                raise DeviceError("unknown error", f"the app {app_id!r} is not installed")
            self._activate()

    def query_app_state(self, app_id: str) -> int:
        """Appium app state 0–4."""
        with self._lock.bare:
            return self._state() if self._is_ours(app_id) else APP_NOT_INSTALLED

    def background_app(self, seconds: float) -> None:
        """Home button; with ``seconds`` >= 0 the app comes back to the front.

        Appium blocks for ``seconds``; the simulator returns at once, since
        time spent in the background changes nothing in the model.
        """
        with self._lock:
            self._to_background("backgroundApp")
            if seconds >= 0 and self.installed:
                self._activate()

    def is_app_installed(self, app_id: str) -> bool:
        """True when the app is installed."""
        with self._lock.bare:
            return self._is_ours(app_id) and self.installed

    def install_app(self, app: str) -> None:
        """Install or upgrade to the build named by ``app`` (e.g. "kundenapp-4.0.0.apk"); data kept."""
        version = version_from_app(app)
        if version is None:
            raise DeviceError("invalid argument", f"no app version in {app!r} (expected e.g. kundenapp-4.0.0.apk)")
        with self._lock:
            if self._running != "no":
                self._kill(f"installing build {version}")
            if self._phone.installed_version is None:
                self._phone.storage.clear()
            self._log.add(f"package: installed build {version} (was {self._phone.installed_version or 'none'})")
            self._phone.installed_version = version

    def remove_app(self, app_id: str) -> bool:
        """Uninstall: process ended, storage gone. False when it was not installed."""
        with self._lock:
            if not self._is_ours(app_id) or not self.installed:
                return False
            if self._running != "no":
                self._kill("removeApp")
            self._phone.storage.clear()
            self._phone.installed_version = None
            self._log.add("package: app removed, data deleted")
            return True

    def deep_link(self, url: str, app_id: str | None) -> None:
        """Open a kundenapp:// link, starting or resuming the app."""
        try:
            link = parse_link(url)
        except ValueError as exc:
            raise DeviceError("invalid argument", str(exc)) from exc
        with self._lock:
            if not self._is_ours(app_id):
                raise DeviceError("invalid argument", f"{app_id!r} does not handle kundenapp:// links")
            if not self.installed:
                raise DeviceError("unknown error", "no installed app handles kundenapp:// links")
            if self._running == "no":
                self._cold_start(link)
                return
            self._resume()
            self._front_app().open_link(link)

    # ------------------------------------------------------------------ mobile: device
    def hide_keyboard(self) -> None:
        """Hide the keyboard if shown."""
        with self._lock:
            if self._running == "foreground" and self._app is not None:
                self._app.hide_keyboard()

    def is_keyboard_shown(self) -> bool:
        """True while an input of the app in front has the focus."""
        with self._lock.bare:
            return self._running == "foreground" and self._app is not None and self._app.keyboard_shown

    def get_connectivity(self) -> dict[str, bool]:
        """Wi-Fi, mobile data, airplane mode."""
        with self._lock.bare:
            return {"wifi": self._wifi, "data": self._data, "airplaneMode": self._airplane}

    def set_connectivity(self, wifi: bool | None, data: bool | None, airplane_mode: bool | None) -> None:
        """Switch networks (None leaves one as is); the running app notices."""
        with self._lock:
            was_online = self.online()
            if wifi is not None:
                self._wifi = wifi
            if data is not None:
                self._data = data
            if airplane_mode is not None:
                self._airplane = airplane_mode
            now_online = self.online()
            if now_online != was_online:
                self._log.add(f"network: {'online' if now_online else 'offline'}")
                if self._app is not None:
                    self._app.connectivity_changed(now_online)

    def device_time(self) -> str:
        """Local time, ISO 8601 with offset (Appium's default format)."""
        return datetime.now().astimezone().isoformat(timespec="seconds")

    # ------------------------------------------------------------------ simulator-only
    def simulator_command(self, name: str, args: dict[str, Any]) -> Any:
        """``updateOs`` {version}, ``appState``, ``setBehaviour`` {name, enabled: bool|null}."""
        commands: dict[str, Callable[[dict[str, Any]], Any]] = {
            "updateOs": self._update_os,
            "appState": lambda _args: self.app_state(),
            "setBehaviour": self._set_behaviour,
        }
        command = commands.get(name)
        if command is None:
            raise DeviceError("invalid argument", f"unknown simulator command {name!r}; known: {', '.join(commands)}")
        with self._lock:
            return command(args)

    def _update_os(self, args: dict[str, Any]) -> dict[str, Any]:
        version = args.get("version")
        if not isinstance(version, str | int | float) or isinstance(version, bool) or not str(version).strip():
            raise DeviceError("invalid argument", 'updateOs needs {"version": "<os version>"}')
        if self._running != "no":
            self._kill("operating system update")
        self._log.add(f"system: OS updated {self._os_version} -> {version}")
        self._os_version = str(version).strip()
        return {"os_version": self._os_version}

    def _set_behaviour(self, args: dict[str, Any]) -> dict[str, bool]:
        try:
            name = check_name(args.get("name"))
        except ValueError as exc:
            raise DeviceError("invalid argument", str(exc)) from exc
        enabled = args.get("enabled")
        if enabled is None:
            self._overrides.pop(name, None)
        elif isinstance(enabled, bool):
            self._overrides[name] = enabled
        else:
            raise DeviceError("invalid argument", "enabled must be true, false or null")
        self._log.add(f"simulator: behaviour {name} forced to {enabled}")
        return active_set(self._app_version or self._phone.installed_version or "0", self._overrides)

    def app_state(self) -> dict[str, Any]:
        """A description of the phone and app for debugging (the ``appState`` command)."""
        with self._lock.bare:
            state = self._state()
            version = self._phone.installed_version
            return {
                "state": state,
                "state_name": STATE_NAMES[state],
                "platform": self.config.platform,
                "os_version": self._os_version,
                "installed_version": version,
                "running_version": self._app_version if self._app is not None else None,
                "online": self.online(),
                "connectivity": self.get_connectivity(),
                "storage_keys": self._phone.storage.keys(),
                "behaviours": active_set(version, self._overrides) if version else {},
                "app": self._app.summary() if self._app is not None else None,
                "recent_log": [entry["message"] for entry in self._log.tail(20)],
            }

    def logs(self) -> list[dict[str, Any]]:
        """App log entries since the last call (as Appium's logcat / syslog), oldest first."""
        return self._log.drain()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no backend flow runs (for tests and tools); True when idle in time."""
        deadline = threading.Event()
        for _ in range(int(timeout / 0.005) + 1):
            if self._runner.idle():
                return True
            deadline.wait(0.005)
        return self._runner.idle()

    def close(self) -> None:
        """Session end: stop workers, close connections, hand the phone back."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._app is not None:
                self._app.terminate()
            self._app = None
            self._running = "no"
        self._cancel.set()
        self._runner.close()
        self._client.close()
        if self._on_close is not None:
            self._on_close(self._phone)
