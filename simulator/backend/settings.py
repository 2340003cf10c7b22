"""How one backend instance behaves (the service container is ``simulator.backend.services``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from simulator.backend.throttle import ThrottlePolicy
from simulator.spec.vocabulary import LinkKind

KDF_ENV = "KUNDENAPP_KDF_PROFILE"


@dataclass(frozen=True)
class Settings:
    """How one backend instance behaves."""

    db: str = ":memory:"
    kdf_profile: str = field(default_factory=lambda: os.environ.get(KDF_ENV, "production"))
    test_api: bool = True  # the test-control surface exists only in simulator mode
    test_api_token: str | None = None  # test control (and the Postfach) then demand it (control_access.py)
    test_api_insecure: bool = False  # allow test control without a key on an address beyond loopback
    max_body_bytes: int = 64 * 1024
    access_ttl: float = 15 * 60
    refresh_ttl: float = 30 * 24 * 3600
    invitation_ttl: float = 14 * 24 * 3600
    confirmation_ttl: float = 48 * 3600
    reset_ttl: float = 60 * 60
    throttle: ThrottlePolicy = field(default_factory=ThrottlePolicy)
    # The Makler-Konsole's sign-in: failures of every client without a device cookie, per Makler-ID (at most
    # 100 an hour, OWASP ASVS 2.2.1), on top of the per-client limit (simulator/backend/web/sign_in.py).
    konsole_ceiling: ThrottlePolicy = field(
        default_factory=lambda: ThrottlePolicy(limit=100, window=3600, lockout=3600)
    )
    app_link_base: str = "kundenapp://"

    def link_ttl(self, kind: LinkKind) -> float:
        """How long a mailed link of this kind stays open (the reset link of a manual activation: see accounts)."""
        return {
            LinkKind.INVITATION: self.invitation_ttl,
            LinkKind.CONFIRMATION: self.confirmation_ttl,
            LinkKind.RESET: self.reset_ttl,
        }[kind]
