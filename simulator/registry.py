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


ARTICLE_TITLE = "Kunde hat technische Probleme mit der Kunden-App"
"""The help article every documented case comes from (its text: ``simulator/artikel/``, as the help centre shows it)."""

ARTICLE_SECTIONS = (
    "Allgemein",
    "Dein Kunde kann sich nicht registrieren (erste Anmeldung)",
    "Dein Kunde kann sich nicht einloggen",
    "Dein Kunde kann plötzlich die Kunden-App nicht mehr nutzen",
    "Dein Kunde sieht nur seine Verträge, obwohl Du ihm auch die Verträge anderer Kunden freigegeben hast",
)
"""The article's section headings, in its order."""

ARTICLE_PASSAGES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Allgemein", "Stelle sicher, dass Dein Kunde alle verfügbaren Updates", ("update-os", "update-app")),
    ("Allgemein", "Für den Login benötigt der Kunde Deine Makler-ID.", ("makler-id",)),
    ("Allgemein", "Sollte Dein Kunde die Einladungsemail nicht", ("spam",)),
    (ARTICLE_SECTIONS[1], "Die E-Mail Adresse über die Du den Kunden eingeladen hast", ("reg-email",)),
    (ARTICLE_SECTIONS[1], "Das Passwort, welches der Kunde selbst vergibt", ("reg-password",)),
    (ARTICLE_SECTIONS[1], "Als Admin hast Du auch die Möglichkeit", ("reg-activate",)),
    (ARTICLE_SECTIONS[2], "Für den Login benötigt Dein Kunde wie oben beschrieben", ("makler-id",)),
    (ARTICLE_SECTIONS[2], "Sollte es Probleme mit seinen Zugangsdaten geben", ("login-reset",)),
    (ARTICLE_SECTIONS[2], "Sollte dies nicht funktionieren", ("login-deactivated",)),
    (ARTICLE_SECTIONS[3], "Bitte den Kunden die App komplett zu schließen", ("unusable-memory",)),
    (ARTICLE_SECTIONS[3], "Sollte das nicht ausreichen", ("unusable-session",)),
    (ARTICLE_SECTIONS[3], "Danach bitte nochmal die App komplett schließen", ("unusable-session",)),
    (ARTICLE_SECTIONS[4], "Prüfe, ob Du die Vorgehensweise", ("shared-procedure",)),
    (ARTICLE_SECTIONS[4], "Anschließend sollte Dein Kunde", ("shared-restart",)),
    (ARTICLE_SECTIONS[4], "Sollte das nicht ausreichen", ("shared-relogin",)),
    (ARTICLE_SECTIONS[4], "Danach bitte nochmal die App komplett schließen", ("shared-relogin",)),
    (
        ARTICLE_SECTIONS[4],
        "Nun sollte er auch die anderen Kunden",
        ("shared-procedure", "shared-restart", "shared-relogin"),
    ),
)
"""Which documented cases check which passage of the article: (section, the passage's first words, case ids).

A passage runs from its first words to the next passage or the end of its paragraph or remedy step
(with the step's bullets). A sentence no entry names is shown as checked by no scenario
(``reports/artikel.html``); tests/artikel/test_article.py checks that every entry is found in the
article once, that every section and every case has one, and that every case has scenarios.
"""
