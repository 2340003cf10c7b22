"""The one route table of the WebDriver surface, and the matcher over it.

Paths and command names follow https://www.w3.org/TR/webdriver2/#endpoints and Appium's
``packages/base-driver/lib/protocol/routes`` for the Appium-only endpoints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from simulator.spec.phones import PHONES_PATH
from simulator.webdriver import element, extensions, find, mobile, phones, screen, session
from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.session import Call

Handler = Callable[[Call], Any]


@dataclass(frozen=True)
class Route:
    """One endpoint: HTTP method and path template -> the command's handler."""

    method: str
    path: str
    command: str
    handler: Handler


S = "/session/{sessionId}"
E = S + "/element/{elementId}"

ROUTES: tuple[Route, ...] = (
    Route("GET", "/status", "Status", session.status),
    Route("POST", "/session", "New Session", session.new_session),
    Route("GET", "/appium/sessions", "Get Appium Sessions", session.list_sessions),
    Route("GET", S, "Get Session", session.get_session),
    Route("DELETE", S, "Delete Session", session.delete_session),
    Route("GET", S + "/timeouts", "Get Timeouts", session.get_timeouts),
    Route("POST", S + "/timeouts", "Set Timeouts", session.set_timeouts),
    Route("POST", S + "/back", "Back", screen.back),
    Route("GET", S + "/source", "Get Page Source", screen.get_page_source),
    Route("GET", S + "/screenshot", "Take Screenshot", screen.take_screenshot),
    Route("GET", S + "/window/rect", "Get Window Rect", screen.get_window_rect),
    Route("GET", S + "/orientation", "Get Orientation", screen.get_orientation),
    Route("POST", S + "/orientation", "Set Orientation", screen.set_orientation),
    Route("POST", S + "/actions", "Perform Actions", screen.perform_actions),
    Route("DELETE", S + "/actions", "Release Actions", screen.release_actions),
    Route("POST", S + "/element", "Find Element", find.find_element),
    Route("POST", S + "/elements", "Find Elements", find.find_elements),
    Route("GET", S + "/element/active", "Get Active Element", find.get_active_element),
    Route("POST", E + "/element", "Find Element From Element", find.find_element_from_element),
    Route("POST", E + "/elements", "Find Elements From Element", find.find_elements_from_element),
    Route("POST", E + "/click", "Element Click", element.element_click),
    Route("POST", E + "/clear", "Element Clear", element.element_clear),
    Route("POST", E + "/value", "Element Send Keys", element.element_send_keys),
    Route("GET", E + "/text", "Get Element Text", element.get_element_text),
    Route("GET", E + "/displayed", "Is Element Displayed", element.is_element_displayed),
    Route("GET", E + "/enabled", "Is Element Enabled", element.is_element_enabled),
    Route("GET", E + "/selected", "Is Element Selected", element.is_element_selected),
    Route("GET", E + "/attribute/{name}", "Get Element Attribute", element.get_element_attribute),
    Route("GET", E + "/property/{name}", "Get Element Property", element.get_element_property),
    Route("GET", E + "/rect", "Get Element Rect", element.get_element_rect),
    Route("GET", E + "/name", "Get Element Tag Name", element.get_element_tag_name),
    Route("GET", E + "/screenshot", "Take Element Screenshot", element.take_element_screenshot),
    Route("POST", S + "/execute/sync", "Execute Script", mobile.execute_script),
    Route("POST", S + "/execute/async", "Execute Async Script", mobile.execute_script),
    Route("GET", S + "/contexts", "Get Contexts", extensions.get_contexts),
    Route("GET", S + "/context", "Get Current Context", extensions.get_current_context),
    Route("POST", S + "/context", "Set Context", extensions.set_context),
    Route("GET", S + "/appium/settings", "Get Settings", extensions.get_settings),
    Route("POST", S + "/appium/settings", "Update Settings", extensions.update_settings),
    Route("GET", S + "/se/log/types", "Get Log Types", extensions.get_log_types),
    Route("POST", S + "/se/log", "Get Log", extensions.get_log),
    Route("GET", PHONES_PATH, "List Phones", phones.list_phones),  # the simulator's own, read-only
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
