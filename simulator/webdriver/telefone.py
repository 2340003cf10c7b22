"""Telefone (/telefone/ on the Appium URL): every session's phone live, and a small inspector per phone.

Served by the WebDriver server because the phones live there: the backend may be shared by
several simulators (and never imports app or WebDriver code), while each ``serve`` process owns
its sessions. ``/telefone/`` shows every phone; ``/telefone/{session}/`` inspects one: a click on
the screen (an ``<input type=image>``, no script needed) selects the element under the point, the
page shows its attributes (the page source's, as Get Element Attribute answers them) and its
locators in every strategy the server accepts (``telefone_inspector.py``), and its buttons tap, type, clear,
swipe, press Back and Home and open the app switcher. Those buttons send the WebDriver requests of
``telefone_recorder.py`` to this server's own routes with the session's id, as any client does (the script
``telefone.js``, shipped in the package: no CDN); the page records them and gives them back as German
Gherkin steps and as Python. Looking is no command: polling ``state.json`` for a changed screen does
not keep a session alive (``appium:newCommandTimeout`` is counted down on the page).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from simulator.app.tree import Node
from simulator.webdriver import telefone_inspector as inspector
from simulator.webdriver import telefone_recorder as recorder
from simulator.webdriver.layout import Rect
from simulator.webdriver.session import PHONE_KINDS, Session, SessionStore
from simulator.webdriver.source import platform_class, shown_text
from simulator.webdriver.telefone_inspector import Locator
from simulator.webdriver.telefone_recorder import PageAction
from simulator.webdriver.view import ScreenView

PREFIX = "/telefone"
HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"
PNG = "image/png"
JS = "text/javascript; charset=utf-8"
SCRIPT = "telefone.js"
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
_ENV.policies["json.dumps_kwargs"] = {"sort_keys": False}  # a request reads as it is sent: "type" first

Answer = tuple[int, str, bytes, dict[str, str]]


@dataclass(frozen=True)
class PhoneView:
    """What the pages show of one session's phone."""

    session_id: str
    platform: str
    device_name: str
    kind: str  # world, named or private phone (German)
    owner: str | None
    os_version: str
    app_version: str
    app_state: str
    screen: str  # the id of the screen's root (screen_login, screen_launcher, …)
    version: str  # changes whenever the screen or the app state changes
    size: tuple[int, int]
    command_timeout: float | None  # appium:newCommandTimeout (seconds); None: never
    ends_in: int | None  # seconds until the session ends without a command; None: never


@dataclass(frozen=True)
class Selected:
    """The element the inspector shows: where it is, what it is, how to find it, what to do with it."""

    node: Node
    cls: str
    text: str
    rect: Rect
    attributes: dict[str, str]
    locators: list[Locator]
    actions: list[tuple[PageAction, dict[str, object]]]  # the button and its data-action


def _ends_in(session: Session, now: float) -> int | None:
    ends_at = session.ends_at()
    return None if ends_at is None else max(0, math.ceil(ends_at - now))


def _snapshot(session: Session) -> tuple[ScreenView, int]:
    with session.lock:  # the session's own commands wait meanwhile: the tree is read consistently
        return session.view(), session.device.query_app_state(session.app_id)


def _version(view: ScreenView, state: int) -> str:
    return hashlib.sha256(f"{state}\n{view.source}".encode()).hexdigest()[:16]


def _first(query: dict[str, list[str]], name: str) -> str | None:
    values = query.get(name)
    return values[0] if values else None


class TelefonePages:
    """The /telefone/ surface of one WebDriver server; its route table is ``ROUTES`` below.

    ``links`` are the broker's pages beside it (Makler-Konsole, Postfach), named and linked in the header.
    """

    def __init__(self, store: SessionStore, links: list[tuple[str, str]] | None = None) -> None:
        self.store = store
        self.links = links or []

    def handle(self, method: str, target: str, body: bytes = b"") -> Answer:
        """Status, content type, body and headers for one request under /telefone."""
        url = urlsplit(target)
        parts = [unquote(p) for p in url.path[len(PREFIX) :].split("/") if p]
        query = parse_qs(url.query, max_num_fields=10)
        session_route = len(parts) in (1, 2) and parts[0] not in LITERALS
        key = tuple(["{session}", *parts[1:]] if session_route else parts)
        methods = ROUTES.get(key)
        if methods is None:
            return self._error(404, "Diese Seite gibt es nicht.")
        head = "GET" if method == "HEAD" else method
        handler = methods.get(head)
        if handler is None:
            allow = ", ".join(sorted({*methods, *(["HEAD"] if "GET" in methods else [])}))
            return self._error(405, "Diese Adresse nimmt so keine Anfrage an.", {"Allow": allow})
        return handler(self, parts[0] if session_route else "", query, body)

    def _error(self, status: int, message: str, extra: dict[str, str] | None = None) -> Answer:
        page = _ENV.get_template("fehler.html").render(message=message, prefix=PREFIX, links=self.links, script=SCRIPT)
        return status, HTML, page.encode(), {**HEADERS, **(extra or {})}

    def _session(self, session_id: str) -> Session | None:
        session = next((s for s in self.store.sessions() if s.id == session_id), None)
        return None if session is None or session.closed else session

    def _phone(self, session: Session, view: ScreenView, state: int) -> PhoneView:
        identity = session.capabilities.get("kundenapp:phone") or {}
        config = session.config
        return PhoneView(
            session.id,
            "iOS" if session.platform == "ios" else "Android",
            str(session.capabilities.get("appium:deviceName") or config.device_name),
            PHONE_KINDS.get(str(identity.get("kind")), ""),
            identity.get("owner"),
            config.os_version,
            config.app_version or "keine App installiert",
            APP_STATES.get(state, str(state)),
            view.tree.id or "",
            _version(view, state),
            view.size,
            session.command_timeout,
            _ends_in(session, self.store.now()),
        )

    def phones(self) -> list[tuple[PhoneView, ScreenView]]:
        """Every live session's phone, in the order the sessions started."""
        result = []
        for session in self.store.sessions():
            if session.closed:
                continue
            view, state = _snapshot(session)
            result.append((self._phone(session, view, state), view))
        return result

    # -- the routes --------------------------------------------------------------------------------

    def index(self, _: str, query: dict[str, list[str]], body: bytes) -> Answer:
        """Every phone with its live screen and state; a click on a screen opens its inspector there."""
        page = _ENV.get_template("telefone.html").render(
            phones=[phone for phone, _ in self.phones()], prefix=PREFIX, links=self.links, script=SCRIPT
        )
        return 200, HTML, page.encode(), HEADERS

    def inspect(self, session_id: str, query: dict[str, list[str]], body: bytes) -> Answer:
        """One phone: screen, device keys, the selected element (``?element=`` key), tree and recorder.

        A click on the screen (``?tap.x=…&tap.y=…``) redirects to the element under the point, so the
        address names the element and survives the page's reloads.
        """
        session = self._session(session_id)
        if session is None:
            return self._error(404, "Dieses Telefon läuft nicht (mehr).")
        view, state = _snapshot(session)
        tap = (_first(query, "tap.x"), _first(query, "tap.y"))
        if tap[0] is not None and tap[1] is not None:
            try:
                hit = inspector.element_at(view, float(tap[0]), float(tap[1]))
            except ValueError:
                hit = None
            where = f"?element={quote(hit.key, safe='')}" if hit is not None else ""
            return 303, HTML, b"", {**HEADERS, "Location": f"{PREFIX}/{quote(session_id, safe='')}/{where}"}
        key = _first(query, "element")
        node = view.nodes.get(key) if key else None
        phone = self._phone(session, view, state)
        screen = Rect(0, 0, *view.size)
        page = _ENV.get_template("inspektor.html").render(
            phone=phone,
            rows=inspector.rows(view),
            selected=self._selected(session, view, node) if node is not None else None,
            system=[(a, a.data()) for a in recorder.system_actions(session.id, session.platform, view.size)],
            screen_swipes=[(a, a.data()) for a in recorder.swipe_actions(session.id, screen, view.size)],
            prefix=PREFIX,
            links=self.links,
            script=SCRIPT,
        )
        return 200, HTML, page.encode(), HEADERS

    def _selected(self, session: Session, view: ScreenView, node: Node) -> Selected:
        locators = inspector.locators(view, node)
        rect = view.rects[node.key]
        text = shown_text(node)
        actions: list[PageAction] = []
        if locators and node.displayed:
            actions += recorder.element_actions(session.id, locators[0], node.kind == "input" and node.enabled)
        actions += recorder.swipe_actions(session.id, rect, view.size)
        return Selected(
            node,
            platform_class(node, view.platform),
            text,
            rect,
            view.attributes(node),
            locators,
            [(a, a.data(locators[0] if locators else None, node.id or "", text)) for a in actions],
        )

    def state(self, _: str, query: dict[str, list[str]], body: bytes) -> Answer:
        """Each session's screen version and screen id (the pages reload on a change), and its countdown."""
        phones = [phone for phone, _ in self.phones()]
        data = {
            "phones": {p.session_id: p.version for p in phones},
            "screens": {p.session_id: p.screen for p in phones},
            "ends_in": {p.session_id: p.ends_in for p in phones},
        }
        return 200, JSON, json.dumps(data).encode(), HEADERS

    def script(self, _: str, query: dict[str, list[str]], body: bytes) -> Answer:
        """The pages' one script (shipped in the package)."""
        return 200, JS, (_HERE / "telefone_templates" / SCRIPT).read_bytes(), HEADERS

    def screen(self, session_id: str, query: dict[str, list[str]], body: bytes) -> Answer:
        """The session's current screen as PNG (the same rendering as the WebDriver screenshot)."""
        session = self._session(session_id)
        if session is None:
            return self._error(404, "Dieses Telefon läuft nicht (mehr).")
        view, _ = _snapshot(session)
        return 200, PNG, view.png, HEADERS

    def recording(self, _: str, query: dict[str, list[str]], body: bytes) -> Answer:
        """``POST /telefone/aufzeichnung``: the page's recording as Gherkin and Python (nothing is stored)."""
        try:
            answer: dict[str, str] = recorder.translate(body)
            status = 200
        except ValueError as error:
            answer, status = {"error": str(error)}, 400
        return status, JSON, json.dumps(answer, ensure_ascii=False).encode(), HEADERS


Handler = Callable[[TelefonePages, str, dict[str, list[str]], bytes], Answer]
ROUTES: dict[tuple[str, ...], dict[str, Handler]] = {
    (): {"GET": TelefonePages.index},
    ("state.json",): {"GET": TelefonePages.state},
    (SCRIPT,): {"GET": TelefonePages.script},
    ("aufzeichnung",): {"POST": TelefonePages.recording},
    ("{session}",): {"GET": TelefonePages.inspect},
    ("{session}", "screen.png"): {"GET": TelefonePages.screen},
}
LITERALS = frozenset(key[0] for key in ROUTES if key and key[0] != "{session}")
