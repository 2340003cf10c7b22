"""Injectable clock with per-broker offsets, so parallel scenarios can travel in time alone."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Clock:
    """Wall time plus a global offset plus an offset per scope (a Makler-ID); a scope's wall time can be stopped."""

    def __init__(self, base: Callable[[], float] = time.time) -> None:
        self._base = base
        self._lock = threading.Lock()
        self._global = 0.0
        self._scoped: dict[str, float] = {}
        self._stopped: dict[str, float] = {}  # scope -> the wall time it stands at

    def now(self, scope: str | None = None) -> float:
        """Seconds since the epoch as seen by this scope."""
        if scope is None:
            return self._base() + self._global
        return self._stopped.get(scope, self._base()) + self._global + self._scoped.get(scope, 0.0)

    def stop(self, scope: str) -> float:
        """Stop one scope's clock where it is: from now on only ``advance`` moves it, so a test can stand exactly
        one second before a link's or token's expiry however long its own steps take."""
        with self._lock:
            self._stopped.setdefault(scope, self._base())
        return self.now(scope)

    def advance(self, seconds: float, scope: str | None = None) -> float:
        """Move one scope (or everyone) forward; returns the scope's new time."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        with self._lock:
            if scope:
                self._scoped[scope] = self._scoped.get(scope, 0.0) + seconds
            else:
                self._global += seconds
        return self.now(scope)

    def forget(self, scope: str) -> None:
        """Drop one scope's offset and stop (its broker is gone)."""
        with self._lock:
            self._scoped.pop(scope, None)
            self._stopped.pop(scope, None)

    def reset(self) -> None:
        """Back to running wall time for everyone."""
        with self._lock:
            self._global = 0.0
            self._scoped.clear()
            self._stopped.clear()
