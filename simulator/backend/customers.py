"""The broker's customers, their contracts and contacts (Kontakte -> Personen)."""

from __future__ import annotations

import json
import sqlite3
from typing import TypedDict

from simulator.backend import mail
from simulator.backend.errors import not_found
from simulator.spec.api import Contact, Contract, Customer


class NewContract(TypedDict):
    """A contract as the broker enters it."""

    number: str
    insurer: str
    line: str
    premium: str
    documents: list[str]


class ContactChanges(TypedDict, total=False):
    """What 3-Punkte-Menü -> Bearbeiten changes: only the given keys (an empty e-mail removes it)."""

    name: str | None
    email: str | None
    kundenportal: bool | None


def customer_dict(row: sqlite3.Row) -> Customer:
    """JSON form of a customer."""
    return {"id": row["id"], "name": row["name"], "kind": row["kind"], "email": row["email"]}


def contact_dict(row: sqlite3.Row) -> Contact:
    """JSON form of a contact."""
    return {
        "id": row["id"],
        "customer_id": row["customer_id"],
        "name": row["name"],
        "email": row["email"],
        "kundenportal": bool(row["kundenportal"]),
    }


def get(db: sqlite3.Connection, broker_id: int, customer_id: int) -> sqlite3.Row:
    """One of this broker's customers; 404 for anyone else's."""
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM customers WHERE id = ? AND broker_id = ?", (customer_id, broker_id)
    ).fetchone()
    if row is None:
        raise not_found("Kunde")
    return row


def create(db: sqlite3.Connection, broker_id: int, name: str, kind: str, email: str | None) -> Customer:
    """A new customer (person or company)."""
    cur = db.execute(
        "INSERT INTO customers (broker_id, name, kind, email) VALUES (?, ?, ?, ?)",
        (broker_id, name, kind, email.strip() if email else None),
    )
    return customer_dict(get(db, broker_id, int(cur.lastrowid or 0)))


def listing(db: sqlite3.Connection, broker_id: int) -> list[Customer]:
    """All customers of a broker."""
    rows = db.execute("SELECT * FROM customers WHERE broker_id = ? ORDER BY id", (broker_id,))
    return [customer_dict(r) for r in rows]


def add_contract(db: sqlite3.Connection, broker_id: int, customer_id: int, data: NewContract) -> Contract:
    """A new contract on a customer."""
    get(db, broker_id, customer_id)
    cur = db.execute(
        "INSERT INTO contracts (customer_id, number, insurer, line, premium, documents) VALUES (?, ?, ?, ?, ?, ?)",
        (customer_id, data["number"], data["insurer"], data["line"], data["premium"], json.dumps(data["documents"])),
    )
    row = db.execute("SELECT * FROM contracts WHERE id = ?", (cur.lastrowid,)).fetchone()
    return _contract(row)


def _contract(row: sqlite3.Row) -> Contract:
    return {
        "id": row["id"],
        "customer_id": row["customer_id"],
        "number": row["number"],
        "insurer": row["insurer"],
        "line": row["line"],
        "premium": row["premium"],
        "documents": json.loads(row["documents"]),
    }


def contracts(db: sqlite3.Connection, broker_id: int, customer_id: int) -> list[Contract]:
    """Contracts of one customer."""
    get(db, broker_id, customer_id)
    rows = db.execute("SELECT * FROM contracts WHERE customer_id = ? ORDER BY id", (customer_id,))
    return [_contract(r) for r in rows]


def remove_contract(db: sqlite3.Connection, broker_id: int, contract_id: int) -> None:
    """Delete a contract of this broker."""
    cur = db.execute(
        "DELETE FROM contracts WHERE id = ? AND customer_id IN (SELECT id FROM customers WHERE broker_id = ?)",
        (contract_id, broker_id),
    )
    if cur.rowcount == 0:
        raise not_found("Vertrag")


def add_contact(
    db: sqlite3.Connection, broker_id: int, customer_id: int, name: str, email: str | None, kundenportal: bool
) -> Contact:
    """Kontakte -> Personen -> hinzufügen (with or without e-mail)."""
    get(db, broker_id, customer_id)
    email = email.strip() if email and email.strip() else None
    cur = db.execute(
        "INSERT INTO contacts (customer_id, name, email, email_norm, kundenportal) VALUES (?, ?, ?, ?, ?)",
        (customer_id, name, email, mail.normalise(email) if email else None, int(kundenportal)),
    )
    return contact_dict(_contact(db, broker_id, customer_id, int(cur.lastrowid or 0)))


def _contact(db: sqlite3.Connection, broker_id: int, customer_id: int, contact_id: int) -> sqlite3.Row:
    get(db, broker_id, customer_id)
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM contacts WHERE id = ? AND customer_id = ?", (contact_id, customer_id)
    ).fetchone()
    if row is None:
        raise not_found("Kontakt")
    return row


def contacts(db: sqlite3.Connection, broker_id: int, customer_id: int) -> list[Contact]:
    """Kontakte -> Personen of one customer."""
    get(db, broker_id, customer_id)
    rows = db.execute("SELECT * FROM contacts WHERE customer_id = ? ORDER BY id", (customer_id,))
    return [contact_dict(r) for r in rows]


def edit_contact(
    db: sqlite3.Connection, broker_id: int, customer_id: int, contact_id: int, changes: ContactChanges
) -> Contact:
    """3-Punkte-Menü -> Bearbeiten: change e-mail and/or the Kundenportal flag."""
    _contact(db, broker_id, customer_id, contact_id)
    if "email" in changes:
        email = (changes["email"] or "").strip() or None
        db.execute(
            "UPDATE contacts SET email = ?, email_norm = ? WHERE id = ?",
            (email, mail.normalise(email) if email else None, contact_id),
        )
    name = changes.get("name")
    if name:
        db.execute("UPDATE contacts SET name = ? WHERE id = ?", (name, contact_id))
    kundenportal = changes.get("kundenportal")
    if kundenportal is not None:
        db.execute("UPDATE contacts SET kundenportal = ? WHERE id = ?", (int(kundenportal), contact_id))
    return contact_dict(_contact(db, broker_id, customer_id, contact_id))


def remove_contact(db: sqlite3.Connection, broker_id: int, customer_id: int, contact_id: int) -> None:
    """Remove a contact (ends that share at once)."""
    _contact(db, broker_id, customer_id, contact_id)
    db.execute("DELETE FROM contacts WHERE id = ?", (contact_id,))
