"""How one backend instance behaves (the service container is ``simulator.backend.services``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

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
