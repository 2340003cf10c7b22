"""Test-control: put a described state into the store (world files, ``simulator.world``).

What the admin API cannot do is done here, each as one small, explicit
operation: a broker's exact contact data and API key, an account (Externer)
in a given state with a password, a session for a phone that is logged in,
and mails and failed attempts recorded earlier (restored verbatim from a
snapshot, so load -> snapshot -> load gives the same state).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Annotated, Literal

from pydantic import Field

from simulator.backend import accounts, brokers, customers, mail, sessions
from simulator.backend.errors import conflict, not_found
from simulator.backend.models import Body, BrokerBody, Email, MaklerId, Name, Password, RowId, Version
from simulator.backend.security import token_hash
from simulator.backend.services import Services
from simulator.backend.throttle import attempt_key
from simulator.spec import api, limits
from simulator.spec.api import External, Tokens
from simulator.spec.links import first_token
from simulator.spec.passwords import PasswordRuleId
from simulator.spec.vocabulary import AccountState, AccountStateValue, AttemptAction, LinkKind, LinkState

Text = Annotated[str, Field(max_length=limits.MAIL_BODY_MAX)]
State = AccountStateValue


class WorldBrokerBody(BrokerBody):
    """``POST /test/v1/brokers`` with optional exact contact data and a chosen admin API key."""

    phone: Name | None = None
    address: Name | None = None
    api_key: Annotated[str, Field(min_length=limits.API_KEY_MIN, max_length=limits.API_KEY_MAX)] | None = None


class ExternalBody(Body):
    """An account of a customer in a given state, with a password (hashed here) or a stored hash."""

    makler_id: MaklerId
    customer_id: RowId
    email: Email
    state: State = "aktiv"
    password: Password | None = None
    password_hash: Annotated[str, Field(min_length=1, max_length=limits.PASSWORD_HASH_MAX)] | None = None
    from_invitation: bool = False  # an invited account's password came from a registration that proved the mailbox


class SessionBody(Body):
    """A session as a login from this app build would open it (the phone of a world is logged in)."""

    makler_id: MaklerId
    email: Email
    platform: Literal["android", "ios"] = "android"
    app_version: Version | None = None


class MessageBody(Body):
    """A mail recorded earlier, filed verbatim; ``link_state`` restores its invitation / confirmation / reset link."""

    to: Email
    kind: Annotated[str, Field(min_length=1, max_length=limits.MAIL_KIND_MAX)]
    subject: Annotated[str, Field(max_length=limits.MAIL_SUBJECT_MAX)]
    body: Text = ""
    links: Annotated[
        list[Annotated[str, Field(max_length=limits.MAIL_LINK_MAX)]], Field(max_length=limits.MAIL_LINKS_MAX)
    ] = []  # noqa: RUF012 - a pydantic model: defaults are copied
    folder: Annotated[str, Field(min_length=1, max_length=limits.MAIL_FOLDER_MAX)] = mail.INBOX
    sender: Annotated[str, Field(max_length=limits.MAIL_SENDER_MAX)] | None = None
    makler_id: MaklerId | None = None
    link_state: LinkState | None = None


class AttemptBody(Body):
    """Failed attempts counted for throttling (``login``, ``register``, ``forgot``), as recorded earlier."""

    action: AttemptAction
    makler_id: MaklerId
    email: Annotated[str, Field(min_length=1, max_length=limits.EMAIL_MAX)]
    failures: Annotated[int, Field(ge=0, le=limits.ATTEMPT_FAILURES_MAX)] = 1
    locked: bool = False
    refused: list[PasswordRuleId] = Field(default_factory=list)


def broker_row(db: sqlite3.Connection, makler_id: str) -> sqlite3.Row:
    """The broker with this Makler-ID; 404 otherwise."""
    row = brokers.by_makler_id(db, makler_id)
    if row is None:
        raise not_found("Makler")
    return row


def check_key_free(db: sqlite3.Connection, api_key: str | None) -> None:
    """409 when another broker already has this admin API key (keys are unique)."""
    if (
        api_key is not None
        and db.execute("SELECT 1 FROM brokers WHERE api_key_hash = ?", (token_hash(api_key),)).fetchone()
    ):
        raise conflict("Dieser API-Schlüssel gehört schon einem anderen Makler.")


def set_contact_data(db: sqlite3.Connection, makler_id: str, phone: str | None, address: str | None) -> None:
    """Replace the broker's Faker phone and address with given ones."""
    if phone is not None:
        db.execute("UPDATE brokers SET phone = ? WHERE makler_id = ?", (phone, makler_id))
    if address is not None:
        db.execute("UPDATE brokers SET address = ? WHERE makler_id = ?", (address, makler_id))


def put_external(b: Services, body: ExternalBody) -> External:
    """Create or update the account of (Makler-ID, e-mail); no mail is sent."""
    password_hash = b.passwords.hash(body.password) if body.password is not None else body.password_hash
    with b.store.tx() as db:
        broker = broker_row(db, body.makler_id)
        customers.get(db, broker["id"], body.customer_id)
        now = b.clock.now(broker["makler_id"])
        norm = mail.normalise(body.email)
        row = db.execute(
            "SELECT id FROM externals WHERE broker_id = ? AND email_norm = ?", (broker["id"], norm)
        ).fetchone()
        proved = int(body.from_invitation and password_hash is not None)
        if row is None:
            cur = db.execute(
                "INSERT INTO externals (broker_id, customer_id, email, email_norm, state, password_hash, "
                "password_proved, invited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (broker["id"], body.customer_id, body.email.strip(), norm, body.state, password_hash, proved, now),
            )
            external_id = int(cur.lastrowid or 0)
        else:
            external_id = row["id"]
            db.execute(
                "UPDATE externals SET customer_id = ?, state = ?, password_hash = COALESCE(?, password_hash), "
                "password_proved = CASE WHEN ? IS NULL THEN password_proved ELSE ? END WHERE id = ?",
                (body.customer_id, body.state, password_hash, password_hash, proved, external_id),
            )
        if AccountState(body.state) != AccountState.ACTIVE:
            accounts.revoke_sessions(db, external_id, now)
        return accounts.external_dict(db, db.execute("SELECT * FROM externals WHERE id = ?", (external_id,)).fetchone())


def open_session(b: Services, body: SessionBody) -> Tokens:
    """Tokens for the account as if it had logged in from this build (no password, no version gate).

    Builds affected by ``shared_relogin`` get their customer scope fixed now,
    exactly as at a real login; an account that is not "aktiv" gets a session
    that is already revoked (it was ended by the deactivation).
    """
    with b.store.tx() as db:
        broker = broker_row(db, body.makler_id)
        external = db.execute(
            "SELECT * FROM externals WHERE broker_id = ? AND email_norm = ?", (broker["id"], mail.normalise(body.email))
        ).fetchone()
        if external is None:
            raise not_found("Externer")
        client = accounts.Client(body.platform, body.app_version, None)
        now = b.clock.now(broker["makler_id"])
        return sessions.open_session(b, db, external, client, now, revoked=external["state"] != AccountState.ACTIVE)


def record_message(b: Services, body: MessageBody) -> api.Mail:
    """File a recorded mail as it was (folder included) and restore its single-use link, if any."""
    with b.store.tx() as db:
        broker = broker_row(db, body.makler_id) if body.makler_id else None
        now = b.clock.now(broker["makler_id"] if broker is not None else None)
        sender = body.sender or (f"{broker['name']} <{mail.PLATFORM_SENDER}>" if broker else mail.PLATFORM_SENDER)
        cur = db.execute(
            "INSERT INTO messages (broker_id, recipient, recipient_norm, sender, subject, body, kind, links, "
            "folder, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                broker["id"] if broker else None,
                body.to.strip(),
                mail.normalise(body.to),
                sender,
                body.subject,
                body.body,
                body.kind,
                json.dumps(body.links),
                body.folder,
                now,
            ),
        )
        token = first_token(body.links)
        if broker is not None and body.link_state is not None and token and body.kind in _LINK_KINDS:
            _restore_link(b, db, broker, body, token, now)
        row = db.execute("SELECT * FROM messages WHERE id = ?", (cur.lastrowid,)).fetchone()
        return mail.message_dict(row)


_LINK_KINDS = frozenset(kind.value for kind in LinkKind)  # a mail of such a kind carries a single-use link


def _restore_link(
    b: Services, db: sqlite3.Connection, broker: sqlite3.Row, body: MessageBody, token: str, now: float
) -> None:
    external = db.execute(
        "SELECT id FROM externals WHERE broker_id = ? AND email_norm = ?", (broker["id"], mail.normalise(body.to))
    ).fetchone()
    if external is None:
        return
    expires = now - 1 if body.link_state == "expired" else now + b.settings.link_ttl(LinkKind(body.kind))
    db.execute(
        "INSERT OR REPLACE INTO links (token_hash, kind, external_id, expires_at, used_at) VALUES (?, ?, ?, ?, ?)",
        (token_hash(token), body.kind, external["id"], expires, now if body.link_state == "used" else None),
    )


def link_state(b: Services, db: sqlite3.Connection, message: api.Mail, scope: str | None) -> LinkState | None:
    """Whether a mail's invitation / confirmation / reset link is open, used or expired (None: no such link)."""
    token = first_token(message["links"]) if message["kind"] in _LINK_KINDS else None
    if token is None:
        return None
    row = db.execute("SELECT expires_at, used_at FROM links WHERE token_hash = ?", (token_hash(token),)).fetchone()
    if row is None:
        return None
    if row["used_at"] is not None:
        return "used"
    return "expired" if b.clock.now(scope) >= row["expires_at"] else "open"


def record_attempt(b: Services, body: AttemptBody) -> api.Attempt:
    """Restore a failure counter (and its lock) as if the attempts had just happened."""
    key = attempt_key(body.action, body.makler_id, body.email)
    now = b.clock.now(brokers.normalise_makler_id(body.makler_id))
    locked_until = now + b.settings.throttle.lockout if body.locked else 0.0
    with b.store.tx() as db:
        db.execute(
            "INSERT OR REPLACE INTO throttle (key, failures, window_start, locked_until, refused) "
            "VALUES (?, ?, ?, ?, ?)",
            (key, body.failures, now, locked_until, json.dumps(body.refused) if body.refused else None),
        )
    return {
        "action": body.action,
        "makler_id": body.makler_id,
        "email": body.email,
        "failures": body.failures,
        "locked": body.locked,
        "refused": list(body.refused),
    }
