"""Commands about the whole screen: source, screenshot, back, orientation, window, actions.

https://www.w3.org/TR/webdriver2/#get-page-source, #take-screenshot, #back, #perform-actions
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.layout import hit_test
from simulator.webdriver.session import ELEMENT_KEY, Call, Session

TAP_SLOP = 10  # px a finger may move between down and up and still tap
BOTTOM_EDGE = 24  # px: a swipe starting this close to the bottom is the system's home gesture
HOLD_MS = 300  # a rest this long before lifting turns the home gesture into the app switcher


def get_page_source(call: Call) -> str:
    """Get Page Source: UiAutomator2 / XCUITest XML of the current tree."""
    return call.session.view().source


def take_screenshot(call: Call) -> str:
    """Take Screenshot: base64 PNG rendered from the current tree."""
    return base64.b64encode(call.session.view().png).decode("ascii")


def keep_screen(session: Session, args: dict[str, Any]) -> int:
    """``kundenapp: keepScreen``: keep the screen as it is now; its screenshot is drawn only when asked for.

    A report keeps the screen of every step in case the next one fails; keeping costs nothing,
    drawing a screenshot a few milliseconds, so the harness keeps and draws only on a failure.
    """
    if args:
        raise WebDriverError("invalid argument", f"keepScreen takes no arguments, got {sorted(args)}")
    return session.keep()


def kept_screenshot(session: Session, args: dict[str, Any]) -> str:
    """``kundenapp: keptScreenshot`` {screen}: the base64 PNG of a screen kept by keepScreen."""
    number = args.get("screen")
    if isinstance(number, bool) or not isinstance(number, int) or set(args) != {"screen"}:
        raise WebDriverError("invalid argument", 'keptScreenshot needs {"screen": <number from keepScreen>}')
    return base64.b64encode(session.kept(number).png).decode("ascii")


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


def get_rotation(call: Call) -> dict[str, int]:
    """Appium's Get Rotation: degrees about each axis; the simulated phone turns about z only (0 or 90)."""
    return {"x": 0, "y": 0, "z": 90 if call.session.landscape else 0}


def set_rotation(call: Call) -> None:
    """Appium's Set Rotation: z 0 is portrait, 90 landscape; the simulated phone has no other rotation."""
    x, y, z = (call.body.get(axis) for axis in ("x", "y", "z"))
    if any(isinstance(v, bool) or not isinstance(v, int | float) for v in (x, y, z)):
        raise WebDriverError("invalid argument", "'x', 'y' and 'z' must be numbers (degrees)")
    if (x, y) != (0, 0) or z not in (0, 90):
        raise WebDriverError(
            "unsupported operation", f"rotation {x}/{y}/{z}: the simulated phone turns to z 0 (portrait) or 90 only"
        )
    call.session.landscape = z == 90


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


@dataclass(frozen=True)
class Stroke:
    """One pointer's way from down to up: a tap when it stayed within the slop, else a swipe."""

    start: tuple[float, float]
    end: tuple[float, float]
    held_ms: float  # how long the finger rested at the end before lifting

    @property
    def is_tap(self) -> bool:
        """True when the finger did not move further than the slop."""
        return max(abs(self.end[0] - self.start[0]), abs(self.end[1] - self.start[1])) <= TAP_SLOP

    @property
    def direction(self) -> str:
        """The swipe's dominant direction: up, down, left or right."""
        dx, dy = self.end[0] - self.start[0], self.end[1] - self.start[1]
        if abs(dy) >= abs(dx):
            return "up" if dy < 0 else "down"
        return "left" if dx < 0 else "right"


def _strokes(session: Session, source: dict[str, Any]) -> list[Stroke]:
    """The strokes of one pointer source: down ... up, with the positions and the rest at the end."""
    actions = source.get("actions")
    if not isinstance(actions, list):
        raise WebDriverError("invalid argument", "an input source needs an 'actions' list")
    strokes: list[Stroke] = []
    position = (0.0, 0.0)
    down: tuple[float, float] | None = None
    rest = 0.0
    for action in actions:
        if not isinstance(action, dict) or not isinstance(action.get("type"), str):
            raise WebDriverError("invalid argument", "each action must be an object with a 'type'")
        kind = action["type"]
        if kind == "pointerMove":
            ox, oy = _origin_point(session, action.get("origin"), position)
            moved = (ox + _number(action, "x"), oy + _number(action, "y"))
            rest = rest + _number(action, "duration") if moved == position else 0.0  # a move in place holds
            position = moved
        elif kind == "pause":
            rest += _number(action, "duration")
        elif kind == "pointerDown":
            down, rest = position, 0.0
        elif kind == "pointerUp":
            if down is not None:
                strokes.append(Stroke(down, position, rest))
            down = None
        elif kind == "pointerCancel":
            down = None
        else:
            raise WebDriverError("invalid argument", f"unknown pointer action {kind!r}")
    return strokes


def screen_hit(session: Session, args: dict[str, Any]) -> str | None:
    """The tappable element at the centre of an area {left, top, width, height} (mobile: swipeGesture)."""
    left, top, width, height = (_number(args, name) for name in ("left", "top", "width", "height"))
    if width <= 0 or height <= 0:
        raise WebDriverError("invalid argument", "give 'elementId' or an area 'left', 'top', 'width', 'height' (> 0)")
    view = session.view()
    return hit_test(view.tree, view.rects, left + width / 2, top + height / 2)


def perform_actions(call: Call) -> None:
    """Perform Actions: taps are hit-tested and tapped, swipes go to the phone (system gestures).

    A swipe up that starts at the bottom edge is the system's home gesture, with
    a rest of at least ``HOLD_MS`` before lifting the app switcher (simulator/app/README.md, Lifecycle);
    a swipe on an element (the app's card) is the device's to interpret. Key and
    wheel sources are ignored.
    """
    sources = call.body.get("actions")
    if not isinstance(sources, list) or not all(isinstance(source, dict) for source in sources):
        raise WebDriverError("invalid argument", "'actions' must be a list of input sources")
    session = call.session
    for source in sources:
        if source.get("type") not in ("pointer", "key", "none", "wheel"):
            raise WebDriverError("invalid argument", f"unknown input source type {source.get('type')!r}")
        if source["type"] != "pointer":
            continue
        for stroke in _strokes(session, source):
            view = session.view()
            key = hit_test(view.tree, view.rects, *stroke.start)
            if stroke.is_tap:
                if key is not None:
                    session.device.tap(key)
                continue
            from_edge = stroke.start[1] >= view.size[1] - BOTTOM_EDGE
            session.device.swipe(key, stroke.direction, from_edge=from_edge, hold=stroke.held_ms >= HOLD_MS)


def release_actions(call: Call) -> None:
    """Release Actions: nothing stays pressed between commands here."""
    del call
