"""Steps every area uses: the broker, customers, invitations, phones, registration and login."""

from __future__ import annotations

import re

import pytest
from pytest_bdd import given, parsers, then, when

from harness.phones import PhoneFactory
from harness.scenario_broker import ScenarioBroker
from simulator.client import AccountState
from steps.context import Cast, Notes, Person
from steps.phone_actions import open_link, restart
from steps.screens.auth import ConfirmScreen, LoginScreen, RegisterScreen
from steps.screens.main import MainScreen
from steps.typos import one_letter_off

PLATFORMS = {"Android": "android", "iOS": "ios"}
SECONDS = {"Stunde": 3600, "Stunden": 3600, "Minute": 60, "Minuten": 60, "Sekunde": 1, "Sekunden": 1}


@pytest.fixture()
def cast() -> Cast:
    """The scenario's people: introduced by its steps, or by a world file (``Angenommen die Ausgangslage aus …``)."""
    return Cast()


@pytest.fixture()
def notes() -> Notes:
    """The scenario's step-to-step notes."""
    return Notes()


@given("ein Makler, der die Kunden-App anbietet")
def _(scenario_broker: ScenarioBroker) -> None:
    """Ein neuer Makler (eigener Mandant, Faker-Daten, eigene Makler-ID) für dieses Szenario."""


@given(parsers.parse('der Kunde "{name}" mit einer E-Mail-Adresse bei "{domain}"'))
def _(scenario_broker: ScenarioBroker, cast: Cast, name: str, domain: str) -> None:
    """Legt den Kunden mit einer eindeutigen Adresse bei der genannten Mail-Domain an."""
    email = scenario_broker.email(name, domain)
    customer = scenario_broker.admin.create_customer(name, email)
    cast.add(Person(name, email, customer.id))


@given(parsers.re(r'der Kunde "(?P<name>[^"]+)"'))  # no quote in the name: not the step with the mail domain
def _(scenario_broker: ScenarioBroker, cast: Cast, name: str) -> None:
    """Legt den Kunden mit einer eindeutigen Adresse bei example.com an."""
    email = scenario_broker.email(name)
    customer = scenario_broker.admin.create_customer(name, email)
    cast.add(Person(name, email, customer.id))


@given(parsers.parse('der Makler hat "{name}" zur Kunden-App eingeladen'))
def _(scenario_broker: ScenarioBroker, cast: Cast, name: str) -> None:
    """Der Makler lädt den Kunden zur Kunden-App ein (Einladungs-E-Mail mit Link und Makler-ID)."""
    person = cast.get(name)
    scenario_broker.admin.invite(person.customer_id)


@given(parsers.parse('"{name}" hat ein {platform}-Telefon mit der Kunden-App {version}'))
def _(phones: PhoneFactory, cast: Cast, name: str, platform: str, version: str) -> None:
    """Startet ein Telefon (Android oder iOS) mit dieser App-Version für die Person."""
    cast.get(name).phone = phones(PLATFORMS[platform], version, owner=name)


@given(parsers.parse('"{name}" ist registriert und in der App angemeldet'))
def _(scenario_broker: ScenarioBroker, cast: Cast, name: str) -> None:
    """Einladen, über die App-Schnittstelle registrieren und bestätigen, in der App anmelden; Verträge geladen."""
    person = cast.get(name)
    phone = cast.phone(name)
    scenario_broker.admin.invite(person.customer_id)
    # the registration form has its own scenarios; here registering is a given
    scenario_broker.api.customer.register(scenario_broker.broker.makler_id, person.email, person.password)
    scenario_broker.api.customer.confirm(scenario_broker.api.wait_for_mail(person.email, "confirmation").links[0])
    LoginScreen(phone).login(person.email, person.password, scenario_broker.broker.makler_id)
    main = MainScreen(phone).wait_shown()
    main.open_tab("Verträge")
    main.wait(lambda d: main.chips(), "Kunden nach der Anmeldung geladen")


@when("er den Link aus der Einladungs-E-Mail öffnet")
@when("sie den Link aus der Einladungs-E-Mail öffnet")
def _(scenario_broker: ScenarioBroker, cast: Cast) -> None:
    """Öffnet den Link der neuesten Einladungs-E-Mail auf dem Telefon."""
    person = cast.get()
    open_link(cast.phone(), scenario_broker.api.wait_for_mail(person.email, "invitation").links[0])


@when(parsers.parse('er sich mit dem Passwort "{password}" registriert'))
@when(parsers.parse('sie sich mit dem Passwort "{password}" registriert'))
def _(scenario_broker: ScenarioBroker, cast: Cast, password: str) -> None:
    """Registriert sich in der App mit der eingeladenen Adresse und diesem Passwort."""
    person = cast.get()
    register = RegisterScreen(cast.phone()).open_from_login()
    register.fill(person.email, scenario_broker.broker.makler_id, password)
    register.submit()
    person.password = password


def _address(scenario_broker: ScenarioBroker, invited: str, variant: str) -> str:
    """The invited address as typed: another one, or the invited one changed (case and blanks do not count)."""
    if variant == "seiner privaten Adresse":
        return scenario_broker.email("privat", "example.org")
    local = invited.partition("@")[0]
    variants = {
        "der eingeladenen Adresse bei einer anderen Domain": f"{local}@example.org",
        "der eingeladenen Adresse mit einem Tippfehler": one_letter_off(invited),
        "der eingeladenen Adresse (wie in der Einladung)": invited,
        "der eingeladenen Adresse (in Großbuchstaben)": invited.upper(),
        "der eingeladenen Adresse (mit Leerzeichen davor und danach)": f"  {invited}  ",
    }
    assert variant in variants, (
        f"unbekannte Adresse „{variant}“; bekannt: seiner privaten Adresse, {', '.join(variants)}"
    )
    return variants[variant]


@when(
    parsers.re(r"(?:er|sie) sich mit (?P<adresse>seiner privaten Adresse|der eingeladenen Adresse[^\"]*) registriert")
)
def _(scenario_broker: ScenarioBroker, cast: Cast, adresse: str, notes: Notes) -> None:
    """Registriert sich mit einer anderen Adresse („seiner privaten Adresse“, „der eingeladenen Adresse bei einer
    anderen Domain“ oder „… mit einem Tippfehler“) oder mit „der eingeladenen Adresse (wie in der Einladung)“,
    „… (in Großbuchstaben)“ oder „… (mit Leerzeichen davor und danach)“."""
    person = cast.get()
    address = _address(scenario_broker, person.email, adresse)
    if not adresse.endswith(")"):  # another address than the invited one
        notes.other_email = address
    register = RegisterScreen(cast.phone()).open_from_login()
    register.fill(address, scenario_broker.broker.makler_id, person.password)
    register.submit()


@when("er die Registrierung über den Link aus der Bestätigungs-E-Mail bestätigt")
@when("sie die Registrierung über den Link aus der Bestätigungs-E-Mail bestätigt")
def _(scenario_broker: ScenarioBroker, cast: Cast, notes: Notes) -> None:
    """Öffnet den Link der Bestätigungs-E-Mail und wartet auf das Ergebnis."""
    person = cast.get()
    open_link(cast.phone(), scenario_broker.api.wait_for_mail(person.email, "confirmation").links[0])
    notes.link_outcome = ConfirmScreen(cast.phone()).outcome()


@when("er sich mit E-Mail, Passwort und Makler-ID anmeldet")
@when("sie sich mit E-Mail, Passwort und Makler-ID anmeldet")
def _(scenario_broker: ScenarioBroker, cast: Cast) -> None:
    """Meldet sich mit E-Mail, Passwort und Makler-ID an (startet die App dafür neu, wenn nötig)."""
    person = cast.get()
    phone = cast.phone()
    login = LoginScreen(phone)
    if not login.is_shown():
        restart(phone)
    login.login(person.email, person.password, scenario_broker.broker.makler_id)


@then("ist er in der App angemeldet")
@then("ist sie in der App angemeldet")
def _(cast: Cast) -> None:
    """Prüft, dass die App nach der Anmeldung die Hauptansicht zeigt."""
    MainScreen(cast.phone()).wait_shown()


@then(parsers.parse('zeigt die Anmeldung den Fehler "{text}"'))
def _(cast: Cast, text: str) -> None:
    """Prüft den Fehlertext auf dem Anmeldebildschirm."""
    error = LoginScreen(cast.phone()).error()
    assert text in error, f"erwartet „{text}“ in der Fehlermeldung, gezeigt: „{error}“"


@then("bestätigt die App die Registrierung")
def _(cast: Cast) -> None:
    """Prüft, dass die App den Versand der Bestätigungs-E-Mail meldet."""
    assert "E-Mail" in RegisterScreen(cast.phone()).confirmation()


@then(parsers.parse('zeigt die Registrierung den Fehler "{text}"'))
def _(cast: Cast, text: str) -> None:
    """Prüft den Fehlertext auf dem Registrierungsbildschirm."""
    error = RegisterScreen(cast.phone()).error()
    assert text in error, f"erwartet „{text}“, gezeigt: „{error}“"


@then(parsers.parse('der Makler sieht "{name}" unter Externe → {liste}'))
def _(scenario_broker: ScenarioBroker, cast: Cast, name: str, liste: str) -> None:
    """Prüft, dass die Person in Administration → Externe in dieser Liste steht."""
    lists = {
        "Eingeladene": AccountState.INVITED,
        "Aktive": AccountState.ACTIVE,
        "Deaktiviert": AccountState.DEACTIVATED,
    }
    state = lists[liste]
    emails = [e.email for e in scenario_broker.admin.externe(state)]
    assert cast.get(name).email in emails, f"{name} nicht unter {liste}: {emails}"


MAIL_KINDS = {"Bestätigungs-E-Mail": "confirmation", "E-Mail zum Zurücksetzen des Passworts": "reset"}


@then(parsers.re(r"(?:er|sie) erhält keine (?P<mail>Bestätigungs-E-Mail|E-Mail zum Zurücksetzen des Passworts)"))
def _(scenario_broker: ScenarioBroker, cast: Cast, mail: str) -> None:
    """Prüft, dass keine Bestätigungs-E-Mail bzw. keine E-Mail zum Zurücksetzen des Passworts angekommen ist (die App
    hat schon geantwortet: gesendet wäre sie)."""
    person = cast.get()
    mails = scenario_broker.api.mailbox(person.email, kind=MAIL_KINDS[mail])
    assert not mails, f"{mail} an {person.email}: {[found.subject for found in mails]}"


@given("die Uhr des Maklers steht still")
def _(scenario_broker: ScenarioBroker) -> None:
    """Hält die Uhr des Maklers an: sie geht nur weiter, wenn ein Schritt Zeit vergehen lässt (genaue Ablaufgrenzen)."""
    scenario_broker.api.stop_clock(scenario_broker.broker.makler_id)


@when(parsers.re(r"(?P<dauer>\d[\w ,]*) vergehen"))
def _(scenario_broker: ScenarioBroker, dauer: str) -> None:
    """Die Uhr des Maklers läuft weiter, z. B. „15 Minuten“ (so lange gilt das Zugangstoken der App), „59 Minuten
    und 59 Sekunden“ (ein Link zum Zurücksetzen gilt eine Stunde), „48 Stunden“ (ein Bestätigungslink)."""
    parts = re.findall(r"(\d+) (\w+)", dauer)
    written = " ".join(f"{amount} {unit}" for amount, unit in parts)
    assert parts and all(unit in SECONDS for _, unit in parts) and written == re.sub(r",| und", "", dauer), (
        f"keine Dauer: „{dauer}“ (z. B. „47 Stunden, 59 Minuten und 59 Sekunden“)"
    )
    scenario_broker.api.advance_clock(
        sum(int(amount) * SECONDS[unit] for amount, unit in parts), scenario_broker.broker.makler_id
    )
