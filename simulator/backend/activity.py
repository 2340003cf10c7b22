"""Idle brokers on a standing backend: when a request last touched each one.

A scenario's broker is released by the harness when the scenario passes; a failed or aborted run
leaves its broker behind. ``serve --expire-idle`` (and ``backend --expire-idle``) sweeps brokers that
no request touched for the whole window (``Services.expire_idle``). Time is the backend clock's
*global* time: a broker's own clock travel (``/test/v1/clock/advance`` with a Makler-ID, what
scenarios use) never makes it idle; a global advance moves every broker's idle time, as it moves
every token and link.
"""

from __future__ import annotations

import threading

from simulator.backend import brokers


class Activity:
    """The last time (backend clock, global) a request touched each broker, by normalised Makler-ID."""

    def __init__(self) -> None:
        self.lock = threading.Lock()  # taken after the store's lock, never before it (the sweep holds both)
        self.last: dict[str, float] = {}

    def touch(self, makler_id: str | None, now: float) -> None:
        """A request named this broker (unknown Makler-IDs are dropped again by the next sweep)."""
        if makler_id:
            with self.lock:
                self.last[brokers.normalise_makler_id(makler_id)] = now

    def forget(self, makler_id: str) -> None:
        """The broker is gone."""
        with self.lock:
            self.last.pop(brokers.normalise_makler_id(makler_id), None)

    def clear(self) -> None:
        """Everything is gone (test-control reset)."""
        with self.lock:
            self.last.clear()
