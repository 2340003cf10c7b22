"""Commands about the whole screen: source, screenshot, back, orientation, window, actions.

https://www.w3.org/TR/webdriver2/#get-page-source, #take-screenshot, #back, #perform-actions
"""

from __future__ import annotations

import base64
from typing import Any

from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.layout import hit_test
from simulator.webdriver.session import ELEMENT_KEY, Call, Session

TAP_SLOP = 10  # px a finger may move between down and up and still tap


def get_page_source(call: Call) -> str:
    """Get Page Source: UiAutomator2 / XCUITest XML of the current tree."""
    return call.session.view().source


def take_screenshot(call: Call) -> str:
    """Take Screenshot: base64 PNG rendered from the current tree."""
    return base64.b64encode(call.session.view().png).decode("ascii")


def back(call: Call) -> None:
    """Back: the system back gesture (https://www.w3.org/TR/webdriver2/#back)."""
    call.session.device.back()


def get_orientation(call: Call) -> str:
    """Appium's Get Orientation."""
    return "LANDSCAPE" if call.session.landscape else "PORTRAIT"


def set_orientation(call: Call) -> None:
    """Appium's Set Orientation: PORTRAIT or LANDSCAPE; the layout follows."""
    value = call.body.get("orientation")
    if not isinstance(value, str) or value.upper() not in ("PORTRAIT", "LANDSCAPE"):
        raise WebDriverError("invalid argument", "'orientation' must be PORTRAIT or LANDSCAPE")
    call.session.landscape = value.upper() == "LANDSCAPE"


def get_window_rect(call: Call) -> dict[str, int]:
    """Get Window Rect: the phone screen (https://www.w3.org/TR/webdriver2/#get-window-rect)."""
    width, height = call.session.view().size
    return {"x": 0, "y": 0, "width": width, "height": height}


def _number(action: dict[str, Any], name: str) -> float:
    value = action.get(name, 0)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WebDriverError("invalid argument", f"pointer action {name!r} must be a number")
    return float(value)


def _origin_point(session: Session, origin: Any, position: tuple[float, float]) -> tuple[float, float]:
    if origin is None or origin == "viewport":
        return 0.0, 0.0
    if origin == "pointer":
        return position
    if isinstance(origin, dict) and isinstance(origin.get(ELEMENT_KEY), str):
        key = session.key_of(origin[ELEMENT_KEY])
        view = session.view()
        if key not in view.nodes:
            raise WebDriverError("stale element reference", "the action's origin element is gone")
        rect = view.rects[key]
        return rect.x + rect.width / 2, rect.y + rect.height / 2
    raise WebDriverError("invalid argument", "pointer origin must be 'viewport', 'pointer' or an element")


def _taps(session: Session, source: dict[str, Any]) -> list[tuple[float, float]]:
    """Points where a pointer went down and up without moving further than the slop."""
    actions = source.get("actions")
    if not isinstance(actions, list):
        raise WebDriverError("invalid argument", "an input source needs an 'actions' list")
    taps: list[tuple[float, float]] = []
    position = (0.0, 0.0)
    down: tuple[float, float] | None = None
    for action in actions:
        if not isinstance(action, dict) or not isinstance(action.get("type"), str):
            raise WebDriverError("invalid argument", "each action must be an object with a 'type'")
        kind = action["type"]
        if kind == "pointerMove":
            ox, oy = _origin_point(session, action.get("origin"), position)
            position = (ox + _number(action, "x"), oy + _number(action, "y"))
            if down is not None and max(abs(position[0] - down[0]), abs(position[1] - down[1])) > TAP_SLOP:
                down = None  # a swipe, not a tap: the simulated screens do not scroll
        elif kind == "pointerDown":
            down = position
        elif kind == "pointerUp":
            if down is not None:
                taps.append(position)
            down = None
        elif kind not in ("pause", "pointerCancel"):
            raise WebDriverError("invalid argument", f"unknown pointer action {kind!r}")
    return taps


def perform_actions(call: Call) -> None:
    """Perform Actions: pointer taps are hit-tested on the layout and tapped; key/wheel are ignored."""
    sources = call.body.get("actions")
    if not isinstance(sources, list) or not all(isinstance(source, dict) for source in sources):
        raise WebDriverError("invalid argument", "'actions' must be a list of input sources")
    session = call.session
    for source in sources:
        if source.get("type") not in ("pointer", "key", "none", "wheel"):
            raise WebDriverError("invalid argument", f"unknown input source type {source.get('type')!r}")
        if source["type"] != "pointer":
            continue
        for x, y in _taps(session, source):
            view = session.view()
            key = hit_test(view.tree, view.rects, x, y)
            if key is not None:
                session.device.tap(key)


def release_actions(call: Call) -> None:
    """Release Actions: nothing stays pressed between commands here."""
    del call
