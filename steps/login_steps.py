"""Steps of the Login area: Passwort vergessen (mail, link, expiry) and a deactivated account."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from harness.scenario_broker import ScenarioBroker
from steps.context import Cast, Notes, noted
from steps.phone_actions import open_link, to_login
from steps.screens.auth import ForgotScreen, LoginScreen, ResetScreen
from steps.typos import wrong_makler_id


@when(parsers.re(r"(?:er|sie) in der App „Passwort vergessen“ mit E-Mail und Makler-ID anfordert"))
def _(scenario_broker: ScenarioBroker, cast: Cast, notes: Notes) -> None:
    """Fordert über „Passwort vergessen“ einen Link zum Zurücksetzen an."""
    person = cast.get()
    to_login(cast.phone())
    notes.forgot_confirmation = ForgotScreen(cast.phone()).request(person.email, scenario_broker.broker.makler_id)


@when(parsers.re(r"(?:er|sie) in der App „Passwort vergessen“ mit einer falschen Makler-ID anfordert"))
def _(scenario_broker: ScenarioBroker, cast: Cast, notes: Notes) -> None:
    """Fordert „Passwort vergessen“ mit der eigenen Adresse, aber einer vertippten Makler-ID an."""
    person = cast.get()
    to_login(cast.phone())
    notes.forgot_confirmation = ForgotScreen(cast.phone()).request(
        person.email, wrong_makler_id(scenario_broker.broker.makler_id)
    )


@then("bestätigt die App, dass eine E-Mail unterwegs ist")
def _(cast: Cast, notes: Notes) -> None:
    """Prüft die Bestätigung „E-Mail unterwegs“ nach „Passwort vergessen“."""
    confirmation = noted(notes.forgot_confirmation, "„Passwort vergessen“ angefordert")
    assert "E-Mail" in confirmation, confirmation


@then(parsers.re(r"erhält (?:er|sie) eine E-Mail mit einem Link zum Zurücksetzen des Passworts"))
def _(scenario_broker: ScenarioBroker, cast: Cast, notes: Notes) -> None:
    """Prüft, dass eine E-Mail mit Link zum Zurücksetzen angekommen ist."""
    person = cast.get()
    mails = scenario_broker.api.mailbox(person.email, folder="INBOX", kind="reset")
    assert mails, f"keine E-Mail zum Zurücksetzen an {person.email}"
    link = mails[-1].links[0]
    assert link.startswith("kundenapp://passwort-zuruecksetzen?token="), link
    notes.reset_link = link


def _reset_with_link(cast: Cast, notes: Notes, link: str, password: str) -> None:
    phone = cast.phone()
    open_link(phone, link)
    reset = ResetScreen(phone)
    reset.set_password(password)
    notes.link_outcome = reset.outcome()


@when(parsers.re(r'(?:er|sie) über den Link aus der E-Mail das neue Passwort "(?P<password>[^"]+)" festlegt'))
def _(cast: Cast, notes: Notes, password: str) -> None:
    """Öffnet den Link zum Zurücksetzen und legt dieses Passwort fest."""
    _reset_with_link(cast, notes, noted(notes.reset_link, "E-Mail mit Link zum Zurücksetzen"), password)


@when(parsers.re(r'(?:er|sie) denselben Link noch einmal öffnet und das Passwort "(?P<password>[^"]+)" festlegt'))
def _(cast: Cast, notes: Notes, password: str) -> None:
    """Öffnet denselben (schon benutzten) Link noch einmal und versucht dieses Passwort."""
    _reset_with_link(cast, notes, noted(notes.reset_link, "E-Mail mit Link zum Zurücksetzen"), password)


@when(parsers.re(r'(?:er|sie) über „Passwort vergessen“ das neue Passwort "(?P<password>[^"]+)" festlegt'))
def _(scenario_broker: ScenarioBroker, cast: Cast, notes: Notes, password: str) -> None:
    """Der ganze Weg „Passwort vergessen“: anfordern, Link öffnen, dieses Passwort festlegen."""
    person = cast.get()
    to_login(cast.phone())
    ForgotScreen(cast.phone()).request(person.email, scenario_broker.broker.makler_id)
    link = scenario_broker.api.latest_mail(person.email, "reset").links[0]
    _reset_with_link(cast, notes, link, password)


@then("bestätigt die App das neue Passwort")
def _(cast: Cast, notes: Notes) -> None:
    """Prüft, dass die App das neue Passwort bestätigt."""
    outcome = noted(notes.link_outcome, "neues Passwort festgelegt")
    assert "Passwort" in outcome and "jetzt anmelden" in outcome, outcome


@then("lehnt die App den Link als ungültig oder abgelaufen ab")
def _(cast: Cast, notes: Notes) -> None:
    """Prüft, dass die App den Link (zum Zurücksetzen oder zur Bestätigung) als ungültig oder abgelaufen ablehnt."""
    outcome = noted(notes.link_outcome, "Link aus einer E-Mail geöffnet")
    assert "ungültig oder abgelaufen" in outcome, outcome


@when(parsers.re(r'(?:er|sie) sich mit dem Passwort "(?P<password>[^"]+)" anmeldet'))
def _(scenario_broker: ScenarioBroker, cast: Cast, password: str) -> None:
    """Meldet sich mit diesem Passwort, der eigenen E-Mail und der Makler-ID an."""
    person = cast.get()
    to_login(cast.phone()).login(person.email, password, scenario_broker.broker.makler_id)


@when(parsers.parse('der Makler den Zugang von "{name}" unter Externe → Aktive deaktiviert'))
def _(scenario_broker: ScenarioBroker, cast: Cast, name: str) -> None:
    """Der Makler deaktiviert den Zugang (laufende Sitzungen enden)."""
    scenario_broker.admin.change_state(cast.get(name).email, "deactivate")


@when(parsers.parse('der Makler "{name}" unter Externe → Deaktiviert über das 3-Punkte-Menü wieder aktiviert'))
def _(scenario_broker: ScenarioBroker, cast: Cast, name: str) -> None:
    """Der Makler aktiviert den Zugang unter Externe → Deaktiviert wieder."""
    scenario_broker.admin.change_state(cast.get(name).email, "reactivate")


@then(parsers.parse('zeigt die App die Anmeldung mit dem Hinweis "{text}"'))
def _(cast: Cast, text: str) -> None:
    """Prüft, dass die App die Anmeldung mit diesem Hinweis zeigt."""
    note = LoginScreen(cast.phone()).error()
    assert text in note, f"erwartet „{text}“, gezeigt „{note}“"
