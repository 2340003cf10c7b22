"""The article's password rules (Registrierung), each with its German message."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PasswordRule:
    """One rule of the policy; ``id`` matches the app's ``password_rule_<id>`` checkbox."""

    id: str
    message: str
    pattern: re.Pattern[str]

    def holds(self, password: str) -> bool:
        """True when the password satisfies this rule."""
        return bool(self.pattern.search(password))


RULES = (
    PasswordRule("length", "mind. 8 Stellen", re.compile(r"^.{8,}$", re.DOTALL)),
    PasswordRule("lower", "mind. ein Kleinbuchstabe", re.compile(r"[a-zäöüß]")),
    PasswordRule("upper", "mind. ein Großbuchstabe", re.compile(r"[A-ZÄÖÜ]")),
    PasswordRule("digit", "mind. eine Zahl", re.compile(r"[0-9]")),
    PasswordRule("special", "mind. ein Sonderzeichen", re.compile(r"[^A-Za-z0-9äöüÄÖÜß\s]")),
)


def violations(password: str) -> list[dict[str, str]]:
    """The rules this password breaks, as ``{"rule", "message"}``; empty when compliant."""
    return [{"rule": r.id, "message": r.message} for r in RULES if not r.holds(password)]
