"""Fake mail providers and mailboxes (Allgemein: invitation filed as Spam or Junk).

Each recipient domain belongs to a provider. A *strict* provider files mail
from a broker without sender authentication (SPF/DKIM) into its spam folder,
which some providers call "Spam" and others "Junk"; a lenient one never does.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any, TypedDict

from simulator.backend import mechanisms
from simulator.spec import api
from simulator.spec.vocabulary import INBOX as INBOX  # re-exported: the backend files by it
from simulator.spec.vocabulary import MailKind

PLATFORM_SENDER = "noreply@kundenapp.example"


@dataclass(frozen=True)
class Provider:
    """A mail provider: which domains it serves and how it files mail."""

    name: str
    domains: tuple[str, ...]  # "*" serves every domain no other provider claims
    spam_folder: str
    strict: bool

    def as_dict(self) -> api.Provider:
        """JSON form."""
        return {
            "name": self.name,
            "domains": list(self.domains),
            "spam_folder": self.spam_folder,
            "strict": self.strict,
        }


DEFAULT_PROVIDERS = (
    Provider("strikt-spam", ("strikt-mail.example",), "Spam", strict=True),
    Provider("strikt-junk", ("junk-mail.example",), "Junk", strict=True),
    Provider("offen", ("*",), "Spam", strict=False),
)


def normalise(address: str) -> str:
    """Case-insensitive form of an address for comparisons."""
    return address.strip().casefold()


def install_providers(db: sqlite3.Connection, providers: tuple[Provider, ...] | list[Provider]) -> None:
    """Replace the provider rules."""
    db.execute("DELETE FROM mail_providers")
    for position, p in enumerate(providers):
        db.execute(
            "INSERT INTO mail_providers (name, domains, spam_folder, strict, position) VALUES (?, ?, ?, ?, ?)",
            (p.name, json.dumps([d.casefold() for d in p.domains]), p.spam_folder, int(p.strict), position),
        )


def providers(db: sqlite3.Connection) -> list[Provider]:
    """The rules in order; the defaults when none are installed."""
    rows = db.execute("SELECT * FROM mail_providers ORDER BY position").fetchall()
    if not rows:
        return list(DEFAULT_PROVIDERS)
    return [Provider(r["name"], tuple(json.loads(r["domains"])), r["spam_folder"], bool(r["strict"])) for r in rows]


def provider_for(db: sqlite3.Connection, address: str) -> Provider:
    """The provider serving this address's domain (the catch-all "*" last)."""
    domain = normalise(address).rpartition("@")[2]
    rules = providers(db)
    for p in rules:
        if domain in p.domains:
            return p
    for p in rules:
        if "*" in p.domains:
            return p
    return DEFAULT_PROVIDERS[-1]


def deliver(
    db: sqlite3.Connection,
    *,
    now: float,
    to: str,
    subject: str,
    body: str,
    kind: MailKind,
    links: list[str],
    broker: sqlite3.Row | None,
) -> int:
    """File one message according to the recipient's provider; returns its id."""
    provider = provider_for(db, to)
    authenticated = broker is None or bool(broker["sender_authenticated"])
    spam = provider.strict and not authenticated
    filing = mechanisms.mode(db, "spam_filing")  # test-only switch (make fidelity)
    if filing != "normal":
        spam = not spam and filing == "inverted"
    folder = provider.spam_folder if spam else INBOX
    sender = f"{broker['name']} <noreply@kundenapp.example>" if broker is not None else PLATFORM_SENDER
    cur = db.execute(
        "INSERT INTO messages (broker_id, recipient, recipient_norm, sender, subject, body, kind, links, "
        "folder, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            broker["id"] if broker is not None else None,
            to,
            normalise(to),
            sender,
            subject,
            body,
            kind,
            json.dumps(links),
            folder,
            now,
        ),
    )
    return int(cur.lastrowid or 0)


def message_dict(row: sqlite3.Row) -> api.Mail:
    """JSON form of a stored message."""
    return {
        "id": row["id"],
        "to": row["recipient"],
        "from": row["sender"],
        "subject": row["subject"],
        "body": row["body"],
        "kind": row["kind"],
        "links": json.loads(row["links"]),
        "folder": row["folder"],
        "sent_at": row["sent_at"],
    }


def mailbox(db: sqlite3.Connection, address: str, folder: str | None = None, kind: str | None = None) -> list[api.Mail]:
    """Messages to one address, oldest first, optionally of one folder and kind."""
    query = "SELECT * FROM messages WHERE recipient_norm = ?"
    params: list[Any] = [normalise(address)]
    if folder:
        query += " AND folder = ?"
        params.append(folder)
    if kind:
        query += " AND kind = ?"
        params.append(kind)
    return [message_dict(r) for r in db.execute(query + " ORDER BY id", params)]


class Address(TypedDict):
    """An address that received mail (Postfach): its message count per folder and its newest message's time."""

    address: str
    folders: dict[str, int]
    last: float


def addresses(db: sqlite3.Connection, search: str = "") -> list[Address]:
    """Every address that received mail (optionally containing ``search``), with its folders' counts."""
    rows = db.execute(
        "SELECT recipient_norm, MIN(recipient) AS address, folder, COUNT(*) AS n, MAX(sent_at) AS last "
        "FROM messages WHERE instr(recipient_norm, ?) > 0 GROUP BY recipient_norm, folder ORDER BY recipient_norm",
        (normalise(search),),
    ).fetchall()
    result: dict[str, Address] = {}
    for r in rows:
        entry = result.setdefault(r["recipient_norm"], {"address": r["address"], "folders": {}, "last": 0.0})
        entry["folders"][r["folder"]] = r["n"]
        entry["last"] = max(entry["last"], r["last"])
    return list(result.values())


def message(db: sqlite3.Connection, message_id: int) -> api.Mail | None:
    """One stored message, or None."""
    row = db.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
    return message_dict(row) if row is not None else None
