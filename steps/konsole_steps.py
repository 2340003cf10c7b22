"""Steps in which the broker works in the Makler-Konsole in a real browser (scenarios tagged @konsole)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_bdd import parsers, then, when
from selenium import webdriver

from harness.browser import ReportShot, clean_slate
from harness.phones import PhoneFactory, show_in_reports
from harness.scenario_broker import ScenarioBroker
from harness.targets import Target
from steps.context import Cast, Notes, noted
from steps.general_steps import invitation_makler_id
from steps.phone_actions import to_login
from steps.screens.makler_konsole import Konsole


@pytest.fixture()
def konsole(
    request: pytest.FixtureRequest,
    konsole_browser: webdriver.Chrome,
    target: Target,
    scenario_broker: ScenarioBroker,
    phones: PhoneFactory,  # the phones come first in the reports' screens
) -> Iterator[Konsole]:
    """This scenario's broker in the Makler-Konsole, in the process's one browser, signed out and without a cookie
    of an earlier scenario; its screenshot joins the phones' on failure."""
    clean_slate(konsole_browser)
    show_in_reports(request.node, ReportShot(konsole_browser))
    yield Konsole(konsole_browser, target.backend_url, scenario_broker)
    clean_slate(konsole_browser)


@then(parsers.parse('die Makler-Konsole zeigt "{name}" unter Externe → {tab}'))
def _(konsole: Konsole, cast: Cast, name: str, tab: str) -> None:
    """Die Makler-Konsole listet die Person im Reiter von Externe (Eingeladene, Aktive, Deaktiviert)."""
    email = cast.get(name).email
    listed = konsole.externe(tab)
    assert email in listed, f"{name} ({email}) nicht unter Externe → {tab}: {listed}"


@when(
    parsers.parse(
        'der Makler in der Makler-Konsole "{name}" unter Externe → Eingeladene über das 3-Punkte-Menü manuell aktiviert'
    )
)
def _(konsole: Konsole, cast: Cast, notes: Notes, name: str) -> None:
    """Der Makler aktiviert das Konto im Browser: Externe → Eingeladene → 3-Punkte-Menü → manuell aktivieren."""
    notes.activation = konsole.menu_action("Eingeladene", cast.get(name).email, "action-aktivieren")


@when(
    parsers.parse(
        'der Makler in der Makler-Konsole den Zugang von "{name}" unter Externe → Aktive '
        "über das 3-Punkte-Menü deaktiviert"
    )
)
def _(konsole: Konsole, cast: Cast, name: str) -> None:
    """Der Makler deaktiviert den Zugang im Browser: Externe → Aktive → 3-Punkte-Menü → deaktivieren."""
    konsole.menu_action("Aktive", cast.get(name).email, "action-deaktivieren")


@when(
    parsers.parse(
        'der Makler in der Makler-Konsole "{name}" unter Externe → Deaktiviert über das 3-Punkte-Menü wieder aktiviert'
    )
)
def _(konsole: Konsole, cast: Cast, name: str) -> None:
    """Der Makler aktiviert den Zugang im Browser wieder: Externe → Deaktiviert → 3-Punkte-Menü → aktivieren."""
    konsole.menu_action("Deaktiviert", cast.get(name).email, "action-aktivieren")


@when(
    parsers.parse(
        'der Makler in der Makler-Konsole bei "{customer}" unter Kontakte → Personen den Kontakt "{owner}" '
        "bearbeitet: dessen E-Mail-Adresse, Kundenportal an"
    )
)
def _(konsole: Konsole, cast: Cast, customer: str, owner: str) -> None:
    """Der Makler trägt im Browser beim Kontakt die E-Mail des App-Nutzers ein und schaltet das Kundenportal an."""
    cast.get(customer)
    konsole.edit_contact(customer, owner, cast.get(owner).email, kundenportal=True)  # "er" is the owner again


@when("der Makler in der Makler-Konsole Administration → Konto → Kundenapp öffnet")
def _(konsole: Konsole, notes: Notes) -> None:
    """Der Makler öffnet im Browser Administration → Konto → Kundenapp und liest die Makler-ID ab."""
    notes.konsole_makler_id = konsole.makler_id()


@then("zeigt die Makler-Konsole dieselbe Makler-ID wie die Einladungs-E-Mail")
def _(scenario_broker: ScenarioBroker, cast: Cast, notes: Notes) -> None:
    """Die Makler-ID in Konto → Kundenapp ist dieselbe wie in der Einladungs-E-Mail."""
    shown = noted(notes.konsole_makler_id, "Makler-ID in der Makler-Konsole nachgesehen")
    assert shown == invitation_makler_id(scenario_broker, cast.get()), f"Makler-Konsole zeigt {shown}"


@when(parsers.re(r"(?:er|sie) sich mit der Makler-ID anmeldet, die die Makler-Konsole zeigt"))
def _(scenario_broker: ScenarioBroker, cast: Cast, notes: Notes) -> None:
    """Der Kunde meldet sich mit der Makler-ID an, die der Makler in der Konsole abgelesen hat."""
    person = cast.get()
    shown = noted(notes.konsole_makler_id, "Makler-ID in der Makler-Konsole nachgesehen")
    to_login(cast.phone()).login(person.email, person.password, shown)
