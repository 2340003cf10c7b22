"""A world file as a scenario's starting point: ``Angenommen die Ausgangslage aus "shared_relogin.yaml"``.

The steps only; how a world is reproduced (relocation, loader, phone, what followed the login)
is ``steps.reproduction``. The backend is reached through ``simulator.client`` only, the phone
through the Appium client, so the steps work against any shared backend that offers the
test-control API. Shares the broker sets up while the app runs (``added: after_app_start``) wait
for the step ``Wenn der Makler die Freigaben aus der Ausgangslage nachträgt``.
"""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when

from simulator.caps import APP_ID
from simulator.client import Backend
from simulator.world.load import apply_after_start
from simulator.world.schema import World as WorldFile  # the harness's World is the scenario's broker
from steps.context import Cast
from steps.harness import PhoneFactory, Target, World
from steps.reproduction import Reproduction, ausgangslage, note_contacts, read_world, world_file
from steps.screens.auth import LoginScreen, RegisterScreen
from steps.screens.base import Screen


# ------------------------------------------------------------------ the steps
@given(parsers.re(r'die Ausgangslage aus "(?P<file>[^"]+)"'), target_fixture="cast")
def _(
    request: pytest.FixtureRequest,
    target: Target,
    world: World,
    phones: PhoneFactory,
    backend_api: Backend,
    file: str,
) -> Cast:
    """Lädt eine Beispiel-Welt (YAML) für dieses Szenario: Makler, Kunden, Telefon."""
    path = world_file(request.config.rootpath, file)
    return Reproduction(request, target, world, phones, backend_api).run(path, read_world(path))


@given(parsers.re(r'die Ausgangslage aus "(?P<file>[^"]+)" mit der Kunden-App (?P<version>\S+)'), target_fixture="cast")
def _(
    request: pytest.FixtureRequest,
    target: Target,
    world: World,
    phones: PhoneFactory,
    backend_api: Backend,
    file: str,
    version: str,
) -> Cast:
    """Lädt eine Beispiel-Welt, aber mit dieser App-Version (z. B. der reparierten: Regressionstest)."""
    path = world_file(request.config.rootpath, file)
    original = read_world(path)
    assert original.phone is not None, f"{path.name} beschreibt kein Telefon"
    changed = original.model_dump()
    changed["phone"]["app_version"] = version
    return Reproduction(request, target, world, phones, backend_api).run(path, WorldFile.model_validate(changed))


@when("der Makler die Freigaben aus der Ausgangslage nachträgt")
def _(backend_api: Backend, cast: Cast) -> None:
    """Der Makler trägt die in der Welt beschriebenen Freigaben nach (nach dem Login der Person)."""
    lage = ausgangslage(cast)
    assert lage.loaded.pending, f"{lage.source.name} hat keine Freigaben mit added: after_app_start"
    if lage.phone is not None:
        assert lage.phone.query_app_state(APP_ID) == 4, "die App läuft nicht im Vordergrund"
        Screen(lage.phone).idle()  # the app has loaded what it shows; the share comes after that
    apply_after_start(backend_api, lage.loaded)
    note_contacts(backend_api, cast, lage)


@then(parsers.parse('liegt im Posteingang von "{address}" keine Einladung'))
def _(world: World, cast: Cast, address: str) -> None:
    """Prüft, dass im Posteingang dieser Adresse keine Einladung liegt."""
    real = ausgangslage(cast).real(address)
    inbox = world.api.mailbox(real, folder="INBOX", kind="invitation")
    assert inbox == [], f"Einladung im Posteingang von {real}: {inbox}"


@then(parsers.parse('ist bei der Anmeldung die Makler-ID "{makler_id}" eingetragen'))
def _(cast: Cast, makler_id: str) -> None:
    """Prüft die auf der Anmeldung eingetragene Makler-ID."""
    shown = LoginScreen(cast.phone()).makler_id()
    assert shown == ausgangslage(cast).real(makler_id), f"Makler-ID im Login: {shown}"


@then(parsers.parse('hat "{address}" eine E-Mail mit dem Hinweis "{text}" erhalten'))
def _(world: World, cast: Cast, address: str, text: str) -> None:
    """Prüft, dass diese Adresse eine E-Mail mit diesem Hinweis erhalten hat."""
    real = ausgangslage(cast).real(address)
    bodies = [mail.body for mail in world.api.mailbox(real)]
    assert any(text in body for body in bodies), f"kein Hinweis „{text}“ an {real}: {bodies}"


@then(parsers.re(r"zeigt die Checkliste die Regeln (?P<rules>.+) als nicht erfüllt"))
def _(cast: Cast, rules: str) -> None:
    """Prüft, dass die Checkliste genau diese Regeln als nicht erfüllt zeigt."""
    failing = {r.strip().strip('"') for r in rules.replace(" und ", ",").split(",") if r.strip()}
    checklist = RegisterScreen(cast.phone()).checklist()
    assert failing <= set(checklist), f"unbekannte Regel in {sorted(failing)}: {sorted(checklist)}"
    expected = {rule: rule not in failing for rule in checklist}
    assert checklist == expected, f"Checkliste {checklist}, erwartet {expected}"
