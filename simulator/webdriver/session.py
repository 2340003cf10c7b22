"""Sessions: one simulated phone each, commands of one session serialised by its lock.

https://www.w3.org/TR/webdriver2/#sessions

A phone is a device, held by one session at a time as on Appium: a new session that names a device
another session holds is refused with ``session not created`` naming the holder and how to end it;
with ``session_override`` (``serve --session-override``, Appium's flag) the holder is ended instead.
Appium's flag ends every other session; here only the one holding the wanted phone, because one
simulator drives many phones side by side (Grid workers, several people). The answer names the
phone the session got (``kundenapp:phone``: world, named or private, and its device name).
"""

from __future__ import annotations

import importlib.metadata
import itertools
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypedDict

from simulator.app.device_api import Device, DeviceConfig, DeviceError, PhoneBook, PhoneIdentity, PhoneInUse
from simulator.caps import Capabilities
from simulator.webdriver.capabilities import (
    MAX_COMMAND_TIMEOUT,
    PLATFORM_NAME,
    SessionCapabilities,
    parse_timeouts,
    process,
)
from simulator.webdriver.errors import ErrorCode, WebDriverError
from simulator.webdriver.layout import window_size
from simulator.webdriver.view import ScreenView

DeviceFactory = Callable[[DeviceConfig], Device]
PHONE_CAPABILITY = "kundenapp:phone"  # which phone the session got (the new-session answer)
PHONE_KINDS = {"world": "Telefon der Welt", "named": "benanntes Gerät", "private": "privates Telefon"}
ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"  # https://www.w3.org/TR/webdriver2/#dfn-web-element-identifier
DEFAULT_SETTINGS: dict[str, dict[str, Any]] = {
    "android": {"waitForIdleTimeout": 10_000, "ignoreUnimportantViews": False},
    "ios": {"snapshotMaxDepth": 50, "pageSourceExcludedAttributes": ""},
}
# Where a fresh emulator (Android: Google's campus) or iOS simulator (Apple Park) believes it is, until set.
DEFAULT_LOCATION: dict[str, tuple[float, float, float]] = {
    "android": (37.4219983, -122.084, 5.0),
    "ios": (37.33182, -122.03118, 0.0),
}
# A report needs the screen of the step before a failure: a few steps back is enough, and bounded.
KEPT_SCREENS = 8
SESSION_GONE = "A session is either terminated or not started"
ENDED_REMEMBERED = 1024  # sessions whose end's reason later commands are told; older ones get SESSION_GONE
log = logging.getLogger("kundenapp.webdriver")
_element_ids = itertools.count(1)  # server-wide, so an element id is never reused


def describe(phone: PhoneIdentity) -> str:
    """The phone a session got, for the server log: kind and device name (and a world phone's owner)."""
    owner = f" von {phone['owner']}" if phone["owner"] else ""
    return f"Telefon „{phone['deviceName']}“ ({PHONE_KINDS[phone['kind']]}{owner}) / phone: {phone['kind']}"


class Location(TypedDict):
    """A geolocation as Appium's Get / Set Geolocation carry it."""

    latitude: float
    longitude: float
    altitude: float


class Session:
    """A WebDriver session: its device, timeouts, element references and view cache."""

    def __init__(self, session_id: str, device: Device, caps: SessionCapabilities) -> None:
        self.id = session_id
        self.device = device
        self.capabilities = caps.granted
        self.config = caps.config
        self.platform: str = caps.config.platform
        self.app_id = caps.config.app_id
        self.timeouts = dict(caps.timeouts)
        self.settings = dict(DEFAULT_SETTINGS[self.platform])
        self.landscape = False
        latitude, longitude, altitude = DEFAULT_LOCATION[self.platform]
        self.location = Location(latitude=latitude, longitude=longitude, altitude=altitude)
        self.closed = False
        self.last_used = 0.0  # when a command last addressed this session (SessionStore's clock)
        self.command_timeout = caps.command_timeout  # appium:newCommandTimeout in seconds; None: never
        self.lock = threading.RLock()  # re-entered by Delete Session under the dispatcher
        self._id_by_key: dict[str, str] = {}
        self._key_by_id: dict[str, str] = {}
        self._view: ScreenView | None = None
        self._kept: dict[int, ScreenView] = {}  # screens kept for a later screenshot (kundenapp: keepScreen)
        self._kept_ids = itertools.count(1)

    def ends_at(self) -> float | None:
        """When this session ends without a further command (SessionStore's clock); None: never."""
        return None if self.command_timeout is None else self.last_used + self.command_timeout

    def view(self) -> ScreenView:
        """The current screen; derived data is reused while the device returns the same tree."""
        tree = self.device.tree()
        view = self._view
        size = window_size(self.platform, self.landscape)
        if view is None or view.tree is not tree or view.size != size:
            view = self._view = ScreenView(tree, self.platform, self.app_id, size)
        return view

    def keep(self) -> int:
        """Keep the current screen for a later screenshot; returns its number (only the last KEPT_SCREENS stay)."""
        number = next(self._kept_ids)
        self._kept[number] = self.view()
        while len(self._kept) > KEPT_SCREENS:
            del self._kept[min(self._kept)]
        return number

    def kept(self, number: int) -> ScreenView:
        """A screen kept by ``keep``; invalid argument when it was never kept or is gone."""
        view = self._kept.get(number)
        if view is None:
            known = ", ".join(map(str, sorted(self._kept))) or "none"
            raise WebDriverError("invalid argument", f"screen {number} is not kept (kept: {known})")
        return view

    def reference(self, key: str) -> dict[str, str]:
        """The web element reference for a node key (same id for the same key, ids never reused)."""
        element_id = self._id_by_key.get(key)
        if element_id is None:
            element_id = str(next(_element_ids))
            self._id_by_key[key] = element_id
            self._key_by_id[element_id] = key
        return {ELEMENT_KEY: element_id, "ELEMENT": element_id}

    def key_of(self, element_id: str) -> str:
        """The node key behind an element id; an id this session never issued is no such element."""
        key = self._key_by_id.get(element_id)
        if key is None:
            raise WebDriverError("no such element", f"no element with id {element_id!r} in this session")
        return key


@dataclass(frozen=True)
class Param:
    """A payload parameter a command takes, as Appium's route table names it (``payloadParams``)."""

    name: str
    required: bool = False


def required(*names: str) -> tuple[Param, ...]:
    """Parameters the command cannot do without: the dispatcher refuses a body without them."""
    return tuple(Param(name, True) for name in names)


def optional(*names: str) -> tuple[Param, ...]:
    """Parameters the command reads when given (Appium lists ``appId`` / ``bundleId`` alternatives so too)."""
    return tuple(Param(name) for name in names)


def missing(params: tuple[Param, ...], body: dict[str, Any]) -> WebDriverError | None:
    """Appium's answer to a body without a required parameter, or None when all are there."""
    wanted = [p.name for p in params if p.required]
    if all(name in body for name in wanted):
        return None
    sent = json.dumps(sorted(body))
    return WebDriverError(
        "invalid argument",
        f"Parameters were incorrect. We wanted {json.dumps({'required': wanted})} and you sent {sent}",
    )


@dataclass(slots=True)
class Call:
    """One command: path parameters, JSON body, and the session it addresses (if any)."""

    store: SessionStore
    params: dict[str, str]
    body: dict[str, Any]
    target: Session | None = None

    @property
    def session(self) -> Session:
        """The addressed session (routes with ``{sessionId}`` only)."""
        if self.target is None:
            raise WebDriverError("unknown error", "command needs a session but its route has no {sessionId}")
        return self.target


class SessionStore:
    """All live sessions of one server."""

    def __init__(
        self,
        device_factory: DeviceFactory,
        backend_url: str,
        now: Callable[[], float] = time.time,
        phone_book: PhoneBook | None = None,
        session_override: bool = False,
    ) -> None:
        self.device_factory = device_factory
        self.backend_url = backend_url
        self.phone_book = phone_book  # the phones no session holds (None: only the held ones are known)
        self.now = now
        self.session_override = session_override  # a new session ends the one holding its phone (Appium's flag)
        self.telefone_url: str | None = None  # where a person sees and ends sessions (set by the server)
        self._sessions: dict[str, Session] = {}
        self._ended: dict[str, str] = {}  # sessions the server ended -> why (the newest ENDED_REMEMBERED)
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._sessions)

    def sessions(self) -> list[Session]:
        """A snapshot of the live sessions."""
        with self._lock:
            return list(self._sessions.values())

    def create(self, body: dict[str, Any]) -> Session:
        """Create a session on the phone its capabilities ask for (a private one when they name no device).

        Appium clients send X-Idempotency-Key, but appium-python-client keeps that header in a
        class attribute shared by threads, so two concurrent clients can send the same key:
        answering both with one session would let them share a phone. A retry creates a new one.
        """
        caps = process(body, self.backend_url)
        session_id = str(uuid.uuid4())
        config = replace(caps.config, holder=session_id)
        try:
            device = self._device(config)
        except PhoneInUse as busy:
            if not self.session_override or not self._override(busy, session_id):
                raise WebDriverError("session not created", self.in_use(busy)) from busy
            try:
                device = self._device(config)
            except PhoneInUse as again:  # another new session was quicker
                raise WebDriverError("session not created", self.in_use(again)) from again
        phone = device.identity()
        granted = {**caps.granted, "appium:deviceName": phone["deviceName"], PHONE_CAPABILITY: phone}
        session = Session(session_id, device, replace(caps, config=config, granted=granted))
        session.last_used = self.now()
        log.info("session %s: %s", session.id, "; ".join([describe(phone), *caps.notes]))
        with self._lock:
            self._sessions[session.id] = session
        return session

    def _device(self, config: DeviceConfig) -> Device:
        """The factory's device; its refusals as WebDriver errors, except ``PhoneInUse`` (the caller decides)."""
        try:
            return self.device_factory(config)
        except PhoneInUse:
            raise
        except DeviceError as error:
            # invalid capabilities (e.g. a wrong-typed kundenapp:behaviours) are the client's mistake: W3C 400
            code: ErrorCode = "invalid argument" if error.error == "invalid argument" else "session not created"
            raise WebDriverError(code, error.message) from error
        except Exception as error:
            raise WebDriverError("session not created", f"{type(error).__name__}: {error}") from error

    def _override(self, busy: PhoneInUse, session_id: str) -> bool:
        """End the session that holds the phone (``--session-override``); False when no live session holds it."""
        reason = (
            f"ended by --session-override: session {session_id} took the device {busy.device_name!r} ({busy.platform})"
        )
        log.warning("session %s: %s", busy.holder, reason)
        try:
            self.delete(busy.holder, reason)
        except WebDriverError:  # not a live session (still being created, or no session at all)
            return False
        return True

    def in_use(self, busy: PhoneInUse) -> str:
        """Why a new session cannot have this phone, who holds it and how to end that, German / English."""
        device, holder = busy.device_name, busy.holder
        platform = PLATFORM_NAME["ios" if busy.platform == "ios" else "android"]
        page = f"auf der Telefone-Seite {self.telefone_url} („Sitzung beenden“)" if self.telefone_url else ""
        where = f" or on the Telefone page {self.telefone_url}" if self.telefone_url else ""
        return (
            f"Das Gerät „{device}“ ({platform}) ist belegt: die Sitzung {holder} hält es. Beenden mit "
            f"DELETE /session/{holder}{' oder ' + page if page else ''}; mit serve --session-override beendet "
            f"eine neue Sitzung die alte selbst. Ohne appium:deviceName gibt es ein eigenes, privates Telefon. / "
            f"The device {device!r} ({platform}) is in use by session {holder}; end it with "
            f"DELETE /session/{holder}{where}, or start the server with --session-override. "
            "Without appium:deviceName a session gets a private phone of its own."
        )

    def get(self, session_id: str) -> Session:
        """The live session with this id, else invalid session id (naming why it ended, when known)."""
        session = self._sessions.get(session_id)
        if session is None:
            raise self.gone(session_id)
        now = self.now()
        ends_at = session.ends_at()
        if ends_at is not None and now >= ends_at:  # the sweep has not come round yet: the same answer as after it
            self.end_timed_out()
            raise self.gone(session_id)
        session.last_used = now
        return session

    def gone(self, session_id: str) -> WebDriverError:
        """Appium's answer to a command for a session that no longer runs, with the reason it ended if known."""
        reason = self._ended.get(session_id)
        return WebDriverError("invalid session id", f"{SESSION_GONE}: {reason}" if reason else SESSION_GONE)

    def end_timed_out(self) -> list[str]:
        """End every session whose ``appium:newCommandTimeout`` has passed without a command; their ids.

        A session whose command is still running is left to the next sweep (Appium restarts the timer
        after each command).
        """
        now = self.now()
        ended: list[str] = []
        for session in self.sessions():
            ends_at = session.ends_at()
            if ends_at is None or now < ends_at or not session.lock.acquire(blocking=False):
                continue
            try:
                ends_at = session.ends_at()  # a command may have finished meanwhile
                if ends_at is None or now < ends_at or session.closed:
                    continue
                reason = (
                    f"New Command Timeout of {session.command_timeout:g} seconds expired. Try customizing the "
                    "timeout using the 'newCommandTimeout' desired capability"
                )
                log.warning("session %s: %s", session.id, reason)
                self.delete(session.id, reason)
                ended.append(session.id)
            except WebDriverError:  # deleted by its client meanwhile
                continue
            finally:
                session.lock.release()
        return ended

    def idle(self, idle_seconds: float) -> list[str]:
        """The ids of the sessions no command addressed for ``idle_seconds``."""
        cutoff = self.now() - idle_seconds
        return [s.id for s in self.sessions() if s.last_used <= cutoff]

    def delete(self, session_id: str, reason: str | None = None) -> None:
        """End a session and close its device; ``reason`` (why the server ended it) names it to later commands."""
        with self._lock:
            session = self._sessions.pop(session_id, None)
            if session is not None and reason is not None:
                self._ended[session_id] = reason
                while len(self._ended) > ENDED_REMEMBERED:
                    del self._ended[next(iter(self._ended))]
        if session is None:
            raise self.gone(session_id)
        with session.lock:
            session.closed = True
            session.device.close()

    def close_all(self) -> None:
        """End every session (server shutdown); device errors do not stop the others."""
        for session in self.sessions():
            try:
                self.delete(session.id)
            except Exception:  # noqa: S112 - best effort on shutdown
                continue


# -- command handlers (https://www.w3.org/TR/webdriver2/#sessions, #timeouts) --


def _build_version() -> str:
    try:
        return importlib.metadata.version("kundenapp-sim")
    except importlib.metadata.PackageNotFoundError:
        return "0.0.0"


BUILD_VERSION = _build_version()
BUILD_NAME = "kundenapp-sim"  # /status build.name: how a remote target (or Grid relay) tells the simulator apart


class Build(TypedDict):
    """What answers: ``name`` tells the simulator apart from a real Appium."""

    version: str
    name: str


class Status(TypedDict):
    """The Status answer."""

    ready: bool
    message: str
    build: Build


class NewSession(TypedDict):
    """The New Session answer."""

    sessionId: str
    capabilities: Capabilities


class SessionEntry(TypedDict):
    """One live session in Appium's session list."""

    id: str
    capabilities: Capabilities


def status(call: Call) -> Status:
    """Status: ready whenever the server runs (https://www.w3.org/TR/webdriver2/#status)."""
    return {
        "ready": True,
        "message": f"Kunden-App simulator ready ({len(call.store)} sessions)",
        "build": {"version": BUILD_VERSION, "name": BUILD_NAME},
    }


def new_session(call: Call) -> NewSession:
    """New Session: https://www.w3.org/TR/webdriver2/#new-session."""
    session = call.store.create(call.body)
    return {"sessionId": session.id, "capabilities": session.capabilities}


def delete_session(call: Call) -> None:
    """Delete Session: https://www.w3.org/TR/webdriver2/#delete-session."""
    call.store.delete(call.params["sessionId"])


def get_session(call: Call) -> Capabilities:
    """Appium's Get Session: the granted capabilities."""
    return call.session.capabilities


def get_appium_session_capabilities(call: Call) -> dict[str, Capabilities]:
    """Appium's Get Appium Session Capabilities (what replaces the deprecated Get Session)."""
    return {"capabilities": call.session.capabilities}


def list_sessions(call: Call) -> list[SessionEntry]:
    """Appium's ``GET /appium/sessions`` (Appium Inspector attaches with it)."""
    return [{"id": s.id, "capabilities": s.capabilities} for s in call.store.sessions()]


def get_timeouts(call: Call) -> dict[str, int | None]:
    """Get Timeouts: https://www.w3.org/TR/webdriver2/#get-timeouts."""
    return dict(call.session.timeouts)


def set_timeouts(call: Call) -> None:
    """Set Timeouts: https://www.w3.org/TR/webdriver2/#set-timeouts; Appium's ``{"type": "command", "ms"}``
    changes the session's newCommandTimeout (0: never), as on Appium."""
    if call.body.get("type") == "command" and "ms" in call.body:
        ms = call.body["ms"]
        if isinstance(ms, bool) or not isinstance(ms, int | float) or not 0 <= ms <= MAX_COMMAND_TIMEOUT * 1000:
            raise WebDriverError(
                "invalid argument", f"'ms' of the command timeout must be in [0, {MAX_COMMAND_TIMEOUT * 1000}]"
            )
        call.session.command_timeout = ms / 1000 or None
        return
    call.session.timeouts = parse_timeouts(call.body, call.session.timeouts)
