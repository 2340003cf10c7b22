"""Invitation, registration, confirmation and password reset of app accounts (Registrierung, Login 1).

One answer for unknown and known accounts; a KDF run on every path; throttling per attempted
(Makler-ID, e-mail); links stored hashed, single use, expiring on the injectable clock.
"""

from __future__ import annotations

import sqlite3

from simulator.backend import brokers, customers, mail, mechanisms, throttle
from simulator.backend.accounts import (
    Client,
    account_for,
    adopted,
    check_version,
    external_dict,
    find_external,
    mail_link,
    new_invited,
    revoke_sessions,
    scope_of,
)
from simulator.backend.errors import ApiError, conflict, invalid_token, not_found
from simulator.backend.passwords import violations
from simulator.backend.security import token_hash
from simulator.backend.services import Services
from simulator.backend.throttle import attempt_key
from simulator.spec.api import External
from simulator.spec.vocabulary import AccountState, LinkKind

REGISTRATION_ACCEPTED = (
    "Fast geschafft! Wir haben Dir eine E-Mail gesendet. Bitte bestätige Deine Registrierung über den Link darin."
)
RESET_REQUESTED = "Falls ein Zugang zu diesen Daten existiert, haben wir Dir eine E-Mail gesendet."


def _refused(broken: list[dict[str, str]]) -> ApiError:
    return ApiError(
        422,
        "password_policy",
        "Das Passwort erfüllt nicht alle Voraussetzungen: " + ", ".join(v["message"] for v in broken) + ".",
        violations=broken,
    )


def _remember_registration(
    db: sqlite3.Connection, broker: sqlite3.Row | None, email: str, password_hash: str, now: float
) -> None:
    """Keep the newest registration per address, whatever the address's state (see ``login``)."""
    if broker is None:
        return
    db.execute(
        "INSERT INTO registrations (broker_id, email_norm, password_hash, registered_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (broker_id, email_norm) DO UPDATE SET password_hash = excluded.password_hash, "
        "registered_at = excluded.registered_at",
        (broker["id"], mail.normalise(email), password_hash, now),
    )


def _use_link(b: Services, db: sqlite3.Connection, kind: LinkKind, token: str) -> sqlite3.Row:
    """Consume a single-use link (returned with ``broker_id``); 400 when unknown, used or expired."""
    row = db.execute(
        "SELECT l.*, e.broker_id FROM links l JOIN externals e ON e.id = l.external_id "
        "WHERE l.token_hash = ? AND l.kind = ?",
        (token_hash(token), kind),
    ).fetchone()
    lax = kind == LinkKind.RESET and mechanisms.is_off(db, "reset_link")  # test-only switch (make fidelity)
    if row is None or (row["used_at"] is not None and not lax):
        raise invalid_token()
    now = b.clock.now(scope_of(brokers.by_id(db, row["broker_id"])))
    if now >= row["expires_at"] and not lax:
        raise invalid_token()
    # This link and every other open link of its kind for the account are spent: an older reset link
    # must not work after a reset, and an older registration must not overwrite the confirmed password.
    db.execute(
        "UPDATE links SET used_at = ? WHERE external_id = ? AND kind = ? AND used_at IS NULL",
        (now, row["external_id"], kind),
    )
    link: sqlite3.Row = row
    return link


# -- invitation and registration (Registrierung) ---------------------------------------------------


def invite(b: Services, broker: sqlite3.Row, customer_id: int, email: str | None) -> External:
    """Invite a customer to the app: an account in state "eingeladen" and a mail with the Makler-ID."""
    with b.store.tx() as db:
        customer = db.execute(
            "SELECT * FROM customers WHERE id = ? AND broker_id = ?", (customer_id, broker["id"])
        ).fetchone()
        if customer is None:
            raise not_found("Kunde")
        address = (email or customer["email"] or "").strip()
        if not address:
            raise ApiError(422, "validation_error", "Der Kunde hat keine E-Mail-Adresse.")
        now = b.clock.now(broker["makler_id"])
        existing = find_external(db, broker, address)
        if existing is not None and existing["state"] != AccountState.INVITED:
            raise conflict("Für diese E-Mail-Adresse besteht bereits ein Zugang.")
        external_id = new_invited(db, broker["id"], customer_id, address, now) if existing is None else existing["id"]
        external = db.execute("SELECT * FROM externals WHERE id = ?", (external_id,)).fetchone()
        # The link carries a secret besides the Makler-ID: a registration opened from it proves the mailbox.
        mail_link(
            b,
            db,
            broker,
            external,
            LinkKind.INVITATION,
            now=now,
            subject=f"Einladung zur Kunden-App von {broker['name']}",
            body=(
                f"Hallo {customer['name']},\n\n{broker['name']} lädt Dich zur Kunden-App ein.\n"
                f"Deine Makler-ID: {broker['makler_id']}\n"
                f"Registriere Dich mit dieser E-Mail-Adresse ({external['email']}).\n"
                "App öffnen (Makler-ID wird eingetragen): {link}\n"
            ),
            params={"makler_id": broker["makler_id"], "email": external["email"]},
        )
        return external_dict(db, external)


def _uninvited_account(db: sqlite3.Connection, broker: sqlite3.Row, email: str, now: float) -> sqlite3.Row:
    """What a registration without the invited-address check would open: an account (and a customer) for any address."""
    address = email.strip()
    customer = customers.create(db, broker["id"], address, "person", address)
    external_id = new_invited(db, broker["id"], customer["id"], address, now)
    row: sqlite3.Row = db.execute("SELECT * FROM externals WHERE id = ?", (external_id,)).fetchone()
    return row


def _proves_mailbox(db: sqlite3.Connection, external: sqlite3.Row, secret: str | None, now: float) -> bool:
    """Whether ``secret`` is an open invitation link of this very account; then it is spent (single use).

    Only the owner of the invited mailbox can know it, so a registration that carries it proves the
    mailbox (docs/backend-api.md). A secret of another invitation, a spent or an expired one proves
    nothing and is left as it is; the registration goes on all the same, with the same answer.
    """
    if secret is None:
        return False
    row = db.execute(
        "SELECT external_id, expires_at, used_at FROM links WHERE token_hash = ? AND kind = ?",
        (token_hash(secret), LinkKind.INVITATION),
    ).fetchone()
    if row is None or row["external_id"] != external["id"] or row["used_at"] is not None or now >= row["expires_at"]:
        return False
    db.execute(
        "UPDATE links SET used_at = ? WHERE external_id = ? AND kind = ? AND used_at IS NULL",
        (now, external["id"], LinkKind.INVITATION),
    )
    return True


def register(
    b: Services, client: Client, email: str, makler_id: str, password: str, invitation: str | None = None
) -> str:
    """Mail a confirmation link for the password of an invited account; same answer for everyone.

    ``invitation`` is the secret of the invitation link the app's registration was opened from.
    """
    key = attempt_key("register", makler_id, email)
    with b.store.tx() as db:
        policy = mechanisms.mode(db, "password_policy")  # test-only switch (make fidelity)
        broken = violations(password) if policy == "normal" else []
        if broken:  # kept with the attempt's counter, so a diagnosis can name the rules (no failure counted)
            scope = scope_of(brokers.by_makler_id(db, makler_id))
            throttle.refuse(db, key, b.clock.now(scope), [v["rule"] for v in broken])
    if broken:
        raise _refused(broken)
    with b.store.tx() as db:
        if policy == "inverted" and not violations(password):
            raise ApiError(422, "password_policy", "Das Passwort erfüllt nicht die Regeln.")
        broker, external = account_for(db, makler_id, email)
        check_version(db, broker, client)
        now = b.clock.now(scope_of(broker))
        throttle.check(db, key, now)
        throttle.fail(db, key, now, b.settings.throttle)  # every registration attempt counts
    password_hash = b.passwords.hash(password)  # on every path, so timing does not tell
    with b.store.tx() as db:
        if external is None and broker is not None and mechanisms.is_off(db, "invited_address"):
            external = _uninvited_account(db, broker, email, now)  # test-only switch (make fidelity)
        _remember_registration(db, broker, email, password_hash, now)
        if external is not None and external["state"] == AccountState.INVITED:
            # The password waits on its own confirmation link: registering again for someone else's
            # invited address cannot replace the password that the owner of the mailbox confirms.
            mail_link(
                b,
                db,
                broker,
                external,
                LinkKind.CONFIRMATION,
                now=now,
                subject="Bitte bestätige Deine Registrierung",
                body="Bitte bestätige Deine Registrierung für die Kunden-App:\n{link}\n",
                password_hash=password_hash,
                proved=_proves_mailbox(db, external, invitation, now),
            )
        elif external is not None:
            mail.deliver(
                db,
                now=now,
                to=external["email"],
                subject="Du bist bereits registriert",
                body="Für diese E-Mail-Adresse besteht bereits ein Zugang. Nutze bei Bedarf „Passwort vergessen“.",
                kind="notice",
                links=[],
                broker=broker,
            )
        else:
            mail.deliver(
                db,
                now=now,
                to=email.strip(),
                subject="Registrierung nicht möglich",
                body=(
                    "Für diese E-Mail-Adresse und Makler-ID liegt keine Einladung vor. Bitte registriere Dich "
                    "mit der E-Mail-Adresse, an die Deine Einladung ging, und der Makler-ID aus der Einladung."
                ),
                kind="notice",
                links=[],
                broker=broker,
            )
    return REGISTRATION_ACCEPTED


def confirm(b: Services, token: str) -> None:
    """Complete a registration: the invited account becomes "aktiv"."""
    with b.store.tx() as db:
        link = _use_link(b, db, LinkKind.CONFIRMATION, token)
        external = db.execute("SELECT * FROM externals WHERE id = ?", (link["external_id"],)).fetchone()
        if link["password_hash"] is not None and external["state"] == AccountState.INVITED:
            db.execute("UPDATE externals SET password_hash = ? WHERE id = ?", (link["password_hash"], external["id"]))
            adopted(db, external, link["password_hash"])
        db.execute(
            "UPDATE externals SET state = ? WHERE id = ? AND state = ?",
            (AccountState.ACTIVE, link["external_id"], AccountState.INVITED),
        )


# -- password reset (Login 1) ---------------------------------------------------------------------


def forgot(b: Services, client: Client, email: str, makler_id: str) -> str:
    """Passwort vergessen: mail a reset link if the account exists; the answer is always the same."""
    key = attempt_key("forgot", makler_id, email)
    with b.store.tx() as db:
        broker, external = account_for(db, makler_id, email)
        check_version(db, broker, client)
        now = b.clock.now(scope_of(broker))
        throttle.check(db, key, now)
        throttle.fail(db, key, now, b.settings.throttle)  # every request counts: no mail bombing
        # An invited account without a password registers; any other (also one a manual activation left
        # without a password, whose set-password mail got lost) can set one with the link.
        if external is not None and (
            external["password_hash"] is not None or external["state"] != AccountState.INVITED
        ):
            mail_link(
                b,
                db,
                broker,
                external,
                LinkKind.RESET,
                now=now,
                subject="Neues Passwort für die Kunden-App",
                body="Über diesen Link kannst Du ein neues Passwort festlegen (1 Stunde gültig):\n{link}\n",
            )
    return RESET_REQUESTED


def reset(b: Services, token: str, password: str) -> None:
    """Set a new password with a mailed link; every running session of the account ends."""
    broken = violations(password)
    if broken:
        raise _refused(broken)
    password_hash = b.passwords.hash(password)
    with b.store.tx() as db:
        link = _use_link(b, db, LinkKind.RESET, token)
        external = db.execute("SELECT * FROM externals WHERE id = ?", (link["external_id"],)).fetchone()
        broker = brokers.by_id(db, external["broker_id"])
        now = b.clock.now(broker["makler_id"])
        if not mechanisms.is_off(db, "reset_link"):  # off: the old password stays (make fidelity)
            db.execute("UPDATE externals SET password_hash = ? WHERE id = ?", (password_hash, external["id"]))
        revoke_sessions(db, external["id"], now)
        throttle.clear(db, attempt_key("login", broker["makler_id"], external["email"]))
