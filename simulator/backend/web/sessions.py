"""Console sign-in sessions: server-side, cookie-bound, each with its own CSRF token.

The cookie holds a 256-bit random token; only its SHA-256 is kept (OWASP ASVS 3.2).
The cookie is HttpOnly and SameSite=Lax, and every form carries the session's CSRF
token, checked in constant time (OWASP CSRF Prevention Cheat Sheet, synchroniser token).
"""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from simulator.backend.security import new_token, token_hash

COOKIE = "konsole_session"
LOGIN_COOKIE = "konsole_login"  # double-submit token of the sign-in form (before there is a session)
IDLE_SECONDS = 8 * 3600
MAX_SESSIONS = 10_000


@dataclass
class ConsoleSession:
    """One signed-in broker in one browser."""

    broker_id: int
    key_hash: str  # the broker's API key hash at sign-in: a row id alone can be handed out again
    csrf: str
    last_seen: float
    flash: list[tuple[str, str]] = field(default_factory=list)  # (kind, German message), shown once


class ConsoleSessions:
    """All console sessions of one backend (in memory: a restart signs everyone out)."""

    def __init__(self, now: Callable[[], float] = time.time) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._sessions: dict[str, ConsoleSession] = {}

    def open(self, broker_id: int, key_hash: str) -> str:
        """A new session for this broker (row id and API key hash); returns the cookie value."""
        token = new_token()
        now = self._now()
        with self._lock:
            self._expire(now)
            if len(self._sessions) >= MAX_SESSIONS:  # bounded memory: the longest idle goes first
                oldest = min(self._sessions, key=lambda k: self._sessions[k].last_seen)
                del self._sessions[oldest]
            self._sessions[token_hash(token)] = ConsoleSession(broker_id, key_hash, new_token(), now)
        return token

    def get(self, cookie: str | None) -> ConsoleSession | None:
        """The live session behind a cookie value, or None."""
        if not cookie:
            return None
        now = self._now()
        with self._lock:
            session = self._sessions.get(token_hash(cookie))
            if session is None or now - session.last_seen > IDLE_SECONDS:
                return None
            session.last_seen = now
            return session

    def close(self, cookie: str | None) -> None:
        """Sign out: the cookie no longer opens anything."""
        if cookie:
            with self._lock:
                self._sessions.pop(token_hash(cookie), None)

    def _expire(self, now: float) -> None:
        for key in [k for k, s in self._sessions.items() if now - s.last_seen > IDLE_SECONDS]:
            del self._sessions[key]


def same_token(expected: str | None, given: object) -> bool:
    """Constant-time comparison of a CSRF token; a missing or non-text value never matches."""
    if not expected or not isinstance(given, str):
        return False
    return hmac.compare_digest(expected.encode(), given.encode())  # bytes: non-ASCII input must not raise
