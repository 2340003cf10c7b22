"""Steps of the Allgemein area: updates (OS, app), the Makler-ID, the invitation in Spam or Junk.

Also the small building blocks the Login area shares: a registered customer on the login screen,
restarting the app and the way back to the login screen.
"""

from __future__ import annotations

import re

from appium.webdriver.webdriver import WebDriver
from pytest_bdd import given, parsers, then, when

from harness.phones import PhoneFactory
from harness.scenario_broker import ScenarioBroker
from harness.targets import Target, require_simulator
from simulator.caps import APP_ID
from steps.common_steps import PLATFORMS
from steps.context import Cast, Person
from steps.phone_actions import open_link, register_and_confirm, to_login
from steps.screens.auth import LoginScreen, RegisterScreen, UpdateScreen
from steps.screens.main import MainScreen
from steps.typos import wrong_makler_id

FOLDERS = {"Posteingang": "INBOX", "Spam": "Spam", "Junk": "Junk"}
MAKLER_ID_IN_MAIL = re.compile(r"Makler-ID:\s*(\S+)")


def platform_of(phone: WebDriver) -> str:
    """ "android" or "ios", from the session's capabilities."""
    return str(phone.capabilities.get("platformName", "Android")).lower()


def invitation_makler_id(scenario_broker: ScenarioBroker, person: Person) -> str:
    """The Makler-ID written in the newest invitation mail."""
    body = scenario_broker.api.latest_mail(person.email, "invitation").body
    found = MAKLER_ID_IN_MAIL.search(body)
    assert found, f"keine Makler-ID in der Einladungs-E-Mail: {body}"
    return found.group(1)


# ------------------------------------------------------------------ phones and registration
@given(parsers.parse('"{name}" hat ein {platform}-Telefon ({os_name} {os_version}) mit der Kunden-App {version}'))
def _(phones: PhoneFactory, cast: Cast, name: str, platform: str, os_name: str, os_version: str, version: str) -> None:
    """Startet ein Telefon mit genannter Betriebssystem-Version und App-Version."""
    assert os_name == platform, f"{platform}-Telefon mit {os_name}?"
    cast.get(name).phone = phones(PLATFORMS[platform], version, os_version, owner=name)


@given(parsers.parse('"{name}" hat sich in der App registriert und die Registrierung bestätigt'))
def _(scenario_broker: ScenarioBroker, cast: Cast, name: str) -> None:
    """Einladen, registrieren und bestätigen; die App steht danach auf der Anmeldung."""
    person = cast.get(name)
    scenario_broker.admin.invite(person.customer_id)
    register_and_confirm(scenario_broker, person, cast.phone(name))


@given(parsers.re(r"(?:er|sie) hat die App danach gelöscht und neu installiert"))
def _(cast: Cast) -> None:
    """Löscht die App (Daten weg) und installiert dieselbe Version neu."""
    phone = cast.phone()
    caps = phone.capabilities
    app = str(caps.get("appium:app") or caps["app"])  # the same build again, e.g. kundenapp-4.0.0.apk
    phone.remove_app(APP_ID)
    phone.install_app(app)
    phone.activate_app(APP_ID)
    LoginScreen(phone).wait_shown()


@when(parsers.re(r"(?:er|sie) in der App zur Anmeldung wechselt"))
def _(cast: Cast) -> None:
    """Wechselt zum Anmeldebildschirm (zurück von einem Link-Bildschirm oder per Neustart)."""
    to_login(cast.phone())


# ------------------------------------------------------------------ updates
@given(parsers.parse("der Makler verlangt für {platform} mindestens das Betriebssystem {version}"))
@when(parsers.parse("der Makler für {platform} mindestens das Betriebssystem {version} verlangt"))
def _(scenario_broker: ScenarioBroker, platform: str, version: str) -> None:
    """Der Makler setzt die Mindestversion des Betriebssystems für die Plattform."""
    scenario_broker.admin.set_minimums(PLATFORMS[platform], os=version)


@given(parsers.parse("der Makler verlangt für {platform} mindestens die Kunden-App {version}"))
@when(parsers.parse("der Makler für {platform} mindestens die Kunden-App {version} verlangt"))
def _(scenario_broker: ScenarioBroker, platform: str, version: str) -> None:
    """Der Makler setzt die Mindestversion der Kunden-App für die Plattform."""
    scenario_broker.admin.set_minimums(PLATFORMS[platform], app=version)


@then(parsers.parse('zeigt die App "Update erforderlich" für das Betriebssystem {version}'))
def _(cast: Cast, version: str) -> None:
    """Prüft den Bildschirm „Update erforderlich“ mit der verlangten Betriebssystem-Version."""
    update = UpdateScreen(cast.phone())
    assert update.title() == "Update erforderlich", update.title()
    body = update.body()
    assert "Betriebssystem" in body and f"{version} oder neuer" in body, body


@then(parsers.parse('zeigt die App "Update erforderlich" für die Kunden-App {version}'))
def _(cast: Cast, version: str) -> None:
    """Prüft den Bildschirm „Update erforderlich“ mit der verlangten App-Version."""
    update = UpdateScreen(cast.phone())
    assert update.title() == "Update erforderlich", update.title()
    body = update.body()
    assert "Kunden-App" in body and "App im" in body and f"Version {version}" in body, body
    assert "Betriebssystem" not in body, body


@when(parsers.re(r"(?:er|sie) das Betriebssystem auf Version (?P<version>\S+) aktualisiert"))
def _(target: Target, cast: Cast, version: str) -> None:
    """Aktualisiert das Betriebssystem des Telefons (nur im Simulator)."""
    require_simulator(target, "Betriebssystem-Update")
    state = cast.phone().execute_script("kundenapp: updateOs", {"version": version})
    assert state["os_version"] == version, state


@when(parsers.re(r"(?:er|sie) die Kunden-App (?P<version>\S+) aus dem Store installiert"))
def _(cast: Cast, version: str) -> None:
    """Installiert diese App-Version über die alte (Daten bleiben erhalten)."""
    phone = cast.phone()
    suffix = "ipa" if platform_of(phone) == "ios" else "apk"
    phone.install_app(f"kundenapp-{version}.{suffix}")


@when(parsers.re(r"(?:er|sie) die App startet"))
def _(cast: Cast) -> None:
    """Startet die App und wartet, bis ein Bildschirm steht."""
    cast.phone().activate_app(APP_ID)


@then(parsers.parse("zeigt die App unter Ich die Version {version}"))
def _(cast: Cast, version: str) -> None:
    """Prüft die unter Ich angezeigte App-Version."""
    shown = MainScreen(cast.phone()).app_version()
    assert shown == f"Version {version}", shown


# ------------------------------------------------------------------ Makler-ID
@when(parsers.re(r"(?:er|sie) sich ohne Makler-ID anmeldet"))
def _(cast: Cast) -> None:
    """Meldet sich mit E-Mail und Passwort, aber leerer Makler-ID an."""
    person = cast.get()
    to_login(cast.phone()).login(person.email, person.password, "")


def makler_id_variant(scenario_broker: ScenarioBroker, variant: str) -> str:
    """The broker's Makler-ID as a customer might type it: another broker's, one digit short or long, in lower
    case, with blanks around it (the app trims, the backend compares without case)."""
    right = scenario_broker.broker.makler_id
    if variant == "eines anderen Maklers":
        other = scenario_broker.api.create_broker()
        scenario_broker.more_brokers.append(other.makler_id)  # released with the scenario's own broker
        return other.makler_id
    variants = {
        "ohne ihre letzte Ziffer": right[:-1],
        "mit einer Ziffer mehr": f"{right}1",
        "in Kleinbuchstaben": right.lower(),
        "mit Leerzeichen davor und danach": f"  {right}  ",
    }
    return variants[variant]


@when(parsers.re(r"(?:er|sie) sich mit einer falschen Makler-ID anmeldet"))
def _(scenario_broker: ScenarioBroker, cast: Cast) -> None:
    """Meldet sich mit einer Makler-ID an, die es nicht gibt (letzte Ziffer vertippt)."""
    person = cast.get()
    to_login(cast.phone()).login(person.email, person.password, wrong_makler_id(scenario_broker.broker.makler_id))


@when(
    parsers.re(
        r"(?:er|sie) sich mit der Makler-ID (?P<variant>eines anderen Maklers|ohne ihre letzte Ziffer|"
        r"mit einer Ziffer mehr|in Kleinbuchstaben|mit Leerzeichen davor und danach) anmeldet"
    )
)
def _(scenario_broker: ScenarioBroker, cast: Cast, variant: str) -> None:
    """Meldet sich mit einer Abwandlung der Makler-ID an (eines anderen Maklers, ohne ihre letzte Ziffer, mit einer
    Ziffer mehr, in Kleinbuchstaben, mit Leerzeichen davor und danach)."""
    person = cast.get()
    to_login(cast.phone()).login(person.email, person.password, makler_id_variant(scenario_broker, variant))


@when(parsers.re(r"(?:er|sie) sich mit einer falschen Makler-ID registriert"))
def _(scenario_broker: ScenarioBroker, cast: Cast) -> None:
    """Registriert sich mit der eingeladenen Adresse, aber einer vertippten Makler-ID."""
    person = cast.get()
    register = RegisterScreen(cast.phone()).open_from_login()
    register.fill(person.email, wrong_makler_id(scenario_broker.broker.makler_id), person.password)
    register.submit()


@then(parsers.re(r'erhält (?:er|sie) statt einer Bestätigung den Hinweis "(?P<text>[^"]+)"'))
def _(scenario_broker: ScenarioBroker, cast: Cast, text: str) -> None:
    """Prüft, dass die eigene Adresse einen Hinweis mit diesem Text bekam und keine Bestätigungs-E-Mail."""
    person = cast.get()
    mails = scenario_broker.api.mailbox(person.email)
    kinds = [mail.kind for mail in mails]
    assert "confirmation" not in kinds, f"Bestätigungs-E-Mail an {person.email}: {kinds}"
    notices = [mail.body for mail in mails if mail.kind == "notice"]
    assert notices and text in notices[-1], f"kein Hinweis „{text}“ an {person.email}: {notices}"


@when(parsers.re(r"(?:er|sie) sich mit der Makler-ID aus der Einladungs-E-Mail anmeldet"))
def _(scenario_broker: ScenarioBroker, cast: Cast) -> None:
    """Meldet sich mit der Makler-ID aus der Einladungs-E-Mail an."""
    person = cast.get()
    to_login(cast.phone()).login(person.email, person.password, invitation_makler_id(scenario_broker, person))


@when(parsers.re(r"(?:er|sie) sich mit der Makler-ID aus Administration → Konto → Kundenapp anmeldet"))
def _(scenario_broker: ScenarioBroker, cast: Cast) -> None:
    """Meldet sich mit der Makler-ID an, die der Makler unter Konto → Kundenapp sieht."""
    person = cast.get()
    to_login(cast.phone()).login(person.email, person.password, scenario_broker.admin.kundenapp().makler_id)


@then("nennt der Makler unter Administration → Konto → Kundenapp dieselbe Makler-ID wie die Einladungs-E-Mail")
def _(scenario_broker: ScenarioBroker, cast: Cast) -> None:
    """Prüft, dass Konto → Kundenapp und die Einladungs-E-Mail dieselbe Makler-ID nennen."""
    konto = scenario_broker.admin.kundenapp()
    assert konto.makler_id == invitation_makler_id(scenario_broker, cast.get()), konto
    assert konto.app_link.startswith("kundenapp://einladung?"), konto


@then("ist das Feld Makler-ID bei der Anmeldung leer")
def _(cast: Cast) -> None:
    """Prüft, dass das Feld Makler-ID auf der Anmeldung leer ist."""
    assert LoginScreen(cast.phone()).makler_id() == ""


@then("ist im Registrierungsformular die Makler-ID aus der Einladung eingetragen")
def _(scenario_broker: ScenarioBroker, cast: Cast) -> None:
    """Prüft, dass der Einladungslink die Makler-ID ins Registrierungsformular eingetragen hat."""
    person = cast.get()
    register = RegisterScreen(cast.phone()).wait_shown()
    assert register.field("register_makler_id") == invitation_makler_id(scenario_broker, person)
    assert register.field("register_email") == person.email


@when(parsers.re(r"(?:er|sie) sich registriert, ohne die Makler-ID einzutippen"))
def _(cast: Cast) -> None:
    """Registriert sich über den Einladungslink, ohne die Makler-ID selbst einzutippen."""
    register = RegisterScreen(cast.phone())
    register.fill(None, None, cast.get().password)
    register.submit()
    register.confirmation()


@then("ist bei der Anmeldung die Makler-ID aus der Einladung eingetragen")
def _(scenario_broker: ScenarioBroker, cast: Cast) -> None:
    """Prüft, dass die Anmeldung die Makler-ID aus der Einladung vorausgefüllt zeigt."""
    assert LoginScreen(cast.phone()).makler_id() == invitation_makler_id(scenario_broker, cast.get())


@when(parsers.re(r"(?:er|sie) sich mit E-Mail und Passwort anmeldet, ohne die Makler-ID einzutippen"))
def _(cast: Cast) -> None:
    """Meldet sich an und lässt die vorausgefüllte Makler-ID stehen."""
    person = cast.get()
    to_login(cast.phone()).login(person.email, person.password, None)


# ------------------------------------------------------------------ Spam / Junk
@given(parsers.parse("der Makler versendet E-Mails {mode} Absender-Authentifizierung (SPF/DKIM)"))
def _(scenario_broker: ScenarioBroker, mode: str) -> None:
    """Schaltet die Absender-Authentifizierung des Maklers an („mit“) oder aus („ohne“)."""
    assert mode in ("mit", "ohne"), mode
    scenario_broker.admin.set_sender_authenticated(mode == "mit")


@then(parsers.parse('liegt die Einladung im Ordner "{folder}"'))
def _(scenario_broker: ScenarioBroker, cast: Cast, folder: str) -> None:
    """Prüft, in welchem Ordner (Posteingang, Spam, Junk) die Einladung gelandet ist."""
    person = cast.get()
    invitations = scenario_broker.api.mailbox(person.email, kind="invitation")
    assert invitations, f"keine Einladung an {person.email}"
    assert {mail.folder for mail in invitations} == {FOLDERS[folder]}, [mail.folder for mail in invitations]


@then(parsers.parse('liegt auch die Bestätigungs-E-Mail im Ordner "{folder}"'))
def _(scenario_broker: ScenarioBroker, cast: Cast, folder: str) -> None:
    """Prüft, in welchem Ordner die Bestätigungs-E-Mail gelandet ist."""
    person = cast.get()
    mails = scenario_broker.api.mailbox(person.email, folder=FOLDERS[folder], kind="confirmation")
    assert mails, f"keine Bestätigungs-E-Mail im Ordner {folder}: {scenario_broker.api.mailbox(person.email)}"


@when(parsers.re(r'(?:er|sie) die Einladung im Ordner "(?P<folder>[^"]+)" findet und ihren Link öffnet'))
def _(scenario_broker: ScenarioBroker, cast: Cast, folder: str) -> None:
    """Sucht die Einladung in diesem Ordner und öffnet ihren Link auf dem Telefon."""
    person = cast.get()
    mails = scenario_broker.api.mailbox(person.email, folder=FOLDERS[folder], kind="invitation")
    assert mails, f"keine Einladung im Ordner {folder}"
    open_link(cast.phone(), mails[-1].links[0])
    RegisterScreen(cast.phone()).wait_shown()


@then(parsers.re(r"ist (?:er|sie) weiterhin in der App angemeldet"))
def _(cast: Cast) -> None:
    """Prüft, dass die Sitzung noch trägt: die Verträge laden ohne neue Anmeldung."""
    main = MainScreen(cast.phone())
    main.wait_shown()
    main.idle()
    assert main.error() is None, main.error()
    main.open_tab("Verträge")
    main.wait(lambda d: main.chips(), "Verträge geladen: die Sitzung trägt noch")
