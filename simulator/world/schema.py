"""The world file schema: brokers, customers, accounts, mail, the customers' phones (docs/fehlerbericht.md).

Versioned: a file without ``version`` is version 1. Version 2 (what ``snapshot`` writes) adds several
phones (``phones``), a phone's app process and screen (``process``, ``screen``) and the password rules
a refused registration broke (``attempts[].refused``); ``VERSION_2_FIELDS`` lists them, and a file
that uses one without ``version: 2`` is refused with line and field (``simulator/world/checks.py``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from simulator.registry import NEWEST_RELEASE
from simulator.spec import limits
from simulator.spec.passwords import PasswordRuleId
from simulator.spec.phones import ProcessState
from simulator.spec.vocabulary import INBOX, AccountStateValue, AttemptAction, CustomerKind, LinkState

SchemaVersion = Literal[1, 2]
SCHEMA_VERSION: SchemaVersion = 2
VERSION_PATTERN = r"^\d{1,4}(\.\d{1,4}){0,3}$"
APP_VERSION_PATTERN = r"^\d{1,4}(\.\d{1,4}){1,3}$"  # the build's file name carries it: kundenapp-3.5.0.apk
EMAIL_PATTERN = r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$"
MAKLER_ID_PATTERN = r"^[A-Za-z0-9-]{2,32}$"
DEFAULT_OS_VERSION = {"android": "14", "ios": "17.4"}
DEFAULT_DEVICE_NAME = {"android": "Pixel 8", "ios": "iPhone 15"}


def _number_as_text(value: object) -> object:
    """YAML reads ``os_version: 14`` as a number; versions are text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Version = Annotated[str, BeforeValidator(_number_as_text), Field(pattern=VERSION_PATTERN)]
AppVersion = Annotated[str, Field(pattern=APP_VERSION_PATTERN)]
Email = Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=limits.EMAIL_MAX)]
MaklerId = Annotated[str, Field(pattern=MAKLER_ID_PATTERN)]
AnyMaklerId = Annotated[str, BeforeValidator(_number_as_text), Field(min_length=1, max_length=limits.MAKLER_ID_MAX)]
Text = Annotated[str, BeforeValidator(_number_as_text), Field(min_length=1, max_length=limits.NAME_MAX)]
State = AccountStateValue
Platform = Literal["android", "ios"]


class Part(BaseModel):
    """Every section: unknown keys are errors (a typo must not be ignored silently)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Minimum(Part):
    """Minimum app and OS version a broker accepts on one platform (absent: the backend default)."""

    app: Version | None = None
    os: Version | None = None


class Minimums(Part):
    """Minimums per platform."""

    android: Minimum | None = None
    ios: Minimum | None = None


class Contract(Part):
    """A contract (Vertrag) of a customer."""

    number: Text
    insurer: Text = "Allianz"
    line: Text = "Hausrat"
    premium: Text = "12,50 €"
    documents: list[Text] = []


class Contact(Part):
    """Kontakte -> Personen: a person on a customer; same e-mail + Kundenportal shares the customer."""

    name: Text
    email: Email | None = None
    kundenportal: bool = False
    added: Literal["before_login", "after_login", "after_app_start"] = "before_login"


class External(Part):
    """An app account (Externer) of the customer."""

    email: Email
    state: State = "aktiv"
    password: Annotated[str, Field(min_length=1, max_length=limits.PASSWORD_MAX)] | None = None
    password_hash: Annotated[str, Field(min_length=1, max_length=limits.PASSWORD_HASH_MAX)] | None = None
    from_invitation: bool = False  # an invited account's password: the registration came from the invitation link
    send_invitation: bool = True


class Customer(Part):
    """A customer (Kunde) of the broker: person or company."""

    name: Text
    kind: CustomerKind = "person"
    email: Email | None = None
    contracts: list[Contract] = []
    contacts: list[Contact] = []
    externals: list[External] = []


class Broker(Part):
    """A broker (Makler, tenant) with its Makler-ID, settings and customers."""

    makler_id: MaklerId
    name: Text | None = None
    phone: Text | None = None
    address: Text | None = None
    seed: Annotated[int, Field(ge=0, lt=2**63)] | None = None
    api_key: Annotated[str, Field(min_length=limits.API_KEY_MIN, max_length=limits.API_KEY_MAX)] | None = None
    sender_authenticated: bool = True
    minimums: Minimums | None = None
    customers: list[Customer] = []


class MailProvider(Part):
    """Which recipient domains a mail provider serves and where it files unauthenticated mail."""

    name: Text
    domains: Annotated[list[Text], Field(min_length=1)]
    spam_folder: Text = "Spam"
    strict: bool = True


class Mail(Part):
    """A mail sent earlier, restored verbatim (what a snapshot records)."""

    to: Email
    kind: Annotated[str, Field(min_length=1, max_length=limits.MAIL_KIND_MAX)]
    subject: Annotated[str, Field(max_length=limits.MAIL_SUBJECT_MAX)]
    body: Annotated[str, Field(max_length=limits.MAIL_BODY_MAX)] = ""
    links: Annotated[
        list[Annotated[str, Field(max_length=limits.MAIL_LINK_MAX)]], Field(max_length=limits.MAIL_LINKS_MAX)
    ] = []
    folder: Annotated[str, Field(min_length=1, max_length=limits.MAIL_FOLDER_MAX)] = INBOX
    sender: Annotated[str, Field(max_length=limits.MAIL_SENDER_MAX)] | None = None
    makler_id: MaklerId | None = None
    link_state: LinkState | None = None


class Attempt(Part):
    """Failed attempts the backend counted (throttling), restored verbatim (what a snapshot records)."""

    action: AttemptAction
    makler_id: AnyMaklerId
    email: Annotated[str, Field(min_length=1, max_length=limits.EMAIL_MAX)]
    failures: Annotated[int, Field(ge=0, le=limits.ATTEMPT_FAILURES_MAX)] = 1
    locked: bool = False
    refused: list[PasswordRuleId] = []  # version 2: the rules a registration with this address was refused for


class AppAction(Part):
    """Something the customer did in the app, replayed through the app API when the world is loaded.

    ``from_invitation``: the registration was opened from the invitation link mailed to ``email``, so
    it carries that link's secret (the loaded world's invitation mail gives it).
    """

    action: Literal["register", "login", "forgot"]
    email: Email
    makler_id: AnyMaklerId
    password: Annotated[str, Field(min_length=1, max_length=limits.PASSWORD_MAX)] | None = None
    from_invitation: bool = False


class Fault(Part):
    """An injected outage and/or latency of the app API, for one broker or all (set last when loading)."""

    makler_id: MaklerId | None = None
    outage_requests: Annotated[int, Field(ge=0, le=limits.FAULT_OUTAGE_REQUESTS_MAX)] = 0
    outage_seconds: Annotated[float, Field(ge=0, le=limits.FAULT_OUTAGE_SECONDS_MAX)] = 0
    latency_ms: Annotated[int, Field(ge=0, le=limits.FAULT_LATENCY_MS_MAX)] = 0


class WorldPhone(Part):
    """The customer's phone: platform, OS, installed build, logged in or not, forced app behaviours."""

    platform: Platform = "android"
    device_name: Text | None = None
    os_version: Version | None = None
    app_version: AppVersion = NEWEST_RELEASE
    installed: bool = True
    account: Email | None = None
    logged_in: bool = False
    session: Literal["valid", "revoked"] = "valid"
    makler_id: AnyMaklerId | None = None
    behaviours: dict[str, bool] = {}
    process: ProcessState = "not_running"  # version 2: background: the next session finds the app started, behind
    screen: Text | None = None  # version 2: what it showed when the snapshot was taken (not restored)

    @property
    def os(self) -> str:
        """The OS version, or the platform's default."""
        return self.os_version or DEFAULT_OS_VERSION[self.platform]

    @property
    def device(self) -> str:
        """The device name, or the platform's default."""
        return self.device_name or DEFAULT_DEVICE_NAME[self.platform]


class World(Part):
    """One described state of the world: what a bug report needs to happen again."""

    version: SchemaVersion = 1  # absent: version 1; SCHEMA_VERSION is the newest
    description: Annotated[str, Field(max_length=limits.MAIL_BODY_MAX)] | None = None
    mail_providers: list[MailProvider] | None = None
    brokers: list[Broker] = []
    mails: list[Mail] = []
    attempts: list[Attempt] = []
    history: list[AppAction] = []
    faults: list[Fault] = []
    phone: WorldPhone | None = None
    phones: list[WorldPhone] = []  # version 2: several phones (instead of ``phone``)

    @property
    def all_phones(self) -> list[WorldPhone]:
        """Every phone of the world: ``phone`` or the ``phones``."""
        return [self.phone] if self.phone is not None else list(self.phones)

    def phone_locs(self) -> list[tuple[tuple[str | int, ...], WorldPhone]]:
        """Every phone with where it sits in the file (``phone`` or ``phones[i]``)."""
        if self.phone is not None:
            return [(("phone",), self.phone)]
        return [(("phones", i), phone) for i, phone in enumerate(self.phones)]


VERSION_2_FIELDS: dict[type[BaseModel], frozenset[str]] = {
    World: frozenset({"phones"}),
    WorldPhone: frozenset({"process", "screen"}),
    Attempt: frozenset({"refused"}),
}
"""The fields a world file may only use with ``version: 2``."""
