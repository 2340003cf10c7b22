"""Backend behaviours tied to the calling app's version (the documented cases' "affected versions").

Each behaviour is named, documented and bounded by a version range, so a
scenario can show the symptom with an affected build and assert that a fixed
build recovers on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.backend.versions import below, is_version
from simulator.registry import BACKEND_BEHAVIOURS, FIXED_IN


@dataclass(frozen=True)
class Behaviour:
    """A named behaviour active for app versions below ``fixed_in``."""

    name: str
    fixed_in: str
    description: str

    def affects(self, app_version: str | None) -> bool:
        """True when this app version still has the behaviour."""
        return bool(app_version) and is_version(app_version or "") and below(app_version or "", self.fixed_in)


SESSION_SCOPE_AT_LOGIN = Behaviour(
    BACKEND_BEHAVIOURS[0],
    fixed_in=FIXED_IN[BACKEND_BEHAVIOURS[0]],
    description=(
        "Geteilte Verträge 3-4: sessions of older apps keep the set of visible customers fixed at "
        "login; customers shared later appear only after Abmelden and a new login. Revoking a share "
        "still takes effect at once (object-level authorisation is always live)."
    ),
)

BEHAVIOURS = {b.name: b for b in (SESSION_SCOPE_AT_LOGIN,)}
