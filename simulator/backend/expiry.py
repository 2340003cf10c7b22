"""Idle brokers on a standing backend: when each was last touched, and the sweep that releases the idle ones.

A scenario's broker is released by the harness when the scenario passes; a failed or aborted run
leaves its broker behind. ``serve --expire-idle`` (and ``backend --expire-idle``) sweeps brokers that
no request touched for the whole window. Time is the backend clock's *global* time: a broker's own
clock travel (``/test/v1/clock/advance`` with a Makler-ID, what scenarios use) never makes it idle;
a global advance moves every broker's idle time, as it moves every token and link.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from typing import TYPE_CHECKING

from simulator.backend import brokers

if TYPE_CHECKING:
    from simulator.backend.settings import Backend


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


def expire_idle(backend: Backend, idle_seconds: float, keep: Collection[str] = ()) -> list[str]:
    """Release every broker untouched for ``idle_seconds`` (except ``keep``); returns their Makler-IDs.

    One transaction under the activity lock: a request touching a broker either lands before the
    sweep looks at it (and keeps it) or after the sweep (when the broker had been idle for the
    whole window). A broker first seen by a sweep (a file database from an earlier run) starts its
    window then. Throttle rows whose window and lock are over go too: they count nothing any more.
    """
    now = backend.clock.now()
    cutoff = now - idle_seconds
    kept = {brokers.normalise_makler_id(m) for m in keep}
    activity = backend.activity
    with backend.store.tx() as db, activity.lock:
        existing = {row["makler_id"] for row in db.execute("SELECT makler_id FROM brokers")}
        for makler_id in activity.last.keys() - existing:
            del activity.last[makler_id]  # touched under a Makler-ID no broker has
        idle = []
        for makler_id in sorted(existing):
            seen = activity.last.setdefault(makler_id, now)
            if seen <= cutoff and makler_id not in kept:
                brokers.delete(db, makler_id)
                del activity.last[makler_id]
                idle.append(makler_id)
        policy = backend.settings.throttle
        db.execute("DELETE FROM throttle WHERE window_start < ? AND locked_until <= ?", (now - policy.window, now))
    for makler_id in idle:
        backend.clock.forget(makler_id)
        backend.faults.clear(makler_id)
    return idle
