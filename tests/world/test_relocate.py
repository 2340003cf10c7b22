"""Relocating a world for a shared backend: unique IDs and addresses, every reference consistent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.client import BackendClient
from simulator.world.checks import accounts, consistency, norm_email, norm_makler_id, phone_account
from simulator.world.load import apply_after_start, load
from simulator.world.parse import parse, read
from simulator.world.relocate import relocate, relocated_email, relocated_makler_id, relocation
from simulator.world.schema import World
from simulator.world.snapshot import to_yaml
from tests.world.conftest import PETER, WORLD_FILES, example

MAKLER_ID = re.compile(r"^[A-Za-z0-9-]{2,32}$")


def addresses(world: World) -> list[str]:
    """Every address field of a world, in a fixed order (originals and relocated line up)."""
    found = []
    for broker in world.brokers:
        for customer in broker.customers:
            found += [customer.email] if customer.email else []
            found += [contact.email for contact in customer.contacts if contact.email]
            found += [external.email for external in customer.externals]
    found += [mail.to for mail in world.mails]
    found += [attempt.email for attempt in world.attempts]
    found += [action.email for action in world.history]
    found += [world.phone.account] if world.phone and world.phone.account else []
    return found


def makler_ids(world: World) -> list[str]:
    """Every Makler-ID field of a world, in a fixed order."""
    found = [broker.makler_id for broker in world.brokers]
    found += [mail.makler_id for mail in world.mails if mail.makler_id]
    found += [attempt.makler_id for attempt in world.attempts]
    found += [action.makler_id for action in world.history]
    found += [fault.makler_id for fault in world.faults if fault.makler_id]
    found += [world.phone.makler_id] if world.phone and world.phone.makler_id else []
    return found


@pytest.mark.parametrize("path", WORLD_FILES, ids=lambda p: p.stem)
def test_every_address_and_id_is_relocated_consistently(path: Path) -> None:
    world = read(path)
    moved = relocate(world, "ab12cd")
    before, after = addresses(world), addresses(moved)
    assert len(before) == len(after)
    mapping: dict[str, str] = {}
    for old, new in zip(before, after, strict=True):
        local, _, domain = old.strip().rpartition("@")
        assert new == f"{local}+ab12cd@{domain}"  # the domain stays: the provider rules depend on it
        assert mapping.setdefault(norm_email(old), new) == new  # same address, same result everywhere
    ids: dict[str, str] = {}
    for old, new in zip(makler_ids(world), makler_ids(moved), strict=True):
        assert new == f"{norm_makler_id(old)}-AB12CD" and MAKLER_ID.match(new)
        assert ids.setdefault(norm_makler_id(old), new) == new
    assert consistency(moved) == []
    if world.phone is not None and world.phone.account is not None:
        owner, moved_owner = phone_account(world), phone_account(moved)
        assert owner is not None and moved_owner is not None
        assert moved_owner.external.email == mapping[norm_email(owner.external.email)]
        assert moved_owner.broker.makler_id == ids[norm_makler_id(owner.broker.makler_id)]


@pytest.mark.parametrize("path", WORLD_FILES, ids=lambda p: p.stem)
def test_relocated_world_passes_the_schema_as_a_file(path: Path) -> None:
    world = read(path)
    moved = relocate(world, "x9")
    assert parse(to_yaml(moved), "relocated") == moved


def test_contacts_with_the_account_address_still_share() -> None:
    moved = relocate(example("shared_relogin"), "s1")
    peter, anna = moved.brokers[0].customers
    assert anna.contacts[0].email == peter.externals[0].email == "peter.vater+s1@example.com"
    assert moved.phone is not None and moved.phone.account == "peter.vater+s1@example.com"
    assert moved.brokers[0].makler_id == "MK204711-S1"


def test_the_wrong_makler_id_stays_wrong_and_unique() -> None:
    moved = relocate(example("makler_id"), "k7")
    assert moved.brokers[0].makler_id == "MK204704-K7"
    assert moved.phone is not None and moved.phone.makler_id == "MK204740-K7"
    assert moved.history[0].makler_id == "MK204740-K7"


def test_two_relocations_do_not_collide() -> None:
    worlds = [read(path) for path in WORLD_FILES]
    first = [relocate(world, "aaaa1") for world in worlds]
    second = [relocate(world, "aaaa2") for world in worlds]
    names_first = {norm_email(a) for w in first for a in addresses(w)} | {
        norm_makler_id(m) for w in first for m in makler_ids(w)
    }
    names_second = {norm_email(a) for w in second for a in addresses(w)} | {
        norm_makler_id(m) for w in second for m in makler_ids(w)
    }
    assert names_first.isdisjoint(names_second)
    originals = {norm_email(a) for w in worlds for a in addresses(w)} | {
        norm_makler_id(m) for w in worlds for m in makler_ids(w)
    }
    assert originals.isdisjoint(names_first)


def test_mails_keys_and_global_faults_are_relocated() -> None:
    text = """
brokers:
  - makler_id: mk-77
    api_key: sehr-geheimer-schluessel
    customers:
      - name: Peter Vater
        email: Peter.Vater@Example.com
        externals: [{email: peter.vater@example.com, password: Sommer!2026}]
  - makler_id: MK88
mails:
  - to: PETER.VATER@example.com
    kind: invitation
    makler_id: MK-77
    subject: Einladung für peter.vater@example.com
    body: "Makler-ID: MK-77\\nE-Mail: peter.vater@example.com, nicht MK-778 und nicht xMK-77"
    links: ["kundenapp://einladung?makler_id=MK-77&email=peter.vater%40example.com"]
attempts:
  - {action: login, makler_id: "mk 1", email: nobody, failures: 2}
faults:
  - {outage_requests: 1}
"""
    world = parse(text)
    moved = relocate(world, "Q1")
    assert [b.makler_id for b in moved.brokers] == ["MK-77-Q1", "MK88-Q1"]
    assert moved.brokers[0].api_key == "sehr-geheimer-schluessel-q1"
    address = "Peter.Vater+q1@Example.com"  # one spelling per address (the first), compared without case
    assert moved.brokers[0].customers[0].email == moved.brokers[0].customers[0].externals[0].email == address
    (mail,) = moved.mails
    assert mail.to == address and mail.makler_id == "MK-77-Q1"
    assert mail.subject == f"Einladung für {address}"
    assert mail.body == f"Makler-ID: MK-77-Q1\nE-Mail: {address}, nicht MK-778 und nicht xMK-77"
    assert mail.links == ["kundenapp://einladung?makler_id=MK-77-Q1&email=Peter.Vater%2Bq1%40Example.com"]
    (attempt,) = moved.attempts
    assert (attempt.makler_id, attempt.email) == ("MK 1-Q1", "nobody")
    assert [(f.makler_id, f.outage_requests) for f in moved.faults] == [("MK-77-Q1", 1), ("MK88-Q1", 1)]


def test_long_ids_and_local_parts_stay_within_the_limits() -> None:
    long_id = "M" * 32
    assert len(relocated_makler_id(long_id, "abcdef")) == 32
    assert relocated_makler_id(long_id, "abcdef") != relocated_makler_id("M" * 31 + "N", "abcdef")
    local = "p" * 64
    moved = relocated_email(f"{local}@example.com", "abcdef")
    assert len(moved.partition("@")[0]) == 64 and moved.endswith("+abcdef@example.com")


def test_relocation_names_and_a_bad_suffix() -> None:
    moved = relocation(example("reg_email"), "z3")
    assert moved.email("Peter.Vater@example.com") == "peter.vater+z3@example.com"
    assert moved.email("peter.privat@example.org") == "peter.privat+z3@example.org"
    assert moved.makler_id("mk204706") == "MK204706-Z3"
    assert moved.names() == {
        "MK204706": "MK204706-Z3",
        "peter.vater@example.com": "peter.vater+z3@example.com",
        "peter.privat@example.org": "peter.privat+z3@example.org",
    }
    with pytest.raises(ValueError, match="suffix"):
        relocation(example("healthy"), "with-dash")


def test_two_relocations_load_side_by_side(backend: BackendClient) -> None:
    """The point of relocating: the same world twice in one backend, each with its own state."""
    world = example("shared_restart")
    first, second = relocate(world, "one"), relocate(world, "two")
    loaded_first = load(backend, first)
    loaded_second = load(backend, second)
    assert apply_after_start(backend, loaded_first) == 1
    state = backend.export()
    visible = {
        x["email"]: len(x["visible_customers"])
        for b in state["brokers"]
        for c in b["customers"]
        for x in c["externals"]
    }
    assert visible == {"peter.vater+one@example.com": 2, "peter.vater+two@example.com": 1}
    assert set(loaded_first.api_keys) | set(loaded_second.api_keys) == {"MK204712-ONE", "MK204712-TWO"}
    assert [a.external.email for a in accounts(second)] == [PETER.replace("@", "+two@")]
