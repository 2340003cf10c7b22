"""Consistency of a world beyond the schema: unique ids, references that must exist, phone prerequisites."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from simulator.registry import APP_BEHAVIOURS, BACKEND_BEHAVIOURS, RELEASES
from simulator.spec.versions import parse_version
from simulator.world.schema import Broker, Customer, External, World

Loc = tuple[str | int, ...]


def norm_email(address: str) -> str:
    """Addresses compare without case and surrounding blanks (as in the backend)."""
    return address.strip().casefold()


def norm_makler_id(makler_id: str) -> str:
    """Makler-IDs compare without case and surrounding blanks (as in the backend)."""
    return makler_id.strip().upper()


@dataclass(frozen=True)
class Account:
    """An external with its broker and customer, and where it sits in the file."""

    broker: Broker
    customer: Customer
    external: External
    loc: Loc


def accounts(world: World) -> Iterator[Account]:
    """Every external of the world."""
    for b, broker in enumerate(world.brokers):
        for c, customer in enumerate(broker.customers):
            for x, external in enumerate(customer.externals):
                yield Account(broker, customer, external, ("brokers", b, "customers", c, "externals", x))


def phone_account(world: World) -> Account | None:
    """The account the phone belongs to (the broker of ``phone.makler_id`` wins when it has one)."""
    phone = world.phone
    if phone is None or phone.account is None:
        return None
    found = [a for a in accounts(world) if norm_email(a.external.email) == norm_email(phone.account)]
    preferred = [
        a for a in found if phone.makler_id and norm_makler_id(phone.makler_id) == norm_makler_id(a.broker.makler_id)
    ]
    chosen = preferred or found
    return chosen[0] if chosen else None


def consistency(world: World) -> list[tuple[Loc, str]]:
    """Problems a schema cannot see, each with the path it belongs to."""
    return [*_brokers(world), *_phone(world), *_references(world)]


def _brokers(world: World) -> Iterator[tuple[Loc, str]]:
    seen_ids: set[str] = set()
    seen_keys: set[str] = set()
    for b, broker in enumerate(world.brokers):
        if norm_makler_id(broker.makler_id) in seen_ids:
            yield ("brokers", b, "makler_id"), f"Makler-ID {broker.makler_id} kommt doppelt vor"
        seen_ids.add(norm_makler_id(broker.makler_id))
        if broker.api_key is not None:
            if broker.api_key in seen_keys:
                yield ("brokers", b, "api_key"), "derselbe API-Schlüssel bei zwei Maklern"
            seen_keys.add(broker.api_key)
    emails: set[tuple[str, str]] = set()
    for account in accounts(world):
        key = (norm_makler_id(account.broker.makler_id), norm_email(account.external.email))
        if key in emails:
            yield (*account.loc, "email"), f"{account.external.email} hat bei diesem Makler schon einen Zugang"
        emails.add(key)
        if account.external.password is not None and account.external.password_hash is not None:
            yield (*account.loc, "password_hash"), "entweder password oder password_hash angeben, nicht beides"
        given = account.external.password is not None or account.external.password_hash is not None
        if account.external.from_invitation and (account.external.state != "eingeladen" or not given):
            yield (
                (*account.loc, "from_invitation"),
                "from_invitation gilt nur für einen eingeladenen Zugang mit password oder password_hash",
            )


def release(version: str) -> str | None:
    """The released build a schema-checked app version (dotted numbers) names: ``3.6`` is ``3.6.0``; else None.

    Read strictly by the one version parser (``simulator/spec/versions.py``), as the schema wrote it.
    """
    try:
        wanted = parse_version(version, strict=True)
    except ValueError:
        return None
    return next((r for r in RELEASES if parse_version(r, strict=True) == wanted), None)


def _phone(world: World) -> Iterator[tuple[Loc, str]]:
    phone = world.phone
    if phone is not None and release(phone.app_version) is None:  # a report must not run another build
        yield ("phone", "app_version"), f"keinen Build {phone.app_version}; bekannt: {', '.join(RELEASES)}"
    for name in phone.behaviours if phone is not None else {}:
        if name in BACKEND_BEHAVIOURS:
            yield ("phone", "behaviours", name), f"{name} liegt im Backend und folgt app_version (< 3.6.0)"
        elif name not in APP_BEHAVIOURS:
            yield ("phone", "behaviours", name), f"unbekanntes Verhalten; bekannt: {', '.join(sorted(APP_BEHAVIOURS))}"
    if phone is not None and phone.account is not None and phone_account(world) is None:
        yield ("phone", "account"), f"kein Zugang (externals) mit der Adresse {phone.account} in dieser Welt"
    if phone is not None and phone.logged_in and phone.account is None:
        yield ("phone", "logged_in"), "angemeldet ja, aber mit welchem Zugang? phone.account fehlt"
    if phone is not None and phone.logged_in and not phone.installed:
        yield ("phone", "logged_in"), "angemeldet in einer App, die nicht installiert ist"
    for b, broker in enumerate(world.brokers):
        for c, customer in enumerate(broker.customers):
            for k, contact in enumerate(customer.contacts):
                needs_login = contact.added != "before_login"
                if needs_login and (phone is None or not phone.logged_in):
                    loc = ("brokers", b, "customers", c, "contacts", k, "added")
                    yield loc, f"added: {contact.added} setzt ein angemeldetes Telefon voraus (phone.logged_in: true)"


def _references(world: World) -> Iterator[tuple[Loc, str]]:
    known = {norm_makler_id(b.makler_id) for b in world.brokers}
    for i, mail in enumerate(world.mails):
        if mail.makler_id is not None and norm_makler_id(mail.makler_id) not in known:
            yield ("mails", i, "makler_id"), f"kein Makler {mail.makler_id} in dieser Welt"
    for i, fault in enumerate(world.faults):
        if fault.makler_id is not None and norm_makler_id(fault.makler_id) not in known:
            yield ("faults", i, "makler_id"), f"kein Makler {fault.makler_id} in dieser Welt"
    for i, action in enumerate(world.history):
        if action.action in ("register", "login") and action.password is None:
            yield ("history", i, "password"), f"{action.action} braucht ein password"
        if action.from_invitation and action.action != "register":
            yield ("history", i, "from_invitation"), "from_invitation gilt nur für register"
