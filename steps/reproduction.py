"""Reproducing a world file for one scenario: backend part through the client, phone part through Appium.

Only ``simulator.world`` (schema, parse, relocate, load: no app or backend internals) and
``simulator.client`` (the backend's HTTP API) are used besides the steps' own screens.

How a world is reproduced (docs/fehlerbericht.md, "Als Szenario"):

1. The world is relocated (``simulator.world.relocate``): Makler-IDs and addresses get a suffix
   of this scenario, so scenarios run side by side in one backend. Steps keep using the file's
   terms: ``Ausgangslage.real("peter.vater@example.com")`` gives the address in the backend.
2. The loader puts the backend part in, except what only happens after the phone's login.
3. The phone is started with the world's platform, OS and app version (forced behaviours as
   capability ``kundenapp:behaviours``, simulator only). ``logged_in``: the customer logs in
   through the login screen with the account's password; the broker's minimums and the account's
   state are relaxed for that moment and put back right after, as they were when he logged in.
   A Makler-ID the app remembers comes from the broker's app link (Konto → Kundenapp) opened on
   the phone. ``installed: false``: the app is removed.
4. What happened after the login follows: shares ``added: after_login``, minimums and account
   state as in the file, ``session: revoked`` (test-control), counted attempts; faults last.
5. The app is closed completely and opened, as the customer opens it (what ``serve --world``
   shows), and the step waits until it has finished loading.

Shares the broker sets up while the app runs (``added: after_app_start``) wait for the step
``Wenn der Makler die Freigaben aus der Ausgangslage nachträgt``.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from appium.webdriver.webdriver import WebDriver

from harness.phones import PhoneFactory
from harness.targets import Target, require_simulator
from simulator.caps import APP_ID
from simulator.client import AccountState, BackendClient, BackendError, Broker, BrokerAdmin, Minimums, ProviderRule
from simulator.world.checks import Account, accounts, norm_email, norm_makler_id, phone_account
from simulator.world.load import Loaded, LoadError, PendingContact, add_contact, load
from simulator.world.parse import WorldError, read
from simulator.world.relocate import Relocation, relocation
from simulator.world.schema import World
from steps.context import Cast, Person
from steps.phone_actions import open_link, restart
from steps.screens.auth import LoginScreen, RegisterScreen
from steps.screens.base import Screen
from steps.screens.main import MainScreen

WORLDS_DIR = Path("examples") / "worlds"
ROOT_SCREENS = ("screen_main", "screen_login", "screen_update", "screen_launcher")
LOWEST = Minimums("0", "0")


@dataclass
class Ausgangslage:
    """A world file reproduced for one scenario: the file, its relocated copy, the loader's result, the phone."""

    source: Path
    original: World
    world: World
    relocation: Relocation
    loaded: Loaded
    broker: Broker | None  # the scenario's broker from now on: the phone account's, else the file's first
    phone: WebDriver | None = None

    def real(self, name: str) -> str:
        """A Makler-ID or e-mail address as the file names it -> as it is in this scenario's backend."""
        try:
            return self.relocation.email(name) if "@" in name else self.relocation.makler_id(name)
        except KeyError:
            known = ", ".join(sorted(self.relocation.names()))
            raise AssertionError(f"„{name}“ kommt in {self.source.name} nicht vor (bekannt: {known})") from None

    def names(self) -> dict[str, str]:
        """Every Makler-ID and address of the file (normalised) with its name in this scenario."""
        return self.relocation.names()


def world_file(root: Path, name: str) -> Path:
    """A world file: as given (relative to the project root), else in examples/worlds/."""
    for candidate in (root / name, root / WORLDS_DIR / name):
        if candidate.is_file():
            return candidate
    raise AssertionError(f"Welt-Datei „{name}“ nicht gefunden (gesucht in {root} und {root / WORLDS_DIR})")


def read_world(path: Path) -> World:
    """Read and validate a world file; a broken one fails the scenario with field paths and lines."""
    try:
        return read(path)
    except WorldError as exc:
        pytest.fail(str(exc), pytrace=False)


class Finalizing(Protocol):
    """Where clean-up after the scenario is registered (``pytest.FixtureRequest``)."""

    def addfinalizer(self, finalizer: Callable[[], object]) -> None: ...


class Reproduction:
    """Loads a world for one scenario: backend part through the loader, phone part through Appium."""

    def __init__(self, request: Finalizing, target: Target, phones: PhoneFactory, backend: BackendClient) -> None:
        self.request = request
        self.target = target
        self.phones = phones
        self.backend = backend
        self.known: dict[str, str] = {}  # passwords the scenario knows, by relocated address

    def run(
        self, path: Path, original: World, cast: Cast, seed: int, passwords: Mapping[str, str] | None = None
    ) -> Ausgangslage:
        """Reproduce the world; its people join the cast (the owner of the phone the current one).

        ``seed``: the Faker seed of a broker whose file names none. ``passwords`` (address as the file
        names it -> password) are those the scenario knows of accounts the file holds only as a hash
        (a snapshot): the phone logs in with them.
        """
        moved_by = relocation(original, secrets.token_hex(5))
        moved = moved_by.apply(original)
        self.known = {
            norm_email(moved_by.email(address)): password
            for address, password in (passwords or {}).items()
            if norm_email(address) in moved_by.emails
        }
        phone = moved.phone
        if phone is not None and phone.behaviours:
            require_simulator(self.target, f"App-Verhalten {sorted(phone.behaviours)} aus {path.name}")
        self._mail_providers(moved, moved_by)
        loaded = self._call(lambda: load(self.backend, before_the_phone(moved)))
        account = phone_account(moved)
        lage = Ausgangslage(path, original, moved, moved_by, loaded, scenario_broker(moved, account, loaded, seed))
        self._people(cast, moved, account, loaded)
        if phone is not None:
            caps = {"kundenapp:behaviours": dict(phone.behaviours)} if phone.behaviours else None
            owner = account.customer.name if account is not None else None
            lage.phone = self.phones(phone.platform, phone.app_version, phone.os_version, caps, owner=owner)
            if owner is not None:
                cast.get(owner).phone = lage.phone
            self._call(lambda: self._set_up_phone(lage, account))
        self._call(lambda: self._faults(moved))
        if lage.phone is not None and phone is not None and phone.installed:
            restart(lage.phone)  # the customer opens the app
            settled(lage.phone)
        note_contacts(self.backend, cast, lage)
        if account is not None:
            cast.current = account.customer.name
        return lage

    @staticmethod
    def _call(action: Callable[[], Any]) -> Any:
        try:
            return action()
        except (LoadError, BackendError) as exc:
            pytest.fail(f"Ausgangslage nicht herstellbar: {exc}", pytrace=False)

    # -------------------------------------------------------------- backend
    def _mail_providers(self, moved: World, moved_by: Relocation) -> None:
        """Provider rules are global: only where the world's rules file its domains differently, add rules for
        exactly those domains, and take them out again after the scenario."""
        if moved.mail_providers is None:
            return
        current: list[ProviderRule] = self._call(self.backend.mail_providers)
        wanted = [ProviderRule(p.name, tuple(p.domains), p.spam_folder, p.strict) for p in moved.mail_providers]
        marker = f"welt-{moved_by.suffix}"
        domains = sorted({address.rpartition("@")[2].casefold() for address in moved_by.emails.values()})
        added = []
        for domain in domains:
            folder, strict = filing(wanted, domain)
            if (folder, strict) != filing(current, domain):
                added.append(ProviderRule(marker, (domain,), folder or "Spam", strict))
        if not added:
            return
        self._call(lambda: self.backend.set_mail_providers(added + current))

        def take_out() -> None:
            rules = self.backend.mail_providers()
            self.backend.set_mail_providers([rule for rule in rules if rule.name != marker])

        self.request.addfinalizer(take_out)

    def _faults(self, moved: World) -> None:
        for fault in moved.faults:
            self.backend.add_fault(
                fault.makler_id,
                outage_requests=fault.outage_requests,
                outage_seconds=fault.outage_seconds,
                latency_ms=fault.latency_ms,
            )

    # -------------------------------------------------------------- people
    def _people(self, cast: Cast, moved: World, account: Account | None, loaded: Loaded) -> None:
        """Everyone of the world by name; the broker of the phone's account last, so its names win."""
        brokers = list(enumerate(moved.brokers))
        if account is not None:
            brokers.sort(key=lambda item: item[1].makler_id == account.broker.makler_id)
        for b, broker in brokers:
            for c, customer in enumerate(broker.customers):
                customer_id = loaded.customer_ids[("brokers", b, "customers", c)]
                email = customer.externals[0].email if customer.externals else customer.email or ""
                person = Person(customer.name, email, customer_id)
                password = self._password(moved, broker.makler_id, email) if email else None
                if password is not None:
                    person.password = password
                cast.add(person)

    # -------------------------------------------------------------- phone
    def _set_up_phone(self, lage: Ausgangslage, account: Account | None) -> None:
        phone, driver = lage.world.phone, lage.phone
        assert phone is not None and driver is not None
        if not phone.installed:
            assert driver.remove_app(APP_ID), "die App ließ sich nicht entfernen"
            return
        if phone.logged_in:
            assert account is not None  # the schema's consistency check
            self._logged_in(lage, account)
        elif phone.makler_id is not None:
            self._remembered_makler_id(driver, phone.makler_id, lage.broker)

    def _logged_in(self, lage: Ausgangslage, account: Account) -> None:
        """Log in through the login screen, as the customer once did, then what happened since."""
        phone, driver = lage.world.phone, lage.phone
        assert phone is not None and driver is not None
        makler_id = norm_makler_id(account.broker.makler_id)
        key = lage.loaded.api_keys[makler_id]
        external, email = account.external, account.external.email
        password = self._password(lage.world, makler_id, email)
        if password is None:
            pytest.fail(f"{lage.source.name}: für die Anmeldung fehlt das Passwort von {email}", pytrace=False)
        customer_id = lage.loaded.customer_ids[account.loc[:4]]
        state = AccountState(external.state)
        with self._login_possible(self.backend.admin(key), makler_id, customer_id, email, state):
            LoginScreen(driver).login(email, password, phone.makler_id or makler_id)
            main = MainScreen(driver).wait_shown()
            main.open_tab("Verträge")
            main.wait(lambda d: main.chips(), "Kunden nach der Anmeldung geladen")
            # what happened after the login
            for pending in after_login(lage.world, lage.loaded):
                add_contact(self.backend, pending)
        if state == AccountState.ACTIVE and phone.session == "revoked":
            revoked = self.backend.invalidate_sessions(makler_id, email)
            assert revoked >= 1, f"keine Sitzung von {email} zu beenden"
        for attempt in lage.world.attempts:
            self.backend.count_attempt(
                {
                    "action": attempt.action,
                    "makler_id": attempt.makler_id,
                    "email": attempt.email,
                    "failures": attempt.failures,
                    "locked": attempt.locked,
                    "refused": attempt.refused,
                }
            )

    @contextmanager
    def _login_possible(
        self, admin: BrokerAdmin, makler_id: str, customer_id: int, email: str, state: AccountState
    ) -> Iterator[None]:
        """While the customer logs in: the broker's minimums lowest and the account active, as when he once logged
        in; afterwards both as the world says, also when the login fails (the broker is kept for a look then)."""
        minimums = admin.app_settings()
        admin.put_app_settings({"android": LOWEST, "ios": LOWEST})
        try:
            if state != AccountState.ACTIVE:
                self.backend.set_external_state(makler_id, customer_id, email, AccountState.ACTIVE)
            yield
        finally:
            admin.put_app_settings(minimums)
            if state != AccountState.ACTIVE:
                self.backend.set_external_state(makler_id, customer_id, email, state)

    def _password(self, moved: World, makler_id: str, email: str) -> str | None:
        """An account's password: from the file (or its history), else one the scenario knows."""
        return password_of(moved, makler_id, email) or self.known.get(norm_email(email))

    def _remembered_makler_id(self, driver: WebDriver, makler_id: str, broker: Broker | None) -> None:
        """The app remembers a Makler-ID from an invitation link: open the broker's app link carrying it."""
        assert broker is not None, "eine gemerkte Makler-ID braucht einen Makler in der Welt"
        link = self.backend.admin(broker).kundenapp().app_link
        parts = urlsplit(link)
        query = [(k, makler_id if k == "makler_id" else v) for k, v in parse_qsl(parts.query)]
        open_link(driver, urlunsplit(parts._replace(query=urlencode(query))))
        RegisterScreen(driver).wait_shown()


# ------------------------------------------------------------------ pure helpers
def scenario_broker(moved: World, account: Account | None, loaded: Loaded, seed: int) -> Broker | None:
    """The world's broker the scenario acts as (of the phone's account, else the file's first), as loaded."""
    chosen = account.broker if account is not None else (moved.brokers[0] if moved.brokers else None)
    if chosen is None:
        return None
    makler_id = norm_makler_id(chosen.makler_id)
    return Broker(
        makler_id,
        loaded.api_keys[makler_id],
        chosen.name or "",
        chosen.phone or "",
        chosen.address or "",
        chosen.seed if chosen.seed is not None else seed,
    )


def before_the_phone(moved: World) -> World:
    """What the loader puts in before the phone: no faults (they come last, after the phone is set up), no
    mail providers (global, see ``_mail_providers``), and for a logged-in phone neither its login nor what
    followed it (shares added after the login, counted attempts)."""
    data = moved.model_dump()
    data["faults"] = []
    data["mail_providers"] = None
    if moved.phone is not None and moved.phone.logged_in:
        for broker in data["brokers"]:
            for customer in broker["customers"]:
                customer["contacts"] = [c for c in customer["contacts"] if c["added"] != "after_login"]
        data["attempts"] = []
        data["phone"].update(logged_in=False, session="valid")
    return World.model_validate(data)


def after_login(moved: World, loaded: Loaded) -> list[PendingContact]:
    """The shares a world adds after the phone's login (``added: after_login``), ready for the admin API."""
    pending = []
    for b, broker in enumerate(moved.brokers):
        makler_id = norm_makler_id(broker.makler_id)
        for c, customer in enumerate(broker.customers):
            customer_id = loaded.customer_ids[("brokers", b, "customers", c)]
            for contact in customer.contacts:
                if contact.added == "after_login":
                    pending.append(
                        PendingContact(makler_id, loaded.api_keys[makler_id], customer_id, customer.name, contact)
                    )
    return pending


def password_of(moved: World, makler_id: str, email: str) -> str | None:
    """An account's password: from the file, else from its registration in the app history."""
    for account in accounts(moved):
        same = norm_makler_id(account.broker.makler_id) == norm_makler_id(makler_id)
        if same and norm_email(account.external.email) == norm_email(email) and account.external.password:
            return account.external.password
    for action in reversed(moved.history):
        same = norm_makler_id(action.makler_id) == norm_makler_id(makler_id)
        if action.action == "register" and same and norm_email(action.email) == norm_email(email):
            return action.password
    return None


def filing(rules: list[ProviderRule], domain: str) -> tuple[str | None, bool]:
    """How provider rules file unauthenticated mail to a domain: (spam folder or None, strict)."""
    chosen = next((r for r in rules if domain in [d.casefold() for d in r.domains]), None)
    chosen = chosen or next((r for r in rules if "*" in r.domains), None)
    if chosen is None or not chosen.strict:
        return (None, False)
    return (chosen.spam_folder, True)


def settled(driver: WebDriver) -> None:
    """Wait until the app shows a screen and has finished loading."""
    screen = Screen(driver)
    screen.wait(lambda d: any(screen.present(root) for root in ROOT_SCREENS), "App gestartet")
    screen.idle()


def note_contacts(backend: BackendClient, cast: Cast, lage: Ausgangslage) -> None:
    """Kontakte -> Personen of every customer, for the steps that correct or switch off a contact."""
    for b, broker in enumerate(lage.world.brokers):
        key = lage.loaded.api_keys[norm_makler_id(broker.makler_id)]
        for c, customer in enumerate(broker.customers):
            customer_id = lage.loaded.customer_ids[("brokers", b, "customers", c)]
            for contact in backend.admin(key).contacts(customer_id):
                cast.contacts[(contact.name, customer.name)] = contact
