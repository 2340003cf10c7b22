"""Phones outlive sessions: what is installed and the app's storage stay for the next session (noReset).

A phone is claimed by one session at a time, like a real device. A second
concurrent session naming the same device gets a fresh phone of its own, so
parallel workers never share an app's storage.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from simulator.app.storage import Storage

PhoneKey = tuple[str, str, str]  # platform, device name, app id


@dataclass
class Phone:
    """What persists on a phone: the installed build (None: not installed) and the app's storage."""

    key: PhoneKey
    installed_version: str | None = None
    storage: Storage = field(default_factory=Storage)

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
    """The phones of one simulator process, by platform, device name and app id."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._phones: dict[PhoneKey, Phone] = {}
        self._claimed: set[PhoneKey] = set()

    def claim(self, platform: str, device_name: str, app_id: str) -> Phone:
        """The registered phone for this key, or a fresh private one while it is in use."""
        key: PhoneKey = (platform, device_name or "default", app_id)
        with self._lock:
            if key in self._claimed:
                return Phone(key)
            self._claimed.add(key)
            return self._phones.setdefault(key, Phone(key))

    def release(self, phone: Phone) -> None:
        """The session on this phone ended."""
        with self._lock:
            if self._phones.get(phone.key) is phone:
                self._claimed.discard(phone.key)


DEFAULT_PHONES = PhoneRegistry()
