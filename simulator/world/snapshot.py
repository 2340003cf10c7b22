"""Export the state of a running backend as a world file (load -> snapshot -> load gives the same state).

The backend part only: the phone lives in the app simulator, faults and
clock offsets are transient, sessions and admin API keys cannot be restored
(tokens and keys are stored hashed). Accounts keep their password hash (asked
for explicitly: the backend's export leaves hashes out otherwise) and whether
an invited account's registration came from the invitation link;
mails and failed attempts are recorded verbatim, so invitations are not sent
again (``send_invitation: false``).
"""

from __future__ import annotations

from typing import Any

import yaml

from simulator.client import BackendClient
from simulator.spec import api
from simulator.world.schema import (
    Attempt,
    Broker,
    Contact,
    Contract,
    Customer,
    External,
    Mail,
    MailProvider,
    Minimum,
    Minimums,
    World,
)


def world_from_export(data: api.Export, description: str | None = None) -> World:
    """The world described by a test-control export (``GET /test/v1/export``)."""
    return World(
        description=description,
        mail_providers=[MailProvider(**p) for p in data["mail_providers"]],
        brokers=[_broker(b) for b in data["brokers"]],
        mails=[Mail(**m) for m in data["mails"]],
        attempts=_attempts(data["attempts"]),
    )


def _attempts(data: list[api.Attempt]) -> list[Attempt]:
    found = []
    for a in data:
        action = a["action"]
        if action == "konsole":  # the broker's own Konsole sign-in is no customer's attempt: no world file holds it
            continue
        found.append(
            Attempt(
                action=action, makler_id=a["makler_id"], email=a["email"], failures=a["failures"], locked=a["locked"]
            )
        )
    return found


def _broker(data: api.ExportBroker) -> Broker:
    mins = data["min_versions"]
    return Broker(
        makler_id=data["makler_id"],
        name=data["name"],
        phone=data["phone"],
        address=data["address"],
        seed=data["seed"],
        sender_authenticated=data["sender_authenticated"],
        minimums=Minimums(
            android=Minimum(app=mins["android"]["min_app_version"], os=mins["android"]["min_os_version"]),
            ios=Minimum(app=mins["ios"]["min_app_version"], os=mins["ios"]["min_os_version"]),
        ),
        customers=[_customer(c) for c in data["customers"]],
    )


def _customer(data: api.ExportCustomer) -> Customer:
    return Customer(
        name=data["name"],
        kind=data["kind"],
        email=data["email"],
        contracts=[Contract(**c) for c in data["contracts"]],
        contacts=[Contact(**k) for k in data["contacts"]],
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


def snapshot(backend: BackendClient, makler_id: str | None = None) -> World:
    """The running backend's state (or one broker's) as a world."""
    return world_from_export(backend.export(makler_id, password_hashes=True))
