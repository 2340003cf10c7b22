"""The running app's memory: navigation, form fields, loaded data, flags.

It lives as long as the app process: kept in the background, lost when the
app is terminated. Screens are pure functions of this state (plus ``Env``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypedDict

from simulator.app.models import Broker, Contract, Customer, Me
from simulator.app.screen_routes import ScreenRoute
from simulator.spec.phones import AppMemory


class MainSummary(TypedDict):
    """The main screen's data in the appState summary."""

    loaded: bool
    failed: bool
    stuck: bool
    customers: list[str] | None
    selected: list[str]


class UpdateSummary(TypedDict):
    """Why the app refuses to run, in the appState summary."""

    kind: Literal["app", "os"]
    minimum: str


class Summary(TypedDict):
    """The app's memory for the appState debugging command."""

    process: int
    screen: str
    stack: list[str]
    tab: str
    pending: int
    banner: str | None
    session_error: bool
    update_required: UpdateSummary | None
    main: MainSummary


@dataclass(frozen=True)
class UpdateRequired:
    """Why the app refuses to run: ``kind`` app or os, and the minimum version the broker accepts."""

    kind: Literal["app", "os"]
    minimum: str


@dataclass(frozen=True)
class Env:
    """What the screens need to know about the phone besides the app's memory."""

    platform: str
    app_version: str
    os_version: str
    online: bool


@dataclass
class MainData:
    """Data behind the tabs, loaded after login or on a cold start with a stored session."""

    me: Me | None = None
    broker: Broker | None = None
    customers: list[Customer] | None = None
    contracts: dict[str, list[Contract]] = field(default_factory=dict)
    selected: set[str] = field(default_factory=set)  # customer ids whose contracts are shown
    loaded: bool = False
    failed: bool = False  # last load failed; fixed builds retry
    stuck: bool = False  # unusable_memory: failed and will never retry in this process
    detail: Contract | None = None
    detail_error: str | None = None


@dataclass
class Memory:
    """All state of one app process."""

    process: int  # counts cold starts on this phone; part of every element key
    stack: list[ScreenRoute] = field(default_factory=list)
    tab: str = "overview"
    fields: dict[str, str] = field(default_factory=dict)  # input id -> value
    focused: str | None = None  # input id with the keyboard
    notes: dict[str, str] = field(default_factory=dict)  # message id (login_error, ...) -> text
    banner: str | None = None  # error_banner text
    session_error: bool = False  # unusable_session: shown instead of the login screen
    update: UpdateRequired | None = None
    pending: int = 0  # backend flows under way -> loading_indicator
    outages: int = 0  # backend calls of this process that found the backend down (no answer, 5xx)
    main: MainData = field(default_factory=MainData)

    @property
    def route(self) -> ScreenRoute:
        """The route on top of the stack (what is on screen)."""
        return self.stack[-1]

    def state(self) -> AppMemory:
        """What the process keeps, as a simulator's phone list reports it (``simulator/spec/phones.py``)."""
        main, update = self.main, self.update
        return {
            "process": self.process,
            "screen": self.route.name,
            "tab": self.tab,
            "customers": None if main.customers is None else [c.id for c in main.customers],
            "failed": main.failed,
            "stuck": main.stuck,
            "outages": self.outages,
            "session_error": self.session_error,
            "update_required": None if update is None else {"kind": update.kind, "minimum": update.minimum},
        }

    def summary(self) -> Summary:
        """For the appState debugging command."""
        main = self.main
        return {
            "process": self.process,
            "screen": self.route.name,
            "stack": [route.name for route in self.stack],
            "tab": self.tab,
            "pending": self.pending,
            "banner": self.banner,
            "session_error": self.session_error,
            "update_required": None
            if self.update is None
            else {"kind": self.update.kind, "minimum": self.update.minimum},
            "main": {
                "loaded": main.loaded,
                "failed": main.failed,
                "stuck": main.stuck,
                "customers": None if main.customers is None else [c.name for c in main.customers],
                "selected": sorted(main.selected),
            },
        }
