"""How a customer mistypes: one character off, the boundary every equality check (address, Makler-ID) must hold."""

from __future__ import annotations


def one_letter_off(text: str) -> str:
    """``text`` with its first letter replaced by another one (``a`` and ``b`` swap)."""
    return ("b" if text[0].lower() == "a" else "a") + text[1:]


def wrong_makler_id(makler_id: str) -> str:
    """The Makler-ID with its last digit changed."""
    return f"{makler_id[:-1]}{(int(makler_id[-1]) + 1) % 10}" if makler_id[-1].isdigit() else f"{makler_id}1"
