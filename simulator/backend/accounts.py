"""App accounts (Externe): registration, confirmation, login, sessions, password reset, admin states.

Security rules (DESIGN §7, OWASP ASVS V2/V3): one answer for unknown and
known accounts; a KDF run on every path; throttling per attempted
(Makler-ID, e-mail); tokens stored hashed, single use, expiring on the
injectable clock; logout, deactivation and reset revoke sessions server-side.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from simulator.backend import brokers, mail, mechanisms, sharing, throttle
from simulator.backend.behaviours import SESSION_SCOPE_AT_LOGIN
from simulator.backend.errors import ApiError, conflict, invalid_token, not_found, unauthorized
from simulator.backend.passwords import violations
from simulator.backend.security import new_token, token_hash
from simulator.backend.settings import Backend
from simulator.backend.throttle import attempt_key
from simulator.backend.versions import gate

INVALID_CREDENTIALS = ApiError(401, "invalid_credentials", "E-Mail, Passwort oder Makler-ID ist falsch.")
REGISTRATION_ACCEPTED = (
    "Fast geschafft! Wir haben Dir eine E-Mail gesendet. Bitte bestätige Deine Registrierung über den Link darin."
)
RESET_REQUESTED = "Falls ein Zugang zu diesen Daten existiert, haben wir Dir eine E-Mail gesendet."
NOT_CONFIRMED = ApiError(
    403,
    "account_not_confirmed",
    "Deine Registrierung ist noch nicht bestätigt. Bitte sieh in Deinem Postfach (auch im Spam-Ordner) "
    "nach unserer E-Mail zur Registrierung.",
)


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


def _scope(broker: sqlite3.Row | None) -> str | None:
    return broker["makler_id"] if broker is not None else None


def check_version(db: sqlite3.Connection, broker: sqlite3.Row | None, client: Client) -> None:
    """426 when the app or OS is older than the broker accepts."""
    if mechanisms.is_off(db, "version_gate"):
        return
    gate(client.app_version, client.os_version, brokers.minimums(db, _scope_id(broker), client.platform))


def _scope_id(broker: sqlite3.Row | None) -> int | None:
    return broker["id"] if broker is not None else None


def _external(db: sqlite3.Connection, broker: sqlite3.Row | None, email: str) -> sqlite3.Row | None:
    if broker is None:
        return None
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM externals WHERE broker_id = ? AND email_norm = ?", (broker["id"], mail.normalise(email))
    ).fetchone()
    return row


def _policy(password: str) -> None:
    broken = violations(password)
    if broken:
        raise ApiError(
            422,
            "password_policy",
            "Das Passwort erfüllt nicht alle Voraussetzungen: " + ", ".join(v["message"] for v in broken) + ".",
            violations=broken,
        )


def _new_link(
    db: sqlite3.Connection, kind: str, external_id: int, expires_at: float, password_hash: str | None = None
) -> str:
    token = new_token()
    db.execute(
        "INSERT INTO links (token_hash, kind, external_id, expires_at, password_hash) VALUES (?, ?, ?, ?, ?)",
        (token_hash(token), kind, external_id, expires_at, password_hash),
    )
    return token


def pending_passwords(db: sqlite3.Connection, external_id: int) -> list[str]:
    """The passwords of every unconfirmed registration of an invited account, newest first."""
    rows = db.execute(
        "SELECT password_hash FROM links WHERE external_id = ? AND kind = 'confirmation' AND used_at IS NULL "
        "AND password_hash IS NOT NULL ORDER BY rowid DESC",
        (external_id,),
    ).fetchall()
    return [str(r["password_hash"]) for r in rows]


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


def _newest_registration(db: sqlite3.Connection, broker: sqlite3.Row | None, email: str) -> str | None:
    if broker is None:
        return None
    row = db.execute(
        "SELECT password_hash FROM registrations WHERE broker_id = ? AND email_norm = ?",
        (broker["id"], mail.normalise(email)),
    ).fetchone()
    return str(row["password_hash"]) if row else None


def _adopted(db: sqlite3.Connection, external: sqlite3.Row, password_hash: str) -> None:
    """A registration's password became the account's: it is no longer an unconfirmed registration."""
    db.execute(
        "DELETE FROM registrations WHERE broker_id = ? AND email_norm = ? AND password_hash = ?",
        (external["broker_id"], external["email_norm"], password_hash),
    )


def _use_link(b: Backend, db: sqlite3.Connection, kind: str, token: str) -> sqlite3.Row:
    """Consume a single-use link (returned with ``broker_id``); 400 when unknown, used or expired."""
    row = db.execute(
        "SELECT l.*, e.broker_id FROM links l JOIN externals e ON e.id = l.external_id "
        "WHERE l.token_hash = ? AND l.kind = ?",
        (token_hash(token), kind),
    ).fetchone()
    lax = kind == "reset" and mechanisms.is_off(db, "reset_link")  # test-only switch (make fidelity)
    if row is None or (row["used_at"] is not None and not lax):
        raise invalid_token()
    now = b.clock.now(_scope(brokers.by_id(db, row["broker_id"])))
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


def app_link(b: Backend, path: str, **params: str) -> str:
    """A deep link into the app."""
    return f"{b.settings.app_link_base}{path}?{urlencode(params)}"


# -- invitation and registration (Registrierung) ---------------------------------------------------


def invite(b: Backend, broker: sqlite3.Row, customer_id: int, email: str | None) -> dict[str, Any]:
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
        existing = _external(db, broker, address)
        if existing is not None and existing["state"] != "eingeladen":
            raise conflict("Für diese E-Mail-Adresse besteht bereits ein Zugang.")
        if existing is None:
            cur = db.execute(
                "INSERT INTO externals (broker_id, customer_id, email, email_norm, state, invited_at) "
                "VALUES (?, ?, ?, ?, 'eingeladen', ?)",
                (broker["id"], customer_id, address, mail.normalise(address), now),
            )
            external_id = int(cur.lastrowid or 0)
        else:
            external_id = existing["id"]
        link = app_link(b, "einladung", makler_id=broker["makler_id"], email=address)
        mail.deliver(
            db,
            now=now,
            to=address,
            subject=f"Einladung zur Kunden-App von {broker['name']}",
            body=(
                f"Hallo {customer['name']},\n\n{broker['name']} lädt Dich zur Kunden-App ein.\n"
                f"Deine Makler-ID: {broker['makler_id']}\n"
                f"Registriere Dich mit dieser E-Mail-Adresse ({address}).\n"
                f"App öffnen (Makler-ID wird eingetragen): {link}\n"
            ),
            kind="invitation",
            links=[link],
            broker=broker,
        )
        return external_dict(db, db.execute("SELECT * FROM externals WHERE id = ?", (external_id,)).fetchone())


def register(b: Backend, client: Client, email: str, makler_id: str, password: str) -> str:
    """Set the password of an invited account and mail a confirmation link; same answer for everyone."""
    with b.store.tx() as db:
        policy = mechanisms.mode(db, "password_policy")  # test-only switch (make fidelity)
        if policy == "normal":
            _policy(password)
        elif policy == "inverted" and not violations(password):
            raise ApiError(422, "password_policy", "Das Passwort erfüllt nicht die Regeln.")
        broker = brokers.by_makler_id(db, makler_id)
        check_version(db, broker, client)
        key = attempt_key("register", makler_id, email)
        now = b.clock.now(_scope(broker))
        throttle.check(db, key, now)
        throttle.fail(db, key, now, b.settings.throttle)  # every registration attempt counts
        external = _external(db, broker, email)
    password_hash = b.passwords.hash(password)  # on every path, so timing does not tell
    with b.store.tx() as db:
        _remember_registration(db, broker, email, password_hash, now)
        if external is not None and external["state"] == "eingeladen":
            # The password waits on its own confirmation link: registering again for someone else's
            # invited address cannot replace the password that the owner of the mailbox confirms.
            expires = now + b.settings.confirmation_ttl
            token = _new_link(db, "confirmation", external["id"], expires, password_hash)
            link = app_link(b, "bestaetigen", token=token)
            mail.deliver(
                db,
                now=now,
                to=external["email"],
                subject="Bitte bestätige Deine Registrierung",
                body=f"Bitte bestätige Deine Registrierung für die Kunden-App:\n{link}\n",
                kind="confirmation",
                links=[link],
                broker=broker,
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


def confirm(b: Backend, token: str) -> None:
    """Complete a registration: the invited account becomes "aktiv"."""
    with b.store.tx() as db:
        link = _use_link(b, db, "confirmation", token)
        external = db.execute("SELECT * FROM externals WHERE id = ?", (link["external_id"],)).fetchone()
        if link["password_hash"] is not None and external["state"] == "eingeladen":
            db.execute("UPDATE externals SET password_hash = ? WHERE id = ?", (link["password_hash"], external["id"]))
            _adopted(db, external, link["password_hash"])
        db.execute("UPDATE externals SET state = 'aktiv' WHERE id = ? AND state = 'eingeladen'", (link["external_id"],))


# -- login, sessions (Login) ----------------------------------------------------------------------


def _issue(b: Backend, db: sqlite3.Connection, session_id: int, now: float) -> dict[str, Any]:
    access, refresh = new_token(), new_token()
    db.execute(
        "UPDATE sessions SET access_hash = ?, access_expires = ? WHERE id = ?",
        (token_hash(access), now + b.settings.access_ttl, session_id),
    )
    db.execute("INSERT INTO refresh_tokens (token_hash, session_id) VALUES (?, ?)", (token_hash(refresh), session_id))
    return {
        "access_token": access,
        "refresh_token": refresh,
        "token_type": "bearer",
        "expires_in": int(b.settings.access_ttl),
    }


def login(b: Backend, client: Client, email: str, password: str, makler_id: str) -> dict[str, Any]:
    """Exchange e-mail, password and Makler-ID for an access and a refresh token."""
    key = attempt_key("login", makler_id, email)
    with b.store.tx() as db:
        broker = brokers.by_makler_id(db, makler_id)
        check_version(db, broker, client)
        now = b.clock.now(_scope(broker))
        throttle.check(db, key, now)
        # Counted before the (slow) password check, in the same transaction as the check: parallel
        # attempts cannot slip past the limit. A success clears the count again.
        throttle.fail(db, key, now, b.settings.throttle)
        external = _external(db, broker, email)
        own = external["password_hash"] if external is not None else None
        registered = _newest_registration(db, broker, email)
    # The account's own password first; failing that, the newest registration for this address,
    # kept for every address alike (invited or not, active, deactivated): whoever registered with a
    # password hears "noch nicht bestätigt" with it, which tells them only what they did themselves.
    # A failed login always costs two KDF runs (a dummy where nothing is stored), so time does not tell.
    ok = b.passwords.verify(own, password) and external is not None and broker is not None
    if not ok and b.passwords.verify(registered, password):
        # The attempt stays counted: anyone can register a password for any address, so a login
        # with it must not clear the address's counter (else it resets a brute force's lock).
        with b.store.tx() as db:
            confirmation_off = mechanisms.is_off(db, "confirmation")
        if not (confirmation_off and external is not None and external["state"] == "eingeladen"):
            raise NOT_CONFIRMED
        ok = True  # test-only switch (make fidelity): the registration counts as confirmed
    if not ok or external is None or broker is None:
        raise INVALID_CREDENTIALS
    with b.store.tx() as db:
        throttle.clear(db, key)
        state = usable_state(
            db, db.execute("SELECT state FROM externals WHERE id = ?", (external["id"],)).fetchone()["state"]
        )
    if state == "eingeladen":  # a password put in by a world file, not yet confirmed
        raise NOT_CONFIRMED
    if state == "deaktiviert":
        raise ApiError(403, "account_deactivated", "Dein Zugang ist gesperrt. Bitte wende Dich an Deinen Makler.")
    with b.store.tx() as db:
        return open_session(b, db, external, client, now)


def open_session(
    b: Backend, db: sqlite3.Connection, external: sqlite3.Row, client: Client, now: float, revoked: bool = False
) -> dict[str, Any]:
    """A new session with its first token pair; builds affected by ``shared_relogin`` get their scope fixed now."""
    fixed = SESSION_SCOPE_AT_LOGIN.affects(client.app_version)
    if mechanisms.mode(db, "shared_relogin") != "normal":  # test-only: off never fixes, inverted flips
        fixed = not fixed and mechanisms.mode(db, "shared_relogin") == "inverted"
    scope = json.dumps(sharing.live_scope(db, external)) if fixed else None
    cur = db.execute(
        "INSERT INTO sessions (external_id, access_hash, access_expires, refresh_expires, revoked_at, platform, "
        "app_version, scope, created_at) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?)",
        (
            external["id"],
            token_hash(new_token()),  # replaced by _issue
            now + b.settings.refresh_ttl,
            now if revoked else None,
            client.platform,
            client.app_version or "",
            scope,
            now,
        ),
    )
    return _issue(b, db, int(cur.lastrowid or 0), now)


def _session_broker(db: sqlite3.Connection, session: sqlite3.Row) -> sqlite3.Row:
    row: sqlite3.Row = db.execute(
        "SELECT b.* FROM brokers b JOIN externals e ON e.broker_id = b.id WHERE e.id = ?", (session["external_id"],)
    ).fetchone()
    return row


def refresh(b: Backend, refresh_token: str) -> dict[str, Any]:
    """Rotate tokens; presenting an already used refresh token revokes the whole session (reuse detection)."""
    with b.store.tx() as db:
        row = db.execute(
            "SELECT r.used_at, s.* FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id WHERE r.token_hash = ?",
            (token_hash(refresh_token),),
        ).fetchone()
        if row is None:
            raise invalid_token()
        broker = _session_broker(db, row)
        now = b.clock.now(broker["makler_id"])
        external = db.execute("SELECT state FROM externals WHERE id = ?", (row["external_id"],)).fetchone()
        reused = row["used_at"] is not None
        if reused:  # a stolen or replayed token: end the whole session (OWASP ASVS 3.5.2)
            db.execute("UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", (now, row["id"]))
        valid = (
            row["revoked_at"] is None
            and now < row["refresh_expires"]
            and usable_state(db, external["state"]) == "aktiv"
        )
        if valid and not reused:
            db.execute("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?", (now, token_hash(refresh_token)))
            return _issue(b, db, row["id"], now)
    raise invalid_token()


def authenticate(b: Backend, bearer: str | None) -> Principal:
    """The account and session behind an access token; 401 when missing, unknown, expired or revoked."""
    if not bearer:
        raise unauthorized()
    with b.store.tx() as db:
        session = db.execute("SELECT * FROM sessions WHERE access_hash = ?", (token_hash(bearer),)).fetchone()
        if session is None or session["revoked_at"] is not None:
            raise unauthorized()
        broker = _session_broker(db, session)
        external = db.execute("SELECT * FROM externals WHERE id = ?", (session["external_id"],)).fetchone()
        if (
            b.clock.now(broker["makler_id"]) >= session["access_expires"]
            or usable_state(db, external["state"]) != "aktiv"
        ):
            raise unauthorized()
        return Principal(external, session, broker)


def usable_state(db: sqlite3.Connection, state: str) -> str:
    """The account state as login and sessions see it: "aktiv" when a test switched its mechanism off."""
    if (state == "deaktiviert" and mechanisms.is_off(db, "deactivation")) or (
        state == "eingeladen" and mechanisms.is_off(db, "confirmation")
    ):
        return "aktiv"
    return state


def revoke_sessions(db: sqlite3.Connection, external_id: int, now: float) -> int:
    """Revoke every running session of an account; returns how many."""
    cur = db.execute(
        "UPDATE sessions SET revoked_at = ? WHERE external_id = ? AND revoked_at IS NULL", (now, external_id)
    )
    return cur.rowcount


def logout(b: Backend, principal: Principal) -> None:
    """Ich -> Abmelden: the session ends server-side."""
    with b.store.tx() as db:
        now = b.clock.now(principal.broker["makler_id"])
        db.execute("UPDATE sessions SET revoked_at = ? WHERE id = ?", (now, principal.session["id"]))


# -- password reset (Login 1) ---------------------------------------------------------------------


def forgot(b: Backend, client: Client, email: str, makler_id: str) -> str:
    """Passwort vergessen: mail a reset link if the account exists; the answer is always the same."""
    key = attempt_key("forgot", makler_id, email)
    with b.store.tx() as db:
        broker = brokers.by_makler_id(db, makler_id)
        check_version(db, broker, client)
        now = b.clock.now(_scope(broker))
        throttle.check(db, key, now)
        throttle.fail(db, key, now, b.settings.throttle)  # every request counts: no mail bombing
        external = _external(db, broker, email)
        if external is not None and external["password_hash"] is not None:
            token = _new_link(db, "reset", external["id"], now + b.settings.reset_ttl)
            link = app_link(b, "passwort-zuruecksetzen", token=token)
            mail.deliver(
                db,
                now=now,
                to=external["email"],
                subject="Neues Passwort für die Kunden-App",
                body=f"Über diesen Link kannst Du ein neues Passwort festlegen (1 Stunde gültig):\n{link}\n",
                kind="reset",
                links=[link],
                broker=broker,
            )
    return RESET_REQUESTED


def reset(b: Backend, token: str, password: str) -> None:
    """Set a new password with a mailed link; every running session of the account ends."""
    _policy(password)
    password_hash = b.passwords.hash(password)
    with b.store.tx() as db:
        link = _use_link(b, db, "reset", token)
        external = db.execute("SELECT * FROM externals WHERE id = ?", (link["external_id"],)).fetchone()
        broker = brokers.by_id(db, external["broker_id"])
        now = b.clock.now(broker["makler_id"])
        if not mechanisms.is_off(db, "reset_link"):  # off: the old password stays (make fidelity)
            db.execute("UPDATE externals SET password_hash = ? WHERE id = ?", (password_hash, external["id"]))
        revoke_sessions(db, external["id"], now)
        throttle.clear(db, attempt_key("login", broker["makler_id"], external["email"]))


# -- Administration -> Externe -------------------------------------------------------------------

_TRANSITIONS = {
    "activate": ("eingeladen", "aktiv"),
    "deactivate": ("aktiv", "deaktiviert"),
    "reactivate": ("deaktiviert", "aktiv"),
}


def external_dict(db: sqlite3.Connection, row: sqlite3.Row) -> dict[str, Any]:
    """JSON form of an account for the admin lists."""
    return {
        "id": row["id"],
        "email": row["email"],
        "customer_id": row["customer_id"],
        "state": row["state"],
        "registered": row["password_hash"] is not None or bool(pending_passwords(db, row["id"])),
    }


def listing(db: sqlite3.Connection, broker_id: int, state: str | None = None) -> list[dict[str, Any]]:
    """Administration -> Externe (optionally one tab's state), each account with its customer's name."""
    query = "SELECT e.*, c.name AS customer_name FROM externals e JOIN customers c ON c.id = e.customer_id "
    query += "WHERE e.broker_id = ?"
    params: list[Any] = [broker_id]
    if state:
        query += " AND e.state = ?"
        params.append(state)
    rows = db.execute(query + " ORDER BY e.id", params).fetchall()
    return [{**external_dict(db, r), "name": r["customer_name"]} for r in rows]


def _activate(b: Backend, db: sqlite3.Connection, broker: sqlite3.Row, external: sqlite3.Row) -> str:
    """Eingeladene -> manuell aktivieren, without opening a door (DESIGN §7).

    The pending password is adopted only when it is unambiguous: exactly one registration waits
    and the account has no password yet. With none or several (someone else may have registered
    for the address: it and the public Makler-ID are enough), no password is adopted. Either way
    the invited address gets a link to (re)set its password, so the mailbox owner always decides.
    Returns ``adopted``, ``kept`` or ``link_sent``.
    """
    now = b.clock.now(broker["makler_id"])
    pending = pending_passwords(db, external["id"])
    outcome = "kept" if external["password_hash"] is not None else "link_sent"
    if outcome == "link_sent" and len(pending) == 1:
        db.execute("UPDATE externals SET password_hash = ? WHERE id = ?", (pending[0], external["id"]))
        _adopted(db, external, pending[0])
        outcome = "adopted"
    db.execute(
        "UPDATE links SET used_at = ? WHERE external_id = ? AND kind = 'confirmation' AND used_at IS NULL",
        (now, external["id"]),
    )
    token = _new_link(db, "reset", external["id"], now + b.settings.confirmation_ttl)
    link = app_link(b, "passwort-zuruecksetzen", token=token)
    if outcome == "link_sent":
        subject = "Lege Dein Passwort für die Kunden-App fest"
        body = (
            f"{broker['name']} hat Deinen Zugang zur Kunden-App aktiviert.\n"
            f"Lege über diesen Link Dein Passwort fest (48 Stunden gültig):\n{link}\n"
        )
    else:
        subject = "Dein Zugang zur Kunden-App ist aktiviert"
        body = (
            f"{broker['name']} hat Deinen Zugang zur Kunden-App aktiviert. Melde Dich mit dem Passwort an, "
            "das Du bei der Registrierung gewählt hast.\n"
            f"Hast Du Dich nicht selbst registriert? Dann lege hier ein neues Passwort fest:\n{link}\n"
        )
    mail.deliver(
        db, now=now, to=external["email"], subject=subject, body=body, kind="reset", links=[link], broker=broker
    )
    return outcome


def change_state(b: Backend, broker: sqlite3.Row, external_id: int, action: str) -> dict[str, Any]:
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
        if after == "deaktiviert" and not mechanisms.is_off(db, "deactivation"):
            revoke_sessions(db, external_id, b.clock.now(broker["makler_id"]))
        answer = external_dict(db, db.execute("SELECT * FROM externals WHERE id = ?", (external_id,)).fetchone())
        return answer if outcome is None else answer | {"password": outcome}


def invalidate_sessions(b: Backend, makler_id: str, email: str) -> int:
    """Test-control: break an account's sessions server-side (App nicht nutzbar 2-3)."""
    with b.store.tx() as db:
        broker = brokers.by_makler_id(db, makler_id)
        external = _external(db, broker, email)
        if external is None:
            raise not_found("Externer")
        return revoke_sessions(db, external["id"], b.clock.now(makler_id))
