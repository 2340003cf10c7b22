"""The backend's password policy: the shared rule table (``simulator/spec/passwords.py``) as violations."""

from __future__ import annotations

from simulator.spec.passwords import RULES


def violations(password: str) -> list[dict[str, str]]:
    """The rules this password breaks, as ``{"rule", "message"}``; empty when compliant."""
    return [{"rule": r.id, "message": r.text} for r in RULES if not r.holds(password)]
