"""Backend configuration and the service container every route reaches through ``request.app.state``."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from simulator.backend import brokers
from simulator.backend.clock import Clock
from simulator.backend.expiry import Activity
from simulator.backend.faults import Faults
from simulator.backend.security import PasswordHashing
from simulator.backend.store import Store
from simulator.backend.throttle import ThrottlePolicy

KDF_ENV = "KUNDENAPP_KDF_PROFILE"


@dataclass(frozen=True)
class Settings:
    """How one backend instance behaves."""

    db: str = ":memory:"
    kdf_profile: str = field(default_factory=lambda: os.environ.get(KDF_ENV, "production"))
    test_api: bool = True  # the test-control surface exists only in simulator mode
    max_body_bytes: int = 64 * 1024
    access_ttl: float = 15 * 60
    refresh_ttl: float = 30 * 24 * 3600
    confirmation_ttl: float = 48 * 3600
    reset_ttl: float = 60 * 60
    throttle: ThrottlePolicy = field(default_factory=ThrottlePolicy)
    app_link_base: str = "kundenapp://"


class Backend:
    """The parts of one running backend."""

    def __init__(self, settings: Settings, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or Clock()
        self.store = Store(settings.db)
        self.passwords = PasswordHashing(settings.kdf_profile)
        self.faults = Faults(self.clock)
        self.activity = Activity()

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

    def close(self) -> None:
        """Release the database."""
        self.store.close()
