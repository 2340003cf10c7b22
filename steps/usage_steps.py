"""Steps of App nicht nutzbar and Geteilte Verträge: closing, backgrounding, outages, sessions, sharing."""

from __future__ import annotations

from appium.webdriver.webdriver import WebDriver
from pytest_bdd import given, parsers, then, when

from harness.scenario_broker import ScenarioBroker
from simulator.caps import APP_ID
from steps.context import Cast
from steps.screens.auth import LoginScreen
from steps.screens.base import quoted
from steps.screens.main import MainScreen
from steps.screens.system import BACKGROUND, FOREGROUND, NOT_RUNNING, SystemUi
from steps.typos import one_letter_off


def _names(text: str) -> list[str]:
    return [n.strip().strip('"') for n in text.replace(" und ", ",").split(",") if n.strip()]


def _close_completely(phone: WebDriver) -> None:
    """What the article means by "komplett schließen": open the app switcher, swipe the app's card away."""
    system = SystemUi(phone)
    system.open_switcher()
    system.swipe_away()
    assert phone.query_app_state(APP_ID) == NOT_RUNNING, "die App läuft nach dem Wegwischen noch"


@when("er die App komplett schließt und wieder startet")
@when("sie die App komplett schließt und wieder startet")
def _(cast: Cast) -> None:
    """Schließt die App komplett (Prozess beendet, Speicher weg) und startet sie neu."""
    phone = cast.phone()
    _close_completely(phone)
    SystemUi(phone).open_app()


@when("er die App im App-Umschalter wegwischt")
@when("er wischt die App im App-Umschalter weg")
@when("sie die App im App-Umschalter wegwischt")
@when("sie wischt die App im App-Umschalter weg")
def _(cast: Cast) -> None:
    """Öffnet den App-Umschalter und wischt die Karte der App weg: der Prozess endet, der Speicher ist weg."""
    _close_completely(cast.phone())


@when("er die Zurück-Taste drückt")
@when("er drückt die Zurück-Taste")
@when("sie die Zurück-Taste drückt")
@when("sie drückt die Zurück-Taste")
def _(cast: Cast) -> None:
    """Drückt die Zurück-Taste (Android) auf der obersten Seite der App: der Startbildschirm des Telefons erscheint."""
    system = SystemUi(cast.phone())
    system.back()
    system.wait_shown()


@when("er zum Startbildschirm wechselt")
@when("er wechselt zum Startbildschirm")
@when("sie zum Startbildschirm wechselt")
@when("sie wechselt zum Startbildschirm")
def _(cast: Cast) -> None:
    """Wechselt zum Startbildschirm (Home-Taste bzw. Home-Button): die App läuft im Hintergrund weiter."""
    SystemUi(cast.phone()).home()


@when("er die App wieder öffnet")
@when("er öffnet die App wieder")
@when("sie die App wieder öffnet")
@when("sie öffnet die App wieder")
def _(cast: Cast) -> None:
    """Tippt auf dem Startbildschirm auf das Symbol der Kunden-App."""
    SystemUi(cast.phone()).open_app()


@when("er die App in den Hintergrund legt und wieder öffnet")
@when("sie die App in den Hintergrund legt und wieder öffnet")
def _(cast: Cast) -> None:
    """Legt die App in den Hintergrund und holt sie zurück (Prozess läuft weiter)."""
    phone = cast.phone()
    system = SystemUi(phone)
    system.home()
    assert phone.query_app_state(APP_ID) in BACKGROUND  # still running: memory kept
    system.open_app()
    assert phone.query_app_state(APP_ID) == FOREGROUND


@when("er sich in der App abmeldet (Ich → Abmelden)")
@when("sie sich in der App abmeldet (Ich → Abmelden)")
def _(cast: Cast) -> None:
    """Meldet sich in der App ab: Ich → Abmelden."""
    MainScreen(cast.phone()).logout()
    LoginScreen(cast.phone()).wait_shown()


@when("das Backend für ihn nicht erreichbar ist")
def _(scenario_broker: ScenarioBroker) -> None:
    """Das Backend ist für die App des Kunden nicht erreichbar (Ausfall)."""
    scenario_broker.api.inject_outage(scenario_broker.broker.makler_id, seconds=3600)


@when("das Backend wieder erreichbar ist")
def _(scenario_broker: ScenarioBroker) -> None:
    """Das Backend ist wieder erreichbar."""
    scenario_broker.api.clear_faults(scenario_broker.broker.makler_id)


@when("der Server seine Sitzung verwirft")
def _(scenario_broker: ScenarioBroker, cast: Cast) -> None:
    """Der Server verwirft die Sitzung der Person (Sitzung kaputt)."""
    assert scenario_broker.api.invalidate_sessions(scenario_broker.broker.makler_id, cast.get().email) >= 1


@then(parsers.parse('zeigt die App den Fehler "{text}"'))
def _(cast: Cast, text: str) -> None:
    """Prüft das Fehlerbanner der App auf diesen Text (gelesen, sobald die App nichts mehr lädt)."""
    shown = MainScreen(cast.phone()).wait_shown().error()
    assert shown is not None and text in shown, f"erwartet „{text}“, gezeigt „{shown}“"


@then("zeigt die App die Anmeldung")
def _(cast: Cast) -> None:
    """Prüft, dass die App den Anmeldebildschirm zeigt."""
    LoginScreen(cast.phone()).wait_shown()


@then("kann er die App normal nutzen")
@then("kann sie die App normal nutzen")
def _(cast: Cast) -> None:
    """Prüft, dass die App nach der Anmeldung Verträge lädt und kein Fehler steht."""
    main = MainScreen(cast.phone()).wait_shown()
    # First the screen as it is: a tab switch is itself a retry and would hide a build that does not recover.
    error = main.error()
    assert error is None, f"die App zeigt „{error}“"
    assert main.shows_data(), "der geöffnete Tab zeigt keine Daten"
    main.open_tab("Verträge")
    assert main.chips(), "keine Kunden in den Verträgen"


@given(parsers.parse('"{name}" hat den Vertrag "{number}"'))
def _(scenario_broker: ScenarioBroker, cast: Cast, name: str, number: str) -> None:
    """Legt für die Person einen Vertrag mit dieser Nummer an."""
    scenario_broker.admin.add_contract(cast.get(name).customer_id, number)


@given(parsers.parse('der Makler hat "{owner}" als Kontakt bei "{customer}" {how}'))
@when(parsers.parse('der Makler "{owner}" als Kontakt bei "{customer}" {how}'))
def _(scenario_broker: ScenarioBroker, cast: Cast, owner: str, customer: str, how: str) -> None:
    """Der Makler legt die Person als Kontakt beim Kunden an (mit gleicher, ohne, anderer E-Mail, mit einem Tippfehler
    in der E-Mail oder der E-Mail in Großbuchstaben; mit oder ohne Kundenportal)."""
    # how: "mit gleicher E-Mail und Kundenportal angelegt", "ohne E-Mail angelegt", ...
    person = cast.get(owner)
    email: str | None = person.email
    if "ohne E-Mail" in how:
        email = None
    elif "anderer E-Mail" in how:
        email = scenario_broker.email("anders")
    elif "Tippfehler in der E-Mail" in how:  # one character off: no share
        email = one_letter_off(person.email)
    elif "E-Mail in Großbuchstaben" in how:  # the same address: shares
        email = person.email.upper()
    portal = "ohne Kundenportal" not in how
    contact = scenario_broker.admin.add_contact(cast.get(customer).customer_id, owner, email, portal)
    cast.contacts[(owner, customer)] = contact
    cast.current = owner


@when(parsers.parse('der Makler den Kontakt "{owner}" bei "{customer}" korrigiert'))
def _(scenario_broker: ScenarioBroker, cast: Cast, owner: str, customer: str) -> None:
    """Der Makler korrigiert den Kontakt: gleiche E-Mail, Kundenportal an."""
    contact = cast.contacts[(owner, customer)]
    scenario_broker.admin.edit_contact(
        cast.get(customer).customer_id, contact.id, email=cast.get(owner).email, kundenportal=True
    )
    cast.current = owner


@when(parsers.parse('der Makler das Kundenportal für "{owner}" bei "{customer}" abschaltet'))
def _(scenario_broker: ScenarioBroker, cast: Cast, owner: str, customer: str) -> None:
    """Der Makler schaltet das Kundenportal für den Kontakt ab."""
    contact = cast.contacts[(owner, customer)]
    scenario_broker.admin.edit_contact(cast.get(customer).customer_id, contact.id, kundenportal=False)
    cast.current = owner


@then(parsers.parse("sieht er in den Verträgen die Kunden {names}"))
@then(parsers.parse("sieht sie in den Verträgen die Kunden {names}"))
def _(cast: Cast, names: str) -> None:
    """Prüft die Kunden-Chips über der Vertragsliste (z. B. „Peter Vater“ und „Anna Vater“)."""
    main = MainScreen(cast.phone()).wait_shown()
    main.open_tab("Verträge")
    expected = _names(names)
    main.wait(
        lambda d: sorted(main.chips()) == sorted(expected),
        f"Kunden {quoted(expected)}",
        shown=lambda: quoted(main.chips()) or "keine Kunden-Chips",
    )


@then(parsers.parse("sieht er in den Verträgen nur {name}"))
@then(parsers.parse("sieht sie in den Verträgen nur {name}"))
def _(cast: Cast, name: str) -> None:
    """Prüft, dass nur der Chip dieses einen Kunden zu sehen ist (gelesen, sobald die App nichts mehr lädt)."""
    main = MainScreen(cast.phone()).wait_shown()
    main.open_tab("Verträge")
    shown = list(main.chips())  # read once the app is idle: a reload under way must not pass by accident
    assert shown == _names(name), (
        f"erwartet nur {quoted(_names(name))}, gezeigt {quoted(shown) or 'keine Kunden-Chips'}"
    )


@when(parsers.parse('er den Kunden-Chip "{name}" antippt'))
@when(parsers.parse('sie den Kunden-Chip "{name}" antippt'))
def _(cast: Cast, name: str) -> None:
    """Tippt den Kunden-Chip an (blendet dessen Verträge aus oder ein)."""
    MainScreen(cast.phone()).toggle_chip(name)


@then(parsers.parse('sieht er den Vertrag "{number}"'))
@then(parsers.parse('sieht sie den Vertrag "{number}"'))
def _(cast: Cast, number: str) -> None:
    """Prüft, dass der Vertrag in der Vertragsliste steht."""
    main = MainScreen(cast.phone())
    main.wait(
        lambda d: any(number in row for row in main.contracts()),
        f"Vertrag „{number}“ in der Liste",
        shown=lambda: quoted(main.contracts()) or "keine Verträge",
    )


@then(parsers.parse('sieht er den Vertrag "{number}" nicht'))
@then(parsers.parse('sieht sie den Vertrag "{number}" nicht'))
def _(cast: Cast, number: str) -> None:
    """Prüft, dass der Vertrag nicht in der Vertragsliste steht."""
    main = MainScreen(cast.phone())
    main.wait(
        lambda d: all(number not in row for row in main.contracts()),
        f"Vertrag „{number}“ ausgeblendet",
        shown=lambda: quoted(main.contracts()),
    )


@when(parsers.parse('er den Vertrag "{number}" öffnet'))
@when(parsers.parse('sie den Vertrag "{number}" öffnet'))
def _(cast: Cast, number: str) -> None:
    """Öffnet in der Vertragsliste die Details dieses Vertrags."""
    MainScreen(cast.phone()).open_contract(number)


@then(parsers.parse('zeigt die App die Details zum Vertrag "{number}"'))
def _(cast: Cast, number: str) -> None:
    """Prüft, dass die Vertragsdetails dieses Vertrags zu sehen sind."""
    shown = MainScreen(cast.phone()).contract_detail()
    assert shown == number, f"erwartet die Details zu {number}, gezeigt: {shown}"


@then(parsers.parse('zeigt die App die Details zum Vertrag "{number}" nicht an'))
def _(cast: Cast, number: str) -> None:
    """Prüft, dass die Details nicht erscheinen und die App stattdessen einen Fehler zeigt (Freigabe entzogen)."""
    main = MainScreen(cast.phone())
    shown = main.contract_detail()
    assert shown is None, f"die App zeigt die Details zu {shown}, obwohl die Freigabe entzogen ist"
    assert main.text_now("contract_error"), "keine Fehlermeldung in den Vertragsdetails"


@when("er die Vertragsdetails schließt")
@when("sie die Vertragsdetails schließt")
def _(cast: Cast) -> None:
    """Schließt die Vertragsdetails und kehrt zur Vertragsliste zurück."""
    MainScreen(cast.phone()).close_contract()
