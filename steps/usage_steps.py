"""Steps of App nicht nutzbar and Geteilte Verträge: closing, backgrounding, outages, sessions, sharing."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from steps.context import Cast
from steps.harness import APP_ID, World
from steps.screens.auth import LoginScreen
from steps.screens.base import quoted
from steps.screens.main import MainScreen


def _names(text: str) -> list[str]:
    return [n.strip().strip('"') for n in text.replace(" und ", ",").split(",") if n.strip()]


@when("er die App komplett schließt und wieder startet")
@when("sie die App komplett schließt und wieder startet")
def _(cast: Cast) -> None:
    """Schließt die App komplett (Prozess beendet, Speicher weg) und startet sie neu."""
    phone = cast.phone()
    assert phone.terminate_app(APP_ID), "die App lief nicht"
    assert phone.query_app_state(APP_ID) == 1  # not running: memory is gone
    phone.activate_app(APP_ID)


@when("er die App in den Hintergrund legt und wieder öffnet")
@when("sie die App in den Hintergrund legt und wieder öffnet")
def _(cast: Cast) -> None:
    """Legt die App in den Hintergrund und holt sie zurück (Prozess läuft weiter)."""
    phone = cast.phone()
    phone.background_app(-1)
    assert phone.query_app_state(APP_ID) in (2, 3)  # still running: memory kept
    phone.activate_app(APP_ID)
    assert phone.query_app_state(APP_ID) == 4


@when("er sich in der App abmeldet (Ich → Abmelden)")
@when("sie sich in der App abmeldet (Ich → Abmelden)")
def _(cast: Cast) -> None:
    """Meldet sich in der App ab: Ich → Abmelden."""
    MainScreen(cast.phone()).logout()
    LoginScreen(cast.phone()).wait_shown()


@when("das Backend für ihn nicht erreichbar ist")
def _(world: World) -> None:
    """Das Backend ist für die App des Kunden nicht erreichbar (Ausfall)."""
    world.api.inject_outage(world.broker.makler_id, seconds=3600)


@when("das Backend wieder erreichbar ist")
def _(world: World) -> None:
    """Das Backend ist wieder erreichbar."""
    world.api.clear_faults(world.broker.makler_id)


@when("der Server seine Sitzung verwirft")
def _(world: World, cast: Cast) -> None:
    """Der Server verwirft die Sitzung der Person (Sitzung kaputt)."""
    assert world.api.invalidate_sessions(world.broker.makler_id, cast.get().email) >= 1


@then(parsers.parse('zeigt die App den Fehler "{text}"'))
def _(cast: Cast, text: str) -> None:
    """Prüft das Fehlerbanner der App auf diesen Text."""
    main = MainScreen(cast.phone())
    shown = main.wait(lambda d: main.error(), f"Fehlerbanner „{text}“")
    assert text in shown, f"erwartet „{text}“, gezeigt „{shown}“"


@then("zeigt die App die Anmeldung")
def _(cast: Cast) -> None:
    """Prüft, dass die App den Anmeldebildschirm zeigt."""
    LoginScreen(cast.phone()).wait_shown()


@then("kann er die App normal nutzen")
@then("kann sie die App normal nutzen")
def _(cast: Cast) -> None:
    """Prüft, dass die App nach der Anmeldung Verträge lädt und kein Fehler steht."""
    main = MainScreen(cast.phone()).wait_shown()
    main.open_tab("Verträge")
    main.idle()
    assert main.error() is None, main.error()
    assert main.chips(), "keine Kunden in den Verträgen"


@given(parsers.parse('"{name}" hat den Vertrag "{number}"'))
def _(world: World, cast: Cast, name: str, number: str) -> None:
    """Legt für die Person einen Vertrag mit dieser Nummer an."""
    world.admin.add_contract(cast.get(name).customer_id, number)


@given(parsers.parse('der Makler hat "{owner}" als Kontakt bei "{customer}" {how}'))
@when(parsers.parse('der Makler "{owner}" als Kontakt bei "{customer}" {how}'))
def _(world: World, cast: Cast, owner: str, customer: str, how: str) -> None:
    """Der Makler legt die Person als Kontakt beim Kunden an (mit/ohne/andere E-Mail, Kundenportal an/aus)."""
    # how: "mit gleicher E-Mail und Kundenportal angelegt", "ohne E-Mail angelegt", ...
    person = cast.get(owner)
    email: str | None = person.email
    if "ohne E-Mail" in how:
        email = None
    elif "anderer E-Mail" in how:
        email = world.email("anders")
    portal = "ohne Kundenportal" not in how
    contact = world.admin.add_contact(cast.get(customer).customer_id, owner, email, portal)
    cast.extra[("contact", owner, customer)] = contact
    cast.current = owner


@when(parsers.parse('der Makler den Kontakt "{owner}" bei "{customer}" korrigiert'))
def _(world: World, cast: Cast, owner: str, customer: str) -> None:
    """Der Makler korrigiert den Kontakt: gleiche E-Mail, Kundenportal an."""
    contact = cast.extra[("contact", owner, customer)]
    world.admin.edit_contact(
        cast.get(customer).customer_id, contact["id"], email=cast.get(owner).email, kundenportal=True
    )
    cast.current = owner


@when(parsers.parse('der Makler das Kundenportal für "{owner}" bei "{customer}" abschaltet'))
def _(world: World, cast: Cast, owner: str, customer: str) -> None:
    """Der Makler schaltet das Kundenportal für den Kontakt ab."""
    contact = cast.extra[("contact", owner, customer)]
    world.admin.edit_contact(cast.get(customer).customer_id, contact["id"], kundenportal=False)
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
    """Prüft, dass nur der Chip dieses einen Kunden zu sehen ist."""
    main = MainScreen(cast.phone()).wait_shown()
    main.open_tab("Verträge")
    main.wait(
        lambda d: list(main.chips()) == _names(name),
        f"nur Kunde {quoted(_names(name))}",
        shown=lambda: quoted(main.chips()) or "keine Kunden-Chips",
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
