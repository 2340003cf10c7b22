"""The minimum-version gate (Allgemein: updates); versions are parsed strictly by the shared parser."""

from __future__ import annotations

from simulator.backend.errors import ApiError
from simulator.registry import NEWEST_RELEASE
from simulator.spec.api import Minimums
from simulator.spec.versions import is_version, parse_version

__all__ = ["DEFAULT_MINIMUMS", "LATEST_APP_VERSION", "below", "gate", "is_version", "parse"]

LATEST_APP_VERSION = NEWEST_RELEASE  # GET /app/v1/config says it
DEFAULT_MINIMUMS: dict[str, Minimums] = {
    "android": {"min_app_version": "3.0.0", "min_os_version": "9"},
    "ios": {"min_app_version": "3.0.0", "min_os_version": "15"},
}


def parse(text: str) -> tuple[int, ...]:
    """``"3.5.2"`` -> ``(3, 5, 2)``, read strictly (see ``simulator/spec/versions.py``)."""
    return parse_version(text, strict=True)


def below(version: str, minimum: str) -> bool:
    """True when ``version`` is older than ``minimum``."""
    return parse(version) < parse(minimum)


def gate(app_version: str | None, os_version: str | None, minimums: Minimums) -> None:
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
