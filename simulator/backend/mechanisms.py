"""Test-only switches for the backend's mechanisms behind the documented cases (``make fidelity``).

A scenario claims that a mechanism causes its symptom; the fidelity check proves it by switching
the mechanism off (or, for a decision, inverting it) and watching the scenario fail. Modes live in
the ``meta`` table of the backend's own store, set through the test-control API only
(``PUT /test/v1/mechanisms/{name}``); ``normal`` is the production behaviour and the default.
"""

from __future__ import annotations

import sqlite3
from typing import Literal

from simulator.spec.vocabulary import MechanismMode as Mode

MODES: tuple[Mode, ...] = ("normal", "off", "inverted")

Mechanism = Literal[
    "version_gate",
    "makler_id_check",
    "spam_filing",
    "invited_address",
    "share_rule",
    "shared_relogin",
    "deactivation",
    "confirmation",
    "reset_link",
    "password_policy",
]
MECHANISMS: dict[Mechanism, str] = {  # every Mechanism, each with what it does (tests tie the two)
    "version_gate": "426 for an app or OS below the broker's minimum (update-os, update-app)",
    "makler_id_check": "login, registration and Passwort vergessen find an account only under the typed Makler-ID; "
    "off: by its e-mail address alone (makler-id)",
    "spam_filing": "provider rules file unauthenticated mail into Spam/Junk; inverted: the opposite folder (spam)",
    "invited_address": "a registration opens an account only for an address the broker invited; "
    "off: for any address (reg-email)",
    "share_rule": "a contact shares a customer only with the same e-mail and Kundenportal on (shared-procedure)",
    "shared_relogin": "older builds' sessions keep the customer scope of their login; inverted: the others' do",
    "deactivation": "a deactivated account can neither log in nor keep its sessions (login-deactivated)",
    "confirmation": "an account whose registration was never confirmed cannot log in (reg-activate)",
    "reset_link": "a reset link replaces the password, works once and expires after 1 h (login-reset)",
    "password_policy": "the server's five password rules (reg-password); inverted: only compliant ones refused",
}
_KEY = "mechanism:"


def check(name: str, mode: str) -> Mode:
    """The mode if both are known, else ValueError naming what is."""
    if name not in MECHANISMS:
        raise ValueError(f"unknown mechanism {name!r}; known: {', '.join(sorted(MECHANISMS))}")
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


def mode(db: sqlite3.Connection, name: Mechanism) -> Mode:
    """The mechanism's mode in this backend (``normal`` unless a test switched it)."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (_KEY + name,)).fetchone()
    return check(name, row[0]) if row is not None else "normal"


def is_off(db: sqlite3.Connection, name: Mechanism) -> bool:
    """True when a test switched the mechanism off."""
    return mode(db, name) == "off"


def set_mode(db: sqlite3.Connection, name: str, value: str) -> dict[str, Mode]:
    """Switch one mechanism; returns every mechanism's mode."""
    check(name, value)
    if value == "normal":
        db.execute("DELETE FROM meta WHERE key = ?", (_KEY + name,))
    else:
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (_KEY + name, value))
    return {known: mode(db, known) for known in MECHANISMS}
