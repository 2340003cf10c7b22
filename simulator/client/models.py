"""Typed answers of the backend's admin and test-control API, as the client hands them out.

Each object is read from the answer's JSON shape in ``simulator.spec.api``, the one definition the
backend's routes return as well: a key the backend renames or drops is a type error here.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.client.redact import redacted_repr
from simulator.spec import api
from simulator.spec.vocabulary import AccountState


@dataclass(frozen=True, repr=False)
class Broker:
    """A tenant created through the test-control API (its API key masked in the repr)."""

    makler_id: str
    api_key: str
    name: str
    phone: str
    address: str
    seed: int

    @classmethod
    def of(cls, data: api.BrokerCreated) -> Broker:
        """A broker from the answer that created it."""
        return cls(data["makler_id"], data["api_key"], data["name"], data["phone"], data["address"], data["seed"])

    def __repr__(self) -> str:
        return redacted_repr(self, secret={"api_key"})


@dataclass(frozen=True, repr=False)
class Mail:
    """One message in a fake mailbox (the tokens of its links masked in the repr)."""

    id: int
    to: str
    subject: str
    body: str
    kind: str
    folder: str
    links: list[str]

    @classmethod
    def of(cls, data: api.Mail) -> Mail:
        """A mail from its JSON form."""
        return cls(data["id"], data["to"], data["subject"], data["body"], data["kind"], data["folder"], data["links"])

    def __repr__(self) -> str:
        return redacted_repr(self)


@dataclass(frozen=True)
class ProviderRule:
    """How one mail provider files unauthenticated mail (``GET /test/v1/mail-providers``)."""

    name: str
    domains: tuple[str, ...]
    spam_folder: str
    strict: bool

    @classmethod
    def of(cls, data: api.Provider) -> ProviderRule:
        """A rule from its JSON form."""
        return cls(data["name"], tuple(data["domains"]), data["spam_folder"], data["strict"])

    def as_json(self) -> api.Provider:
        """The rule as the test-control API takes it."""
        return {
            "name": self.name,
            "domains": list(self.domains),
            "spam_folder": self.spam_folder,
            "strict": self.strict,
        }


@dataclass(frozen=True)
class Minimums:
    """A platform's minimum app and OS version (Administration -> Einstellungen -> App)."""

    min_app_version: str | None
    min_os_version: str | None


AppSettings = dict[str, Minimums]
"""Minimums per platform (``android``, ``ios``)."""


def app_settings(data: api.AppSettings) -> AppSettings:
    """``GET /admin/v1/settings/app`` as minimums per platform."""
    return {
        platform: Minimums(values["min_app_version"], values["min_os_version"])
        for platform, values in (("android", data["android"]), ("ios", data["ios"]))
    }


@dataclass(frozen=True)
class Kundenapp:
    """Administration -> Konto -> Kundenapp: the Makler-ID customers need and the broker's app link."""

    makler_id: str
    app_link: str

    @classmethod
    def of(cls, data: api.Kundenapp) -> Kundenapp:
        """The Kundenapp page from its JSON form."""
        return cls(data["makler_id"], data["app_link"])


@dataclass(frozen=True)
class Customer:
    """A broker's customer (a person or a company)."""

    id: int
    name: str
    kind: str
    email: str | None

    @classmethod
    def of(cls, data: api.Customer) -> Customer:
        """A customer from its JSON form."""
        return cls(data["id"], data["name"], data["kind"], data["email"])


@dataclass(frozen=True)
class Contract:
    """A contract on a customer."""

    id: int
    customer_id: int
    number: str
    insurer: str
    line: str
    premium: str
    documents: tuple[str, ...]

    @classmethod
    def of(cls, data: api.Contract) -> Contract:
        """A contract from its JSON form."""
        return cls(
            data["id"],
            data["customer_id"],
            data["number"],
            data["insurer"],
            data["line"],
            data["premium"],
            tuple(data["documents"]),
        )


@dataclass(frozen=True)
class Contact:
    """Kontakte -> Personen: someone a customer shares contracts with (through the Kundenportal)."""

    id: int
    customer_id: int
    name: str
    email: str | None
    kundenportal: bool

    @classmethod
    def of(cls, data: api.Contact) -> Contact:
        """A contact from its JSON form."""
        return cls(data["id"], data["customer_id"], data["name"], data["email"], data["kundenportal"])


@dataclass(frozen=True)
class External:
    """Administration -> Externe: one app account (state ``eingeladen``, ``aktiv`` or ``deaktiviert``)."""

    id: int
    email: str
    customer_id: int
    state: AccountState
    registered: bool
    name: str

    @classmethod
    def of(cls, data: api.ExternalListed) -> External:
        """An account from its JSON form."""
        return cls(
            data["id"],
            data["email"],
            data["customer_id"],
            AccountState(data["state"]),
            data["registered"],
            data["name"],
        )
