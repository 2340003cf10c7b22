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
