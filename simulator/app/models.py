"""What the app API answers, as the app keeps it (docs/backend-api.md, App API).

Parsing is lenient about ids (int or str) and display values, strict about
the fields the screens need. ``to_json`` / ``from_json`` also serve the
persisted cache.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

JsonObject = Mapping[str, Any]


class ProtocolError(ValueError):
    """The backend answered with a body the app cannot read."""


def _obj(value: object, what: str) -> JsonObject:
    if not isinstance(value, Mapping):
        raise ProtocolError(f"{what}: expected an object, got {type(value).__name__}")
    return value


def _str(data: JsonObject, key: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if value is None:
        if default is not None:
            return default
        raise ProtocolError(f"missing field {key!r}")
    return display_text(value)


def display_text(value: object) -> str:
    """A JSON value as one line of screen text (objects joined by ", ", None as "")."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return ", ".join(display_text(part) for part in value.values() if part not in (None, ""))
    if isinstance(value, list | tuple):
        return ", ".join(display_text(part) for part in value)
    return str(value)


def format_premium(value: object) -> str:
    """A premium as shown in German: ``12.5`` -> ``"12,50 €"``; text is shown as sent."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return display_text(value)
    grouped = f"{value:,.2f}"  # 1,234.50
    return grouped.replace(",", "_").replace(".", ",").replace("_", ".") + " €"


@dataclass(frozen=True)
class Tokens:
    """Access and refresh token of one app session."""

    access_token: str
    refresh_token: str

    @classmethod
    def from_json(cls, raw: object) -> Tokens:
        """Parse a /login or /token/refresh answer."""
        data = _obj(raw, "tokens")
        return cls(access_token=_str(data, "access_token"), refresh_token=_str(data, "refresh_token"))


@dataclass(frozen=True)
class AppConfig:
    """GET /config: minimum versions the broker accepts for this platform."""

    min_app_version: str | None
    min_os_version: str | None
    latest_app_version: str | None

    @classmethod
    def from_json(cls, raw: object) -> AppConfig:
        """Parse a /config answer; missing minimums mean no minimum."""
        data = _obj(raw, "config")

        def optional(key: str) -> str | None:
            value = data.get(key)
            return None if value in (None, "") else str(value)

        return cls(optional("min_app_version"), optional("min_os_version"), optional("latest_app_version"))


@dataclass(frozen=True)
class Me:
    """GET /me: the logged-in customer."""

    name: str
    email: str
    makler_id: str
    customer_id: str

    @classmethod
    def from_json(cls, raw: object) -> Me:
        """Parse a /me answer."""
        data = _obj(raw, "me")
        return cls(_str(data, "name"), _str(data, "email"), _str(data, "makler_id", ""), _str(data, "customer_id", ""))


@dataclass(frozen=True)
class Broker:
    """GET /broker: the broker's contact shown on Überblick."""

    makler_id: str
    name: str
    phone: str
    address: str

    @classmethod
    def from_json(cls, raw: object) -> Broker:
        """Parse a /broker answer."""
        data = _obj(raw, "broker")
        return cls(_str(data, "makler_id", ""), _str(data, "name"), _str(data, "phone", ""), _str(data, "address", ""))


@dataclass(frozen=True)
class Customer:
    """One customer this account may see (a chip on Verträge)."""

    id: str
    name: str
    kind: str
    primary: bool

    @classmethod
    def from_json(cls, raw: object) -> Customer:
        """Parse one entry of /customers."""
        data = _obj(raw, "customer")
        return cls(_str(data, "id"), _str(data, "name"), _str(data, "kind", ""), bool(data.get("primary", False)))


@dataclass(frozen=True)
class Contract:
    """One contract row; ``documents`` is filled only by GET /contracts/{id}."""

    id: str
    number: str
    insurer: str
    line: str
    premium: str
    customer_id: str
    documents: tuple[str, ...] = ()

    @classmethod
    def from_json(cls, raw: object) -> Contract:
        """Parse a contract of a list or a detail answer (premium formatted for display)."""
        data = _obj(raw, "contract")
        premium = data.get("premium")
        docs = data.get("documents") or []
        if not isinstance(docs, list):
            raise ProtocolError("documents: expected a list")
        return cls(
            id=_str(data, "id"),
            number=_str(data, "number", ""),
            insurer=_str(data, "insurer", ""),
            line=_str(data, "line", ""),
            premium=premium if isinstance(premium, str) else format_premium(premium),
            customer_id=_str(data, "customer_id", ""),
            documents=tuple(_str(doc, "name") if isinstance(doc, Mapping) else str(doc) for doc in docs),
        )


def to_json(value: object) -> dict[str, Any]:
    """A model as a JSON-able dict (for the persisted cache)."""
    result: dict[str, Any] = asdict(value)  # type: ignore[call-overload]
    for key, item in result.items():
        if isinstance(item, tuple):
            result[key] = list(item)
    return result
