"""Named, version-tied behaviours of the emulated app (the documented cases of ``simulator.registry``).

This module is the one registry: each behaviour is a real mechanism in
``app.py`` that is on for the builds in its version range. A session may force
a behaviour on or off by name with the capability
``kundenapp:behaviours`` (``DeviceConfig.extra["behaviours"]``), e.g.
``{"unusable_memory": false}`` (or ``"inverted"``: the opposite of the build's
default, what ``make fidelity`` uses), and at runtime with the simulator command
``setBehaviour``.

| name | article section |
|---|---|
| ``unusable_memory`` | App nicht nutzbar 1 |
| ``unusable_session`` | App nicht nutzbar 2–3 |
| ``shared_restart`` | Geteilte Verträge 2 |

Each affects every build before its ``fixed_in`` (``simulator.registry.FIXED_IN``).
``shared_relogin`` (Geteilte Verträge 3–4, customer scope fixed at login) lives in the
backend, which sees the build in X-App-Version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from simulator.app.versions import version_lt
from simulator.registry import APP_BEHAVIOURS, FIXED_IN
from simulator.spec.phones import Forced

UNUSABLE_MEMORY, UNUSABLE_SESSION, SHARED_RESTART = APP_BEHAVIOURS


@dataclass(frozen=True)
class Behaviour:
    """One known defect of released builds: affected from ``introduced_in`` (inclusive) to ``fixed_in``."""

    name: str
    article: str
    summary: str
    fixed_in: str
    introduced_in: str | None = None

    def affects(self, app_version: str) -> bool:
        """True when a build of this version has the defect."""
        if self.introduced_in is not None and version_lt(app_version, self.introduced_in):
            return False
        return version_lt(app_version, self.fixed_in)


REGISTRY: Mapping[str, Behaviour] = {
    behaviour.name: behaviour
    for behaviour in (
        Behaviour(
            name=UNUSABLE_MEMORY,
            article="Dein Kunde kann plötzlich die Kunden-App nicht mehr nutzen, Schritt 1",
            summary=(
                "A failed load of the main data (503 or network error) leaves the running app stuck "
                "with 'Es ist ein Fehler aufgetreten.'; it never retries, not on tab switch or resume. "
                "Only a cold start reloads. Fixed builds retry on resume and on tab switch."
            ),
            fixed_in=FIXED_IN[UNUSABLE_MEMORY],
        ),
        Behaviour(
            name=UNUSABLE_SESSION,
            article="Dein Kunde kann plötzlich die Kunden-App nicht mehr nutzen, Schritte 2–3",
            summary=(
                "When the server rejects the persisted session (access and refresh token), the app "
                "shows 'Sitzung konnte nicht geladen werden.' on the main screen and keeps the broken "
                "tokens, so a restart shows it again; Ich → Abmelden clears them. Fixed builds drop "
                "the tokens and show the login screen."
            ),
            fixed_in=FIXED_IN[UNUSABLE_SESSION],
        ),
        Behaviour(
            name=SHARED_RESTART,
            article="Dein Kunde sieht nur seine Verträge, Schritt 2",
            summary=(
                "The list of visible customers is loaded once per cold start and kept in the process's "
                "memory; resuming from the background does not reload it, and neither does Abmelden and "
                "a new login of the same account in the same process (hence the article's 'close "
                "completely' after Abmelden). Fixed builds reload on resume and on login."
            ),
            fixed_in=FIXED_IN[SHARED_RESTART],
        ),
    )
}


INVERTED: Literal["inverted"] = "inverted"


def parse_overrides(extra: Mapping[str, Any]) -> dict[str, Forced]:
    """Forced behaviours from the session's extra capabilities; ValueError on unknown names or values."""
    raw = extra.get("behaviours", extra.get("kundenapp:behaviours"))
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise ValueError("kundenapp:behaviours must be an object of behaviour name -> true/false")
    overrides: dict[str, Forced] = {}
    for name, value in raw.items():
        check_name(name)
        if value == INVERTED:
            overrides[name] = INVERTED
        elif isinstance(value, bool):
            overrides[name] = value
        else:
            raise ValueError(f'behaviour {name!r} must be forced to true, false or "inverted", not {value!r}')
    return overrides


def check_name(name: object) -> str:
    """``name`` if it names a registered behaviour, else ValueError."""
    if not isinstance(name, str) or name not in REGISTRY:
        known = ", ".join(sorted(REGISTRY))
        raise ValueError(f"unknown behaviour {name!r}; known: {known}")
    return name


def is_active(name: str, app_version: str, overrides: Mapping[str, Forced]) -> bool:
    """Whether the behaviour is in force for this build, a forced value winning over the version range."""
    forced = overrides.get(name)
    default = REGISTRY[name].affects(app_version)
    if forced == INVERTED:
        return not default
    if forced is not None:
        return bool(forced)
    return default


def active_set(app_version: str, overrides: Mapping[str, Forced]) -> dict[str, bool]:
    """Every registered behaviour with whether it is in force for this build."""
    return {name: is_active(name, app_version, overrides) for name in REGISTRY}
