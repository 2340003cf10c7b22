"""Steps of the Registrierung area: the live checklist, the server's answer, manual activation."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from harness.scenario_broker import ScenarioBroker
from steps.context import Cast, Notes, noted
from steps.phone_actions import open_link, to_login
from steps.screens.auth import RegisterScreen


@then(parsers.parse('die andere Adresse erhält den Hinweis "{text}"'))
def _(scenario_broker: ScenarioBroker, notes: Notes, text: str) -> None:
    """Prüft, dass die nicht eingeladene Adresse eine E-Mail mit diesem Hinweis bekommt."""
    mail = scenario_broker.api.wait_for_mail(noted(notes.other_email, "Registrierung mit einer anderen E-Mail"))
    assert text in mail.body, mail.body


@when(parsers.re(r"(?:er|sie) sich mit der anderen Adresse anmeldet"))
def _(scenario_broker: ScenarioBroker, cast: Cast, notes: Notes) -> None:
    """Meldet sich mit der anderen (nicht eingeladenen) Adresse und dem Passwort dieser Registrierung an."""
    other = noted(notes.other_email, "Registrierung mit einer anderen Adresse")
    to_login(cast.phone()).login(other, cast.get().password, scenario_broker.broker.makler_id)


@then("meldet die App die Registrierung als bestätigt")
def _(cast: Cast, notes: Notes) -> None:
    """Prüft, dass der Link aus der Bestätigungs-E-Mail die Registrierung bestätigt hat."""
    outcome = noted(notes.link_outcome, "Link aus der Bestätigungs-E-Mail geöffnet")
    assert "bestätigt" in outcome and "jetzt anmelden" in outcome, outcome


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


@when(
    parsers.re(
        r"(?:er|sie) sich über den Link aus der Einladungs-E-Mail "
        r'mit dem Passwort "(?P<password>[^"]+)" registriert'
    )
)
def _(scenario_broker: ScenarioBroker, cast: Cast, password: str) -> None:
    """Öffnet den Link der Einladungs-E-Mail und registriert sich im vorausgefüllten Formular mit diesem Passwort."""
    person = cast.get()
    open_link(cast.phone(), scenario_broker.api.wait_for_mail(person.email, "invitation").links[0])
    register = RegisterScreen(cast.phone())
    register.fill(None, None, password)
    register.submit()
    register.confirmation()
    person.password = password


@when(parsers.parse('der Makler "{name}" unter Externe → Eingeladene aktiviert'))
def _(scenario_broker: ScenarioBroker, cast: Cast, notes: Notes, name: str) -> None:
    """Der Makler aktiviert den Zugang unter Externe → Eingeladene manuell."""
    notes.activation = scenario_broker.admin.change_state(cast.get(name).email, "activate")["message"]


@then(parsers.parse('meldet die Aktivierung dem Makler "{text}"'))
def _(notes: Notes, text: str) -> None:
    """Prüft, was dem Makler nach der manuellen Aktivierung gesagt wurde (Passwort übernommen oder Link gesendet)."""
    told = noted(notes.activation, "manuelle Aktivierung durch den Makler")
    assert text in told, f"erwartet „{text}“, gemeldet: „{told}“"


@then(parsers.re(r"erhält (?:er|sie) eine E-Mail mit einem Link zum Festlegen des Passworts"))
def _(scenario_broker: ScenarioBroker, cast: Cast, notes: Notes) -> None:
    """Prüft, dass die eingeladene Adresse die E-Mail „Passwort festlegen“ mit ihrem Link bekommen hat."""
    person = cast.get()
    mail = scenario_broker.api.latest_mail(person.email, "reset")
    assert "Passwort festlegen" in mail.subject, mail.subject
    assert mail.links and mail.links[0].startswith("kundenapp://passwort-zuruecksetzen?token="), mail.links
    notes.reset_link = mail.links[0]
