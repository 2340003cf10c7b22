"""What the WebDriver server may ask of a simulated phone (one per session).

The WebDriver layer (``simulator.webdriver``) speaks only to this protocol;
the emulated app (``simulator.app``) implements it. Keeping the boundary this
narrow is what lets the protocol layer be tested with a tiny fake device.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypedDict

from simulator.app.tree import Node
from simulator.caps import APP_ID, Capabilities
from simulator.spec.phones import PhoneState

Platform = Literal["android", "ios"]

# The Kunden-App's package (Android) and bundle id (iOS): what appium:appPackage / appium:bundleId name.
DEFAULT_APP_ID = APP_ID

# mobile: queryAppState values (Appium): 0 not installed, 1 not running,
# 2 running in background (suspended), 3 running in background, 4 foreground.
APP_NOT_INSTALLED = 0
APP_NOT_RUNNING = 1
APP_BACKGROUND_SUSPENDED = 2
APP_BACKGROUND = 3
APP_FOREGROUND = 4
# Android key codes the simulated phone models (android.view.KeyEvent), for ``press_key``.
KEYCODE_HOME = 3
KEYCODE_BACK = 4
KEYCODE_APP_SWITCH = 187


# The simulator-only commands a device answers (``kundenapp: <name>``) and their arguments, each
# required (True) or not (False), as Appium's payloadParams: the WebDriver server lists and
# dispatches them from here, the device refuses any other name or argument.
SIMULATOR_COMMANDS: dict[str, dict[str, bool]] = {
    "updateOs": {"version": True},
    "appState": {},
    "setBehaviour": {"name": True, "enabled": False},
}


class DeviceError(Exception):
    """A device refused a command; ``error`` is the W3C error code to answer with.

    Typical codes: "element not interactable" (tap on a disabled or hidden
    node), "invalid element state", "invalid argument" (bad mobile: args),
    "unknown error".
    """

    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error = error
        self.message = message


class PhoneInUse(DeviceError):
    """A session asked for a phone another session holds (a device serves one session at a time, as on Appium)."""

    def __init__(self, platform: str, device_name: str, holder: str) -> None:
        super().__init__("session not created", f"the device {device_name!r} ({platform}) is in use by {holder}")
        self.platform = platform
        self.device_name = device_name
        self.holder = holder  # the WebDriver session id that holds it (or who else claimed it)


PhoneKind = Literal["world", "named", "private"]
"""Which phone a session got: one a world file prepared (``serve --world``), a device named by
``appium:deviceName`` (kept between sessions), or a private one (no device name: this session's alone)."""


class PhoneIdentity(TypedDict):
    """The phone a session holds, as the new-session answer names it (capability ``kundenapp:phone``)."""

    kind: PhoneKind
    deviceName: str
    owner: str | None  # a world phone's account (its e-mail), else None


class LogEntry(TypedDict):
    """One line of the app's log, as Appium's Get Log hands it out (logcat / syslog)."""

    timestamp: int  # ms since the epoch
    level: str  # INFO, WARNING or SEVERE
    message: str


@dataclass(frozen=True)
class DeviceConfig:
    """Everything a new session decides about its phone, parsed from capabilities."""

    platform: Platform
    os_version: str  # appium:platformVersion, e.g. "14" or "17.4"
    app_version: str | None  # version of the build named by appium:app; None: no app installed
    app_id: str  # appium:appPackage / appium:bundleId
    backend_url: str  # base URL of the fake backend's app API
    no_reset: bool = False
    full_reset: bool = False
    latency_ms: int = 0  # delay of every backend answer, shows loading_indicator meanwhile
    device_name: str = ""  # appium:deviceName; empty: a private phone for this session alone
    holder: str = ""  # the WebDriver session that will hold the phone: named to a second session asking for it
    extra: Capabilities = field(default_factory=dict)  # other kundenapp:* capabilities (without the prefix)


class Device(Protocol):
    """A simulated phone with the Kunden-App on it."""

    config: DeviceConfig

    def tree(self) -> Node:
        """The current screen: the app's screen when in foreground, else the launcher."""
        ...

    def tap(self, key: str) -> None:
        """Tap the node with this key (element click)."""
        ...

    def type_text(self, key: str, text: str) -> None:
        """Append text to an input (element value)."""
        ...

    def clear(self, key: str) -> None:
        """Empty an input (element clear)."""
        ...

    def back(self) -> None:
        """The system back gesture / button."""
        ...

    # -- system UI: keys, buttons, swipes on the phone (closing the app as a person does) --
    def press_key(self, keycode: int) -> None:
        """Android key event: KEYCODE_HOME, KEYCODE_BACK, KEYCODE_APP_SWITCH (recents)."""
        ...

    def press_button(self, name: str) -> None:
        """iOS hardware button: home (volumeUp / volumeDown change nothing)."""
        ...

    def swipe(self, key: str | None, direction: str, from_edge: bool = False, hold: bool = False) -> None:
        """A swipe that starts on ``key`` (or on no element); ``from_edge``: from the bottom edge."""
        ...

    # -- mobile: commands (docs/appium-by-hand.md); app_id is the package / bundle id --
    def terminate_app(self, app_id: str) -> bool: ...
    def activate_app(self, app_id: str) -> None: ...
    def query_app_state(self, app_id: str) -> int: ...
    def background_app(self, seconds: float) -> None: ...
    def is_app_installed(self, app_id: str) -> bool: ...
    def install_app(self, app: str) -> None: ...
    def remove_app(self, app_id: str) -> bool: ...
    def deep_link(self, url: str, app_id: str | None) -> None: ...
    def hide_keyboard(self) -> None: ...
    def is_keyboard_shown(self) -> bool: ...
    def get_connectivity(self) -> dict[str, bool]: ...
    def set_connectivity(self, wifi: bool | None, data: bool | None, airplane_mode: bool | None) -> None: ...
    def device_time(self) -> str: ...

    # -- simulator-only commands ("kundenapp: <name>") --
    def simulator_command(self, name: str, args: dict[str, Any]) -> Any:
        """E.g. updateOs {version}, appState; unknown name -> DeviceError("invalid argument")."""
        ...

    def logs(self) -> list[LogEntry]:
        """Log entries of the app ({timestamp ms, level, message}), oldest first."""
        ...

    def identity(self) -> PhoneIdentity:
        """Which phone this is: world, named or private, and its device name."""
        ...

    def phone_state(self) -> PhoneState:
        """The phone this session holds, its app's process, screen and memory (``held_by`` left None)."""
        ...

    def close(self) -> None:
        """Session ends: stop background work, release resources."""
        ...


class PhoneBook(Protocol):
    """The phones of one simulator that outlive sessions (``simulator.app.lifecycle.phones.PhoneRegistry``)."""

    def free_states(self) -> list[PhoneState]:
        """The phones no session holds."""
        ...
