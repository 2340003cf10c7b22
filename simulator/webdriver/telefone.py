"""Telefone (/telefone/ on the Appium URL): every running session's phone, live, read-only.

Served by the WebDriver server because the phones live there: the backend may be shared by
several simulators (and never imports app or WebDriver code), while each ``serve`` process
owns its sessions. One route table; pages are Jinja2 templates shipped in the package.
The screen is the same PNG as the WebDriver screenshot; a click on it (an ``<input type=image>``,
no script needed) highlights the element under the point in the tree; a small script polls
``state.json`` and reloads the page when a screen changes, and counts down each session's
``appium:newCommandTimeout`` (looking at the page is no command: it does not keep a session alive).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from simulator.app.tree import Node
from simulator.webdriver.session import Session, SessionStore
from simulator.webdriver.source import platform_class, shown_text
from simulator.webdriver.view import ScreenView

PREFIX = "/telefone"
HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"
PNG = "image/png"
JS = "text/javascript; charset=utf-8"
APP_STATES = {
    0: "nicht installiert",
    1: "nicht gestartet",
    2: "im Hintergrund (angehalten)",
    3: "im Hintergrund",
    4: "im Vordergrund",
}
HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; script-src 'self'; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}
_HERE = Path(__file__).parent
_ENV = Environment(
    loader=FileSystemLoader(_HERE / "telefone_templates"), autoescape=select_autoescape(["html"]), auto_reload=False
)

Answer = tuple[int, str, bytes]


@dataclass(frozen=True)
class Element:
    """One row of the element tree."""

    key: str
    depth: int
    cls: str
    accessibility_id: str
    text: str
    xpath: str
    rect: tuple[int, int, int, int]
    displayed: bool


@dataclass(frozen=True)
class PhoneView:
    """What the page shows of one session."""

    session_id: str
    platform: str
    device_name: str
    os_version: str
    app_version: str
    app_state: str
    version: str  # changes whenever the screen or the app state changes
    size: tuple[int, int]
    elements: list[Element]
    command_timeout: float | None  # appium:newCommandTimeout (seconds); None: never
    ends_in: int | None  # seconds until the session ends without a command; None: never


def _ends_in(session: Session, now: float) -> int | None:
    ends_at = session.ends_at()
    return None if ends_at is None else max(0, math.ceil(ends_at - now))


def _snapshot(session: Session) -> tuple[ScreenView, int]:
    with session.lock:  # the session's own commands wait meanwhile: the tree is read consistently
        return session.view(), session.device.query_app_state(session.app_id)


def _version(view: ScreenView, state: int) -> str:
    return hashlib.sha256(f"{state}\n{view.source}".encode()).hexdigest()[:16]


def _elements(view: ScreenView) -> list[Element]:
    top, keys = view.document
    root = top.getroottree()
    xpaths = {key: root.getpath(element) for element, key in keys.items()}
    rows: list[Element] = []

    def visit(node: Node, depth: int) -> None:
        r = view.rects[node.key]
        rows.append(
            Element(
                node.key,
                depth,
                platform_class(node, view.platform),
                node.id or "",
                shown_text(node) or node.hint,
                xpaths[node.key],
                (r.x, r.y, r.width, r.height),
                node.displayed,
            )
        )
        for child in node.children:
            visit(child, depth + 1)

    visit(view.tree, 0)
    return rows


def element_at(view: ScreenView, x: float, y: float) -> str | None:
    """Key of the deepest displayed element under the point (what a click on the screen selects)."""

    def visit(node: Node) -> str | None:
        rect = view.rects.get(node.key)
        if not node.displayed or rect is None or not rect.contains(x, y):
            return None
        for child in reversed(node.children):
            found = visit(child)
            if found is not None:
                return found
        return node.key

    return visit(view.tree)


class TelefonePages:
    """The /telefone/ surface of one WebDriver server; its route table is ``handle``'s four paths."""

    def __init__(self, store: SessionStore) -> None:
        self.store = store

    def handle(self, method: str, target: str) -> tuple[int, str, bytes, dict[str, str]]:
        """Status, content type, body and headers for one request under /telefone."""
        url = urlsplit(target)
        parts = [unquote(p) for p in url.path[len(PREFIX) :].split("/") if p]
        if method not in ("GET", "HEAD"):
            headers = {**HEADERS, "Allow": "GET, HEAD"}
            return 405, HTML, self._error("Nur Lesen: diese Seite nimmt keine Befehle an."), headers
        query = parse_qs(url.query, max_num_fields=10)
        if not parts:
            status, kind, body = self.index(query)
        elif parts == ["state.json"]:
            status, kind, body = self.state()
        elif parts == ["live.js"]:
            status, kind, body = 200, JS, (_HERE / "telefone_templates" / "live.js").read_bytes()
        elif len(parts) == 2 and parts[1] == "screen.png":
            status, kind, body = self.screen(parts[0])
        else:
            status, kind, body = 404, HTML, self._error("Diese Seite gibt es nicht.")
        return status, kind, body, HEADERS

    def _error(self, message: str) -> bytes:
        return _ENV.get_template("fehler.html").render(message=message, prefix=PREFIX).encode()

    def phones(self) -> list[tuple[PhoneView, ScreenView]]:
        """Every live session's phone, in the order the sessions started."""
        result = []
        for session in self.store.sessions():
            if session.closed:
                continue
            view, state = _snapshot(session)
            config = session.config
            phone = PhoneView(
                session.id,
                "iOS" if session.platform == "ios" else "Android",
                config.device_name,
                config.os_version,
                config.app_version or "keine App installiert",
                APP_STATES.get(state, str(state)),
                _version(view, state),
                view.size,
                _elements(view),
                session.command_timeout,
                _ends_in(session, self.store.now()),
            )
            result.append((phone, view))
        return result

    def index(self, query: dict[str, list[str]]) -> Answer:
        """Every phone with screen, state and element tree; ``?session=…&tap.x=…&tap.y=…`` highlights."""
        chosen = query.get("session", [""])[0]
        selected: dict[str, str | None] = {}
        phones = self.phones()
        for phone, view in phones:
            if phone.session_id == chosen:
                try:
                    x, y = float(query.get("tap.x", ["-1"])[0]), float(query.get("tap.y", ["-1"])[0])
                except ValueError:
                    x = y = -1.0
                selected[phone.session_id] = element_at(view, x, y)
        page = _ENV.get_template("telefone.html").render(
            phones=[p for p, _ in phones], selected=selected, prefix=PREFIX
        )
        return 200, HTML, page.encode()

    def state(self) -> Answer:
        """Each session's screen version (the page reloads when it changes) and its newCommandTimeout countdown."""
        phones = [phone for phone, _ in self.phones()]
        versions = {phone.session_id: phone.version for phone in phones}
        ends_in = {phone.session_id: phone.ends_in for phone in phones}
        return 200, JSON, json.dumps({"phones": versions, "ends_in": ends_in}).encode()

    def screen(self, session_id: str) -> Answer:
        """The session's current screen as PNG (the same rendering as the WebDriver screenshot)."""
        session = next((s for s in self.store.sessions() if s.id == session_id), None)
        if session is None or session.closed:
            return 404, HTML, self._error("Dieses Telefon läuft nicht (mehr).")
        view, _ = _snapshot(session)
        return 200, PNG, view.png
