"""Password hashing (Argon2id) and opaque tokens.

OWASP Password Storage Cheat Sheet: Argon2id with at least m=19 MiB, t=2, p=1.
The ``test`` profile is deliberately cheap and only chosen by configuration
(tests and the embedded simulator); ``production`` is the default.
Tokens come from ``secrets`` (256 bits) and only their SHA-256 is stored
(OWASP ASVS 3.5 / 2.7).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from simulator.spec.tokens import token_hash as token_hash  # re-exported: the backend's modules hash with it


@dataclass(frozen=True)
class KdfProfile:
    """Argon2id parameters."""

    name: str
    time_cost: int
    memory_cost_kib: int
    parallelism: int


KDF_PROFILES = {
    "production": KdfProfile("production", time_cost=2, memory_cost_kib=19 * 1024, parallelism=1),
    "test": KdfProfile("test", time_cost=1, memory_cost_kib=8, parallelism=1),
}

TOKEN_BYTES = 32  # 256 bits of entropy, above the 128-bit floor


class PasswordHashing:
    """Hash and verify passwords with one KDF profile; verifying an unknown account costs the same."""

    def __init__(self, profile: str = "production") -> None:
        if profile not in KDF_PROFILES:
            raise ValueError(f"unknown KDF profile {profile!r}; choose one of {sorted(KDF_PROFILES)}")
        self.profile = KDF_PROFILES[profile]
        self._hasher = PasswordHasher(
            time_cost=self.profile.time_cost,
            memory_cost=self.profile.memory_cost_kib,
            parallelism=self.profile.parallelism,
        )
        # Verified against when the account does not exist, so both paths cost one KDF run.
        self._dummy = self._hasher.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        """A new Argon2id hash (PHC string with its own salt and parameters)."""
        return self._hasher.hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        """True when ``password`` matches ``stored``; with no stored hash, burn the same time and fail."""
        try:
            return self._hasher.verify(stored or self._dummy, password) and stored is not None
        except (VerificationError, InvalidHashError):
            return False


def new_token() -> str:
    """An unguessable URL-safe token."""
    return secrets.token_urlsafe(TOKEN_BYTES)
