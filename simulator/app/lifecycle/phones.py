"""Phones outlive sessions: what is installed and the app's storage stay for the next session (noReset).

A phone is a device: one session holds it at a time, as on Appium. A session that names a device
(``appium:deviceName``) gets that phone, kept between sessions; while another session holds it the
claim is refused with the holder named (``PhoneInUse``). A session that names none gets a private
phone, fresh and numbered ("Pixel 8 (privat 3)"), gone when the session ends: parallel workers that
name no device never share an app's storage and never refuse each other. ``state`` and
``free_states`` describe the phones for the simulator's phone list (``simulator/spec/phones.py``);
the phone a session holds is described by that session's device.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.app.device_api import PhoneIdentity, PhoneInUse, PhoneKind
from simulator.app.screens import launcher
from simulator.app.storage import Storage
from simulator.caps import DEFAULT_DEVICE
from simulator.spec.phones import Forced, PhoneState, ScheduledShare
from simulator.spec.tokens import tag_of

PhoneKey = tuple[str, str, str]  # platform, device name, app id


@dataclass
class Phone:
    """What persists on a phone: the installed build (None: not installed) and the app's storage."""

    key: PhoneKey
    installed_version: str | None = None
    storage: Storage = field(default_factory=Storage)
    os_version: str | None = None  # the last session's (or the world's): a session's capabilities set it
    owner: str | None = None  # whose phone it is (serve --world): the e-mail of the account
    behaviours: dict[str, Forced] = field(default_factory=dict)  # as the world forces them (its capabilities)
    scheduled: list[ScheduledShare] = field(default_factory=list)  # serve --world: shares after the app's start
    kind: PhoneKind = "named"  # "world" once a world file prepared it; "private" for a session that named none

    def identity(self) -> PhoneIdentity:
        """Which phone this is, as the new-session answer names it."""
        return {"kind": self.kind, "deviceName": self.key[1], "owner": self.owner}

    def state(self) -> PhoneState:
        """The phone without a running app (a session's device adds its process, screen and memory)."""
        platform, device_name, app_id = self.key
        tokens = self.storage.tokens()
        return {
            "platform": "ios" if platform == "ios" else "android",
            "device_name": device_name,
            "app_id": app_id,
            "os_version": self.os_version,
            "installed_version": self.installed_version,
            "owner": self.owner,
            "makler_id": self.storage.makler_id,
            "session": tag_of(tokens.refresh_token) if tokens is not None else None,
            "behaviours": dict(self.behaviours),
            "held_by": None,
            "process": "not_running",
            "running_version": None,
            "screen": launcher.SCREEN_ID,
            "app": None,
            "scheduled": list(self.scheduled),
        }

    def apply_reset(self, version: str | None, *, full_reset: bool, no_reset: bool) -> None:
        """A new session's reset capabilities (Appium): ``version`` is the session's build, if it names one.

        fullReset: uninstall, then install the build afresh; noReset: storage kept (a build named
        onto an empty phone installs fresh); default: the app's data cleared (fast reset).
        """
        if full_reset:
            self.storage.clear()
            self.installed_version = version
        elif version is not None:
            if self.installed_version is None or not no_reset:
                self.storage.clear()
            self.installed_version = version
        elif not no_reset:
            self.storage.clear()


class PhoneRegistry:
    """The phones of one simulator process, by platform, device name and app id.

    ``now`` (seconds) times releases, so a standing server can forget phones nobody used for a
    while (``expire``); the simulator passes its backend's clock, so tests move time instead of sleeping.
    """

    def __init__(self, now: Callable[[], float] = time.time) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._phones: dict[PhoneKey, Phone] = {}  # the named (and world) phones
        self._claimed: dict[PhoneKey, str] = {}  # every held phone, named or private -> who holds it
        self._private: dict[PhoneKey, Phone] = {}  # the held private phones
        self._numbers = itertools.count(1)  # private phones' numbers, never reused
        self._released: dict[PhoneKey, float] = {}  # when a registered, unclaimed phone was last released

    def keys(self) -> list[PhoneKey]:
        """The registered phones (not the private ones)."""
        with self._lock:
            return list(self._phones)

    def claim(self, platform: str, device_name: str, app_id: str, holder: str = "") -> Phone:
        """The phone of this name (registered on first use), or with no name a fresh private one.

        ``holder`` names who takes it (the WebDriver session id), so a second claim is refused
        with ``PhoneInUse`` naming the holder.
        """
        with self._lock:
            if not device_name:
                return self._claim_private(platform, app_id, holder)
            key: PhoneKey = (platform, device_name, app_id)
            if key in self._claimed:
                raise PhoneInUse(platform, device_name, self._claimed[key] or "another session")
            self._claimed[key] = holder
            self._released.pop(key, None)
            return self._phones.setdefault(key, Phone(key))

    def _claim_private(self, platform: str, app_id: str, holder: str) -> Phone:
        default = DEFAULT_DEVICE["ios" if platform == "ios" else "android"]
        while True:  # a world file may have named a phone like a private one
            key: PhoneKey = (platform, f"{default} (privat {next(self._numbers)})", app_id)
            if key not in self._phones and key not in self._claimed:
                break
        phone = self._private[key] = Phone(key, kind="private")
        self._claimed[key] = holder
        return phone

    def release(self, phone: Phone) -> None:
        """The session on this phone ended: a named phone waits for the next one, a private phone is gone."""
        with self._lock:
            if self._private.get(phone.key) is phone:
                del self._private[phone.key]
                del self._claimed[phone.key]
            elif self._phones.get(phone.key) is phone and phone.key in self._claimed:
                del self._claimed[phone.key]
                self._released[phone.key] = self._now()

    def free_states(self) -> list[PhoneState]:
        """The registered phones no session holds (the held ones are described by their sessions)."""
        with self._lock:
            free = [phone for key, phone in self._phones.items() if key not in self._claimed]
        return [phone.state() for phone in free]

    def in_use(self) -> list[Phone]:
        """The phones a session holds right now."""
        with self._lock:
            return [self._phones.get(key) or self._private[key] for key in self._claimed]

    def expire(self, idle_seconds: float) -> list[PhoneKey]:
        """Forget the phones no session held for ``idle_seconds`` (build and storage go); returns their keys."""
        cutoff = self._now() - idle_seconds
        with self._lock:
            idle = [key for key, released in self._released.items() if released <= cutoff]
            for key in idle:
                del self._released[key]
                del self._phones[key]
        return idle


DEFAULT_PHONES = PhoneRegistry()
