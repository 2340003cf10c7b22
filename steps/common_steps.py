"""Steps every area uses: the broker, customers, invitations, phones, registration and login."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from simulator.client import AccountState
from steps.context import Cast, Person
from steps.flows import open_link, restart
from steps.harness import PhoneFactory, World
from steps.screens.auth import ConfirmScreen, LoginScreen, RegisterScreen
from steps.screens.main import MainScreen

PLATFORMS = {"Android": "android", "iOS": "ios"}


@given("ein Makler, der die Kunden-App anbietet", target_fixture="cast")
def _(world: World) -> Cast:
    """Ein neuer Makler (eigener Mandant, Faker-Daten, eigene Makler-ID) für dieses Szenario."""
    return Cast()


@given(parsers.parse('der Kunde "{name}" mit einer E-Mail-Adresse bei "{domain}"'))
def _(world: World, cast: Cast, name: str, domain: str) -> None:
    """Legt den Kunden mit einer eindeutigen Adresse bei der genannten Mail-Domain an."""
    email = world.email(name, domain)
    customer = world.admin.create_customer(name, email)
    cast.add(Person(name, email, customer.id))


@given(parsers.parse('der Kunde "{name}"'))
def _(world: World, cast: Cast, name: str) -> None:
    """Legt den Kunden mit einer eindeutigen Adresse bei example.com an."""
    email = world.email(name)
    customer = world.admin.create_customer(name, email)
    cast.add(Person(name, email, customer.id))


@given(parsers.parse('der Makler hat "{name}" zur Kunden-App eingeladen'))
def _(world: World, cast: Cast, name: str) -> None:
    """Der Makler lädt den Kunden zur Kunden-App ein (Einladungs-E-Mail mit Link und Makler-ID)."""
    person = cast.get(name)
    world.admin.invite(person.customer_id)


@given(parsers.parse('"{name}" hat ein {platform}-Telefon mit der Kunden-App {version}'))
def _(phones: PhoneFactory, cast: Cast, name: str, platform: str, version: str) -> None:
    """Startet ein Telefon (Android oder iOS) mit dieser App-Version für die Person."""
    cast.get(name).phone = phones(PLATFORMS[platform], version)


@given(parsers.parse('"{name}" ist registriert und in der App angemeldet'))
def _(world: World, cast: Cast, name: str) -> None:
    """Einladen, über die App-Schnittstelle registrieren und bestätigen, in der App anmelden; Verträge geladen."""
    person = cast.get(name)
    phone = cast.phone(name)
    world.admin.invite(person.customer_id)
    # the registration form has its own scenarios; here registering is a given
    world.api.customer.register(world.broker.makler_id, person.email, person.password)
    world.api.customer.confirm(world.api.wait_for_mail(person.email, "confirmation").links[0])
    LoginScreen(phone).login(person.email, person.password, world.broker.makler_id)
    main = MainScreen(phone).wait_shown()
    main.open_tab("Verträge")
    main.wait(lambda d: main.chips(), "Kunden nach der Anmeldung geladen")


@when("er den Link aus der Einladungs-E-Mail öffnet")
@when("sie den Link aus der Einladungs-E-Mail öffnet")
def _(world: World, cast: Cast) -> None:
    """Öffnet den Link der neuesten Einladungs-E-Mail auf dem Telefon."""
    person = cast.get()
    open_link(cast.phone(), world.api.wait_for_mail(person.email, "invitation").links[0])


@when(parsers.parse('er sich mit dem Passwort "{password}" registriert'))
@when(parsers.parse('sie sich mit dem Passwort "{password}" registriert'))
def _(world: World, cast: Cast, password: str) -> None:
    """Registriert sich in der App mit der eingeladenen Adresse und diesem Passwort."""
    person = cast.get()
    register = RegisterScreen(cast.phone()).open_from_login()
    register.fill(person.email, world.broker.makler_id, password)
    register.submit()
    person.password = password


@when("er sich mit einer anderen als der eingeladenen E-Mail-Adresse registriert")
def _(world: World, cast: Cast) -> None:
    """Registriert sich mit einer anderen (nicht eingeladenen) Adresse."""
    person = cast.get()
    register = RegisterScreen(cast.phone()).open_from_login()
    other = world.email("privat")
    cast.other_email = other
    register.fill(other, world.broker.makler_id, person.password)
    register.submit()


@when("er die Registrierung über den Link aus der Bestätigungs-E-Mail bestätigt")
@when("sie die Registrierung über den Link aus der Bestätigungs-E-Mail bestätigt")
def _(world: World, cast: Cast) -> None:
    """Öffnet den Link der Bestätigungs-E-Mail und wartet auf das Ergebnis."""
    person = cast.get()
    open_link(cast.phone(), world.api.wait_for_mail(person.email, "confirmation").links[0])
    ConfirmScreen(cast.phone()).outcome()


@when("er sich mit E-Mail, Passwort und Makler-ID anmeldet")
@when("sie sich mit E-Mail, Passwort und Makler-ID anmeldet")
def _(world: World, cast: Cast) -> None:
    """Meldet sich mit E-Mail, Passwort und Makler-ID an (startet die App dafür neu, wenn nötig)."""
    person = cast.get()
    phone = cast.phone()
    login = LoginScreen(phone)
    if not login.is_shown():
        restart(phone)
    login.login(person.email, person.password, world.broker.makler_id)


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
def _(world: World, cast: Cast, name: str, liste: str) -> None:
    """Prüft, dass die Person in Administration → Externe in dieser Liste steht."""
    lists = {
        "Eingeladene": AccountState.INVITED,
        "Aktive": AccountState.ACTIVE,
        "Deaktiviert": AccountState.DEACTIVATED,
    }
    state = lists[liste]
    emails = [e.email for e in world.admin.externe(state)]
    assert cast.get(name).email in emails, f"{name} nicht unter {liste}: {emails}"
