"""A simulated phone with the Kunden-App: implements ``device_api.Device``.

The phone's parts live beside it: ``process.py`` (the app's process and its
Appium states), ``system_ui.py`` (back, keys, buttons, system gestures),
``phones.py`` (what a phone keeps between sessions). This module holds the
protocol surface: session start, the screen tree and input, app control,
connectivity, the simulator's own commands and the session's end.

Why about 400 lines: it is the one implementation of ``device_api.Device``,
one short method per protocol call (take the lock, check, delegate) plus the
three simulator commands, and reading the protocol in one place is worth
more than a further split.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypedDict

import httpx

from simulator.app.api_client import AppApiClient
from simulator.app.applog import AppLog
from simulator.app.behaviours import active_set, check_name, is_active, parse_overrides
from simulator.app.builds import UnknownBuild, check_os_version
from simulator.app.device_api import (
    APP_NOT_INSTALLED,
    SIMULATOR_COMMANDS,
    DeviceConfig,
    DeviceError,
    LogEntry,
    PhoneIdentity,
)
from simulator.app.flows import Services
from simulator.app.lifecycle.phones import Phone
from simulator.app.lifecycle.process import STATE_NAMES, AppProcess
from simulator.app.lifecycle.system_ui import SystemUI
from simulator.app.links import parse_link
from simulator.app.login_session import LoginSession
from simulator.app.memory import Env, Summary
from simulator.app.screens import launcher
from simulator.app.tasks import StateLock, TaskRunner
from simulator.app.tree import Node
from simulator.app.versions import version_from_app
from simulator.spec.phones import PhoneState, ProcessState

PROCESS_STATES: dict[str, ProcessState] = {"no": "not_running", "background": "background", "foreground": "foreground"}


class AppState(TypedDict):
    """The phone and the app for debugging (the ``appState`` simulator command)."""

    state: int
    state_name: str
    platform: str
    os_version: str
    installed_version: str | None
    running_version: str | None
    online: bool
    connectivity: dict[str, bool]
    storage_keys: list[str]
    behaviours: dict[str, bool]
    app: Summary | None
    recent_log: list[str]


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
        self._wifi, self._data, self._airplane = True, True, False
        self._closed = False
        self._cancel = threading.Event()
        self._client = AppApiClient(
            config.backend_url,
            headers=self._headers,
            online=self.online,
            log=self._log,
            transport=transport,
            delay_s=max(config.latency_ms, 0) / 1000,
            cancel=self._cancel,
        )
        self._runner = TaskRunner(threaded=config.latency_ms > 0, log=self._log)
        self._session = LoginSession(self._client, phone.storage, self._log)
        self._proc = AppProcess(config.platform, config.app_id, phone, self._log, self._services)
        self._ui = SystemUI(config.platform, self._lock, self._proc, self._node)

    # ------------------------------------------------------------------ session start
    def start_session(self) -> None:
        """Apply the reset capabilities, then cold start the app in the foreground when installed (Appium)."""
        with self._lock:
            phone = self._phone
            phone.apply_reset(self.config.app_version, full_reset=self.config.full_reset, no_reset=self.config.no_reset)
            phone.os_version = self._os_version
            self._log.add(
                f"session: {self.config.platform} {self._os_version}, app {phone.installed_version or 'not installed'}"
                f"{', noReset' if self.config.no_reset else ''}{', fullReset' if self.config.full_reset else ''}"
            )
            if phone.installed_version is not None:
                self._proc.cold_start(None)

    # ------------------------------------------------------------------ state helpers
    @property
    def installed(self) -> bool:
        """True when the app is installed."""
        return self._phone.installed_version is not None

    def online(self) -> bool:
        """True when the phone has a network (Wi-Fi or mobile data, not airplane mode)."""
        return not self._airplane and (self._wifi or self._data)

    def _env(self) -> Env:
        return Env(self.config.platform, self._proc.version, self._os_version, self.online())

    def _headers(self) -> dict[str, str]:
        version = self._proc.version or self._phone.installed_version or ""
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

    def _services(self, version: str) -> Services:
        """What the phone lends a new process of this build."""
        overrides = self._overrides

        def behaviour(name: str) -> bool:
            return is_active(name, version, overrides)

        return Services(
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

    # ------------------------------------------------------------------ UI
    def tree(self) -> Node:
        """The app's screen in the foreground, else the launcher."""
        with self._lock.bare:
            cached = self._lock.cached
            if isinstance(cached, Node):
                return cached
            if self._proc.running == "foreground" and self._proc.app is not None:
                tree = self._proc.app.render(self._env())
            elif self._proc.system == "switcher":
                tree = launcher.switcher(self._proc.running != "no", self.config.platform)
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
                self._proc.activate()
            elif key == launcher.CLEAR_ALL_KEY:
                self._proc.kill("recents: Alle löschen")
            elif not key.startswith(launcher.KEY_PREFIX):
                self._proc.front().tap(self._local(key))

    def type_text(self, key: str, text: str) -> None:
        """Append text to an input."""
        with self._lock:
            if self._node(key).kind != "input":
                raise DeviceError("element not interactable", f"element {key!r} does not take text")
            self._proc.front().type_text(self._local(key), text)

    def clear(self, key: str) -> None:
        """Empty an input."""
        with self._lock:
            if self._node(key).kind != "input":
                raise DeviceError("invalid element state", f"element {key!r} is not editable")
            self._proc.front().clear(self._local(key))

    # ------------------------------------------------------------------ system UI (simulator/app/README.md, Lifecycle)
    def back(self) -> None:
        """System back (``system_ui.SystemUI.back``)."""
        self._ui.back()

    def press_key(self, keycode: int) -> None:
        """Android ``mobile: pressKey`` (``system_ui.SystemUI.press_key``)."""
        self._ui.press_key(keycode)

    def press_button(self, name: str) -> None:
        """iOS ``mobile: pressButton`` (``system_ui.SystemUI.press_button``)."""
        self._ui.press_button(name)

    def swipe(self, key: str | None, direction: str, from_edge: bool = False, hold: bool = False) -> None:
        """A swipe from ``key`` in ``direction`` (``system_ui.SystemUI.swipe``)."""
        self._ui.swipe(key, direction, from_edge, hold)

    # ------------------------------------------------------------------ mobile: app control
    def terminate_app(self, app_id: str) -> bool:
        """End the process (recents swipe); memory is lost, storage stays. False when not running."""
        with self._lock:
            if not self._is_ours(app_id) or self._proc.running == "no":
                return False
            self._proc.kill("terminateApp")
            return True

    def activate_app(self, app_id: str) -> None:
        """Bring the app to the front: resume from the background or cold start."""
        with self._lock:
            if not self._is_ours(app_id):
                raise DeviceError("unknown error", f"the app {app_id!r} is not installed")
            self._proc.activate()

    def query_app_state(self, app_id: str) -> int:
        """Appium app state 0–4."""
        with self._lock.bare:
            return self._proc.state() if self._is_ours(app_id) else APP_NOT_INSTALLED

    def background_app(self, seconds: float) -> None:
        """Home button; with ``seconds`` >= 0 the app comes back to the front.

        Appium blocks for ``seconds``; the simulator returns at once, since
        time spent in the background changes nothing in the model.
        """
        with self._lock:
            self._proc.to_background("backgroundApp")
            if seconds >= 0 and self.installed:
                self._proc.activate()

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
            if self._proc.running != "no":
                self._proc.kill(f"installing build {version}")
            if self._phone.installed_version is None:
                self._phone.storage.clear()
            self._log.add(f"package: installed build {version} (was {self._phone.installed_version or 'none'})")
            self._phone.installed_version = version

    def remove_app(self, app_id: str) -> bool:
        """Uninstall: process ended, storage gone. False when it was not installed."""
        with self._lock:
            if not self._is_ours(app_id) or not self.installed:
                return False
            if self._proc.running != "no":
                self._proc.kill("removeApp")
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
            if self._proc.running == "no":
                self._proc.cold_start(link)
                return
            self._proc.resume()
            self._proc.front().open_link(link)

    # ------------------------------------------------------------------ mobile: device
    def hide_keyboard(self) -> None:
        """Hide the keyboard if shown (``system_ui.SystemUI.hide_keyboard``)."""
        self._ui.hide_keyboard()

    def is_keyboard_shown(self) -> bool:
        """True while an input of the app in front has the focus."""
        return self._ui.keyboard_shown()

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
                if self._proc.app is not None:
                    self._proc.app.connectivity_changed(now_online)

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
        unknown = sorted(set(args) - set(SIMULATOR_COMMANDS[name]))
        if unknown:  # a misspelt argument must not be ignored silently
            allowed = ", ".join(sorted(SIMULATOR_COMMANDS[name])) or "none"
            raise DeviceError("invalid argument", f"{name}: unknown argument(s) {unknown}; allowed: {allowed}")
        with self._lock:
            return command(args)

    def _update_os(self, args: dict[str, Any]) -> dict[str, str]:
        version = args.get("version")
        if version is None:
            raise DeviceError("invalid argument", 'updateOs needs {"version": "<os version>"}')
        try:
            text = check_os_version(self.config.platform, version)
        except UnknownBuild as exc:
            raise DeviceError("invalid argument", f"updateOs: {exc}") from exc
        if self._proc.running != "no":
            self._proc.kill("operating system update")
        self._log.add(f"system: OS updated {self._os_version} -> {text}")
        self._os_version = self._phone.os_version = text
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
        return active_set(self._proc.version or self._phone.installed_version or "0", self._overrides)

    def app_state(self) -> AppState:
        """A description of the phone and app for debugging (the ``appState`` command)."""
        with self._lock.bare:
            state = self._proc.state()
            version = self._phone.installed_version
            return {
                "state": state,
                "state_name": STATE_NAMES[state],
                "platform": self.config.platform,
                "os_version": self._os_version,
                "installed_version": version,
                "running_version": self._proc.version if self._proc.app is not None else None,
                "online": self.online(),
                "connectivity": self.get_connectivity(),
                "storage_keys": self._phone.storage.keys(),
                "behaviours": active_set(version, self._overrides) if version else {},
                "app": self._proc.app.summary() if self._proc.app is not None else None,
                "recent_log": [entry["message"] for entry in self._log.tail(20)],
            }

    def identity(self) -> PhoneIdentity:
        """Which phone this session holds: world, named or private, and its device name."""
        return self._phone.identity()

    def phone_state(self) -> PhoneState:
        """The phone with its running app, as the simulator's phone list reports it (no token, no secret)."""
        with self._lock.bare:
            state = self._phone.state()
            state["os_version"] = self._os_version
            state["behaviours"] = dict(self._overrides)
            state["process"] = PROCESS_STATES[self._proc.running]
            state["running_version"] = self._proc.version if self._proc.app is not None else None
            state["screen"] = self.tree().id or ""
            state["app"] = self._proc.app.mem.state() if self._proc.app is not None else None
            return state

    def logs(self) -> list[LogEntry]:
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
            self._proc.end()
        self._cancel.set()
        self._runner.close()
        self._client.close()
        if self._on_close is not None:
            self._on_close(self._phone)
