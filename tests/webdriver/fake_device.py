"""A tiny fake phone for protocol tests: a login screen, a home screen with tabs, and a call log."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from simulator.app.device_api import (
    APP_BACKGROUND,
    APP_FOREGROUND,
    APP_NOT_INSTALLED,
    APP_NOT_RUNNING,
    SIMULATOR_COMMANDS,
    DeviceConfig,
    DeviceError,
    PhoneIdentity,
)
from simulator.app.tree import Node
from simulator.spec.phones import PhoneState

TABS = (
    ("tab_overview", "Überblick"),
    ("tab_contracts", "Verträge"),
    ("tab_chat", "Chat"),
    ("tab_claims", "Schäden"),
    ("tab_me", "Ich"),
)


class FakeDevice:
    """Implements the Device protocol with a hand-written tree; records every call in ``calls``."""

    def __init__(self, config: DeviceConfig) -> None:
        self.config = config
        self.calls: list[tuple[Any, ...]] = []
        self.screen = "login"
        self.fields = {"login_email": "", "login_password": "", "login_makler_id": ""}
        self.focused: str | None = None
        self.error = ""
        self.tab = "tab_overview"
        self.chips = {"chip_1": True, "chip_2": False}
        self.state = APP_FOREGROUND
        self.keyboard = False
        self.connectivity = {"wifi": True, "data": True, "airplaneMode": False}
        self.extra_nodes: list[Node] = []
        self.entries = [
            {"timestamp": 1_700_000_000_000, "level": "INFO", "message": "App gestartet"},
            {"timestamp": 1_700_000_000_500, "level": "WARNING", "message": "Backend langsam"},
        ]
        self.closed = False
        self._timers: list[threading.Timer] = []
        self._lock = threading.RLock()
        self._cached: tuple[tuple[Any, ...], Node] | None = None

    # -- test controls --
    def later(self, seconds: float, change: Callable[[], None]) -> None:
        """Change the screen from another thread after a delay (like a backend answer arriving)."""
        timer = threading.Timer(seconds, change)
        timer.daemon = True
        self._timers.append(timer)
        timer.start()

    def add_node(self, node: Node) -> None:
        """Show one more node at the end of the current screen."""
        with self._lock:
            self.extra_nodes.append(node)

    # -- the screen --
    def _signature(self) -> tuple[Any, ...]:
        fields = tuple(self.fields.values())
        chips = tuple(self.chips.values())
        return (self.state, self.screen, fields, self.focused, self.error, self.tab, chips, tuple(self.extra_nodes))

    def tree(self) -> Node:
        """The same Node object while nothing changed (as a real app may cache its render)."""
        with self._lock:
            signature = self._signature()
            if self._cached is None or self._cached[0] != signature:
                self._cached = (signature, self._render())
            return self._cached[1]

    def _render(self) -> Node:
        if self.state != APP_FOREGROUND:
            icon = Node("image", "launcher:icon", id="Kunden-App", text="Kunden-App")
            return Node("screen", "launcher", children=(icon,))
        body = self._login() if self.screen == "login" else self._home()
        return Node(
            "screen",
            f"{self.screen}:screen",
            id=f"{self.screen}_screen",
            text="Anmelden" if self.screen == "login" else "Verträge",
            children=(*body, *self.extra_nodes),
        )

    def _input(self, key: str, hint: str, password: bool = False) -> Node:
        return Node(
            "input", key, id=key, text=self.fields[key], hint=hint, password=password, focused=self.focused == key
        )

    def _login(self) -> tuple[Node, ...]:
        return (
            Node("text", "login_intro", text="Willkommen! Melde Dich mit E-Mail, Passwort und Makler-ID an."),
            self._input("login_email", "E-Mail"),
            self._input("login_password", "Passwort", password=True),
            self._input("login_makler_id", "Makler-ID"),
            Node(
                "container",
                "rules",
                children=(
                    Node("checkbox", "rule_length", id="password_rule_length", text="8 Zeichen", checked=True),
                    Node("checkbox", "rule_upper", id="password_rule_upper", text="Großbuchstabe", checked=False),
                ),
            ),
            Node("text", "login_error", id="login_error", text=self.error, displayed=bool(self.error)),
            Node("button", "login_submit", id="login_submit", text="Anmelden"),
            Node("button", "login_forgot", id="login_forgot_password", text="Passwort vergessen?"),
            Node("button", "login_register", id="login_register", text="Registrieren", enabled=False),
            Node("progress", "loading", id="loading_indicator", text="Lädt …", displayed=False),
        )

    def _home(self) -> tuple[Node, ...]:
        chips = tuple(
            Node("chip", key, id="customer_chip", text=name, selected=self.chips[key])
            for key, name in (("chip_1", "Max Müller"), ("chip_2", "Müller GmbH"))
        )
        rows = tuple(
            Node(
                "row",
                f"contract_{n}",
                id="contract_row",
                children=(
                    Node("text", f"contract_{n}_no", text=f"Vertrag {n}: KFZ-00{n}"),
                    Node("text", f"contract_{n}_insurer", text="Allianz – 42,50 € / Monat"),
                ),
            )
            for n in (1, 2)
        )
        bar = Node(
            "container",
            "tabbar",
            children=tuple(Node("tab", key, id=key, text=label, selected=self.tab == key) for key, label in TABS),
        )
        return (
            Node("banner", "offline", id="offline_banner", text="Keine Internetverbindung – Daten veraltet"),
            Node("container", "chips", children=chips),
            Node("list", "contracts", children=rows),
            bar,
        )

    # -- element commands --
    def _find(self, key: str) -> Node:
        node = self.tree().find_key(key)
        if node is None:
            raise DeviceError("stale element reference", f"{key} is gone")
        if not node.enabled:
            raise DeviceError("element not interactable", f"{key} is disabled")
        return node

    def tap(self, key: str) -> None:
        self.calls.append(("tap", key))
        self._find(key)
        with self._lock:
            if key == "login_submit":
                if not self.fields["login_email"]:
                    self.error = "Bitte gib Deine E-Mail-Adresse ein."
                else:
                    self.screen, self.error = "home", ""
            elif key.startswith("tab_"):
                self.tab = key
            elif key in self.chips:
                self.chips[key] = not self.chips[key]
            elif key.startswith("login_") and key in self.fields:
                self.focused, self.keyboard = key, True

    def type_text(self, key: str, text: str) -> None:
        self.calls.append(("type_text", key, text))
        self._find(key)
        with self._lock:
            self.fields[key] += text
            self.focused, self.keyboard = key, True

    def clear(self, key: str) -> None:
        self.calls.append(("clear", key))
        with self._lock:
            self.fields[key] = ""

    def back(self) -> None:
        self.calls.append(("back",))
        with self._lock:
            self.screen = "login"

    # -- system UI --
    def press_key(self, keycode: int) -> None:
        self.calls.append(("press_key", keycode))

    def press_button(self, name: str) -> None:
        self.calls.append(("press_button", name))

    def swipe(self, key: str | None, direction: str, from_edge: bool = False, hold: bool = False) -> None:
        self.calls.append(("swipe", key, direction, from_edge, hold))

    # -- mobile: --
    def terminate_app(self, app_id: str) -> bool:
        self.calls.append(("terminate_app", app_id))
        running = app_id == self.config.app_id and self.state != APP_NOT_RUNNING
        if running:
            self.state = APP_NOT_RUNNING
        return running

    def activate_app(self, app_id: str) -> None:
        self.calls.append(("activate_app", app_id))
        self.state = APP_FOREGROUND

    def query_app_state(self, app_id: str) -> int:
        self.calls.append(("query_app_state", app_id))
        return self.state if app_id == self.config.app_id else APP_NOT_INSTALLED

    def background_app(self, seconds: float) -> None:
        self.calls.append(("background_app", seconds))
        self.state = APP_BACKGROUND if seconds < 0 else APP_FOREGROUND

    def is_app_installed(self, app_id: str) -> bool:
        self.calls.append(("is_app_installed", app_id))
        return app_id == self.config.app_id

    def install_app(self, app: str) -> None:
        self.calls.append(("install_app", app))

    def remove_app(self, app_id: str) -> bool:
        self.calls.append(("remove_app", app_id))
        return app_id == self.config.app_id

    def deep_link(self, url: str, app_id: str | None) -> None:
        self.calls.append(("deep_link", url, app_id))
        if not url.startswith("kundenapp://"):
            raise DeviceError("invalid argument", f"not a Kunden-App link: {url}")

    def hide_keyboard(self) -> None:
        self.calls.append(("hide_keyboard",))
        self.keyboard = False

    def is_keyboard_shown(self) -> bool:
        return self.keyboard

    def get_connectivity(self) -> dict[str, bool]:
        return dict(self.connectivity)

    def set_connectivity(self, wifi: bool | None, data: bool | None, airplane_mode: bool | None) -> None:
        self.calls.append(("set_connectivity", wifi, data, airplane_mode))
        for name, value in (("wifi", wifi), ("data", data), ("airplaneMode", airplane_mode)):
            if value is not None:
                self.connectivity[name] = value

    def device_time(self) -> str:
        return "2026-11-27T10:00:00+01:00"

    def simulator_command(self, name: str, args: dict[str, Any]) -> Any:
        """Echoes the command of the real table; ``updateOs`` to version "explode" raises."""
        self.calls.append(("simulator_command", name, args))
        if name not in SIMULATOR_COMMANDS:
            raise DeviceError("invalid argument", f"unknown simulator command {name!r}")
        if args.get("version") == "explode":
            raise RuntimeError("the fake device exploded")
        return {"name": name, "args": args}

    def identity(self) -> PhoneIdentity:
        """A named phone when the capabilities name a device, else a private one (as the registry does)."""
        name = self.config.device_name
        return {"kind": "named" if name else "private", "deviceName": name or "Fake (privat)", "owner": None}

    def phone_state(self) -> PhoneState:
        self.calls.append(("phone_state",))
        return {
            "platform": self.config.platform,
            "device_name": self.identity()["deviceName"],
            "app_id": self.config.app_id,
            "os_version": self.config.os_version,
            "installed_version": self.config.app_version,
            "owner": None,
            "makler_id": None,
            "session": None,
            "behaviours": {},
            "held_by": None,
            "process": "foreground" if self.state == APP_FOREGROUND else "not_running",
            "running_version": self.config.app_version,
            "screen": f"screen_{self.screen}",
            "app": None,
            "scheduled": [],
        }

    def logs(self) -> list[dict[str, Any]]:
        entries, self.entries = self.entries, []
        return entries

    def close(self) -> None:
        self.calls.append(("close",))
        self.closed = True
        for timer in self._timers:
            timer.cancel()
