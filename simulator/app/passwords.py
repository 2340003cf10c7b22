"""The password rules of the article (Registrierung) as the app's live checklist; the backend checks again.

The rules themselves live in ``simulator/spec/passwords.py``, the table the backend's policy reads
too, so the checklist and the server never disagree on a password.
"""

from __future__ import annotations

from simulator.spec.passwords import RULES, PasswordRule

__all__ = ["RULES", "PasswordRule", "checklist", "element_id"]


def element_id(rule: PasswordRule) -> str:
    """The checkbox's accessibility id, e.g. ``password_rule_length``."""
    return f"password_rule_{rule.id}"


def checklist(password: str) -> dict[str, bool]:
    """Rule id -> satisfied, in the article's order."""
    return {rule.id: rule.holds(password) for rule in RULES}
