"""The one route table of the WebDriver surface, and the matcher over it.

Paths and command names follow https://www.w3.org/TR/webdriver2/#endpoints and Appium's route
table (``packages/base-driver/lib/protocol/routes/``: W3C, JSONWP, MJSONWP, appium, appium-device):
each route names its W3C or Appium command, Appium's command name and payload parameters, as
Appium's ``METHOD_MAP`` does. ``GET …/appium/commands`` lists this table in Appium's answer shape.
Which of Appium's routes are answered here, and why the others are not: docs/appium-routes.md.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from simulator.spec.phones import PHONES_PATH
from simulator.webdriver import element, extensions, find, mobile, phones, screen, session
from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.session import Call, Param, optional, required

Handler = Callable[[Call], Any]


@dataclass(frozen=True)
class Route:
    """One endpoint: HTTP method and path template -> the command's handler.

    ``command`` is the W3C (or Appium) command's name for people (request log), ``appium`` Appium's
    command name (``listCommands``, what the Inspector maps to its client calls); ``params`` the
    payload parameters (required ones are checked before the handler runs); ``unwrap`` a body key
    whose object is the payload (MJSONWP's ``parameters``); ``deprecated`` as Appium marks it.
    """

    method: str
    path: str
    command: str
    appium: str
    handler: Handler
    params: tuple[Param, ...] = ()
    deprecated: bool = False
    unwrap: str | None = None
    own: bool = False  # the simulator's own route, not one of Appium's: listed as a driver's route is


def _with_body(command: Callable[[session.Session, dict[str, Any]], Any]) -> Handler:
    """A ``mobile:`` command's handler answering Appium's device route with the same payload."""

    @functools.wraps(command)
    def handler(call: Call) -> Any:
        return command(call.session, call.body)

    return handler


def list_commands(call: Call) -> dict[str, Any]:
    """Appium's listCommands: this route table in Appium's ``ListCommandsResponse`` shape."""
    del call
    return _command_list()


@functools.cache
def _command_list() -> dict[str, Any]:
    rest: dict[str, dict[str, dict[str, dict[str, Any]]]] = {"base": {}, "driver": {}}
    for route in ROUTES:
        entry: dict[str, Any] = {"command": route.appium}
        if route.deprecated:
            entry["deprecated"] = True
        if route.params:
            entry["params"] = [{"name": p.name, "required": p.required} for p in route.params]
        source = rest["driver" if route.own else "base"]
        source.setdefault(appium_path(route.path), {})[route.method] = entry
    # Appium's base routes the table answers, and the simulator's own as a driver's; no plugins, no BiDi
    return {"rest": {**rest, "plugins": {}}, "bidi": {"base": {}, "driver": {}, "plugins": {}}}


def appium_path(path: str) -> str:
    """``/session/{sessionId}`` -> ``/session/:sessionId``, as Appium writes a route."""
    return re.sub(r"\{(\w+)\}", r":\1", path)


S = "/session/{sessionId}"
E = S + "/element/{elementId}"
D = S + "/appium/device"
APP_ID = optional("appId", "bundleId", "options")  # Appium: either appId (Android) or bundleId (iOS)

ROUTES: tuple[Route, ...] = (
    Route("GET", "/status", "Status", "getStatus", session.status),
    Route("POST", "/session", "New Session", "createSession", session.new_session, optional("capabilities")),
    Route("GET", "/appium/sessions", "Get Appium Sessions", "getAppiumSessions", session.list_sessions),
    Route("GET", S, "Get Session", "getSession", session.get_session, deprecated=True),
    Route("DELETE", S, "Delete Session", "deleteSession", session.delete_session),
    Route(
        "GET",
        S + "/appium/capabilities",
        "Get Appium Session Capabilities",
        "getAppiumSessionCapabilities",
        session.get_appium_session_capabilities,
    ),
    Route("GET", S + "/appium/commands", "List Commands", "listCommands", list_commands),
    Route("GET", S + "/appium/extensions", "List Extensions", "listExtensions", mobile.list_extensions),
    Route("GET", S + "/timeouts", "Get Timeouts", "getTimeouts", session.get_timeouts),
    Route(
        "POST",
        S + "/timeouts",
        "Set Timeouts",
        "timeouts",
        session.set_timeouts,
        optional("type", "ms", "script", "pageLoad", "implicit"),
    ),
    Route("POST", S + "/back", "Back", "back", screen.back),
    Route("GET", S + "/source", "Get Page Source", "getPageSource", screen.get_page_source),
    Route("GET", S + "/screenshot", "Take Screenshot", "getScreenshot", screen.take_screenshot),
    Route("GET", S + "/window/rect", "Get Window Rect", "getWindowRect", screen.get_window_rect),
    Route("GET", S + "/orientation", "Get Orientation", "getOrientation", screen.get_orientation, deprecated=True),
    Route(
        "POST",
        S + "/orientation",
        "Set Orientation",
        "setOrientation",
        screen.set_orientation,
        required("orientation"),
        deprecated=True,
    ),
    Route("GET", D + "/orientation", "Get Orientation", "getOrientation", screen.get_orientation),
    Route(
        "POST", D + "/orientation", "Set Orientation", "setOrientation", screen.set_orientation, required("orientation")
    ),
    Route("GET", S + "/rotation", "Get Rotation", "getRotation", screen.get_rotation, deprecated=True),
    Route(
        "POST",
        S + "/rotation",
        "Set Rotation",
        "setRotation",
        screen.set_rotation,
        required("x", "y", "z"),
        deprecated=True,
    ),
    Route("GET", D + "/rotation", "Get Rotation", "getRotation", screen.get_rotation),
    Route("POST", D + "/rotation", "Set Rotation", "setRotation", screen.set_rotation, required("x", "y", "z")),
    Route("POST", S + "/actions", "Perform Actions", "performActions", screen.perform_actions, required("actions")),
    Route("DELETE", S + "/actions", "Release Actions", "releaseActions", screen.release_actions),
    Route("POST", S + "/element", "Find Element", "findElement", find.find_element, required("using", "value")),
    Route("POST", S + "/elements", "Find Elements", "findElements", find.find_elements, required("using", "value")),
    Route("GET", S + "/element/active", "Get Active Element", "active", find.get_active_element),
    Route(
        "POST",
        E + "/element",
        "Find Element From Element",
        "findElementFromElement",
        find.find_element_from_element,
        required("using", "value"),
    ),
    Route(
        "POST",
        E + "/elements",
        "Find Elements From Element",
        "findElementsFromElement",
        find.find_elements_from_element,
        required("using", "value"),
    ),
    Route("POST", E + "/click", "Element Click", "click", element.element_click),
    Route("POST", E + "/clear", "Element Clear", "clear", element.element_clear),
    Route("POST", E + "/value", "Element Send Keys", "setValue", element.element_send_keys, optional("text", "value")),
    Route("GET", E + "/text", "Get Element Text", "getText", element.get_element_text),
    Route("GET", E + "/displayed", "Is Element Displayed", "elementDisplayed", element.is_element_displayed),
    Route("GET", E + "/enabled", "Is Element Enabled", "elementEnabled", element.is_element_enabled),
    Route("GET", E + "/selected", "Is Element Selected", "elementSelected", element.is_element_selected),
    Route("GET", E + "/attribute/{name}", "Get Element Attribute", "getAttribute", element.get_element_attribute),
    Route("GET", E + "/property/{name}", "Get Element Property", "getProperty", element.get_element_property),
    Route("GET", E + "/rect", "Get Element Rect", "getElementRect", element.get_element_rect),
    Route("GET", E + "/name", "Get Element Tag Name", "getName", element.get_element_tag_name),
    Route("GET", E + "/screenshot", "Take Element Screenshot", "getElementScreenshot", element.take_element_screenshot),
    Route("POST", S + "/execute/sync", "Execute Script", "execute", mobile.execute_script, required("script", "args")),
    Route(
        "POST",
        S + "/execute/async",
        "Execute Async Script",
        "executeAsync",
        mobile.execute_script,
        required("script", "args"),
    ),
    Route("GET", S + "/contexts", "Get Contexts", "getContexts", extensions.get_contexts, deprecated=True),
    Route(
        "GET",
        S + "/context",
        "Get Current Context",
        "getCurrentContext",
        extensions.get_current_context,
        deprecated=True,
    ),
    Route(
        "POST", S + "/context", "Set Context", "setContext", extensions.set_context, required("name"), deprecated=True
    ),
    Route("GET", S + "/appium/contexts", "Get Contexts", "getContexts", extensions.get_contexts),
    Route("GET", S + "/appium/context", "Get Current Context", "getCurrentContext", extensions.get_current_context),
    Route("POST", S + "/appium/context", "Set Context", "setContext", extensions.set_context, required("name")),
    Route("GET", S + "/appium/settings", "Get Settings", "getSettings", extensions.get_settings),
    Route(
        "POST",
        S + "/appium/settings",
        "Update Settings",
        "updateSettings",
        extensions.update_settings,
        required("settings"),
    ),
    Route("GET", S + "/location", "Get Geolocation", "getGeoLocation", extensions.get_location, deprecated=True),
    Route(
        "POST",
        S + "/location",
        "Set Geolocation",
        "setGeoLocation",
        extensions.set_location,
        required("location"),
        deprecated=True,
    ),
    Route(
        "GET",
        S + "/network_connection",
        "Get Network Connection",
        "getNetworkConnection",
        mobile.get_network_connection,
        deprecated=True,
    ),
    Route(
        "POST",
        S + "/network_connection",
        "Set Network Connection",
        "setNetworkConnection",
        mobile.set_network_connection,
        required("type"),
        deprecated=True,
        unwrap="parameters",
    ),
    Route("GET", D + "/system_time", "Get Device Time", "getDeviceTime", _with_body(mobile.get_device_time)),
    Route(
        "POST",
        D + "/system_time",
        "Get Device Time",
        "getDeviceTime",
        _with_body(mobile.get_device_time),
        optional("format"),
    ),
    Route(
        "GET", D + "/is_keyboard_shown", "Is Keyboard Shown", "isKeyboardShown", _with_body(mobile.is_keyboard_shown)
    ),
    Route(
        "POST",
        D + "/hide_keyboard",
        "Hide Keyboard",
        "hideKeyboard",
        _with_body(mobile.hide_keyboard),
        optional("strategy", "key", "keyCode", "keyName"),
    ),
    Route("POST", D + "/activate_app", "Activate App", "activateApp", _with_body(mobile.activate_app), APP_ID),
    Route("POST", D + "/terminate_app", "Terminate App", "terminateApp", _with_body(mobile.terminate_app), APP_ID),
    Route("POST", D + "/app_state", "Query App State", "queryAppState", _with_body(mobile.query_app_state), APP_ID[:2]),
    Route(
        "POST",
        D + "/install_app",
        "Install App",
        "installApp",
        _with_body(mobile.install_app),
        required("appPath") + optional("options"),
    ),
    Route("POST", D + "/remove_app", "Remove App", "removeApp", _with_body(mobile.remove_app), APP_ID),
    Route(
        "POST",
        D + "/app_installed",
        "Is App Installed",
        "isAppInstalled",
        _with_body(mobile.is_app_installed),
        APP_ID[:2],
    ),
    Route("GET", S + "/se/log/types", "Get Log Types", "getLogTypes", extensions.get_log_types),
    Route("POST", S + "/se/log", "Get Log", "getLog", extensions.get_log, required("type")),
    Route("GET", PHONES_PATH, "List Phones", "listPhones", phones.list_phones, own=True),  # read-only
)

UNKNOWN_COMMAND = (
    "The requested resource could not be found, or a request was received using an HTTP method "
    "that is not supported by the mapped resource."
)


class _Branch:
    """One path segment level of the route trie."""

    __slots__ = ("literals", "methods", "names", "variable")

    def __init__(self) -> None:
        self.literals: dict[str, _Branch] = {}
        self.variable: _Branch | None = None
        self.methods: dict[str, Route] = {}
        self.names: tuple[str, ...] = ()

    def find(self, parts: list[str], index: int, values: list[str]) -> _Branch | None:
        """The branch where the path ends; literal segments are tried before variables."""
        if index == len(parts):
            return self if self.methods else None
        literal = self.literals.get(parts[index])
        if literal is not None:
            found = literal.find(parts, index + 1, values)
            if found is not None:
                return found
        if self.variable is not None:
            values.append(parts[index])
            found = self.variable.find(parts, index + 1, values)
            if found is not None:
                return found
            values.pop()
        return None


class Router:
    """Matches (method, path) to a route; no path -> unknown command, wrong method -> unknown method."""

    def __init__(self, routes: Iterable[Route] = ROUTES) -> None:
        self._root = _Branch()
        for route in routes:
            branch = self._root
            names: list[str] = []
            for part in route.path.strip("/").split("/"):
                if part.startswith("{"):
                    names.append(part[1:-1])
                    branch.variable = branch.variable or _Branch()
                    branch = branch.variable
                else:
                    branch = branch.literals.setdefault(part, _Branch())
            if route.method in branch.methods:
                raise ValueError(f"duplicate route {route.method} {route.path}")
            branch.methods[route.method] = route
            branch.names = tuple(names)

    def __iter__(self) -> Iterator[Route]:
        """Every route the matcher dispatches to."""
        branches = [self._root]
        while branches:
            branch = branches.pop()
            yield from branch.methods.values()
            branches += branch.literals.values()
            branches += [branch.variable] if branch.variable is not None else []

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]]:
        """The route and path parameters for a normalised path (no prefix, no query)."""
        values: list[str] = []
        branch = self._root.find(path.strip("/").split("/"), 0, values)
        if branch is None:
            raise WebDriverError("unknown command", f"{UNKNOWN_COMMAND} ({method} {path})")
        route = branch.methods.get(method)
        if route is None:
            allowed = ", ".join(sorted(branch.methods))
            raise WebDriverError("unknown method", f"{method} is not supported for {path} (allowed: {allowed})")
        return route, {
            name: unquote(value) if "%" in value else value for name, value in zip(branch.names, values, strict=True)
        }
