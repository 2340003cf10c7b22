"""Typed answers of the backend's admin and test-control API, as the client hands them out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Broker:
    """A tenant created through the test-control API."""

    makler_id: str
    api_key: str
    name: str
    phone: str
    address: str
    seed: int


@dataclass(frozen=True)
class Mail:
    """One message in a fake mailbox."""

    id: int
    to: str
    subject: str
    body: str
    kind: str
    folder: str
    links: list[str]

    @classmethod
    def of(cls, data: dict[str, Any]) -> Mail:
        """A mail from its JSON form."""
        return cls(
            int(data["id"]),
            data["to"],
            data["subject"],
            data["body"],
            data["kind"],
            data["folder"],
            list(data["links"]),
        )


@dataclass(frozen=True)
class ProviderRule:
    """How one mail provider files unauthenticated mail (``GET /test/v1/mail-providers``)."""

    name: str
    domains: tuple[str, ...]
    spam_folder: str
    strict: bool

    @classmethod
    def of(cls, data: dict[str, Any]) -> ProviderRule:
        """A rule from its JSON form."""
        return cls(str(data["name"]), tuple(data["domains"]), str(data["spam_folder"]), bool(data["strict"]))

    def as_json(self) -> dict[str, object]:
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


def app_settings(data: dict[str, Any]) -> AppSettings:
    """``GET /admin/v1/settings/app`` as minimums per platform."""
    return {
        platform: Minimums(values.get("min_app_version"), values.get("min_os_version"))
        for platform, values in data.items()
        if isinstance(values, dict)
    }


@dataclass(frozen=True)
class Kundenapp:
    """Administration -> Konto -> Kundenapp: the Makler-ID customers need and the broker's app link."""

    makler_id: str
    app_link: str


@dataclass(frozen=True)
class Customer:
    """A broker's customer (a person or a company)."""

    id: int
    name: str
    kind: str
    email: str | None

    @classmethod
    def of(cls, data: dict[str, Any]) -> Customer:
        """A customer from its JSON form."""
        return cls(int(data["id"]), str(data["name"]), str(data["kind"]), data.get("email"))


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
    def of(cls, data: dict[str, Any]) -> Contract:
        """A contract from its JSON form."""
        return cls(
            int(data["id"]),
            int(data["customer_id"]),
            str(data["number"]),
            str(data["insurer"]),
            str(data["line"]),
            str(data["premium"]),
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
    def of(cls, data: dict[str, Any]) -> Contact:
        """A contact from its JSON form."""
        return cls(
            int(data["id"]), int(data["customer_id"]), str(data["name"]), data.get("email"), bool(data["kundenportal"])
        )


@dataclass(frozen=True)
class External:
    """Administration -> Externe: one app account (state ``eingeladen``, ``aktiv`` or ``deaktiviert``)."""

    id: int
    email: str
    customer_id: int
    state: str
    registered: bool
    name: str

    @classmethod
    def of(cls, data: dict[str, Any]) -> External:
        """An account from its JSON form."""
        return cls(
            int(data["id"]),
            str(data["email"]),
            int(data["customer_id"]),
            str(data["state"]),
            bool(data["registered"]),
            str(data.get("name", "")),
        )
