"""App accounts (Externe): the shared account helpers and the broker's Administration -> Externe.

The account's life is split by concern: ``registration.py`` (invitation, registration,
confirmation, password reset), ``sessions.py`` (login, tokens, logout), and this module
(what both need, plus the admin states: activate, deactivate, reactivate).

Security rules (docs/backend-api.md, OWASP ASVS V2/V3): one answer for unknown and
known accounts; a KDF run on every path; throttling per attempted
(Makler-ID, e-mail); tokens stored hashed, single use, expiring on the
injectable clock; logout, deactivation and reset revoke sessions server-side.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urlencode

from simulator.backend import brokers, mail, mechanisms
from simulator.backend.errors import conflict, not_found
from simulator.backend.security import new_token, token_hash
from simulator.backend.services import Services
from simulator.backend.versions import gate
from simulator.spec.api import Activation, External, ExternalChanged, ExternalListed
from simulator.spec.vocabulary import AccountState, LinkKind, MailKind


@dataclass(frozen=True)
class Client:
    """What the app says about itself in its request headers."""

    platform: str = "android"
    app_version: str | None = None
    os_version: str | None = None


@dataclass(frozen=True)
class Principal:
    """An authenticated app request."""

    external: sqlite3.Row
    session: sqlite3.Row
    broker: sqlite3.Row


def scope_of(broker: sqlite3.Row | None) -> str | None:
    """The clock scope (Makler-ID) of a broker; None for an unknown one."""
    return broker["makler_id"] if broker is not None else None


def check_version(db: sqlite3.Connection, broker: sqlite3.Row | None, client: Client) -> None:
    """426 when the app or OS is older than the broker accepts."""
    if mechanisms.is_off(db, "version_gate"):
        return
    gate(client.app_version, client.os_version, brokers.minimums(db, _scope_id(broker), client.platform))


def _scope_id(broker: sqlite3.Row | None) -> int | None:
    return broker["id"] if broker is not None else None


def find_external(db: sqlite3.Connection, broker: sqlite3.Row | None, email: str) -> sqlite3.Row | None:
    """The account for this address at this broker; None when there is none (or no broker)."""
    if broker is None:
        return None
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM externals WHERE broker_id = ? AND email_norm = ?", (broker["id"], mail.normalise(email))
    ).fetchone()
    return row


def new_invited(db: sqlite3.Connection, broker_id: int, customer_id: int, address: str, now: float) -> int:
    """A new account in state "eingeladen" for this address; returns its id."""
    cur = db.execute(
        "INSERT INTO externals (broker_id, customer_id, email, email_norm, state, invited_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (broker_id, customer_id, address, mail.normalise(address), AccountState.INVITED, now),
    )
    return int(cur.lastrowid or 0)


def account_for(db: sqlite3.Connection, makler_id: str, email: str) -> tuple[sqlite3.Row | None, sqlite3.Row | None]:
    """The broker a typed Makler-ID names and its account for this address (Makler-ID check: Allgemein / Login).

    An address is an account only under its broker's Makler-ID: without it, or with another broker's, the
    login, the registration and "Passwort vergessen" find nothing. The test-only switch ``makler_id_check``
    off (``make fidelity``) finds the newest account of the address whatever Makler-ID was typed.
    """
    broker = brokers.by_makler_id(db, makler_id)
    external = find_external(db, broker, email)
    if external is None and mechanisms.is_off(db, "makler_id_check"):
        external = db.execute(
            "SELECT * FROM externals WHERE email_norm = ? ORDER BY id DESC", (mail.normalise(email),)
        ).fetchone()
        if external is not None:
            broker = brokers.by_id(db, external["broker_id"])
    return broker, external


def new_link(
    db: sqlite3.Connection,
    kind: LinkKind,
    external_id: int,
    expires_at: float,
    password_hash: str | None = None,
    proved: bool = False,
) -> str:
    """Store a new single-use link of ``kind`` (only its hash) and return its token."""
    token = new_token()
    db.execute(
        "INSERT INTO links (token_hash, kind, external_id, expires_at, password_hash, proved) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (token_hash(token), kind, external_id, expires_at, password_hash, int(proved)),
    )
    return token


def pending_passwords(db: sqlite3.Connection, external_id: int) -> list[str]:
    """The passwords of every unconfirmed registration of an invited account, newest first."""
    rows = db.execute(
        "SELECT password_hash FROM links WHERE external_id = ? AND kind = ? AND used_at IS NULL "
        "AND password_hash IS NOT NULL ORDER BY rowid DESC",
        (external_id, LinkKind.CONFIRMATION),
    ).fetchall()
    return [str(r["password_hash"]) for r in rows]


def proved_password(db: sqlite3.Connection, external: sqlite3.Row) -> str | None:
    """The password of the newest unconfirmed registration that proved the mailbox, else None.

    A registration proves the mailbox when it carried the secret of the invitation link mailed to
    the account's address (``registration.register``); a world file may say the same of the
    password it gives an invited account (``password_proved``).
    """
    row = db.execute(
        "SELECT password_hash FROM links WHERE external_id = ? AND kind = ? AND used_at IS NULL AND proved = 1 "
        "AND password_hash IS NOT NULL ORDER BY rowid DESC LIMIT 1",
        (external["id"], LinkKind.CONFIRMATION),
    ).fetchone()
    if row is not None:
        return str(row["password_hash"])
    if external["password_hash"] is not None and external["password_proved"]:
        return str(external["password_hash"])
    return None


def adopted(db: sqlite3.Connection, external: sqlite3.Row, password_hash: str) -> None:
    """A registration's password became the account's: it is no longer an unconfirmed registration."""
    db.execute(
        "DELETE FROM registrations WHERE broker_id = ? AND email_norm = ? AND password_hash = ?",
        (external["broker_id"], external["email_norm"], password_hash),
    )


def app_link(b: Services, path: str, **params: str) -> str:
    """A deep link into the app."""
    return f"{b.settings.app_link_base}{path}?{urlencode(params)}"


# Per link kind: the app's deep-link path and the kind of mail that carries it.
_LINK_MAILS: dict[LinkKind, tuple[str, MailKind]] = {
    LinkKind.INVITATION: ("einladung", "invitation"),
    LinkKind.CONFIRMATION: ("bestaetigen", "confirmation"),
    LinkKind.RESET: ("passwort-zuruecksetzen", "reset"),
}


def mail_link(
    b: Services,
    db: sqlite3.Connection,
    broker: sqlite3.Row | None,
    external: sqlite3.Row,
    kind: LinkKind,
    *,
    now: float,
    subject: str,
    body: str,
    ttl: float | None = None,
    password_hash: str | None = None,
    proved: bool = False,
    params: dict[str, str] | None = None,
) -> None:
    """A new single-use link of ``kind`` mailed to the account's address; ``{link}`` in ``body`` is it.

    The link expires after the kind's lifetime (``Settings.link_ttl``) unless ``ttl`` says otherwise;
    ``params`` go into the link before its token (the invitation's Makler-ID and address).
    """
    expires_at = now + (ttl if ttl is not None else b.settings.link_ttl(kind))
    token = new_link(db, kind, external["id"], expires_at, password_hash, proved)
    path, mail_kind = _LINK_MAILS[kind]
    link = app_link(b, path, **(params or {}), token=token)
    mail.deliver(
        db,
        now=now,
        to=external["email"],
        subject=subject,
        body=body.replace("{link}", link),
        kind=mail_kind,
        links=[link],
        broker=broker,
    )


def revoke_sessions(db: sqlite3.Connection, external_id: int, now: float) -> int:
    """Revoke every running session of an account; returns how many."""
    cur = db.execute(
        "UPDATE sessions SET revoked_at = ? WHERE external_id = ? AND revoked_at IS NULL", (now, external_id)
    )
    return cur.rowcount


# -- Administration -> Externe -------------------------------------------------------------------

# What the broker is told after a manual activation (admin API answer, Makler-Konsole flash).
ACTIVATED: dict[Activation, str] = {
    "adopted": "Passwort aus der Registrierung übernommen: Die Registrierung kam über den Link der Einladung.",
    "link_sent": "Link zum Festlegen des Passworts gesendet: Keine Registrierung kam über den Link der Einladung, "
    "daher gilt noch kein Passwort.",
}

_TRANSITIONS = {
    "activate": (AccountState.INVITED, AccountState.ACTIVE),
    "deactivate": (AccountState.ACTIVE, AccountState.DEACTIVATED),
    "reactivate": (AccountState.DEACTIVATED, AccountState.ACTIVE),
}


def external_dict(db: sqlite3.Connection, row: sqlite3.Row) -> External:
    """JSON form of an account for the admin lists."""
    return {
        "id": row["id"],
        "email": row["email"],
        "customer_id": row["customer_id"],
        "state": row["state"],
        "registered": row["password_hash"] is not None or bool(pending_passwords(db, row["id"])),
    }


def listing(db: sqlite3.Connection, broker_id: int, state: str | None = None) -> list[ExternalListed]:
    """Administration -> Externe (optionally one tab's state), each account with its customer's name."""
    query = "SELECT e.*, c.name AS customer_name FROM externals e JOIN customers c ON c.id = e.customer_id "
    query += "WHERE e.broker_id = ?"
    params: list[Any] = [broker_id]
    if state:
        query += " AND e.state = ?"
        params.append(state)
    rows = db.execute(query + " ORDER BY e.id", params).fetchall()
    return [{**external_dict(db, r), "name": r["customer_name"]} for r in rows]


def _activate(b: Services, db: sqlite3.Connection, broker: sqlite3.Row, external: sqlite3.Row) -> Activation:
    """Eingeladene -> manuell aktivieren, without opening a door (docs/backend-api.md).

    Anyone who knows an address and the public Makler-ID can register it, so a pending password is
    adopted only from a registration that proved the mailbox (``proved_password``): the article's
    customer, who registered from the invitation and never confirmed, logs in with their own
    password. Otherwise no password works after the activation and the invited address gets a link
    to set one, so the mailbox owner chooses it. Returns ``adopted`` or ``link_sent``.
    """
    now = b.clock.now(broker["makler_id"])
    proved = proved_password(db, external)
    db.execute("UPDATE externals SET password_hash = ?, password_proved = 0 WHERE id = ?", (proved, external["id"]))
    db.execute(  # the pending registrations and the invitation's secret have done their work
        "UPDATE links SET used_at = ? WHERE external_id = ? AND kind IN (?, ?) AND used_at IS NULL",
        (now, external["id"], LinkKind.CONFIRMATION, LinkKind.INVITATION),
    )
    if proved is not None:
        adopted(db, external, proved)
        mail.deliver(
            db,
            now=now,
            to=external["email"],
            subject="Dein Zugang zur Kunden-App ist aktiviert",
            body=(
                f"{broker['name']} hat Deinen Zugang zur Kunden-App aktiviert. Melde Dich mit dem Passwort an, "
                "das Du bei der Registrierung gewählt hast.\n"
            ),
            kind="notice",
            links=[],
            broker=broker,
        )
        return "adopted"
    mail_link(
        b,
        db,
        broker,
        external,
        LinkKind.RESET,
        now=now,
        ttl=b.settings.confirmation_ttl,
        subject="Passwort festlegen: Dein Zugang zur Kunden-App ist aktiviert",
        body=(
            f"{broker['name']} hat Deinen Zugang zur Kunden-App aktiviert.\n"
            "Lege über diesen Link Dein Passwort fest (48 Stunden gültig):\n{link}\n"
        ),
    )
    return "link_sent"


def change_state(b: Services, broker: sqlite3.Row, external_id: int, action: str) -> ExternalChanged:
    """Activate an invited account, deactivate (revoking sessions) or reactivate one."""
    before, after = _TRANSITIONS[action]
    with b.store.tx() as db:
        row = db.execute(
            "SELECT * FROM externals WHERE id = ? AND broker_id = ?", (external_id, broker["id"])
        ).fetchone()
        if row is None:
            raise not_found("Externer")
        if row["state"] != before:
            raise conflict(f"Der Zugang ist im Zustand „{row['state']}“, nicht „{before}“.")
        outcome = _activate(b, db, broker, row) if action == "activate" else None
        db.execute("UPDATE externals SET state = ? WHERE id = ?", (after, external_id))
        if after == AccountState.DEACTIVATED and not mechanisms.is_off(db, "deactivation"):
            revoke_sessions(db, external_id, b.clock.now(broker["makler_id"]))
        row = db.execute("SELECT * FROM externals WHERE id = ?", (external_id,)).fetchone()
        answer = cast(ExternalChanged, external_dict(db, row))  # the same keys; the outcome added below
        if outcome is not None:
            answer["password"] = outcome
            answer["message"] = ACTIVATED[outcome]
        return answer
