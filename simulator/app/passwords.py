"""The password rules of the article (Registrierung) as the app's live checklist; the backend checks again.

The character classes are the backend's (``simulator/backend/passwords.py``),
so the checklist and the server never disagree on a password.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PasswordRule:
    """One rule: name (checkbox id suffix), German label, pattern that must match."""

    name: str
    label: str
    pattern: re.Pattern[str]

    @property
    def element_id(self) -> str:
        """The checkbox's accessibility id, e.g. ``password_rule_length``."""
        return f"password_rule_{self.name}"

    def holds(self, password: str) -> bool:
        """True when the password satisfies this rule."""
        return self.pattern.search(password) is not None


RULES: tuple[PasswordRule, ...] = (
    PasswordRule("length", "mind. 8 Stellen", re.compile(r"^.{8,}$", re.DOTALL)),
    PasswordRule("lower", "mind. ein Kleinbuchstabe", re.compile(r"[a-zäöüß]")),
    PasswordRule("upper", "mind. ein Großbuchstabe", re.compile(r"[A-ZÄÖÜ]")),
    PasswordRule("digit", "mind. eine Zahl", re.compile(r"[0-9]")),
    PasswordRule("special", "mind. ein Sonderzeichen", re.compile(r"[^A-Za-z0-9äöüÄÖÜß\s]")),
)


def checklist(password: str) -> dict[str, bool]:
    """Rule name -> satisfied, in the article's order."""
    return {rule.name: rule.holds(password) for rule in RULES}
