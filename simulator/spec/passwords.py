"""The article's password rules (Registrierung): one table for the app's checklist and the backend's policy.

The app shows each rule's ``text`` as a checkbox label and ticks it live; the backend refuses a
password that breaks a rule with the same ``text`` as the violation message. One table, so the
checklist and the server never disagree on a password.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from typing import Literal

PasswordRuleId = Literal["length", "lower", "upper", "digit", "special"]
"""A rule's id: the app's ``password_rule_<id>`` checkbox, the backend's violation, a refusal's record."""


@dataclass(frozen=True)
class PasswordRule:
    """One rule: id (the app's ``password_rule_<id>`` checkbox), German text, pattern that must match."""

    id: PasswordRuleId
    text: str
    pattern: re.Pattern[str]

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

if tuple(rule.id for rule in RULES) != typing.get_args(PasswordRuleId):  # one list, checked at import
    raise RuntimeError("PasswordRuleId and RULES disagree")
