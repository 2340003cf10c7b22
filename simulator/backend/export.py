"""Test-control: the whole state of the store as one JSON document (snapshots and diagnosis).

Secrets stay secret: API keys and tokens are stored hashed and are not part
of it; password hashes only when asked for (``?include=password_hashes``: a
world snapshot needs them, so a restored account keeps its password).
Sessions are listed with their tag, so a snapshot finds the session a phone holds
(``simulator/spec/tokens.py``); a loaded world opens a new one for that phone.
Faults are listed with what remains of them (requests, seconds).
"""

from __future__ import annotations

import json
import sqlite3

from simulator.backend import accounts, brokers, mail, seeding, sharing
from simulator.backend.errors import not_found
from simulator.backend.services import Services
from simulator.spec import api
from simulator.spec.tokens import session_tag
from simulator.spec.vocabulary import AccountState


def export(b: Services, makler_id: str | None = None, password_hashes: bool = False) -> api.Export:
    """Mail providers, brokers with customers, contracts, contacts and accounts, mails, attempts and faults."""
    with b.store.tx() as db:
        rows = db.execute("SELECT * FROM brokers ORDER BY id").fetchall()
        if makler_id is not None:
            wanted = brokers.normalise_makler_id(makler_id)
            rows = [r for r in rows if r["makler_id"] == wanted]
            if not rows:  # an empty export would read as "this broker has nothing"
                raise not_found(f"Makler {makler_id}")
        ids = {r["id"]: r["makler_id"] for r in rows}
        return {
            "mail_providers": [p.as_dict() for p in mail.providers(db)],
            "brokers": [_broker(b, db, r, password_hashes) for r in rows],
            "mails": _mails(b, db, ids, everything=makler_id is None),
            "attempts": _attempts(b, db, set(ids.values()), everything=makler_id is None),
            "faults": [f for f in b.faults.listed() if makler_id is None or f["makler_id"] in (None, *ids.values())],
        }


def _broker(b: Services, db: sqlite3.Connection, row: sqlite3.Row, password_hashes: bool) -> api.ExportBroker:
    customers = db.execute("SELECT * FROM customers WHERE broker_id = ? ORDER BY id", (row["id"],)).fetchall()
    return {
        "makler_id": row["makler_id"],
        "name": row["name"],
        "phone": row["phone"],
        "address": row["address"],
        "seed": row["seed"],
        "sender_authenticated": bool(row["sender_authenticated"]),
        "min_versions": brokers.app_settings(db, row["id"]),
        "customers": [_customer(b, db, row, c, password_hashes) for c in customers],
    }


def _customer(
    b: Services, db: sqlite3.Connection, broker: sqlite3.Row, row: sqlite3.Row, password_hashes: bool
) -> api.ExportCustomer:
    contracts = db.execute("SELECT * FROM contracts WHERE customer_id = ? ORDER BY id", (row["id"],))
    contacts = db.execute("SELECT * FROM contacts WHERE customer_id = ? ORDER BY id", (row["id"],))
    externals = db.execute("SELECT * FROM externals WHERE customer_id = ? ORDER BY id", (row["id"],))
    return {
        "id": row["id"],
        "name": row["name"],
        "kind": row["kind"],
        "email": row["email"],
        "contracts": [
            {
                "number": c["number"],
                "insurer": c["insurer"],
                "line": c["line"],
                "premium": c["premium"],
                "documents": json.loads(c["documents"]),
            }
            for c in contracts
        ],
        "contacts": [
            {"name": k["name"], "email": k["email"], "kundenportal": bool(k["kundenportal"])} for k in contacts
        ],
        "externals": [_external(b, db, broker, x, password_hashes) for x in externals],
    }


def _external(
    b: Services, db: sqlite3.Connection, broker: sqlite3.Row, row: sqlite3.Row, password_hashes: bool
) -> api.ExportExternal:
    now = b.clock.now(broker["makler_id"])
    sessions = db.execute("SELECT * FROM sessions WHERE external_id = ? ORDER BY id", (row["id"],))
    password, proved = row["password_hash"], None
    if row["state"] == AccountState.INVITED:
        # An unconfirmed registration's password waits on its confirmation link: the one a manual
        # activation would adopt (it proved the mailbox), else the newest.
        proved = accounts.proved_password(db, row)
        password = proved or password or next(iter(accounts.pending_passwords(db, row["id"])), None)
    answer: api.ExportExternal = {
        "id": row["id"],
        "email": row["email"],
        "state": row["state"],
        "registered": password is not None,
        "from_invitation": proved is not None,
        "visible_customers": sharing.live_scope(db, row),
        "sessions": [
            {
                "tag": _tag(db, s["id"]),
                "platform": s["platform"],
                "app_version": s["app_version"] or None,
                "active": s["revoked_at"] is None and now < s["refresh_expires"],
                "revoked": s["revoked_at"] is not None,
                "scope": json.loads(s["scope"]) if s["scope"] is not None else None,
            }
            for s in sessions
        ],
    }
    if password_hashes:
        answer["password_hash"] = password
    return answer


def _tag(db: sqlite3.Connection, session_id: int) -> str:
    """The session's tag: a phone holding its newest refresh token reports the same (simulator/spec/tokens.py)."""
    newest = db.execute(
        "SELECT token_hash FROM refresh_tokens WHERE session_id = ? ORDER BY rowid DESC LIMIT 1", (session_id,)
    ).fetchone()
    return session_tag(newest["token_hash"]) if newest is not None else ""


def _mails(b: Services, db: sqlite3.Connection, ids: dict[int, str], everything: bool) -> list[api.ExportMail]:
    result: list[api.ExportMail] = []
    for row in db.execute("SELECT * FROM messages ORDER BY id"):
        makler_id = ids.get(row["broker_id"]) if row["broker_id"] is not None else None
        if not everything and makler_id is None:
            continue
        message = mail.message_dict(row)
        result.append(
            {
                "to": message["to"],
                "sender": message["from"],
                "kind": message["kind"],
                "subject": message["subject"],
                "body": message["body"],
                "links": message["links"],
                "folder": message["folder"],
                "makler_id": makler_id,
                "link_state": seeding.link_state(b, db, message, makler_id),
            }
        )
    return result


def _attempts(b: Services, db: sqlite3.Connection, makler_ids: set[str], everything: bool) -> list[api.Attempt]:
    """Failure counters; for one broker also those of its customers' addresses under other Makler-IDs."""
    own = {
        r["email_norm"]
        for r in db.execute("SELECT e.email_norm, b.makler_id FROM externals e JOIN brokers b ON b.id = e.broker_id")
        if r["makler_id"] in makler_ids
    }
    result: list[api.Attempt] = []
    for row in db.execute("SELECT * FROM throttle ORDER BY key"):
        action, _, rest = row["key"].partition(":")
        makler_id, _, email = rest.rpartition(":")
        if not everything and makler_id not in makler_ids and email not in own:
            continue
        result.append(
            {
                "action": action,
                "makler_id": makler_id,
                "email": email,
                "failures": row["failures"],
                "locked": row["locked_until"] > b.clock.now(makler_id or None),
                "refused": json.loads(row["refused"]) if row["refused"] else [],
            }
        )
    return result
