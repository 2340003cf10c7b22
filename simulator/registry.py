"""The project's closed lists that several layers name: documented case ids, behaviour names, released builds.

One source for the app (``simulator.app.behaviours``, ``simulator.app.builds``), the backend
(``simulator.backend.behaviours``), world files (``simulator.world.checks``), the diagnosis
(``simulator.tools.cases``) and the pytest markers (pyproject.toml, checked by
tests/test_registry.py). Data only: this module imports nothing of the project.
"""

from __future__ import annotations

CASE_IDS = (
    "update-os",
    "update-app",
    "makler-id",
    "spam",
    "reg-email",
    "reg-password",
    "reg-activate",
    "login-reset",
    "login-deactivated",
    "unusable-memory",
    "unusable-session",
    "shared-procedure",
    "shared-restart",
    "shared-relogin",
)
"""The documented cases (docs/suites.md) in the help article's order, which is also the order a supporter checks in."""

APP_BEHAVIOURS = ("unusable_memory", "unusable_session", "shared_restart")
"""Named, version-tied behaviours of the emulated app (``simulator.app.behaviours``)."""

BACKEND_BEHAVIOURS = ("shared_relogin",)
"""Behaviours that live in the backend, which sees the build in X-App-Version (``simulator.backend.behaviours``)."""

FIXED_IN = {
    "unusable_memory": "3.6.0",
    "unusable_session": "3.6.0",
    "shared_restart": "4.0.0",
    "shared_relogin": "3.6.0",
}
"""The first build without each behaviour's defect: every older build has it (the app's and the backend's alike)."""

RELEASES = ("3.0.0", "3.5.0", "3.5.2", "3.6.0", "3.8.0", "3.9.0", "3.10.0", "4.0.0")
"""The released builds of the Kunden-App, oldest first."""

NEWEST_RELEASE = RELEASES[-1]
"""The newest build: what a phone, a capability set or a world file gets when it names none."""


def marker(case_id: str) -> str:
    """The pytest marker (and Gherkin tag) of a case: ``update-os`` -> ``update_os``."""
    return case_id.replace("-", "_")
