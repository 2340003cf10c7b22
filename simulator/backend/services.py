"""The service container of one running backend: every route reaches it through ``request.app.state.backend``."""

from __future__ import annotations

from collections.abc import Collection

from simulator.backend import brokers
from simulator.backend.activity import Activity
from simulator.backend.clock import Clock
from simulator.backend.faults import Faults
from simulator.backend.security import PasswordHashing
from simulator.backend.settings import Settings
from simulator.backend.store import Store


class Services:
    """The parts of one running backend: settings, clock, store, password hashing, faults, broker activity."""

    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or Clock()
        self.store = Store(settings.db)
        self.passwords = PasswordHashing(settings.kdf_profile)
        self.faults = Faults(self.clock)
        self.activity = Activity()
        # The Telefone pages of the simulators whose phones use this backend (the Konsole and the Postfach
        # link to them): serve's own backend learns its one when its WebDriver server runs, a shared one
        # is told at start (kundenapp-sim backend --telefone-url). The backend itself knows no phone.
        self.telefone_urls: list[str] = []

    def touch(self, makler_id: str | None) -> None:
        """A request named this broker: it is not idle (``serve --expire-idle``)."""
        self.activity.touch(makler_id, self.clock.now())

    def release_broker(self, makler_id: str) -> bool:
        """Delete a tenant with everything it owns, its clock offset and faults; False when there is none."""
        with self.store.tx() as db:
            if not brokers.delete(db, makler_id):
                return False
        scope = brokers.normalise_makler_id(makler_id)
        self.clock.forget(scope)
        self.faults.clear(scope)
        self.activity.forget(scope)
        return True

    def expire_idle(self, idle_seconds: float, keep: Collection[str] = ()) -> list[str]:
        """Release every broker untouched for ``idle_seconds`` (except ``keep``); returns their Makler-IDs.

        One transaction under the activity lock: a request touching a broker either lands before the
        sweep looks at it (and keeps it) or after the sweep (when the broker had been idle for the
        whole window). A broker first seen by a sweep (a file database from an earlier run) starts its
        window then. Throttle rows whose window and lock are over go too: they count nothing any more.
        """
        now = self.clock.now()
        cutoff = now - idle_seconds
        kept = {brokers.normalise_makler_id(m) for m in keep}
        activity = self.activity
        with self.store.tx() as db, activity.lock:
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
            policy = self.settings.throttle
            db.execute("DELETE FROM throttle WHERE window_start < ? AND locked_until <= ?", (now - policy.window, now))
        for makler_id in idle:
            self.clock.forget(makler_id)
            self.faults.clear(makler_id)
        return idle

    def close(self) -> None:
        """Release the database."""
        self.store.close()
