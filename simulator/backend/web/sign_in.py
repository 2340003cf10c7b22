"""Throttling of the Makler-Konsole sign-in per Makler-ID *and* client, so a stranger cannot lock the owner out.

The Makler-ID is public, so a lock per Makler-ID alone would let anyone lock the broker out with
five wrong keys (a denial of service OWASP ASVS 2.2.1 warns against). Failures therefore count
under the client that makes them (docs/backend-api.md, "Sign-in throttling"):

- **A known browser**: one that signed in to this Makler-ID before carries a device cookie
  (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): 256 random bits, kept as SHA-256
  in the store, bound to the broker, 90 days. Its failures count for that browser alone (5 in
  15 minutes: 15 minutes' wait); nobody else's failures touch it.
- **Any other client**: its failures count per (Makler-ID, client address), 5 in 15 minutes: that
  address waits 15 minutes; and all of them together per Makler-ID, 100 an hour (the ceiling):
  then clients without a device cookie wait an hour. So guessing stays bounded however many
  addresses an attacker has, and the owner's known browser still signs in.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass

from starlette.requests import Request

from simulator.backend import throttle
from simulator.backend.security import new_token, token_hash
from simulator.backend.services import Services
from simulator.backend.throttle import ThrottlePolicy

DEVICE_COOKIE = "konsole_geraet"
DEVICE_DAYS = 90


@dataclass(frozen=True)
class Counted:
    """The throttle keys one sign-in attempt counts under: the client's own first, then the ceiling (if any)."""

    keys: tuple[tuple[str, ThrottlePolicy], ...]
    known_device: bool


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]  # a key part without colons (IPv6 has them)


def counted(
    b: Services, db: sqlite3.Connection, request: Request, makler_id: str, broker: sqlite3.Row | None, now: float
) -> Counted:
    """Under which keys this attempt counts: a known browser's own, else its address's and the Makler-ID's ceiling.

    ``makler_id`` is what was typed, ``broker`` the broker it names (None for an unknown Makler-ID).
    """
    cookie = request.cookies.get(DEVICE_COOKIE)
    if cookie and broker is not None:
        known = db.execute(
            "SELECT 1 FROM konsole_devices WHERE token_hash = ? AND broker_id = ? AND expires_at > ?",
            (token_hash(cookie), broker["id"], now),
        ).fetchone()
        if known is not None:
            key = throttle.attempt_key("konsole", makler_id, "geraet-" + _digest(cookie))
            return Counted(((key, b.settings.throttle),), known_device=True)
    address = request.client.host if request.client is not None else "unbekannt"
    own = throttle.attempt_key("konsole", makler_id, "adresse-" + _digest(address))
    ceiling = throttle.attempt_key("konsole", makler_id, "alle")
    return Counted(((own, b.settings.throttle), (ceiling, b.settings.konsole_ceiling)), known_device=False)


def check(db: sqlite3.Connection, attempt: Counted, now: float) -> None:
    """429 (with Retry-After) while any of the attempt's keys is locked.

    The check, the key's verification and the count run in one store transaction, so parallel
    attempts cannot slip past a limit; a success therefore never counts (not even on the ceiling).
    """
    for key, _ in attempt.keys:
        throttle.check(db, key, now)


def failed(db: sqlite3.Connection, attempt: Counted, now: float) -> None:
    """Count a wrong key under each of the attempt's keys."""
    for key, policy in attempt.keys:
        throttle.fail(db, key, now, policy)


def succeeded(db: sqlite3.Connection, attempt: Counted, broker_id: int, now: float) -> str | None:
    """Forget the client's own failures (never the ceiling's); a new device cookie for a browser not yet known."""
    throttle.clear(db, attempt.keys[0][0])
    if attempt.known_device:
        return None
    db.execute("DELETE FROM konsole_devices WHERE broker_id = ? AND expires_at <= ?", (broker_id, now))
    token = new_token()
    db.execute(
        "INSERT INTO konsole_devices (token_hash, broker_id, expires_at) VALUES (?, ?, ?)",
        (token_hash(token), broker_id, now + DEVICE_DAYS * 24 * 3600),
    )
    return token
