"""Shapes of the app-API and admin-API answers, as the domain functions build them and OpenAPI shows them.

TypedDicts (from typing_extensions: pydantic needs that TypedDict before Python 3.12) rather than
models: the domain functions keep returning plain dicts, mypy checks every key, and FastAPI uses
the return annotation as ``response_model``. Field order is the order of the JSON keys.
"""

from __future__ import annotations

from typing import Literal, NotRequired

from typing_extensions import TypedDict

Activation = Literal["adopted", "kept", "link_sent"]
"""What a manual activation did with the account's password."""


class Message(TypedDict):
    """A German sentence the app shows as is."""

    message: str


class AppConfig(TypedDict):
    """Minimum versions the app checks at start, and the newest build."""

    min_app_version: str
    min_os_version: str
    latest_app_version: str


class Tokens(TypedDict):
    """An access and a refresh token (OAuth 2 style)."""

    access_token: str
    refresh_token: str
    token_type: Literal["bearer"]
    expires_in: int


class Me(TypedDict):
    """Ich: who is signed in."""

    name: str
    email: str
    makler_id: str
    customer_id: int


class BrokerContact(TypedDict):
    """Überblick: the broker's contact data."""

    makler_id: str
    name: str
    phone: str
    address: str


class External(TypedDict):
    """An app account (Externer) in the admin lists."""

    id: int
    email: str
    customer_id: int
    state: str  # an AccountState value
    registered: bool


class ExternalChanged(External):
    """An account after a state change; ``password`` after a manual activation (see accounts._activate)."""

    password: NotRequired[Activation]


class ExternalListed(External):
    """An account in Administration -> Externe, with its customer's name."""

    name: str


class Externals(TypedDict):
    """Administration -> Externe (one tab or all)."""

    externe: list[ExternalListed]


class Customer(TypedDict):
    """A broker's customer (person or company)."""

    id: int
    name: str
    kind: str  # "person" or "firma"
    email: str | None


class Customers(TypedDict):
    """All customers of a broker."""

    customers: list[Customer]


class Contract(TypedDict):
    """A contract as the broker's admin API shows it (document names only)."""

    id: int
    customer_id: int
    number: str
    insurer: str
    line: str
    premium: str
    documents: list[str]


class Contracts(TypedDict):
    """Contracts of one customer (admin API)."""

    contracts: list[Contract]


class Contact(TypedDict):
    """Kontakte -> Personen: a person the customer's data is shared with."""

    id: int
    customer_id: int
    name: str
    email: str | None
    kundenportal: bool


class Contacts(TypedDict):
    """Kontakte -> Personen of one customer."""

    contacts: list[Contact]
