"""The app's persisted storage (SharedPreferences / Keychain on a real phone).

It survives terminating the app and installing a newer build; logout clears
the session part, removing the app clears everything.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

from simulator.app.models import Tokens

# Storage key names, not secrets.
ACCESS_TOKEN = "access_token"  # noqa: S105
REFRESH_TOKEN = "refresh_token"  # noqa: S105
MAKLER_ID = "makler_id"
CACHE_ME = "cache.me"
CACHE_BROKER = "cache.broker"
CACHE_CUSTOMERS = "cache.customers"
CACHE_CONTRACTS = "cache.contracts"

SESSION_KEYS = (ACCESS_TOKEN, REFRESH_TOKEN, CACHE_ME, CACHE_BROKER, CACHE_CUSTOMERS, CACHE_CONTRACTS)


class Storage:
    """Key-value store of JSON-able values, safe to use from worker threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._data: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        """A copy of the stored value, or None."""
        with self._lock:
            return copy.deepcopy(self._data.get(key))

    def set(self, key: str, value: Any) -> None:
        """Store a value (None deletes the key)."""
        with self._lock:
            if value is None:
                self._data.pop(key, None)
            else:
                self._data[key] = copy.deepcopy(value)

    def keys(self) -> list[str]:
        """The stored keys, sorted."""
        with self._lock:
            return sorted(self._data)

    def clear(self) -> None:
        """Forget everything (app removed, or a fresh install)."""
        with self._lock:
            self._data.clear()

    def clear_session(self) -> None:
        """Forget tokens and cached data; the Makler-ID stays for the login form (logout)."""
        with self._lock:
            for key in SESSION_KEYS:
                self._data.pop(key, None)

    @property
    def makler_id(self) -> str | None:
        """The remembered Makler-ID (from login, registration or an invitation link)."""
        value = self.get(MAKLER_ID)
        return value if isinstance(value, str) and value else None

    @makler_id.setter
    def makler_id(self, value: str | None) -> None:
        self.set(MAKLER_ID, value or None)

    def tokens(self) -> Tokens | None:
        """The persisted session, or None when logged out."""
        with self._lock:
            access, refresh = self._data.get(ACCESS_TOKEN), self._data.get(REFRESH_TOKEN)
        if isinstance(access, str) and isinstance(refresh, str):
            return Tokens(access, refresh)
        return None

    def set_tokens(self, tokens: Tokens) -> None:
        """Persist a new session."""
        with self._lock:
            self._data[ACCESS_TOKEN] = tokens.access_token
            self._data[REFRESH_TOKEN] = tokens.refresh_token

    def replace_tokens(self, old: Tokens, new: Tokens) -> bool:
        """Store a refreshed pair only if ``old`` is still the stored one (a logout may have won the race)."""
        with self._lock:
            if (self._data.get(ACCESS_TOKEN), self._data.get(REFRESH_TOKEN)) != (old.access_token, old.refresh_token):
                return False
            self._data[ACCESS_TOKEN] = new.access_token
            self._data[REFRESH_TOKEN] = new.refresh_token
            return True
