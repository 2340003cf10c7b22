"""Login, sessions and tokens of app accounts (Login): issue, refresh with reuse detection, authenticate, logout.

A failed login costs the same KDF work whatever the account; attempts are counted before the
password check; every session can be revoked server-side.
"""

from __future__ import annotations

import json
import sqlite3

from simulator.backend import brokers, mail, mechanisms, sharing, throttle
from simulator.backend.accounts import (
    Client,
    Principal,
    account_for,
    check_version,
    find_external,
    revoke_sessions,
    scope_of,
)
from simulator.backend.behaviours import SESSION_SCOPE_AT_LOGIN
from simulator.backend.errors import ApiError, invalid_token, not_found, unauthorized
from simulator.backend.security import new_token, token_hash
from simulator.backend.services import Services
from simulator.backend.throttle import attempt_key
from simulator.spec.api import Tokens
from simulator.spec.vocabulary import AccountState

INVALID_CREDENTIALS = ApiError(401, "invalid_credentials", "E-Mail, Passwort oder Makler-ID ist falsch.")
NOT_CONFIRMED = ApiError(
    403,
    "account_not_confirmed",
    "Deine Registrierung ist noch nicht bestätigt. Bitte sieh in Deinem Postfach (auch im Spam-Ordner) "
    "nach unserer E-Mail zur Registrierung.",
)


def _newest_registration(db: sqlite3.Connection, broker: sqlite3.Row | None, email: str) -> str | None:
    if broker is None:
        return None
    row = db.execute(
        "SELECT password_hash FROM registrations WHERE broker_id = ? AND email_norm = ?",
        (broker["id"], mail.normalise(email)),
    ).fetchone()
    return str(row["password_hash"]) if row else None


def _issue(b: Services, db: sqlite3.Connection, session_id: int, now: float) -> Tokens:
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


def login(b: Services, client: Client, email: str, password: str, makler_id: str) -> Tokens:
    """Exchange e-mail, password and Makler-ID for an access and a refresh token."""
    key = attempt_key("login", makler_id, email)
    with b.store.tx() as db:
        broker, external = account_for(db, makler_id, email)
        check_version(db, broker, client)
        now = b.clock.now(scope_of(broker))
        throttle.check(db, key, now)
        # Counted before the (slow) password check, in the same transaction as the check: parallel
        # attempts cannot slip past the limit. A success clears the count again.
        throttle.fail(db, key, now, b.settings.throttle)
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
        if not (confirmation_off and external is not None and external["state"] == AccountState.INVITED):
            raise NOT_CONFIRMED
        ok = True  # test-only switch (make fidelity): the registration counts as confirmed
    if not ok or external is None or broker is None:
        raise INVALID_CREDENTIALS
    with b.store.tx() as db:
        throttle.clear(db, key)
        state = usable_state(
            db, db.execute("SELECT state FROM externals WHERE id = ?", (external["id"],)).fetchone()["state"]
        )
    if state == AccountState.INVITED:  # a password put in by a world file, not yet confirmed
        raise NOT_CONFIRMED
    if state == AccountState.DEACTIVATED:
        raise ApiError(403, "account_deactivated", "Dein Zugang ist gesperrt. Bitte wende Dich an Deinen Makler.")
    with b.store.tx() as db:
        return open_session(b, db, external, client, now)


def open_session(
    b: Services, db: sqlite3.Connection, external: sqlite3.Row, client: Client, now: float, revoked: bool = False
) -> Tokens:
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


def refresh(b: Services, refresh_token: str) -> Tokens:
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
            and usable_state(db, external["state"]) == AccountState.ACTIVE
        )
        if valid and not reused:
            db.execute("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?", (now, token_hash(refresh_token)))
            return _issue(b, db, row["id"], now)
    raise invalid_token()


def authenticate(b: Services, bearer: str | None) -> Principal:
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
            or usable_state(db, external["state"]) != AccountState.ACTIVE
        ):
            raise unauthorized()
        return Principal(external, session, broker)


def usable_state(db: sqlite3.Connection, state: str) -> AccountState:
    """The account state as login and sessions see it: "aktiv" when a test switched its mechanism off."""
    if (state == AccountState.DEACTIVATED and mechanisms.is_off(db, "deactivation")) or (
        state == AccountState.INVITED and mechanisms.is_off(db, "confirmation")
    ):
        return AccountState.ACTIVE
    return AccountState(state)


def logout(b: Services, principal: Principal) -> None:
    """Ich -> Abmelden: the session ends server-side."""
    with b.store.tx() as db:
        now = b.clock.now(principal.broker["makler_id"])
        db.execute("UPDATE sessions SET revoked_at = ? WHERE id = ?", (now, principal.session["id"]))


def invalidate_sessions(b: Services, makler_id: str, email: str) -> int:
    """Test-control: break an account's sessions server-side (App nicht nutzbar 2-3)."""
    with b.store.tx() as db:
        broker = brokers.by_makler_id(db, makler_id)
        external = find_external(db, broker, email)
        if external is None:
            raise not_found("Externer")
        return revoke_sessions(db, external["id"], b.clock.now(makler_id))
