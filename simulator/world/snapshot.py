"""Export the state of a running simulator as a world file (load -> snapshot -> load gives the same state).

The backend's part comes from its test-control export, the phones from the simulator's phone list
(``simulator/spec/phones.py``), both over HTTP. Sessions and admin API keys cannot be restored
(tokens and keys are stored hashed): a phone's stored session is found by its tag and written as
``logged_in`` (``session: revoked`` when the backend no longer accepts it); loading opens a new one.
Accounts keep their password hash (asked for explicitly: the backend's export leaves hashes out
otherwise) and whether an invited account's registration came from the invitation link; mails,
failed attempts and what remains of faults are recorded verbatim, so invitations are not sent
again (``send_invitation: false``).

The order of events that matters becomes ``added`` on the contacts that share a customer:
- ``after_login``: the customer is missing from the scope a session fixed at its login
  (``shared_relogin``);
- ``after_app_start``: the running app's customer list, loaded at its cold start, misses the
  customer (``shared_restart``), or ``serve --world`` still holds the share for after the start.
A running app stuck after a failed load (``unusable_memory``) becomes an outage of as many of its
broker's next requests as found the backend down in that process. What a phone shows and where
its app runs (``screen``, ``process``) is recorded, not restored: the next session starts the app.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from simulator.client import BackendClient
from simulator.spec import api
from simulator.spec.phones import Phones, PhoneState, ScheduledShare
from simulator.world.checks import norm_email, norm_makler_id
from simulator.world.schema import (
    SCHEMA_VERSION,
    Attempt,
    Broker,
    Contact,
    Contract,
    Customer,
    External,
    Fault,
    Mail,
    MailProvider,
    Minimum,
    Minimums,
    World,
    WorldPhone,
)

Added = Literal["after_login", "after_app_start"]
ContactKey = tuple[str, int, int]  # Makler-ID, customer id, index of the contact


@dataclass(frozen=True)
class Holder:
    """The account a stored session belongs to, and that session."""

    broker: api.ExportBroker
    customer: api.ExportCustomer
    external: api.ExportExternal
    session: api.ExportSession


def _holders(data: api.Export) -> dict[str, Holder]:
    """Every session of the export by its tag."""
    return {
        s["tag"]: Holder(b, c, x, s)
        for b in data["brokers"]
        for c in b["customers"]
        for x in c["externals"]
        for s in x["sessions"]
        if s["tag"]
    }


def world_from_export(
    data: api.Export, phones: Phones | None = None, makler_id: str | None = None, description: str | None = None
) -> World:
    """The world described by a test-control export (``GET /test/v1/export``) and a simulator's phones.

    With ``makler_id`` (the export is then that broker's) only the phones of that broker stay: logged
    in to it, remembering its Makler-ID, or owned by one of its accounts.
    """
    holders = _holders(data)
    states = [s for s in (phones["phones"] if phones else []) if makler_id is None or _belongs(s, data, holders)]
    added: dict[ContactKey, Added] = {}
    faults = [Fault(**f) for f in data["faults"]]
    world_phones = []
    for state in states:
        holder = holders.get(state["session"] or "")
        world_phones.append(_phone(state, holder))
        if holder is not None:
            added = {**_order(holder, state), **added}  # after_login (a first phone's) wins
            outages = _outages(state)
            if outages and not any(f.makler_id in (None, holder.broker["makler_id"]) for f in faults):
                faults.append(Fault(makler_id=holder.broker["makler_id"], outage_requests=outages))
    scheduled = [share for state in states for share in state["scheduled"]]
    return World(
        version=SCHEMA_VERSION,
        description=description,
        mail_providers=[MailProvider(**p) for p in data["mail_providers"]],
        brokers=[_broker(b, added, scheduled) for b in data["brokers"]],
        mails=[Mail(**m) for m in data["mails"]],
        attempts=_attempts(data["attempts"]),
        faults=faults,
        phone=world_phones[0] if len(world_phones) == 1 else None,
        phones=world_phones if len(world_phones) > 1 else [],
    )


def _belongs(state: PhoneState, data: api.Export, holders: dict[str, Holder]) -> bool:
    """Whether a phone is the (one-broker) export's: a logged-in phone when its session is this broker's,
    another when it remembers the broker's Makler-ID or its owner has an account there."""
    if state["session"] is not None:
        return state["session"] in holders  # the export holds this broker's sessions only
    own = {b["makler_id"] for b in data["brokers"]}
    if state["makler_id"] is not None and norm_makler_id(state["makler_id"]) in own:
        return True
    accounts = {norm_email(x["email"]) for b in data["brokers"] for c in b["customers"] for x in c["externals"]}
    return state["owner"] is not None and norm_email(state["owner"]) in accounts


def _phone(state: PhoneState, holder: Holder | None) -> WorldPhone:
    """A world phone: the device, the build, whose it is and whether its stored session still works."""
    installed = state["installed_version"]
    account = holder.external["email"] if holder is not None else state["owner"]
    logged_in = state["session"] is not None and account is not None
    valid = holder is not None and holder.session["active"]
    return WorldPhone(
        platform=state["platform"],
        device_name=state["device_name"],
        os_version=state["os_version"],
        app_version=installed or state["running_version"] or WorldPhone().app_version,
        installed=installed is not None,
        account=account,
        logged_in=logged_in,
        session="valid" if valid or not logged_in else "revoked",
        makler_id=state["makler_id"],
        behaviours={name: forced for name, forced in state["behaviours"].items() if isinstance(forced, bool)},
        process=state["process"],
        screen=state["screen"] or None,
    )


def _outages(state: PhoneState) -> int:
    """How many calls found the backend down, when the running app has not recovered from it (else 0)."""
    app = state["app"]
    return app["outages"] if app is not None and (app["stuck"] or app["failed"]) else 0


def _order(holder: Holder, state: PhoneState) -> dict[ContactKey, Added]:
    """The shares that came after this session's login, or after its app's cold start."""
    visible = set(holder.external["visible_customers"])
    scope = holder.session["scope"]
    after_login = visible - set(scope) if scope is not None else set()
    app = state["app"]
    loaded = {int(i) for i in app["customers"] if i.isdigit()} if app is not None and app["customers"] else None
    after_start = visible - loaded - after_login if loaded is not None else set()
    email = norm_email(holder.external["email"])
    found: dict[ContactKey, Added] = {}
    for customer in holder.broker["customers"]:
        when: Added | None = "after_login" if customer["id"] in after_login else None
        when = "after_app_start" if customer["id"] in after_start else when
        if when is None:
            continue
        for k, contact in enumerate(customer["contacts"]):
            if contact["kundenportal"] and contact["email"] and norm_email(contact["email"]) == email:
                found[(holder.broker["makler_id"], customer["id"], k)] = when
    return found


def _attempts(data: list[api.Attempt]) -> list[Attempt]:
    """The customers' counted attempts (the broker's own Konsole sign-in is none: no world file holds it)."""
    return [Attempt.model_validate(a) for a in data if a["action"] != "konsole"]


def _broker(data: api.ExportBroker, added: dict[ContactKey, Added], scheduled: list[ScheduledShare]) -> Broker:
    mins = data["min_versions"]
    makler_id = data["makler_id"]
    later = [s for s in scheduled if norm_makler_id(s["makler_id"]) == makler_id]
    return Broker(
        makler_id=makler_id,
        name=data["name"],
        phone=data["phone"],
        address=data["address"],
        seed=data["seed"],
        sender_authenticated=data["sender_authenticated"],
        minimums=Minimums(
            android=Minimum(app=mins["android"]["min_app_version"], os=mins["android"]["min_os_version"]),
            ios=Minimum(app=mins["ios"]["min_app_version"], os=mins["ios"]["min_os_version"]),
        ),
        customers=[_customer(makler_id, c, added, later) for c in data["customers"]],
    )


def _customer(
    makler_id: str, data: api.ExportCustomer, added: dict[ContactKey, Added], scheduled: Iterable[ScheduledShare]
) -> Customer:
    contacts = [
        Contact(**k, added=added.get((makler_id, data["id"], i), "before_login"))
        for i, k in enumerate(data["contacts"])
    ]
    for share in scheduled:  # still held by serve --world: the broker shares once the app runs
        wanted = share["contact"]
        if share["customer"] == data["name"] and not any(_same(k, wanted) for k in data["contacts"]):
            contacts.append(Contact(**wanted, added="after_app_start"))
    return Customer(
        name=data["name"],
        kind=data["kind"],
        email=data["email"],
        contracts=[Contract(**c) for c in data["contracts"]],
        contacts=contacts,
        externals=[
            External(
                email=x["email"],
                state=x["state"],
                password_hash=x.get("password_hash"),
                from_invitation=x["from_invitation"],
                send_invitation=False,
            )
            for x in data["externals"]
        ],
    )


def _same(contact: api.ExportContact, wanted: Any) -> bool:
    """A scheduled share the broker has made already (the printed command was run)."""
    email, other = contact["email"], wanted["email"]
    same_email = (email is None and other is None) or (email and other and norm_email(email) == norm_email(other))
    return bool(contact["name"] == wanted["name"] and same_email and contact["kundenportal"] == wanted["kundenportal"])


class _Dumper(yaml.SafeDumper):
    """Multi-line text (mail bodies) as readable blocks."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


_DEFAULTS = (("added", "before_login"), ("from_invitation", False))  # left out: they only add noise


def _pruned(value: Any) -> Any:
    """Without empty lists and sections and the defaults of ``_DEFAULTS``: they only add noise."""
    if isinstance(value, dict):
        return {k: _pruned(v) for k, v in value.items() if v not in ([], {}) and (k, v) not in _DEFAULTS}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def to_yaml(world: World, header: str | None = None) -> str:
    """A world as YAML: every value spelled out, absent and empty ones left out."""
    data = _pruned(world.model_dump(mode="json", exclude_none=True))
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
    comment = "".join(f"# {line}\n" for line in header.splitlines()) if header else ""
    return comment + text


def snapshot(backend: BackendClient, phones: Phones | None = None, makler_id: str | None = None) -> World:
    """The running simulator's state (or one broker's) as a world: the backend's, and the phones if given."""
    return world_from_export(backend.export(makler_id, password_hashes=True), phones, makler_id)
