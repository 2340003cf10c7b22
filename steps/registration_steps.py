"""Steps of the Registrierung area: the live checklist, the server's answer, manual activation."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from steps.context import Cast, Notes, noted
from steps.harness import ScenarioBroker
from steps.screens.auth import RegisterScreen


@then(parsers.parse('die andere Adresse erhält den Hinweis "{text}"'))
def _(scenario_broker: ScenarioBroker, notes: Notes, text: str) -> None:
    """Prüft, dass die nicht eingeladene Adresse eine E-Mail mit diesem Hinweis bekommt."""
    mail = scenario_broker.api.wait_for_mail(noted(notes.other_email, "Registrierung mit einer anderen E-Mail"))
    assert text in mail.body, mail.body


@when(parsers.parse('er das Registrierungsformular mit dem Passwort "{password}" ausfüllt'))
def _(scenario_broker: ScenarioBroker, cast: Cast, password: str) -> None:
    """Füllt das Registrierungsformular mit diesem Passwort aus, ohne abzusenden."""
    person = cast.get()
    RegisterScreen(cast.phone()).open_from_login().fill(person.email, scenario_broker.broker.makler_id, password)


@when("er die Registrierung absendet")
def _(cast: Cast) -> None:
    """Sendet das ausgefüllte Registrierungsformular ab."""
    RegisterScreen(cast.phone()).submit()


@then(parsers.parse('zeigt die Checkliste die Regel "{rule}" als {state}'))
def _(cast: Cast, rule: str, state: str) -> None:
    """Prüft eine Regel der Passwort-Checkliste (length, lower, upper, digit, special) als erfüllt oder nicht."""
    checklist = RegisterScreen(cast.phone()).checklist()
    expected = state == "erfüllt"
    assert checklist[rule] is expected, f"Regel {rule}: {checklist}"
    if not expected:
        others = {r: ok for r, ok in checklist.items() if r != rule}
        assert all(others.values()), f"nur {rule} sollte fehlen: {checklist}"


@then(parsers.parse("ist die Registrierung {outcome}"))
def _(cast: Cast, outcome: str) -> None:
    """Prüft, ob der Server die Registrierung angenommen oder abgelehnt hat."""
    register = RegisterScreen(cast.phone())
    if outcome == "angenommen":
        assert "E-Mail" in register.confirmation()
    else:
        assert "mind." in register.error()


@when(parsers.parse('der Makler "{name}" unter Externe → Eingeladene aktiviert'))
def _(scenario_broker: ScenarioBroker, cast: Cast, name: str) -> None:
    """Der Makler aktiviert den Zugang unter Externe → Eingeladene manuell."""
    scenario_broker.admin.change_state(cast.get(name).email, "activate")
