"""Step definitions, page objects (``steps/screens/``) and flows of the German Gherkin suites.

The app is reached through the Appium client, the backend over HTTP through ``simulator.client``
(world files through ``simulator.world``, which is HTTP-only itself); the run modes, a broker and
phones per scenario and the reports come from the harness (``harness``). docs/architecture.md
has the import rules.
"""

AREAS = {  # every step module (the root conftest registers them) -> its heading in the step catalogue, in order
    "steps.common_steps": "Gemeinsam: Makler, Kunden, Telefone, Registrierung, Anmeldung",
    "steps.general_steps": "Allgemein: Updates, Makler-ID, Spam",
    "steps.registration_steps": "Registrierung",
    "steps.login_steps": "Login: Passwort vergessen, deaktiviert",
    "steps.usage_steps": "App-Nutzung und Geteilte Verträge",
    "steps.world_steps": "Fehlerberichte: Ausgangslagen aus Welt-Dateien",
    "steps.konsole_steps": "Makler-Konsole im Browser",
}
