"""``execute/sync`` scripts: the one table of ``mobile:`` commands and ``kundenapp:`` simulator controls.

https://github.com/appium/appium-uiautomator2-driver#mobile-commands,
https://appium.github.io/appium-xcuitest-driver/latest/reference/execute-methods/
An unknown script is ``unsupported operation`` (HTTP 500), exactly as Appium answers it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulator.app.device_api import SIMULATOR_COMMANDS
from simulator.webdriver import app_info
from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.screen import keep_screen, kept_screenshot, screen_hit
from simulator.webdriver.session import Call, Param, Session, missing, optional, required

SIMULATOR_PREFIX = "kundenapp:"

Args = dict[str, Any]


def _app_id(args: Args) -> str:
    for name in ("appId", "bundleId"):
        if isinstance(args.get(name), str):
            return str(args[name])
    raise WebDriverError("invalid argument", "'appId' (Android) or 'bundleId' (iOS) must be a string")


def _optional_bool(args: Args, name: str) -> bool | None:
    value = args.get(name)
    if value is not None and not isinstance(value, bool):
        raise WebDriverError("invalid argument", f"{name!r} must be a boolean")
    return value


def _required_str(args: Args, *names: str) -> str:
    for name in names:
        if isinstance(args.get(name), str):
            return str(args[name])
    raise WebDriverError("invalid argument", f"{names[0]!r} must be given as a string")


def terminate_app(session: Session, args: Args) -> bool:
    """mobile: terminateApp -> whether the app was running."""
    return bool(session.device.terminate_app(_app_id(args)))


def activate_app(session: Session, args: Args) -> None:
    """mobile: activateApp -> start or bring to the foreground."""
    session.device.activate_app(_app_id(args))


def query_app_state(session: Session, args: Args) -> int:
    """mobile: queryAppState -> 0 not installed ... 4 foreground."""
    return int(session.device.query_app_state(_app_id(args)))


def background_app(session: Session, args: Args) -> None:
    """mobile: backgroundApp {seconds}; negative or omitted leaves the app in the background."""
    seconds = args.get("seconds")
    if seconds is None:
        seconds = -1
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise WebDriverError("invalid argument", "'seconds' must be a number")
    session.device.background_app(float(seconds))


def is_app_installed(session: Session, args: Args) -> bool:
    """mobile: isAppInstalled."""
    return bool(session.device.is_app_installed(_app_id(args)))


def install_app(session: Session, args: Args) -> None:
    """mobile: installApp {app}: a simulated build name such as ``kundenapp-4.1.0.apk``."""
    session.device.install_app(_required_str(args, "app", "appPath"))


def remove_app(session: Session, args: Args) -> bool:
    """mobile: removeApp -> whether an app was removed."""
    return bool(session.device.remove_app(_app_id(args)))


def deep_link(session: Session, args: Args) -> None:
    """mobile: deepLink {url, package | bundleId}: open a link (e.g. the invitation link)."""
    url = _required_str(args, "url")
    target = next((args[n] for n in ("package", "bundleId", "appId") if isinstance(args.get(n), str)), None)
    session.device.deep_link(url, target)


def hide_keyboard(session: Session, args: Args) -> None:
    """mobile: hideKeyboard."""
    session.device.hide_keyboard()


def is_keyboard_shown(session: Session, args: Args) -> bool:
    """mobile: isKeyboardShown."""
    return bool(session.device.is_keyboard_shown())


def get_connectivity(session: Session, args: Args) -> dict[str, bool]:
    """mobile: getConnectivity -> {wifi, data, airplaneMode} (the client builds its bitmask from it)."""
    state = session.device.get_connectivity()
    airplane = state.get("airplaneMode", state.get("airplane_mode", False))
    return {"wifi": bool(state.get("wifi")), "data": bool(state.get("data")), "airplaneMode": bool(airplane)}


def set_connectivity(session: Session, args: Args) -> None:
    """mobile: setConnectivity {wifi?, data?, airplaneMode?}; omitted ones stay as they are."""
    session.device.set_connectivity(
        _optional_bool(args, "wifi"), _optional_bool(args, "data"), _optional_bool(args, "airplaneMode")
    )


DEVICE_TIME_FORMAT = "YYYY-MM-DDTHH:mm:ssZ"  # Appium's default (moment.js), the one format answered here


def get_device_time(session: Session, args: Args) -> str:
    """mobile: getDeviceTime (and Appium's system_time route) -> ISO 8601 with offset; only Appium's default
    ``format`` is answered, another is refused rather than ignored."""
    form = args.get("format", DEVICE_TIME_FORMAT)
    if form != DEVICE_TIME_FORMAT:
        raise WebDriverError("unsupported operation", f"format {form!r}: only {DEVICE_TIME_FORMAT!r} is supported")
    return str(session.device.device_time())


# MJSONWP's network connection bitmask: https://github.com/SeleniumHQ/mobile-spec/blob/master/spec-draft.md
AIRPLANE_MODE, WIFI, DATA = 1, 2, 4


def get_network_connection(call: Call) -> int:
    """MJSONWP Get Network Connection: the bitmask of airplane mode (1), Wi-Fi (2) and data (4)."""
    state = get_connectivity(call.session, {})
    return AIRPLANE_MODE * state["airplaneMode"] + WIFI * state["wifi"] + DATA * state["data"]


def set_network_connection(call: Call) -> int:
    """MJSONWP Set Network Connection ``{"type": bitmask}``: all three switched as the bitmask says; answers it."""
    mask = call.body["type"]
    if isinstance(mask, bool) or not isinstance(mask, int) or not 0 <= mask <= 7:
        raise WebDriverError("invalid argument", "'type' must be a bitmask 0-7 (1 airplane mode, 2 Wi-Fi, 4 data)")
    call.session.device.set_connectivity(bool(mask & WIFI), bool(mask & DATA), bool(mask & AIRPLANE_MODE))
    return get_network_connection(call)


# -- system UI: closing the app as a person does (docs/suites.md) ----------------------------------


def press_key(session: Session, args: Args) -> None:
    """mobile: pressKey {keycode} (UiAutomator2): 3 HOME, 4 BACK, 187 APP_SWITCH."""
    keycode = args.get("keycode")
    if isinstance(keycode, bool) or not isinstance(keycode, int) or keycode < 0:
        raise WebDriverError("invalid argument", "'keycode' must be a non-negative integer (e.g. 3 for HOME)")
    session.device.press_key(keycode)


def press_button(session: Session, args: Args) -> None:
    """mobile: pressButton {name} (XCUITest): home, volumeUp, volumeDown."""
    session.device.press_button(_required_str(args, "name"))


def swipe_gesture(session: Session, args: Args) -> None:
    """mobile: swipeGesture {elementId | left, top, width, height; direction} (UiAutomator2), and
    mobile: swipe {elementId?, direction} (XCUITest): a swipe on an element or an area."""
    direction = _required_str(args, "direction").lower()
    element = args.get("elementId", args.get("element"))
    if element is not None:
        if not isinstance(element, str):
            raise WebDriverError("invalid argument", "'elementId' must be a string")
        key: str | None = session.key_of(element)
        if key not in session.view().nodes:
            raise WebDriverError("stale element reference", "the element to swipe is no longer on screen")
    else:
        key = screen_hit(session, args)
    session.device.swipe(key, direction)


@dataclass(frozen=True)
class Extension:
    """One execute method (Appium's ``executeMethodMap`` entry): its handler and payload parameters."""

    handler: Callable[[Session, Args], Any]
    params: tuple[Param, ...] = ()
    platform: str | None = None  # a method of one driver only: "android" (UiAutomator2) or "ios" (XCUITest)


def _device_command(name: str) -> Callable[[Session, Args], Any]:
    return lambda session, args: session.device.simulator_command(name, args)


DRIVERS = {"android": "UiAutomator2", "ios": "XCUITest"}
APP = optional("appId", "bundleId")  # appId on Android, bundleId on iOS

# The one table of execute methods: every ``mobile:`` and ``kundenapp:`` name, dispatched and listed from here.
EXTENSIONS: dict[str, Extension] = {
    "mobile: terminateApp": Extension(terminate_app, APP),
    "mobile: activateApp": Extension(activate_app, APP),
    "mobile: queryAppState": Extension(query_app_state, APP),
    "mobile: backgroundApp": Extension(background_app, optional("seconds")),
    "mobile: isAppInstalled": Extension(is_app_installed, APP),
    "mobile: installApp": Extension(install_app, optional("app", "appPath")),
    "mobile: removeApp": Extension(remove_app, APP),
    "mobile: deepLink": Extension(deep_link, required("url") + optional("package", "bundleId")),
    "mobile: hideKeyboard": Extension(hide_keyboard),
    "mobile: isKeyboardShown": Extension(is_keyboard_shown),
    "mobile: getConnectivity": Extension(get_connectivity),
    "mobile: setConnectivity": Extension(set_connectivity, optional("wifi", "data", "airplaneMode")),
    "mobile: getDeviceTime": Extension(get_device_time, optional("format")),
    "mobile: pressKey": Extension(press_key, required("keycode"), platform="android"),
    "mobile: pressButton": Extension(press_button, required("name"), platform="ios"),
    "mobile: swipeGesture": Extension(
        swipe_gesture, required("direction") + optional("elementId", "left", "top", "width", "height")
    ),
    "mobile: swipe": Extension(
        swipe_gesture, required("direction") + optional("elementId", "left", "top", "width", "height")
    ),
    # what the Appium Inspector asks (simulator/webdriver/app_info.py)
    "mobile: getCurrentPackage": Extension(app_info.get_current_package, platform="android"),
    "mobile: getCurrentActivity": Extension(app_info.get_current_activity, platform="android"),
    "mobile: activeAppInfo": Extension(app_info.active_app_info, platform="ios"),
    "mobile: deviceInfo": Extension(app_info.device_info),
    # about the screen the WebDriver side draws
    f"{SIMULATOR_PREFIX} keepScreen": Extension(keep_screen),
    f"{SIMULATOR_PREFIX} keptScreenshot": Extension(kept_screenshot, required("screen")),
    # the device's own (simulator/app/device_api.py)
    **{
        f"{SIMULATOR_PREFIX} {name}": Extension(
            _device_command(name), tuple(Param(arg, needed) for arg, needed in args.items())
        )
        for name, args in SIMULATOR_COMMANDS.items()
    },
}


def _script_args(body: dict[str, Any]) -> tuple[str, Args]:
    script = body.get("script")
    if not isinstance(script, str):
        raise WebDriverError("invalid argument", "'script' must be a string")
    args = body.get("args")
    args = [] if args is None else args
    if not isinstance(args, list):
        raise WebDriverError("invalid argument", "'args' must be a list")
    first = args[0] if args else {}
    if not isinstance(first, dict):
        raise WebDriverError("invalid argument", "the first of 'args' must be a JSON object")
    return script.strip(), first


def _canonical(script: str) -> str:
    """``mobile:terminateApp`` and ``mobile: terminateApp`` name the same method."""
    prefix, sep, name = script.partition(":")
    return f"{prefix}: {name.strip()}" if sep else script


def execute_script(call: Call) -> Any:
    """Execute Script, sync and async: the ``mobile:`` or ``kundenapp:`` method of the one table.

    https://www.w3.org/TR/webdriver2/#execute-script
    """
    script, args = _script_args(call.body)
    extension = EXTENSIONS.get(_canonical(script))
    if extension is None or extension.platform not in (None, call.session.platform):
        only = (
            f" (only in the {DRIVERS[extension.platform]} driver)"
            if extension is not None and extension.platform
            else ""
        )
        available = ", ".join(_of_platform(call.session.platform))
        raise WebDriverError(
            "unsupported operation", f"Unsupported execute method {script!r}{only}. Available: {available}"
        )
    refused = missing(extension.params, args)
    if refused is not None:
        raise refused
    return extension.handler(call.session, args)


def _of_platform(platform: str) -> list[str]:
    """The execute methods a session of this platform has (as each Appium driver has its own)."""
    return [script for script, extension in EXTENSIONS.items() if extension.platform in (None, platform)]


def list_extensions(call: Call) -> dict[str, Any]:
    """Appium's listExtensions: the session's methods of the one table, in Appium's ``ListExtensionsResponse`` shape."""
    return _extension_list(call.session.platform)


@functools.cache
def _extension_list(platform: str) -> dict[str, Any]:
    driver: dict[str, Any] = {}
    for script in _of_platform(platform):
        extension = EXTENSIONS[script]
        prefix, _, name = script.partition(": ")
        entry: dict[str, Any] = {"command": prefix + name[:1].upper() + name[1:]}  # as Appium's drivers name them
        if extension.params:
            entry["params"] = [{"name": p.name, "required": p.required} for p in extension.params]
        driver[script] = entry
    return {"rest": {"driver": driver, "plugins": {}}}
