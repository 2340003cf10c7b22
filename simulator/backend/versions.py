"""Version numbers ("3.5.2", "14", "17.4") and the minimum-version gate (Allgemein: updates)."""

from __future__ import annotations

import re

from simulator.backend.errors import ApiError

_VERSION = re.compile(r"^\d{1,4}(\.\d{1,4}){0,3}$")

LATEST_APP_VERSION = "4.0.0"
DEFAULT_MINIMUMS = {
    "android": {"min_app_version": "3.0.0", "min_os_version": "9"},
    "ios": {"min_app_version": "3.0.0", "min_os_version": "15"},
}


def is_version(text: str) -> bool:
    """True for dotted numeric versions."""
    return bool(_VERSION.match(text))


def parse(text: str) -> tuple[int, ...]:
    """``"3.5.2"`` -> ``(3, 5, 2)``; trailing zeros do not matter for comparison."""
    if not is_version(text):
        raise ValueError(f"not a version: {text!r}")
    parts = [int(p) for p in text.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def below(version: str, minimum: str) -> bool:
    """True when ``version`` is older than ``minimum``."""
    return parse(version) < parse(minimum)


def gate(app_version: str | None, os_version: str | None, minimums: dict[str, str]) -> None:
    """Raise 426 when the app or the OS is below the broker's minimum (OS first: it blocks app updates)."""
    if os_version and below(os_version, minimums["min_os_version"]):
        raise ApiError(
            426,
            "os_update_required",
            f"Bitte aktualisiere das Betriebssystem Deines Smartphones (mindestens Version "
            f"{minimums['min_os_version']}).",
            minimum=minimums["min_os_version"],
        )
    if app_version and below(app_version, minimums["min_app_version"]):
        raise ApiError(
            426,
            "app_update_required",
            f"Bitte aktualisiere die Kunden-App (mindestens Version {minimums['min_app_version']}).",
            minimum=minimums["min_app_version"],
        )
