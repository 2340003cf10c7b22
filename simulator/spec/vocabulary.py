"""The closed vocabularies of the backend's API, so a mistyped state or kind is a type error, not a silent mismatch.

The values are the strings stored in SQLite and sent in JSON (the schema's CHECK constraints
list the same values; ``tests/backend/test_vocabulary.py`` ties them together). The backend
writes them, the client and the diagnosis read them: a StrEnum member equals its JSON string,
so the backend may put a member where JSON carries the value (``AccountStateValue``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class AccountState(StrEnum):
    """An app account's state (Administration -> Externe: Eingeladene, Aktive, Deaktivierte)."""

    INVITED = "eingeladen"
    ACTIVE = "aktiv"
    DEACTIVATED = "deaktiviert"


AccountStateValue = Literal["eingeladen", "aktiv", "deaktiviert"]
"""An account state as JSON carries it (answers, request bodies, world files); ``AccountState(value)`` reads it."""


class LinkKind(StrEnum):
    """What a mailed single-use link does: prove the invited mailbox, confirm a registration or (re)set a password."""

    INVITATION = "invitation"
    CONFIRMATION = "confirmation"
    RESET = "reset"


MailKind = Literal["invitation", "confirmation", "reset", "notice"]
"""What a message the backend sends is (the mailbox API filters by it; world files may seed other kinds)."""

LinkState = Literal["open", "used", "expired"]
"""Whether a mailed invitation / confirmation / reset link is still open, used or expired (test-control export)."""

MechanismMode = Literal["normal", "off", "inverted"]
"""A switchable backend mechanism's mode (``make fidelity``): ``normal`` is the production behaviour."""

CustomerKind = Literal["person", "firma"]
"""A broker's customer is a person or a company."""

AttemptAction = Literal["login", "register", "forgot"]
"""What a counted failed attempt of a customer's address was (throttling)."""

INBOX = "INBOX"
"""The folder every provider files wanted mail in (the others are a provider's spam folder: Spam, Junk)."""

INBOX_LABEL = "Posteingang"
"""What the inbox is called on screen (Postfach, diagnosis); spam folders are shown by their own name."""


def folder_label(folder: str) -> str:
    """A mail folder as a person reads it: ``INBOX`` -> ``Posteingang``, ``Junk`` stays ``Junk``."""
    return INBOX_LABEL if folder == INBOX else folder
