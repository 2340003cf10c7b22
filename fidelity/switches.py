"""Which switch turns off the mechanism of each documented case (``simulator.registry.CASE_IDS``, docs/suites.md)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Switch:
    """How to take a case's mechanism away: backend mechanism modes and/or app behaviours."""

    backend: dict[str, str] = field(default_factory=dict)  # mechanism -> "off" | "inverted"
    behaviours: dict[str, str] = field(default_factory=dict)  # app behaviour -> "inverted"

    def describe(self) -> str:
        """E.g. ``backend version_gate=off`` or ``app unusable_memory=inverted``."""
        parts = [f"backend {name}={mode}" for name, mode in self.backend.items()]
        parts += [f"app {name}={mode}" for name, mode in self.behaviours.items()]
        return ", ".join(parts)


# "inverted" is the opposite of the default decision: affected builds behave fixed and fixed builds
# affected, so the regression scenarios of fixed builds are caught as well as the symptom scenarios.
SWITCHES: dict[str, Switch] = {
    "update_os": Switch(backend={"version_gate": "off"}),
    "update_app": Switch(backend={"version_gate": "off"}),
    "makler_id": Switch(backend={"makler_id_check": "off"}),
    "spam": Switch(backend={"spam_filing": "inverted"}),
    "reg_email": Switch(backend={"invited_address": "off"}),
    "reg_password": Switch(backend={"password_policy": "inverted"}),
    "reg_activate": Switch(backend={"confirmation": "off"}),
    "login_reset": Switch(backend={"reset_link": "off"}),
    "login_deactivated": Switch(backend={"deactivation": "off"}),
    "unusable_memory": Switch(behaviours={"unusable_memory": "inverted"}),
    "unusable_session": Switch(behaviours={"unusable_session": "inverted"}),
    "shared_procedure": Switch(backend={"share_rule": "off"}),
    "shared_restart": Switch(behaviours={"shared_restart": "inverted"}),
    "shared_relogin": Switch(backend={"shared_relogin": "inverted"}),
}
