"""Move a world into a shared backend: its own Makler-IDs and e-mail addresses, every reference kept.

Example worlds use fixed Makler-IDs (``MK204711``) and addresses (``peter.vater@example.com``).
Scenarios run in parallel against one backend, where a Makler-ID exists once and a mailbox belongs
to an address, so each scenario loads a copy of its world made unique by a suffix:

- every Makler-ID the world names becomes ``<ID>-<SUFFIX>``: the brokers' and the ones in mails,
  attempts, history, faults and on the phone, also a wrong one the customer typed (it must stay
  unknown to the backend). A valid ID stays valid: at most 32 characters of ``[A-Za-z0-9-]``,
  shortened with a digest where needed;
- every e-mail address it names becomes ``<local>+<suffix>@<domain>``: customers, contacts,
  accounts, mails, attempts, history, the phone's account. The domain stays, since the mail
  provider rules depend on it;
- recorded mails (subject, body, links) get both replaced, also URL-encoded (``%40``);
- a fixed admin key gets the suffix too (a key belongs to one broker per backend);
- a fault for all brokers becomes one fault per broker of the world: in a shared backend
  "all" can only mean all of this world's brokers.

The same original always gives the same result (IDs compare without case, addresses without
case), so references stay consistent; different suffixes never give the same ID or address.
Mail provider rules are global to a backend and cannot be relocated (see ``steps/reproduction.py``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote_plus

from simulator.world.checks import norm_email, norm_makler_id
from simulator.world.schema import (
    AppAction,
    Attempt,
    Broker,
    Contact,
    Customer,
    External,
    Fault,
    Mail,
    World,
    WorldPhone,
)

SUFFIX_PATTERN = re.compile(r"^[A-Za-z0-9]{1,16}$")
MAKLER_ID_MAX = 32
LOCAL_PART_MAX = 64
_ID_CHARS = "A-Za-z0-9-"


def _digest(text: str, size: int = 6) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


def relocated_makler_id(makler_id: str, suffix: str) -> str:
    """``MK204711`` -> ``MK204711-<SUFFIX>`` (upper case, at most 32 characters)."""
    base, tag = norm_makler_id(makler_id), f"-{suffix.upper()}"
    room = MAKLER_ID_MAX - len(tag)
    if len(base) > room:
        base = base[: room - 6] + _digest(base).upper()
    return base + tag


def relocated_email(address: str, suffix: str) -> str:
    """``peter.vater@example.com`` -> ``peter.vater+<suffix>@example.com`` (the domain stays)."""
    local, _, domain = address.strip().rpartition("@")
    tag = f"+{suffix.lower()}"
    if len(local) + len(tag) > LOCAL_PART_MAX:
        local = local[: LOCAL_PART_MAX - len(tag) - 6] + _digest(local.casefold())
    return f"{local}{tag}@{domain}"


@dataclass(frozen=True)
class Relocation:
    """Which Makler-IDs and addresses of a world become which, for one suffix."""

    suffix: str
    makler_ids: dict[str, str]  # normalised original -> relocated
    emails: dict[str, str]  # normalised original -> relocated

    def makler_id(self, original: str) -> str:
        """The relocated form of a Makler-ID of the world (KeyError: the world does not name it)."""
        return self.makler_ids[norm_makler_id(original)]

    def email(self, original: str) -> str:
        """The relocated form of an address of the world (KeyError: the world does not name it)."""
        return self.emails[norm_email(original)]

    def names(self) -> dict[str, str]:
        """Every original Makler-ID and address (normalised) with what it became."""
        return {**self.makler_ids, **self.emails}

    def text(self, text: str) -> str:
        """Replace the world's addresses (also URL-encoded) and Makler-IDs inside free text (mails)."""
        replacements: dict[str, str] = {}
        address_patterns: list[str] = []
        for original, new in self.emails.items():
            for old_form, new_form in ((original, new), (quote_plus(original), quote_plus(new))):
                replacements[old_form.casefold()] = new_form
                address_patterns.append(re.escape(old_form))
        id_patterns = []
        for original, new in self.makler_ids.items():
            replacements[original.casefold()] = new
            id_patterns.append(rf"(?<![{_ID_CHARS}]){re.escape(original)}(?![{_ID_CHARS}])")
        if not replacements:
            return text
        # addresses first and longest first: an ID inside an address must not be replaced on its own
        alternatives = sorted(address_patterns, key=len, reverse=True) + sorted(id_patterns, key=len, reverse=True)
        pattern = re.compile("|".join(alternatives), re.IGNORECASE)
        return pattern.sub(lambda match: replacements[match.group(0).casefold()], text)

    def apply(self, world: World) -> World:
        """The relocated copy of a world (validated again against the schema)."""
        brokers = [self._broker(broker) for broker in world.brokers]
        faults: list[Fault] = []
        for fault in world.faults:
            if fault.makler_id is None:
                faults += [fault.model_copy(update={"makler_id": broker.makler_id}) for broker in brokers]
            else:
                faults.append(fault.model_copy(update={"makler_id": self.makler_id(fault.makler_id)}))
        relocated = world.model_copy(
            update={
                "brokers": brokers,
                "mails": [self._mail(mail) for mail in world.mails],
                "attempts": [self._attempt(attempt) for attempt in world.attempts],
                "history": [self._action(action) for action in world.history],
                "faults": faults,
                "phone": self._phone(world.phone) if world.phone is not None else None,
                "phones": [self._phone(phone) for phone in world.phones],
            }
        )
        return World.model_validate(relocated.model_dump())

    def _optional_email(self, address: str | None) -> str | None:
        return self.email(address) if address is not None else None

    def _broker(self, broker: Broker) -> Broker:
        api_key = f"{broker.api_key}-{self.suffix}"[-256:] if broker.api_key is not None else None
        return broker.model_copy(
            update={
                "makler_id": self.makler_id(broker.makler_id),
                "api_key": api_key,
                "customers": [self._customer(customer) for customer in broker.customers],
            }
        )

    def _customer(self, customer: Customer) -> Customer:
        return customer.model_copy(
            update={
                "email": self._optional_email(customer.email),
                "contacts": [self._contact(contact) for contact in customer.contacts],
                "externals": [self._external(external) for external in customer.externals],
            }
        )

    def _contact(self, contact: Contact) -> Contact:
        return contact.model_copy(update={"email": self._optional_email(contact.email)})

    def _external(self, external: External) -> External:
        return external.model_copy(update={"email": self.email(external.email)})

    def _mail(self, mail: Mail) -> Mail:
        return mail.model_copy(
            update={
                "to": self.email(mail.to),
                "makler_id": self.makler_id(mail.makler_id) if mail.makler_id is not None else None,
                "subject": self.text(mail.subject),
                "body": self.text(mail.body),
                "links": [self.text(link) for link in mail.links],
            }
        )

    def _attempt(self, attempt: Attempt) -> Attempt:
        email = self.email(attempt.email) if "@" in attempt.email else attempt.email
        return attempt.model_copy(update={"makler_id": self.makler_id(attempt.makler_id), "email": email})

    def _action(self, action: AppAction) -> AppAction:
        return action.model_copy(
            update={"email": self.email(action.email), "makler_id": self.makler_id(action.makler_id)}
        )

    def _phone(self, phone: WorldPhone) -> WorldPhone:
        return phone.model_copy(
            update={
                "account": self._optional_email(phone.account),
                "makler_id": self.makler_id(phone.makler_id) if phone.makler_id is not None else None,
            }
        )


def _makler_ids(world: World) -> Iterable[str]:
    yield from (broker.makler_id for broker in world.brokers)
    yield from (mail.makler_id for mail in world.mails if mail.makler_id is not None)
    yield from (attempt.makler_id for attempt in world.attempts)
    yield from (action.makler_id for action in world.history)
    yield from (fault.makler_id for fault in world.faults if fault.makler_id is not None)
    yield from (phone.makler_id for phone in world.all_phones if phone.makler_id is not None)


def _emails(world: World) -> Iterable[str]:
    for broker in world.brokers:
        for customer in broker.customers:
            if customer.email is not None:
                yield customer.email
            yield from (contact.email for contact in customer.contacts if contact.email is not None)
            yield from (external.email for external in customer.externals)
    yield from (mail.to for mail in world.mails)
    yield from (attempt.email for attempt in world.attempts if "@" in attempt.email)
    yield from (action.email for action in world.history)
    yield from (phone.account for phone in world.all_phones if phone.account is not None)


def relocation(world: World, suffix: str) -> Relocation:
    """The mapping of a world's Makler-IDs and addresses for one suffix (letters and digits, 1–16)."""
    if not SUFFIX_PATTERN.match(suffix):
        raise ValueError(f"suffix must be 1-16 letters or digits, not {suffix!r}")
    suffix = suffix.lower()
    makler_ids: dict[str, str] = {}
    for makler_id in _makler_ids(world):
        makler_ids.setdefault(norm_makler_id(makler_id), relocated_makler_id(makler_id, suffix))
    emails: dict[str, str] = {}
    for address in _emails(world):  # one spelling per address: the first one in the file
        emails.setdefault(norm_email(address), relocated_email(address, suffix))
    return Relocation(suffix, makler_ids, emails)


def relocate(world: World, suffix: str) -> World:
    """A copy of the world with unique Makler-IDs and addresses for a shared backend (see the module doc)."""
    return relocation(world, suffix).apply(world)
