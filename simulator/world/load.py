"""Apply a world to a running backend through its admin, test-control and app API (HTTP only).

Order: mail providers, brokers, customers with contracts and contacts,
invitations (filed by the real provider rules), accounts in their states,
recorded mails and attempts, the app history (replayed through the app API),
the phones' sessions, contacts shared after those logins, and faults last so
that nothing of the loading consumes them. Contacts shared only after the
app's start are returned, to be applied once the app runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from simulator.client import BackendClient, BackendError
from simulator.spec import api
from simulator.spec.links import first_token
from simulator.world.checks import Loc, phone_account
from simulator.world.parse import dotted
from simulator.world.schema import Broker, Contact, Customer, World, WorldPhone


class LoadError(Exception):
    """The backend refused part of a world; names the part (field path) and the backend's message.

    ``taken``: the Makler-ID of a broker the backend has already (``load(..., replace=True)`` replaces it).
    """

    def __init__(self, loc: Loc, error: BackendError, taken: str | None = None) -> None:
        super().__init__(f"{dotted(loc) or 'Welt'}: {error.message}")
        self.loc = loc
        self.error = error
        self.taken = taken


@dataclass(frozen=True)
class PendingContact:
    """A share the broker sets up while the app runs (``added: after_app_start``)."""

    makler_id: str
    api_key: str
    customer_id: int
    customer: str
    contact: Contact


@dataclass
class Loaded:
    """What loading produced: admin keys, customer ids, the phones' tokens, replay outcomes, pending shares."""

    api_keys: dict[str, str] = field(default_factory=dict)
    customer_ids: dict[Loc, int] = field(default_factory=dict)
    tokens: list[api.Tokens | None] = field(default_factory=list)  # per phone (``World.all_phones``)
    history: list[str] = field(default_factory=list)
    pending: list[PendingContact] = field(default_factory=list)


def _step(loc: Loc, backend: BackendClient, method: str, path: str, body: Any = None, **kwargs: Any) -> Any:
    try:
        return backend.http.call(method, path, body, **kwargs)
    except BackendError as exc:
        raise LoadError(loc, exc) from exc


def load(backend: BackendClient, world: World, *, replace: Callable[[str], None] | None = None) -> Loaded:
    """Put the world into the backend; LoadError names the part the backend refused.

    With ``replace``, a broker the backend has already under a Makler-ID of the world is released
    first, with everything it has (customers, accounts, mails, sessions); ``replace`` is told its
    Makler-ID at that moment. Without, such a broker is a LoadError whose ``taken`` names it.
    """
    loaded = Loaded()
    if world.mail_providers is not None:
        providers = [p.model_dump() for p in world.mail_providers]
        _step(("mail_providers",), backend, "PUT", "/test/v1/mail-providers", providers)
    after_login: list[tuple[Loc, PendingContact]] = []
    for b, broker in enumerate(world.brokers):
        if replace is not None and _release(backend, ("brokers", b), broker.makler_id):
            replace(broker.makler_id)
        after_login += _broker(backend, ("brokers", b), broker, loaded)
    for i, mail in enumerate(world.mails):
        _step(("mails", i), backend, "POST", "/test/v1/mailbox", mail.model_dump())
    for i, attempt in enumerate(world.attempts):
        _step(("attempts", i), backend, "POST", "/test/v1/attempts", attempt.model_dump())
    _history(backend, world, loaded)
    loaded.tokens = [_phone_session(backend, world, loc, phone) for loc, phone in world.phone_locs()]
    for loc, pending in after_login:
        add_contact(backend, pending, loc)
    for i, fault in enumerate(world.faults):
        _step(("faults", i), backend, "POST", "/test/v1/faults", fault.model_dump())
    return loaded


def _broker(backend: BackendClient, loc: Loc, broker: Broker, loaded: Loaded) -> list[tuple[Loc, PendingContact]]:
    body: dict[str, Any] = broker.model_dump(exclude={"customers", "minimums"}, exclude_none=True)
    if broker.minimums is not None:
        body["min_versions"] = {
            platform: {"min_app_version": m.app, "min_os_version": m.os}
            for platform, m in (("android", broker.minimums.android), ("ios", broker.minimums.ios))
            if m is not None
        }
    try:
        created = backend.http.call("POST", "/test/v1/brokers", body)
    except BackendError as exc:
        taken = exc.status == 409 and _exists(backend, broker.makler_id)
        raise LoadError(loc, exc, taken=broker.makler_id if taken else None) from exc
    makler_id, api_key = str(created["makler_id"]), str(created["api_key"])
    loaded.api_keys[makler_id] = api_key
    later = []
    for c, customer in enumerate(broker.customers):
        later += _customer(backend, (*loc, "customers", c), makler_id, api_key, customer, loaded)
    return later


def _exists(backend: BackendClient, makler_id: str) -> bool:
    """Whether the backend has a broker with this Makler-ID."""
    try:
        backend.export(makler_id)
    except BackendError as exc:
        if exc.status == 404:
            return False
        raise LoadError((), exc) from exc
    return True


def _release(backend: BackendClient, loc: Loc, makler_id: str) -> bool:
    """Release the broker with this Makler-ID, if there is one; True when there was."""
    try:
        backend.delete_broker(makler_id)
    except BackendError as exc:
        if exc.status == 404:
            return False
        raise LoadError(loc, exc) from exc
    return True


def _customer(
    backend: BackendClient, loc: Loc, makler_id: str, api_key: str, customer: Customer, loaded: Loaded
) -> list[tuple[Loc, PendingContact]]:
    new = {"name": customer.name, "kind": customer.kind, "email": customer.email}
    created: api.Customer = _step(loc, backend, "POST", "/admin/v1/customers", new, api_key=api_key)
    customer_id = created["id"]
    loaded.customer_ids[loc] = customer_id
    for i, contract in enumerate(customer.contracts):
        path = f"/admin/v1/customers/{customer_id}/contracts"
        _step((*loc, "contracts", i), backend, "POST", path, contract.model_dump(), api_key=api_key)
    later = []
    for i, contact in enumerate(customer.contacts):
        pending = PendingContact(makler_id, api_key, customer_id, customer.name, contact)
        if contact.added == "before_login":
            add_contact(backend, pending, (*loc, "contacts", i))
        elif contact.added == "after_login":
            later.append(((*loc, "contacts", i), pending))
        else:
            loaded.pending.append(pending)
    for i, external in enumerate(customer.externals):
        x_loc = (*loc, "externals", i)
        if external.send_invitation:
            path = f"/admin/v1/customers/{customer_id}/invitation"
            _step(x_loc, backend, "POST", path, {"email": external.email}, api_key=api_key)
        body = {
            "makler_id": makler_id,
            "customer_id": customer_id,
            "email": external.email,
            "state": external.state,
            "password": external.password,
            "password_hash": external.password_hash,
            "from_invitation": external.from_invitation,
        }
        _step(x_loc, backend, "PUT", "/test/v1/externals", body)
    return later


def add_contact(backend: BackendClient, pending: PendingContact, loc: Loc = ()) -> api.Contact:
    """Kontakte -> Personen -> hinzufügen, as the broker does it in the admin API."""
    body = pending.contact.model_dump(exclude={"added"})
    path = f"/admin/v1/customers/{pending.customer_id}/contacts"
    result: api.Contact = _step(loc, backend, "POST", path, body, api_key=pending.api_key)
    return result


def apply_after_start(backend: BackendClient, loaded: Loaded) -> int:
    """Set up the shares that a world adds while the app runs; returns how many."""
    for pending in loaded.pending:
        add_contact(backend, pending)
    return len(loaded.pending)


def app_headers(world: World) -> dict[str, str]:
    """The headers the world's (first) phone sends (none without a phone: the version gate is then skipped)."""
    phone = next(iter(world.all_phones), None)
    if phone is None or not phone.installed:
        return {}
    return {"X-Platform": phone.platform, "X-App-Version": phone.app_version, "X-OS-Version": phone.os}


def _history(backend: BackendClient, world: World, loaded: Loaded) -> None:
    """Replay what the customer did in the app; refusals are the point, so they are recorded, not raised."""
    paths = {"register": "/app/v1/register", "login": "/app/v1/login", "forgot": "/app/v1/password/forgot"}
    for i, action in enumerate(world.history):
        body = action.model_dump(exclude={"action", "from_invitation"}, exclude_none=True)
        if action.from_invitation:  # opened from the invitation link: the app sends the link's secret
            body["invitation_token"] = _invitation_token(backend, ("history", i, "from_invitation"), action.email)
        try:
            backend.http.call("POST", paths[action.action], body, headers=app_headers(world))
            outcome = "ok"
        except BackendError as exc:
            if exc.status == 0:
                raise LoadError(("history",), exc) from exc
            outcome = f"{exc.status} {exc.code}"
        loaded.history.append(f"{action.action} {action.email} ({action.makler_id}): {outcome}")


def _invitation_token(backend: BackendClient, loc: Loc, email: str) -> str:
    """The secret of the newest invitation link mailed to ``email`` in the loaded world."""
    try:
        token = first_token(backend.latest_mail(email, kind="invitation").links)
    except BackendError as exc:
        if exc.status != 404:
            raise LoadError(loc, exc) from exc
        token = None
    if token is None:
        raise LoadError(loc, BackendError(404, "not_found", f"keine Einladung mit Link an {email}"))
    return token


def _phone_session(backend: BackendClient, world: World, loc: Loc, phone: WorldPhone) -> api.Tokens | None:
    account = phone_account(world, phone)
    if not phone.logged_in or account is None:
        return None
    who = {"makler_id": account.broker.makler_id, "email": account.external.email}
    body = {**who, "platform": phone.platform, "app_version": phone.app_version}
    tokens: api.Tokens = _step(loc, backend, "POST", "/test/v1/sessions", body)
    if phone.session == "revoked":
        _step((*loc, "session"), backend, "POST", "/test/v1/sessions/invalidate", who)
    return tokens
