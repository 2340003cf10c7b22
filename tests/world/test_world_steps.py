"""The helpers behind ``Angenommen die Ausgangslage aus "…"`` (steps/world_steps.py) that need no phone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from harness.targets import Target
from simulator.backend.server import BackendThread
from simulator.client import AccountState, BackendClient, ProviderRule
from simulator.world.load import Loaded
from simulator.world.parse import parse
from steps.context import Cast
from steps.reproduction import (
    Ausgangslage,
    Reproduction,
    after_login,
    before_the_phone,
    filing,
    password_of,
    world_file,
)
from tests.world.conftest import EXAMPLES, example

ROOT = EXAMPLES.parents[1]
DEFAULT_RULES = [
    {"name": "strikt-spam", "domains": ["strikt-mail.example"], "spam_folder": "Spam", "strict": True},
    {"name": "strikt-junk", "domains": ["junk-mail.example"], "spam_folder": "Junk", "strict": True},
    {"name": "offen", "domains": ["*"], "spam_folder": "Spam", "strict": False},
]
PROVIDER_RULES = [ProviderRule.of(rule) for rule in DEFAULT_RULES]


class Finalizers:
    """Stands in for ``pytest.FixtureRequest`` where the reproduction registers its clean-up."""

    def __init__(self) -> None:
        self.calls: list[Callable[[], object]] = []

    def addfinalizer(self, call: Callable[[], object]) -> None:
        self.calls.append(call)


@pytest.fixture()
def reproduce(server: BackendThread, backend: BackendClient) -> Callable[[str], tuple[Ausgangslage, Finalizers]]:
    """Reproduce a world without a phone against the test backend (no Appium needed)."""

    def run(text: str) -> tuple[Ausgangslage, Finalizers]:
        target = Target("embedded", "http://unused", server.url, {}, 0)
        finalizers = Finalizers()

        def no_phones(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError("this world has no phone")

        lage = Reproduction(finalizers, target, no_phones, backend).run(Path("welt.yaml"), parse(text), Cast(), 1)
        assert lage.broker is not None and lage.broker.makler_id == lage.real("MK1")  # the scenario's broker now
        return lage, finalizers

    return run


class LoginFails:
    """A phone whose login screen never answers: every command of the page object fails."""

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError(f"die Anmeldung scheitert ({name})")

        return fail


LOGGED_IN_DEACTIVATED = """
brokers:
  - makler_id: MK1
    minimums:
      android: {app: 3.8.0, os: "12"}
    customers:
      - name: Peter Vater
        email: peter@example.com
        externals: [{email: peter@example.com, state: deaktiviert, password: Sommer!2026}]
phone: {platform: android, app_version: 4.0.0, account: peter@example.com, logged_in: true}
"""


def test_a_failed_login_leaves_the_broker_as_the_world_said(server: BackendThread, backend: BackendClient) -> None:
    """The login relaxes the broker's minimums and activates the account for a moment; a login that fails must not
    leave them so (a failed scenario's broker is kept for a look, and must show the world's state)."""
    target = Target("embedded", "http://unused", server.url, {}, 0)
    reproduction = Reproduction(Finalizers(), target, lambda *args, **kwargs: LoginFails(), backend)
    world = parse(LOGGED_IN_DEACTIVATED)
    cast = Cast()
    with pytest.raises(RuntimeError, match="die Anmeldung scheitert"):
        reproduction.run(Path("welt.yaml"), world, cast, 1)
    (broker,) = backend.export()["brokers"]  # the backend was wiped for this test
    assert broker["min_versions"]["android"] == {"min_app_version": "3.8.0", "min_os_version": "12"}
    assert [x["state"] for c in broker["customers"] for x in c["externals"]] == [AccountState.DEACTIVATED]


STRICT_WORLD = """
mail_providers:
  - {name: streng, domains: [nur-hier.example], spam_folder: Werbung, strict: true}
  - {name: offen, domains: ["*"], strict: false}
brokers:
  - makler_id: MK1
    sender_authenticated: false
    customers:
      - name: Eva Streng
        email: eva@nur-hier.example
        externals: [{email: eva@nur-hier.example, state: eingeladen}]
      - name: Otto Offen
        email: otto@example.com
        externals: [{email: otto@example.com, state: eingeladen}]
"""


def test_own_provider_rules_cover_only_the_worlds_domains_and_are_taken_out(
    reproduce: Callable[[str], tuple[Ausgangslage, Finalizers]], backend: BackendClient
) -> None:
    lage, finalizers = reproduce(STRICT_WORLD)
    eva, otto = lage.real("eva@nur-hier.example"), lage.real("otto@example.com")
    assert eva.endswith("@nur-hier.example") and eva != "eva@nur-hier.example"
    folders = {m["to"]: m["folder"] for m in backend.export()["mails"]}
    assert folders == {eva: "Werbung", otto: "INBOX"}
    rules = backend.http.call("GET", "/test/v1/mail-providers")["providers"]
    assert [r["domains"] for r in rules] == [["nur-hier.example"]] + [r["domains"] for r in DEFAULT_RULES]
    assert len(finalizers.calls) == 1
    finalizers.calls[0]()
    assert backend.http.call("GET", "/test/v1/mail-providers")["providers"] == DEFAULT_RULES


def test_provider_rules_that_file_like_the_backend_change_nothing(
    reproduce: Callable[[str], tuple[Ausgangslage, Finalizers]], backend: BackendClient
) -> None:
    text = example("spam").model_copy(update={"phone": None}).model_dump_json()  # JSON is YAML
    lage, finalizers = reproduce(text.replace("MK204713", "MK1"))
    assert finalizers.calls == []
    assert backend.http.call("GET", "/test/v1/mail-providers")["providers"] == DEFAULT_RULES
    (mail,) = backend.export()["mails"]
    assert (mail["to"], mail["folder"]) == (lage.real("peter.vater@junk-mail.example"), "Junk")


def test_file_terms_and_unknown_names(reproduce: Callable[[str], tuple[Ausgangslage, Finalizers]]) -> None:
    lage, _ = reproduce(STRICT_WORLD)
    assert lage.real("mk1") == lage.real("MK1") == f"MK1-{lage.relocation.suffix.upper()}"
    assert lage.names()["otto@example.com"] == lage.real("Otto@Example.com")
    with pytest.raises(AssertionError, match=r"kommt in welt\.yaml nicht vor"):
        lage.real("anna@example.com")


def test_a_logged_in_phone_is_loaded_without_its_login_and_what_followed() -> None:
    world = example("shared_relogin").model_copy(
        update={"faults": example("unusable_memory").faults, "attempts": example("login_reset").attempts}
    )
    before = before_the_phone(world)
    assert before.phone is not None and not before.phone.logged_in and before.phone.session == "valid"
    assert before.faults == [] and before.attempts == [] and before.mail_providers is None
    assert [len(c.contacts) for c in before.brokers[0].customers] == [0, 0]  # Anna's share comes after the login
    not_logged_in = before_the_phone(example("reg_activate"))
    assert not_logged_in.history == example("reg_activate").history


def test_shares_after_the_login_and_passwords() -> None:
    world = example("shared_relogin")
    customer_ids: dict[tuple[str | int, ...], int] = {
        ("brokers", 0, "customers", 0): 7,
        ("brokers", 0, "customers", 1): 8,
    }
    loaded = Loaded(api_keys={"MK204711": "k" * 16}, customer_ids=dict(customer_ids))
    (pending,) = after_login(world, loaded)
    assert world.phone is not None
    assert (pending.customer_id, pending.customer, pending.contact.email) == (8, "Anna Vater", world.phone.account)
    assert password_of(example("login_reset"), "mk204703", "Peter.Vater@example.com") == "Sommer!2026"
    assert password_of(example("reg_activate"), "MK204705", "peter.vater@example.com") == "Sommer!2026"  # history
    assert password_of(example("reg_email"), "MK204706", "peter.vater@example.com") is None


def test_filing_follows_the_backend_rules() -> None:
    assert filing(PROVIDER_RULES, "junk-mail.example") == ("Junk", True)
    assert filing(PROVIDER_RULES, "example.com") == (None, False)
    assert filing([], "example.com") == (None, False)


def test_world_files_by_name_or_path(tmp_path: Path) -> None:
    assert world_file(ROOT, "spam.yaml") == ROOT / "examples" / "worlds" / "spam.yaml"
    assert world_file(ROOT, "examples/worlds/spam.yaml") == ROOT / "examples" / "worlds" / "spam.yaml"
    with pytest.raises(AssertionError, match="nicht gefunden"):
        world_file(tmp_path, "gibt-es-nicht.yaml")
