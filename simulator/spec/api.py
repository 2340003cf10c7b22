"""The JSON shapes of the backend's answers: the backend builds them, the client reads them, OpenAPI shows them.

One definition for both sides of the HTTP API (app API, admin API, test-control API): the
backend's domain functions return these TypedDicts and FastAPI uses the return annotation as
``response_model``; ``simulator.client`` reads the same shapes into its typed objects. Neither
side imports the other (docs/architecture.md). Field order is the order of the JSON keys.

TypedDicts (from typing_extensions: pydantic needs that TypedDict before Python 3.12) rather than
models: the domain functions keep returning plain dicts and mypy checks every key. Over 400 lines
on purpose: declarations only, one per answer, grouped by surface (app and admin API first, then the
test-control API and its export), so the one place to look up an answer's shape stays one file.
"""

from __future__ import annotations

from typing import Literal, NotRequired

from typing_extensions import TypedDict

from simulator.spec.passwords import PasswordRuleId
from simulator.spec.vocabulary import AccountStateValue, AttemptAction, CustomerKind, LinkState, MechanismMode

BACKEND_TITLE = "Kunden-App fake broker backend"
"""The backend's OpenAPI title: how a client tells the backend apart from any other HTTP server."""

Activation = Literal["adopted", "link_sent"]
"""What a manual activation did with the account's password: adopted from a registration that proved the
mailbox, or none works and a link to set one went to the invited address (docs/backend-api.md)."""


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
    state: AccountStateValue
    registered: bool


class ExternalChanged(External):
    """An account after a state change; after a manual activation ``password`` says what became of the
    password and ``message`` says it to the broker in German (see accounts._activate)."""

    password: NotRequired[Activation]
    message: NotRequired[str]


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
    kind: CustomerKind
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


class Kundenapp(TypedDict):
    """Administration -> Konto -> Kundenapp: the Makler-ID customers need and the broker's app link."""

    makler_id: str
    app_link: str


class Minimums(TypedDict):
    """A platform's minimum app and OS version (Administration -> Einstellungen -> App)."""

    min_app_version: str
    min_os_version: str


class AppSettings(TypedDict):
    """Minimums per platform."""

    android: Minimums
    ios: Minimums


class MailSettings(TypedDict):
    """Whether mail sent for the broker is sender-authenticated (SPF/DKIM)."""

    sender_authenticated: bool


# --- app API: what the signed-in customer sees


class CustomerChip(TypedDict):
    """A customer chip on Verträge (the account's own customer is ``primary``)."""

    id: int
    name: str
    kind: str
    primary: bool


class CustomerChips(TypedDict):
    """The customers an account sees."""

    customers: list[CustomerChip]


class AppContract(TypedDict):
    """A contract in the app's list."""

    id: int
    number: str
    insurer: str
    line: str
    premium: str
    customer_id: int


class Document(TypedDict):
    """A document of a contract (by name)."""

    name: str


class AppContractDetails(AppContract):
    """A contract with its documents (Vertragsdetails)."""

    documents: list[Document]


class AppContracts(TypedDict):
    """Contracts of one visible customer."""

    contracts: list[AppContract]


# --- test-control API


class BrokerCreated(TypedDict):
    """A new tenant: its public data, the seed that replays it and its admin API key (shown once)."""

    makler_id: str
    name: str
    phone: str
    address: str
    sender_authenticated: bool
    seed: int
    api_key: str


# "from" is a keyword: the functional form.
Mail = TypedDict(
    "Mail",
    {
        "id": int,
        "to": str,
        "from": str,
        "subject": str,
        "body": str,
        "kind": str,
        "links": list[str],
        "folder": str,
        "sent_at": float,
    },
)
"""One message in a fake mailbox, with the folder its provider filed it in."""


class Mails(TypedDict):
    """Messages to one address, oldest first."""

    messages: list[Mail]


class Provider(TypedDict):
    """How one mail provider files unauthenticated mail."""

    name: str
    domains: list[str]
    spam_folder: str
    strict: bool


class Providers(TypedDict):
    """The global mail provider rules, in the order they apply."""

    providers: list[Provider]


class Clock(TypedDict):
    """A broker's clock (or the global one), seconds since the epoch."""

    now: float


class Revoked(TypedDict):
    """How many sessions were revoked."""

    revoked: int


class Fault(TypedDict):
    """An injected fault of one broker's app API (``makler_id`` None: every broker)."""

    makler_id: str | None
    outage_requests: int
    outage_seconds: float
    latency_ms: int


class Attempt(TypedDict):
    """A counter of failed login / registration / reset attempts and whether it locks now."""

    action: AttemptAction | Literal["konsole"]  # "konsole": the broker's own sign-in to the Konsole (email empty)
    makler_id: str
    email: str
    failures: int
    locked: bool
    refused: list[PasswordRuleId]  # the rules the last registration refused for its password broke


class MechanismInfo(TypedDict):
    """A switchable mechanism's mode and what it does."""

    mode: MechanismMode
    what: str


class Mechanisms(TypedDict):
    """Every switchable mechanism by name."""

    mechanisms: dict[str, MechanismInfo]


class MechanismModes(TypedDict):
    """Every switchable mechanism's mode by name (the answer to switching one)."""

    mechanisms: dict[str, MechanismMode]


# --- test-control export (GET /test/v1/export): what snapshots and the diagnosis read


class ExportSession(TypedDict):
    """A session of an account; ``tag`` names it as the phone that holds it does (simulator/spec/tokens.py)."""

    tag: str
    platform: str
    app_version: str | None
    active: bool
    revoked: bool
    scope: list[int] | None  # the customer ids a session fixed at login (older builds), else None


class ExportExternal(TypedDict):
    """An account: whether it has a password (its hash only when asked for), the customers it sees, its sessions.

    For an invited account the password is an unconfirmed registration's; ``from_invitation`` says that
    registration proved the mailbox (it carried the invitation link's secret).
    """

    id: int
    email: str
    state: AccountStateValue
    registered: bool
    from_invitation: bool
    password_hash: NotRequired[str | None]
    visible_customers: list[int]
    sessions: list[ExportSession]


class ExportContract(TypedDict):
    """A contract (without ids: a loaded world gets new ones)."""

    number: str
    insurer: str
    line: str
    premium: str
    documents: list[str]


class ExportContact(TypedDict):
    """A contact (Kontakte -> Personen)."""

    name: str
    email: str | None
    kundenportal: bool


class ExportCustomer(TypedDict):
    """A customer with contracts, contacts and accounts."""

    id: int
    name: str
    kind: CustomerKind
    email: str | None
    contracts: list[ExportContract]
    contacts: list[ExportContact]
    externals: list[ExportExternal]


class ExportBroker(TypedDict):
    """A broker with its settings and customers."""

    makler_id: str
    name: str
    phone: str
    address: str
    seed: int
    sender_authenticated: bool
    min_versions: AppSettings
    customers: list[ExportCustomer]


class ExportMail(TypedDict):
    """A mail as recorded, with the state of its confirmation / reset link (None: it has none)."""

    to: str
    sender: str
    kind: str
    subject: str
    body: str
    links: list[str]
    folder: str
    makler_id: str | None
    link_state: LinkState | None


class Export(TypedDict):
    """The whole state of the store (or of one broker)."""

    mail_providers: list[Provider]
    brokers: list[ExportBroker]
    mails: list[ExportMail]
    attempts: list[Attempt]
    faults: list[Fault]  # what remains of each injected fault
