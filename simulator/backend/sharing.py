"""Which customers an app account may see (Geteilte Verträge).

An account sees its own customer, plus every customer of the same broker on
which the broker added a contact (Kontakte -> Personen) with the same e-mail
address and enabled the Kundenportal. Checked live on every read: revoking a
share hides the contracts at once, whatever the app or the session cached.
"""

from __future__ import annotations

import json
import sqlite3

from simulator.backend import mechanisms
from simulator.backend.errors import not_found
from simulator.spec import api


def live_scope(db: sqlite3.Connection, external: sqlite3.Row) -> list[int]:
    """Customer ids visible to this account right now, own customer first."""
    if mechanisms.is_off(db, "share_rule"):  # test-only switch (make fidelity): any contact shares
        rows = db.execute(
            "SELECT DISTINCT c.id FROM contacts k JOIN customers c ON c.id = k.customer_id "
            "WHERE c.broker_id = ? AND c.id != ? ORDER BY c.id",
            (external["broker_id"], external["customer_id"]),
        ).fetchall()
    else:
        rows = db.execute(
            "SELECT DISTINCT c.id FROM contacts k JOIN customers c ON c.id = k.customer_id "
            "WHERE k.email_norm = ? AND k.kundenportal = 1 AND c.broker_id = ? AND c.id != ? ORDER BY c.id",
            (external["email_norm"], external["broker_id"], external["customer_id"]),
        ).fetchall()
    return [external["customer_id"], *(r["id"] for r in rows)]


def session_scope(db: sqlite3.Connection, external: sqlite3.Row, session: sqlite3.Row) -> list[int]:
    """The live scope, narrowed to the scope fixed at login for sessions that have one."""
    live = live_scope(db, external)
    if session["scope"] is None:
        return live
    fixed = set(json.loads(session["scope"]))
    return [c for c in live if c in fixed]


def customers(db: sqlite3.Connection, external: sqlite3.Row, session: sqlite3.Row) -> list[api.CustomerChip]:
    """The customer chips of the contract list."""
    ids = session_scope(db, external, session)
    rows = {
        r["id"]: r
        for r in db.execute(
            f"SELECT id, name, kind FROM customers WHERE id IN ({','.join('?' * len(ids))})",  # noqa: S608
            ids,
        )
    }
    return [
        {"id": i, "name": rows[i]["name"], "kind": rows[i]["kind"], "primary": i == external["customer_id"]}
        for i in ids
        if i in rows
    ]


def contract_dict(row: sqlite3.Row) -> api.AppContract:
    """JSON form of a contract in the list."""
    return {
        "id": row["id"],
        "number": row["number"],
        "insurer": row["insurer"],
        "line": row["line"],
        "premium": row["premium"],
        "customer_id": row["customer_id"],
    }


def contract_details(row: sqlite3.Row) -> api.AppContractDetails:
    """JSON form of a contract with its documents."""
    return {**contract_dict(row), "documents": [{"name": name} for name in json.loads(row["documents"])]}


def contracts_of(
    db: sqlite3.Connection, external: sqlite3.Row, session: sqlite3.Row, customer_id: int
) -> list[api.AppContract]:
    """Contracts of one visible customer; 404 for any other (no existence oracle)."""
    if customer_id not in session_scope(db, external, session):
        raise not_found("Kunde")
    rows = db.execute("SELECT * FROM contracts WHERE customer_id = ? ORDER BY id", (customer_id,))
    return [contract_dict(r) for r in rows]


def contract(
    db: sqlite3.Connection, external: sqlite3.Row, session: sqlite3.Row, contract_id: int
) -> api.AppContractDetails:
    """One contract with documents, if its customer is visible."""
    row = db.execute("SELECT * FROM contracts WHERE id = ?", (contract_id,)).fetchone()
    if row is None or row["customer_id"] not in session_scope(db, external, session):
        raise not_found("Vertrag")
    return contract_details(row)
