"""Brokers (Makler): lookup by Makler-ID or API key, Faker-made tenants, app settings."""

from __future__ import annotations

import random
import secrets
import sqlite3
import threading
from collections.abc import Mapping

from faker import Faker

from simulator.backend.errors import ApiError, unauthorized
from simulator.backend.security import new_token, token_hash
from simulator.backend.versions import DEFAULT_MINIMUMS
from simulator.spec.api import AppSettings, BrokerContact, BrokerCreated, Minimums


def normalise_makler_id(makler_id: str) -> str:
    """Makler-IDs are compared without case and surrounding blanks."""
    return makler_id.strip().upper()


def by_makler_id(db: sqlite3.Connection, makler_id: str | None) -> sqlite3.Row | None:
    """The broker with this public Makler-ID, or None."""
    if not makler_id:
        return None
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM brokers WHERE makler_id = ?", (normalise_makler_id(makler_id),)
    ).fetchone()
    return row


def by_api_key(db: sqlite3.Connection, api_key: str | None) -> sqlite3.Row:
    """The broker owning this admin API key; 401 otherwise."""
    row = db.execute("SELECT * FROM brokers WHERE api_key_hash = ?", (token_hash(api_key or ""),)).fetchone()
    if row is None:
        raise unauthorized()
    result: sqlite3.Row = row
    return result


def delete(db: sqlite3.Connection, makler_id: str) -> bool:
    """Release a tenant with everything it owns (the schema cascades); False when there is none.

    Throttle rows are keyed by text (``action:MAKLER-ID:email``), not by row id, so they go here.
    """
    broker = by_makler_id(db, makler_id)
    if broker is None:
        return False
    prefix = f"{broker['makler_id']}:"  # the key after its action: "MAKLER-ID:email"
    db.execute("DELETE FROM throttle WHERE substr(key, instr(key, ':') + 1, ?) = ?", (len(prefix), prefix))
    db.execute("DELETE FROM brokers WHERE id = ?", (broker["id"],))
    return True


def by_id(db: sqlite3.Connection, broker_id: int) -> sqlite3.Row:
    """The broker with this row id."""
    row: sqlite3.Row = db.execute("SELECT * FROM brokers WHERE id = ?", (broker_id,)).fetchone()
    return row


def minimums(db: sqlite3.Connection, broker_id: int | None, platform: str) -> Minimums:
    """Minimum app and OS version this broker accepts on a platform."""
    base = Minimums(**DEFAULT_MINIMUMS.get(platform, DEFAULT_MINIMUMS["android"]))
    if broker_id is not None:
        row = db.execute(
            "SELECT min_app_version, min_os_version FROM app_settings WHERE broker_id = ? AND platform = ?",
            (broker_id, platform),
        ).fetchone()
        if row:
            base = {"min_app_version": row["min_app_version"], "min_os_version": row["min_os_version"]}
    return base


def app_settings(db: sqlite3.Connection, broker_id: int) -> AppSettings:
    """The broker's minimums on both platforms."""
    return {"android": minimums(db, broker_id, "android"), "ios": minimums(db, broker_id, "ios")}


def set_minimums(db: sqlite3.Connection, broker_id: int, platform: str, values: Mapping[str, str | None]) -> None:
    """Store a platform's minimums (missing keys keep their current value)."""
    current = minimums(db, broker_id, platform)
    app, os = values.get("min_app_version"), values.get("min_os_version")
    current = {
        "min_app_version": app if app is not None else current["min_app_version"],
        "min_os_version": os if os is not None else current["min_os_version"],
    }
    db.execute(
        "INSERT INTO app_settings (broker_id, platform, min_app_version, min_os_version) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (broker_id, platform) DO UPDATE SET min_app_version = excluded.min_app_version, "
        "min_os_version = excluded.min_os_version",
        (broker_id, platform, current["min_app_version"], current["min_os_version"]),
    )


def set_sender_authenticated(db: sqlite3.Connection, broker_id: int, value: bool) -> None:
    """Konto -> Kundenapp: whether mail sent for this broker is sender-authenticated (SPF/DKIM)."""
    db.execute("UPDATE brokers SET sender_authenticated = ? WHERE id = ?", (int(value), broker_id))


def _unique_makler_id(db: sqlite3.Connection, rng: random.Random) -> str:
    for _ in range(20):
        candidate = f"MK{rng.randrange(100000, 1000000)}"
        if by_makler_id(db, candidate) is None:
            return candidate
        rng = random.Random(secrets.randbits(64))  # noqa: S311 - public id; a replayed seed must not collide
    raise ApiError(500, "internal_error", "Keine freie Makler-ID gefunden.")


_FAKE = Faker("de_DE")
_FAKE_LOCK = threading.Lock()


def create(
    db: sqlite3.Connection,
    *,
    now: float,
    seed: int | None = None,
    sender_authenticated: bool = True,
    name: str | None = None,
    makler_id: str | None = None,
    api_key: str | None = None,
) -> BrokerCreated:
    """A new broker with Faker data (de_DE); returns its public data, the API key and the seed."""
    seed = seed if seed is not None else secrets.randbelow(2**31)
    rng = random.Random(seed)  # noqa: S311 - the Makler-ID is public, reproducible from the seed
    if makler_id is not None:
        makler_id = normalise_makler_id(makler_id)
        if by_makler_id(db, makler_id) is not None:
            raise ApiError(409, "conflict", f"Die Makler-ID {makler_id} ist schon vergeben.")
    else:
        makler_id = _unique_makler_id(db, rng)
    api_key = api_key or new_token()
    with _FAKE_LOCK:  # one Faker for all requests, reseeded: building one per broker cost more than the request
        _FAKE.seed_instance(seed)
        name = name or f"{_FAKE.last_name()} Versicherungsmakler {_FAKE.company_suffix()}"
        phone, address = _FAKE.phone_number(), _FAKE.address().replace("\n", ", ")
    broker: BrokerCreated = {
        "makler_id": makler_id,
        "name": name,
        "phone": phone,
        "address": address,
        "sender_authenticated": sender_authenticated,
        "seed": seed,
        "api_key": api_key,
    }
    db.execute(
        "INSERT INTO brokers (makler_id, name, phone, address, api_key_hash, sender_authenticated, seed, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            makler_id,
            broker["name"],
            broker["phone"],
            broker["address"],
            token_hash(api_key),
            int(sender_authenticated),
            seed,
            now,
        ),
    )
    return broker


def public(row: sqlite3.Row) -> BrokerContact:
    """What the app shows on Überblick."""
    return {"makler_id": row["makler_id"], "name": row["name"], "phone": row["phone"], "address": row["address"]}
