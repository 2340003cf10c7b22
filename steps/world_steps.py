"""A world file as a scenario's starting point: ``Angenommen die Ausgangslage aus "shared_relogin.yaml"``,
and a scenario's own state as a world file: ``Wenn die Lage als Momentaufnahme gesichert wird``.

The steps only; how a world is reproduced (relocation, loader, phone, what followed the login)
is ``steps.reproduction``. The backend is reached through ``simulator.client`` only, the phone
through the Appium client, so the steps work against any shared backend that offers the
test-control API. Shares the broker sets up while the app runs (``added: after_app_start``) wait
for the step ``Wenn der Makler die Freigaben aus der Ausgangslage nachträgt``.

The world modules (pydantic schemas, YAML) are imported by the steps that read or write a world,
not with the step modules: a run without such a scenario does not pay for them at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytest_bdd import given, parsers, then, when
from pytest_bdd.compat import inject_fixture

from harness.phones import PhoneFactory
from harness.scenario_broker import ScenarioBroker, adopt, seed_for
from harness.targets import Target, require_simulator
from simulator.caps import APP_ID
from simulator.client import BackendClient, PhonesClient
from steps.context import Cast
from steps.screens.auth import LoginScreen, RegisterScreen
from steps.screens.base import Screen

if TYPE_CHECKING:
    from simulator.world.schema import World
    from steps.reproduction import Ausgangslage


@pytest.fixture()
def ausgangslage() -> Ausgangslage:
    """The world the scenario started from: only the step ``Angenommen die Ausgangslage aus "…"`` sets one."""
    raise AssertionError('keine Ausgangslage im Szenario (Schritt: Angenommen die Ausgangslage aus "…")')


def reproduce(
    request: pytest.FixtureRequest,
    target: Target,
    phones: PhoneFactory,
    backend: BackendClient,
    cast: Cast,
    path: Path,
    world: World,
    passwords: dict[str, str] | None = None,
) -> Ausgangslage:
    """Reproduce the world; the world's broker becomes the scenario's (fixture ``scenario_broker`` for the steps
    that follow, a new ``ScenarioBroker``: fixtures that hold the one before keep it), its brokers are released
    with it after a pass."""
    from steps.reproduction import Reproduction

    lage = Reproduction(request, target, phones, backend).run(path, world, cast, seed_for(request), passwords)
    if lage.broker is not None:
        made = adopt(request, backend, lage.broker, list(lage.loaded.api_keys))
        inject_fixture(request, "scenario_broker", made)  # how pytest-bdd sets a step's target fixture
    return lage


# ------------------------------------------------------------------ the steps
@given(parsers.re(r'die Ausgangslage aus "(?P<file>[^"]+)"'), target_fixture="ausgangslage")
def _(
    request: pytest.FixtureRequest,
    target: Target,
    phones: PhoneFactory,
    backend_api: BackendClient,
    cast: Cast,
    file: str,
) -> Ausgangslage:
    """Lädt eine Beispiel-Welt (YAML) für dieses Szenario: Makler, Kunden, Telefon."""
    from steps.reproduction import read_world, world_file

    path = world_file(request.config.rootpath, file)
    return reproduce(request, target, phones, backend_api, cast, path, read_world(path))


@given(
    parsers.re(r'die Ausgangslage aus "(?P<file>[^"]+)" mit der Kunden-App (?P<version>\S+)'),
    target_fixture="ausgangslage",
)
def _(
    request: pytest.FixtureRequest,
    target: Target,
    phones: PhoneFactory,
    backend_api: BackendClient,
    cast: Cast,
    file: str,
    version: str,
) -> Ausgangslage:
    """Lädt eine Beispiel-Welt, aber mit dieser App-Version (z. B. der reparierten: Regressionstest)."""
    from simulator.world.schema import World
    from steps.reproduction import read_world, world_file

    path = world_file(request.config.rootpath, file)
    original = read_world(path)
    assert original.phone is not None, f"{path.name} beschreibt kein Telefon"
    changed = original.model_dump()
    changed["phone"]["app_version"] = version
    moved = World.model_validate(changed)
    return reproduce(request, target, phones, backend_api, cast, path, moved)


@when("der Makler die Freigaben aus der Ausgangslage nachträgt")
def _(backend_api: BackendClient, cast: Cast, ausgangslage: Ausgangslage) -> None:
    """Der Makler trägt die in der Welt beschriebenen Freigaben nach (nach dem Login der Person)."""
    from simulator.world.load import apply_after_start
    from steps.reproduction import note_contacts

    assert ausgangslage.loaded.pending, f"{ausgangslage.source.name} hat keine Freigaben mit added: after_app_start"
    if ausgangslage.phone is not None:
        assert ausgangslage.phone.query_app_state(APP_ID) == 4, "die App läuft nicht im Vordergrund"
        Screen(ausgangslage.phone).idle()  # the app has loaded what it shows; the share comes after that
    apply_after_start(backend_api, ausgangslage.loaded)
    note_contacts(backend_api, cast, ausgangslage)


@then(parsers.parse('liegt im Posteingang von "{address}" keine Einladung'))
def _(scenario_broker: ScenarioBroker, ausgangslage: Ausgangslage, address: str) -> None:
    """Prüft, dass im Posteingang dieser Adresse keine Einladung liegt."""
    real = ausgangslage.real(address)
    inbox = scenario_broker.api.mailbox(real, folder="INBOX", kind="invitation")
    assert inbox == [], f"Einladung im Posteingang von {real}: {inbox}"


@then(parsers.parse('ist bei der Anmeldung die Makler-ID "{makler_id}" eingetragen'))
def _(cast: Cast, ausgangslage: Ausgangslage, makler_id: str) -> None:
    """Prüft die auf der Anmeldung eingetragene Makler-ID."""
    shown = LoginScreen(cast.phone()).makler_id()
    assert shown == ausgangslage.real(makler_id), f"Makler-ID im Login: {shown}"


@then(parsers.parse('hat "{address}" eine E-Mail mit dem Hinweis "{text}" erhalten'))
def _(scenario_broker: ScenarioBroker, ausgangslage: Ausgangslage, address: str, text: str) -> None:
    """Prüft, dass diese Adresse eine E-Mail mit diesem Hinweis erhalten hat."""
    real = ausgangslage.real(address)
    bodies = [mail.body for mail in scenario_broker.api.mailbox(real)]
    assert any(text in body for body in bodies), f"kein Hinweis „{text}“ an {real}: {bodies}"


@then(parsers.re(r"zeigt die Checkliste die Regeln (?P<rules>.+) als nicht erfüllt"))
def _(cast: Cast, rules: str) -> None:
    """Prüft, dass die Checkliste genau diese Regeln als nicht erfüllt zeigt."""
    failing = {r.strip().strip('"') for r in rules.replace(" und ", ",").split(",") if r.strip()}
    checklist = RegisterScreen(cast.phone()).checklist()
    assert failing <= set(checklist), f"unbekannte Regel in {sorted(failing)}: {sorted(checklist)}"
    expected = {rule: rule not in failing for rule in checklist}
    assert checklist == expected, f"Checkliste {checklist}, erwartet {expected}"


@pytest.fixture()
def momentaufnahme() -> Path:
    """The snapshot a scenario took: only the step ``Wenn die Lage als Momentaufnahme gesichert wird`` takes one."""
    raise AssertionError("keine Momentaufnahme im Szenario (Schritt: Wenn die Lage als Momentaufnahme gesichert wird)")


@when("die Lage als Momentaufnahme gesichert wird", target_fixture="momentaufnahme")
def _(target: Target, backend_api: BackendClient, scenario_broker: ScenarioBroker, tmp_path: Path) -> Path:
    """Sichert den Makler des Szenarios mit seinen Telefonen als Welt-Datei (wie kundenapp-sim snapshot --makler-id)."""
    from simulator.world.snapshot import snapshot, to_yaml

    require_simulator(target, "Momentaufnahme der Telefone")
    if target.grid_hub:  # the hub relays WebDriver only; the phones' list is on the serves behind it
        pytest.skip("Momentaufnahme der Telefone: nicht über einen Grid-Hub, nur direkt an kundenapp-sim serve")
    with PhonesClient(target.appium_url) as simulator:
        phones = simulator.phones()
    taken = snapshot(backend_api, phones, scenario_broker.broker.makler_id)
    path = tmp_path / "momentaufnahme.yaml"
    path.write_text(to_yaml(taken, f"Momentaufnahme des Maklers {scenario_broker.broker.makler_id}"), "utf-8")
    return path


@then(parsers.parse('hält die Momentaufnahme fest, dass "{customer}" nach seiner Anmeldung freigegeben wurde'))
def _(momentaufnahme: Path, cast: Cast, customer: str) -> None:
    """Die Welt-Datei nennt die Freigabe des Kunden für die aktuelle Person mit added: after_login."""
    from steps.reproduction import read_world

    world, email = read_world(momentaufnahme), cast.get().email.casefold()
    added = [
        contact.added
        for broker in world.brokers
        for other in broker.customers
        if other.name == customer
        for contact in other.contacts
        if contact.email is not None and contact.email.casefold() == email and contact.kundenportal
    ]
    assert added == ["after_login"], f"Freigabe von „{customer}“ in der Momentaufnahme: {added or 'keine'}"


@when("die Momentaufnahme als Ausgangslage geladen wird", target_fixture="ausgangslage")
def _(
    request: pytest.FixtureRequest,
    target: Target,
    phones: PhoneFactory,
    backend_api: BackendClient,
    cast: Cast,
    momentaufnahme: Path,
) -> Ausgangslage:
    """Lädt die Momentaufnahme wie eine Beispiel-Welt (neuer Makler, neues Telefon, Passwörter aus dem Szenario)."""
    from steps.reproduction import read_world

    known = {person.email: person.password for person in cast.people.values()}
    return reproduce(request, target, phones, backend_api, cast, momentaufnahme, read_world(momentaufnahme), known)
