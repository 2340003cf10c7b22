"""Consistency of a world beyond the schema: unique ids, references that must exist, phone prerequisites."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from simulator.registry import APP_BEHAVIOURS, BACKEND_BEHAVIOURS, FIXED_IN, RELEASES
from simulator.spec.versions import parse_version
from simulator.world.schema import VERSION_2_FIELDS, Broker, Customer, External, World, WorldPhone

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


def phone_account(world: World, phone: WorldPhone | None = None) -> Account | None:
    """The account a phone (default: ``world.phone``) belongs to (the broker of its ``makler_id`` wins)."""
    phone = phone if phone is not None else world.phone
    if phone is None or phone.account is None:
        return None
    found = [a for a in accounts(world) if norm_email(a.external.email) == norm_email(phone.account)]
    preferred = [
        a for a in found if phone.makler_id and norm_makler_id(phone.makler_id) == norm_makler_id(a.broker.makler_id)
    ]
    chosen = preferred or found
    return chosen[0] if chosen else None


def phone_of(world: World, email: str) -> WorldPhone | None:
    """The phone whose account is this address, else one that names no account (None: neither)."""
    phones = world.all_phones
    owned = [p for p in phones if p.account is not None and norm_email(p.account) == norm_email(email)]
    return next(iter(owned or [p for p in phones if p.account is None]), None)


def consistency(world: World) -> list[tuple[Loc, str]]:
    """Problems a schema cannot see, each with the path it belongs to."""
    return [*_version(world), *_brokers(world), *_phones(world), *_references(world)]


def _version(world: World) -> Iterator[tuple[Loc, str]]:
    """Fields of version 2 in a file of version 1, and ``phone`` next to ``phones``."""
    if world.phone is not None and world.phones:
        yield ("phones",), "entweder phone (ein Telefon) oder phones (mehrere), nicht beides"
    if world.version >= 2:
        return

    def visit(model: BaseModel, loc: Loc) -> Iterator[tuple[Loc, str]]:
        for name in sorted(VERSION_2_FIELDS.get(type(model), frozenset())):
            if getattr(model, name) != type(model).model_fields[name].get_default(call_default_factory=True):
                yield (*loc, name), "gibt es erst ab Version 2 der Welt-Datei (oben: version: 2)"
        for name in model.model_fields_set:
            value = getattr(model, name)
            items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for index, item in items:
                if isinstance(item, BaseModel):
                    yield from visit(item, (*loc, name) if index is None else (*loc, name, index))

    yield from visit(world, ())


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


def _phones(world: World) -> Iterator[tuple[Loc, str]]:
    seen: set[tuple[str, str]] = set()
    for loc, phone in world.phone_locs():
        yield from _phone(world, loc, phone)
        if (phone.platform, phone.device) in seen:  # one name is one device: two would overwrite each other
            yield (*loc, "device_name"), f"das Gerät „{phone.device}“ ({phone.platform}) steht schon weiter oben"
        seen.add((phone.platform, phone.device))
    logged_in = any(phone.logged_in for phone in world.all_phones)
    for b, broker in enumerate(world.brokers):
        for c, customer in enumerate(broker.customers):
            for k, contact in enumerate(customer.contacts):
                if contact.added != "before_login" and not logged_in:
                    loc = ("brokers", b, "customers", c, "contacts", k, "added")
                    yield loc, f"added: {contact.added} setzt ein angemeldetes Telefon voraus (phone.logged_in: true)"


def _phone(world: World, loc: Loc, phone: WorldPhone) -> Iterator[tuple[Loc, str]]:
    if release(phone.app_version) is None:  # a report must not run another build
        yield (*loc, "app_version"), f"Build {phone.app_version} gibt es nicht; bekannt: {', '.join(RELEASES)}"
    for name in phone.behaviours:
        if name in BACKEND_BEHAVIOURS:
            fixed = FIXED_IN[name]
            yield (*loc, "behaviours", name), f"{name} liegt im Backend und folgt app_version (Builds vor {fixed})"
        elif name not in APP_BEHAVIOURS:
            yield (*loc, "behaviours", name), f"unbekanntes Verhalten; bekannt: {', '.join(sorted(APP_BEHAVIOURS))}"
    if phone.account is not None and phone_account(world, phone) is None:
        yield (*loc, "account"), f"kein Zugang (externals) mit der Adresse {phone.account} in dieser Welt"
    if phone.logged_in and phone.account is None:
        yield (*loc, "logged_in"), "angemeldet ja, aber mit welchem Zugang? account fehlt"
    if phone.logged_in and not phone.installed:
        yield (*loc, "logged_in"), "angemeldet in einer App, die nicht installiert ist"


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
