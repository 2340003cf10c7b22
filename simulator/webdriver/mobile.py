"""``execute/sync`` scripts: the one table of ``mobile:`` commands, and ``kundenapp:`` simulator controls.

https://github.com/appium/appium-uiautomator2-driver#mobile-commands,
https://appium.github.io/appium-xcuitest-driver/latest/reference/execute-methods/
An unknown script is ``unsupported operation`` (HTTP 500), exactly as Appium answers it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulator.webdriver import app_info
from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.screen import keep_screen, kept_screenshot, screen_hit
from simulator.webdriver.session import Call, Session

MOBILE_PREFIX = "mobile:"
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


def get_device_time(session: Session, args: Args) -> str:
    """mobile: getDeviceTime -> ISO 8601 (a ``format`` argument is not supported and ignored)."""
    return str(session.device.device_time())


# -- system UI (DESIGN §9): closing the app as a person does ------------------------------------


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


MOBILE_COMMANDS: dict[str, Callable[[Session, Args], Any]] = {
    "terminateApp": terminate_app,
    "activateApp": activate_app,
    "queryAppState": query_app_state,
    "backgroundApp": background_app,
    "isAppInstalled": is_app_installed,
    "installApp": install_app,
    "removeApp": remove_app,
    "deepLink": deep_link,
    "hideKeyboard": hide_keyboard,
    "isKeyboardShown": is_keyboard_shown,
    "getConnectivity": get_connectivity,
    "setConnectivity": set_connectivity,
    "getDeviceTime": get_device_time,
    "pressKey": press_key,
    "pressButton": press_button,
    "swipeGesture": swipe_gesture,
    "swipe": swipe_gesture,
    # what the Appium Inspector asks (simulator/webdriver/app_info.py)
    "getCurrentPackage": app_info.get_current_package,
    "getCurrentActivity": app_info.get_current_activity,
    "activeAppInfo": app_info.active_app_info,
    "deviceInfo": app_info.device_info,
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


# ``kundenapp:`` commands about the screen the WebDriver side draws; the others go to the device.
SCREEN_COMMANDS: dict[str, Callable[[Session, Args], Any]] = {
    "keepScreen": keep_screen,
    "keptScreenshot": kept_screenshot,
}


def execute_script(call: Call) -> Any:
    """Execute Script, sync and async: ``mobile: <name>`` from the table, ``kundenapp: <name>`` to the device.

    https://www.w3.org/TR/webdriver2/#execute-script
    """
    script, args = _script_args(call.body)
    session = call.session
    if script.startswith(MOBILE_PREFIX):
        name = script[len(MOBILE_PREFIX) :].strip()
        command = MOBILE_COMMANDS.get(name)
        if command is not None:
            return command(session, args)
    elif script.startswith(SIMULATOR_PREFIX):
        name = script[len(SIMULATOR_PREFIX) :].strip()
        screen_command = SCREEN_COMMANDS.get(name)
        if screen_command is not None:
            return screen_command(session, args)
        return session.device.simulator_command(name, args)
    available = ", ".join(f"{MOBILE_PREFIX} {name}" for name in MOBILE_COMMANDS)
    raise WebDriverError(
        "unsupported operation",
        f"Unsupported execute method {script!r}. Available: {available}, and '{SIMULATOR_PREFIX} <command>'",
    )
