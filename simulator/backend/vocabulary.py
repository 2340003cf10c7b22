"""The backend's closed vocabularies, so a mistyped state or kind is a type error, not a silent mismatch.

The values are the strings stored in SQLite and sent in JSON (the schema's CHECK constraints
list the same values; ``tests/backend/test_vocabulary.py`` ties them together).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class AccountState(StrEnum):
    """An app account's state (Administration -> Externe: Eingeladene, Aktive, Deaktivierte)."""

    INVITED = "eingeladen"
    ACTIVE = "aktiv"
    DEACTIVATED = "deaktiviert"


class LinkKind(StrEnum):
    """What a mailed single-use link does: confirm a registration or (re)set a password."""

    CONFIRMATION = "confirmation"
    RESET = "reset"


MailKind = Literal["invitation", "confirmation", "reset", "notice"]
"""What a message the backend sends is (the mailbox API filters by it; world files may seed other kinds)."""
