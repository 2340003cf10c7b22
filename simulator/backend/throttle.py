"""Throttling of repeated failures (OWASP ASVS 2.2.1): 429 with Retry-After.

Keys name what is attempted (``login:<makler>:<email>``), never whether an
account exists, so unknown accounts are throttled exactly like known ones.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass

from simulator.backend.errors import ApiError


@dataclass(frozen=True)
class ThrottlePolicy:
    """``limit`` failures within ``window`` seconds lock the key for ``lockout`` seconds."""

    limit: int = 5
    window: float = 15 * 60
    lockout: float = 15 * 60


def attempt_key(action: str, makler_id: str, email: str) -> str:
    """What an attempt is counted under: the action and what was typed, never whether an account exists."""
    return f"{action}:{makler_id.strip().upper()}:{email.strip().casefold()}"


def too_many(retry_after: float) -> ApiError:
    """The 429 answer."""
    seconds = max(1, math.ceil(retry_after))
    return ApiError(
        429,
        "too_many_attempts",
        f"Zu viele Versuche. Bitte versuche es in {math.ceil(seconds / 60)} Minuten erneut.",
        headers={"Retry-After": str(seconds)},
        retry_after=seconds,
    )


def check(db: sqlite3.Connection, key: str, now: float) -> None:
    """Raise 429 while the key is locked."""
    row = db.execute("SELECT locked_until FROM throttle WHERE key = ?", (key,)).fetchone()
    if row and row["locked_until"] > now:
        raise too_many(row["locked_until"] - now)


def fail(db: sqlite3.Connection, key: str, now: float, policy: ThrottlePolicy) -> int:
    """Count one failure; lock the key when the limit is reached. Returns failures in the window."""
    row = db.execute("SELECT failures, window_start, locked_until FROM throttle WHERE key = ?", (key,)).fetchone()
    if row is None or now - row["window_start"] > policy.window:
        failures, start = 1, now
    else:
        failures, start = row["failures"] + 1, row["window_start"]
    locked_until = now + policy.lockout if failures >= policy.limit else 0.0
    if row is not None:
        locked_until = max(locked_until, row["locked_until"])  # a lock is never shortened
    db.execute(
        "INSERT INTO throttle (key, failures, window_start, locked_until) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, "
        "window_start = excluded.window_start, locked_until = excluded.locked_until",
        (key, failures, start, locked_until),
    )
    return failures


def refuse(db: sqlite3.Connection, key: str, now: float, rules: list[str]) -> None:
    """Remember which password rules the last refused attempt broke (the diagnosis reads it); no failure counted."""
    db.execute(
        "INSERT INTO throttle (key, failures, window_start, refused) VALUES (?, 0, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET refused = excluded.refused",
        (key, now, json.dumps(rules)),
    )


def clear(db: sqlite3.Connection, key: str) -> None:
    """Forget failures after a success."""
    db.execute("DELETE FROM throttle WHERE key = ?", (key,))
