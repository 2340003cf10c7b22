"""What the steps of one scenario share: the cast (customers by name, their e-mail, password, phone and contacts)
and the notes a step leaves for a later one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeVar

from appium.webdriver.webdriver import WebDriver

from simulator.client import Contact
from simulator.client.redact import redacted_repr

T = TypeVar("T")

PASSWORD = "Sicher!2026"


@dataclass
class Person:
    """A customer of the scenario's broker."""

    name: str
    email: str
    customer_id: int
    password: str = PASSWORD
    phone: WebDriver | None = None


@dataclass
class Cast:
    """Everyone a scenario talks about, by name; ``current`` is who "er"/"sie" refers to."""

    people: dict[str, Person] = field(default_factory=dict)
    current: str | None = None
    contacts: dict[tuple[str, str], Contact] = field(default_factory=dict)  # (contact, customer) -> Kontakte entry

    def add(self, person: Person) -> Person:
        """Introduce a person; they become the current one."""
        self.people[person.name] = person
        self.current = person.name
        return person

    def get(self, name: str | None = None) -> Person:
        """A person by name, or the current one."""
        key = name or self.current
        if key is None or key not in self.people:
            raise AssertionError(f"unbekannte Person im Szenario: {name!r}")
        self.current = key
        return self.people[key]

    def phone(self, name: str | None = None) -> WebDriver:
        """That person's phone (started by a step before)."""
        person = self.get(name)
        if person.phone is None:
            raise AssertionError(f"{person.name} hat noch kein Telefon im Szenario")
        return person.phone


@dataclass(repr=False)
class Notes:
    """What a step noted for a later step of the same scenario (read with :func:`noted`); a noted link's token is
    masked in the repr (it reaches the reports as a step parameter)."""

    other_email: str | None = None  # the address someone else registered with
    forgot_confirmation: str | None = None  # what "Passwort vergessen" confirmed
    reset_link: str | None = None  # the link of the last reset mail
    link_outcome: str | None = None  # what the screen of the last opened link (confirmation, reset) answered
    activation: str | None = None  # what the broker was told after a manual activation
    konsole_makler_id: str | None = None  # what the Makler-Konsole showed under Konto -> Kundenapp

    def __repr__(self) -> str:
        return redacted_repr(self)


def noted(value: T | None, what: str) -> T:
    """A note an earlier step made; a clear failure when that step did not run."""
    if value is None:
        raise AssertionError(f"im Szenario fehlt ein früherer Schritt: {what}")
    return value
