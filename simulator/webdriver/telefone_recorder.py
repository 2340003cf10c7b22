"""What the Telefone page does to a phone, as WebDriver requests, and its recording as Gherkin and Python.

Every action of the page (tap, type, clear, swipe, Back, Home, app switcher) is a list of the
requests an Appium client sends for it (``PageAction``): the page's script sends exactly these to
this server's W3C / Appium routes, with the session's id, and records what it did. A recording
becomes German Gherkin lines from the step catalogue where ``RECORDED_STEPS`` names a step for the
actions (``tests/webdriver/test_telefone_recorder.py`` holds each text to the suite's step definitions, which
the simulator may not import), and appium-python-client code for all of it, made from the very
requests the page sent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from simulator.app.device_api import KEYCODE_APP_SWITCH, KEYCODE_BACK, KEYCODE_HOME
from simulator.webdriver.layout import Rect
from simulator.webdriver.screen import BOTTOM_EDGE, HOLD_MS
from simulator.webdriver.telefone_inspector import APPIUM_BY, Locator

SWIPE_PX = 400  # how far a swipe of the page moves the finger
SWIPE_MS = 250
ELEMENT_ID = "{elementId}"  # in a request's path: the id the preceding Find Element answered
TYPED = "{text}"  # in a request's body: what the person typed into the page's field
DIRECTIONS = {"up": (0, -1), "down": (0, 1), "left": (-1, 0), "right": (1, 0)}
ActionName = Literal[
    "tap", "type", "clear", "back", "home", "switcher", "swipe_up", "swipe_down", "swipe_left", "swipe_right"
]


class Request(BaseModel):
    """One WebDriver request: method, path on this server, JSON body."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    method: Literal["GET", "POST", "DELETE"]
    path: str = Field(pattern=r"^/session/[^/]+(/[^/]+)*$", max_length=500)
    body: dict[str, Any] | None = None


class Element(BaseModel):
    """The element an action addressed: its accessibility id, shown text and the locator the page used."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(max_length=200)
    text: str = Field(max_length=2000)
    using: str = Field(max_length=40)
    value: str = Field(max_length=2000)


class Recorded(BaseModel):
    """One action the person did on the page: which, on what, the requests sent, the screen after it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: ActionName
    element: Element | None = None
    requests: list[Request] = Field(min_length=1, max_length=4)
    screen: str = Field(default="", max_length=200)


class Recording(BaseModel):
    """What the page posts to ``/telefone/aufzeichnung``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    platform: Literal["android", "ios"]
    actions: list[Recorded] = Field(max_length=1000)


@dataclass(frozen=True)
class PageAction:
    """A button of the page: the recorder's name, the German label, the requests it sends."""

    name: ActionName
    label: str
    requests: tuple[dict[str, Any], ...]

    def data(self, element: Locator | None = None, node_id: str = "", text: str = "") -> dict[str, Any]:
        """What the page's script needs (a ``data-action`` attribute): requests, and the element if any."""
        target = (
            None if element is None else {"id": node_id, "text": text, "using": element.using, "value": element.value}
        )
        return {"name": self.name, "requests": list(self.requests), "element": target}


def _request(method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"method": method, "path": path, "body": body}


def _script(session_id: str, script: str, args: dict[str, Any]) -> dict[str, Any]:
    return _request("POST", f"/session/{session_id}/execute/sync", {"script": script, "args": [args]})


def _swipe(session_id: str, start: tuple[int, int], end: tuple[int, int], hold_ms: int = 0) -> dict[str, Any]:
    """One finger as W3C pointer actions (what Appium clients send for a swipe)."""
    moves: list[dict[str, Any]] = [
        {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": start[0], "y": start[1]},
        {"type": "pointerDown", "button": 0},
        {"type": "pointerMove", "duration": SWIPE_MS, "origin": "viewport", "x": end[0], "y": end[1]},
    ]
    if hold_ms:
        moves.append({"type": "pause", "duration": hold_ms})
    moves.append({"type": "pointerUp", "button": 0})
    finger = {"type": "pointer", "id": "finger", "parameters": {"pointerType": "touch"}, "actions": moves}
    return _request("POST", f"/session/{session_id}/actions", {"actions": [finger]})


def system_actions(session_id: str, platform: str, size: tuple[int, int]) -> list[PageAction]:
    """Back, Home and the app switcher as a person does them: keys on Android, button and gestures on iOS."""
    if platform == "android":
        return [
            PageAction("back", "Zurück", (_script(session_id, "mobile: pressKey", {"keycode": KEYCODE_BACK}),)),
            PageAction("home", "Home", (_script(session_id, "mobile: pressKey", {"keycode": KEYCODE_HOME}),)),
            PageAction(
                "switcher", "Letzte Apps", (_script(session_id, "mobile: pressKey", {"keycode": KEYCODE_APP_SWITCH}),)
            ),
        ]
    width, height = size
    bottom = (width // 2, height - BOTTOM_EDGE // 2)  # where the home gesture starts
    return [
        PageAction("back", "Zurück (in der App)", (_request("POST", f"/session/{session_id}/back"),)),
        PageAction("home", "Home", (_script(session_id, "mobile: pressButton", {"name": "home"}),)),
        PageAction("switcher", "App-Umschalter", (_swipe(session_id, bottom, (width // 2, height // 2), 2 * HOLD_MS),)),
    ]


def swipe_actions(session_id: str, rect: Rect, size: tuple[int, int]) -> list[PageAction]:
    """Swipes starting in the middle of ``rect`` (an element, or the whole screen), one per direction."""
    width, height = size
    x, y = rect.x + rect.width // 2, rect.y + rect.height // 2
    arrows = {"up": "↑", "down": "↓", "left": "←", "right": "→"}
    actions = []
    for direction, (dx, dy) in DIRECTIONS.items():
        end = (min(max(x + dx * SWIPE_PX, 1), width - 1), min(max(y + dy * SWIPE_PX, 1), height - 1))
        name: ActionName = f"swipe_{direction}"  # type: ignore[assignment]
        actions.append(PageAction(name, f"Wischen {arrows[direction]}", (_swipe(session_id, (x, y), end),)))
    return actions


def element_actions(session_id: str, locator: Locator, editable: bool) -> list[PageAction]:
    """Tap an element, and type into or clear an input: find it with the locator, then the command."""
    find = _request("POST", f"/session/{session_id}/element", {"using": locator.using, "value": locator.value})
    element = f"/session/{session_id}/element/{ELEMENT_ID}"
    actions = [PageAction("tap", "Tippen", (find, _request("POST", f"{element}/click")))]
    if editable:
        actions.append(PageAction("type", "Eingeben", (find, _request("POST", f"{element}/value", {"text": TYPED}))))
        actions.append(PageAction("clear", "Leeren", (find, _request("POST", f"{element}/clear"))))
    return actions


# -- the recording as Gherkin and as Python --------------------------------------------------------


@dataclass(frozen=True)
class RecordedStep:
    """Actions of the page (``name`` or ``name accessibility-id``) that one step of the catalogue does.

    ``step`` is the step's text after its keyword; ``{text}`` is the element's shown text, ``{number}``
    a contract row's number (its last part). ``screen``: the screen the last action must have led to.
    """

    actions: tuple[str, ...]
    step: str
    screen: str | None = None


RECORDED_STEPS: tuple[RecordedStep, ...] = (  # longest first: the recorder takes the first that matches
    RecordedStep(("switcher", "swipe_up app_card", "tap app_icon"), "er die App komplett schließt und wieder startet"),
    RecordedStep(("switcher", "swipe_up app_card"), "er die App im App-Umschalter wegwischt"),
    RecordedStep(("home", "tap app_icon"), "er die App in den Hintergrund legt und wieder öffnet"),
    RecordedStep(("tap tab_me", "tap logout_button"), "er sich in der App abmeldet (Ich → Abmelden)"),
    RecordedStep(("tap logout_button",), "er sich in der App abmeldet (Ich → Abmelden)"),
    RecordedStep(("home",), "er zum Startbildschirm wechselt"),
    RecordedStep(("back",), "er die Zurück-Taste drückt", screen="screen_launcher"),
    RecordedStep(("tap app_icon",), "er die App wieder öffnet"),
    RecordedStep(("tap customer_chip",), 'er den Kunden-Chip "{text}" antippt'),
    RecordedStep(("tap contract_row",), 'er den Vertrag "{number}" öffnet'),
    RecordedStep(("tap contract_back",), "er die Vertragsdetails schließt"),
)


def read(payload: bytes) -> Recording:
    """The page's recording from JSON; ``ValueError`` with the reason when it is not one."""
    try:
        return Recording.model_validate_json(payload)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(Wurzel)"
        raise ValueError(f"keine Aufzeichnung: {where}: {first['msg']}") from None


def _token(action: Recorded) -> str:
    return f"{action.name} {action.element.id}" if action.element is not None and action.element.id else action.name


def _step(pattern: RecordedStep, last: Recorded) -> str:
    text = last.element.text if last.element is not None else ""
    return pattern.step.format(text=text, number=text.rsplit(" · ", 1)[-1])


def gherkin(recording: Recording) -> str:
    """The recording as ``Wenn``/``Und`` lines of the catalogue; an action no step does as a comment with its code."""
    lines: list[str] = []
    actions = recording.actions
    index = 0
    while index < len(actions):
        for pattern in RECORDED_STEPS:
            window = actions[index : index + len(pattern.actions)]
            if tuple(_token(a) for a in window) == pattern.actions and (
                pattern.screen is None or window[-1].screen == pattern.screen
            ):
                keyword = "Und" if any(not line.startswith("#") for line in lines) else "Wenn"
                lines.append(f"{keyword} {_step(pattern, window[-1])}")
                index += len(pattern.actions)
                break
        else:
            code = "; ".join(_code(actions[index]))
            lines.append(f"# kein Schritt im Katalog: {code}")
            index += 1
    return "\n".join(lines) + ("\n" if lines else "")


def _literal(value: Any) -> str:
    """A Python literal of a JSON value: strings in double quotes (a JSON string is a Python one), True not true."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    return repr(value)


def _code(action: Recorded) -> list[str]:
    """appium-python-client calls sending exactly the action's requests."""
    lines: list[str] = []
    requests = action.requests
    index = 0
    while index < len(requests):
        request = requests[index]
        body = request.body or {}
        if request.path.endswith("/element") and index + 1 < len(requests):
            by = f"AppiumBy.{APPIUM_BY.get(str(body.get('using')), 'XPATH')}"
            found = f"driver.find_element({by}, {_literal(body.get('value'))})"
            command = requests[index + 1]
            verb = command.path.rsplit("/", 1)[-1]
            if verb == "value":
                lines.append(f"{found}.send_keys({_literal((command.body or {}).get('text', ''))})")
            else:
                lines.append(f"{found}.{'clear' if verb == 'clear' else 'click'}()")
            index += 2
            continue
        if request.path.endswith("/back"):
            lines.append("driver.back()")
        elif request.path.endswith("/execute/sync"):
            args = body.get("args") or [{}]
            lines.append(f"driver.execute_script({_literal(body.get('script'))}, {_literal(args[0])})")
        elif request.path.endswith("/actions"):
            lines.append(f"driver.execute(Command.W3C_ACTIONS, {_literal(body)})")
        index += 1
    return lines


def python(recording: Recording) -> str:
    """The recording as appium-python-client code for an open session ``driver``."""
    code = [line for action in recording.actions for line in _code(action)]
    head = ["from appium.webdriver.common.appiumby import AppiumBy"]
    if any("Command." in line for line in code):
        head.append("from selenium.webdriver.remote.command import Command")
    head.append("")
    head.append("# driver = webdriver.Remote(…) mit den Capabilities dieser Sitzung")
    return "\n".join([*head, *code]) + "\n"


def translate(payload: bytes) -> dict[str, str]:
    """``POST /telefone/aufzeichnung``: the recording as Gherkin and as Python (``ValueError`` when invalid)."""
    recording = read(payload)
    return {"gherkin": gherkin(recording), "python": python(recording)}
