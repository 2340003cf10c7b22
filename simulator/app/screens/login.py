"""Login screen: e-mail, password and the broker's Makler-ID (article: Allgemein, Login)."""

from __future__ import annotations

from simulator.app.memory import Env, Memory
from simulator.app.screens.ui import Ui
from simulator.app.tree import Node

MAKLER_ID_HELP = "Die Makler-ID findest Du in Deiner Einladungs-E-Mail."


def screen(mem: Memory, env: Env) -> Node:
    """The login form with links to "Passwort vergessen" and the first registration."""
    ui = Ui(mem)
    return ui.screen(
        "login",
        *ui.chrome(env),
        ui.heading("login_title", "Anmelden"),
        ui.input("login_email", "E-Mail"),
        ui.input("login_password", "Passwort", password=True),
        ui.input("login_makler_id", "Makler-ID"),
        ui.heading("login_makler_id_help", MAKLER_ID_HELP),
        *ui.note("login_error"),
        ui.button("login_submit", "Anmelden", enabled=not ui.busy),
        ui.button("login_forgot_password", "Passwort vergessen?"),
        ui.button("login_register", "Registrieren (erste Anmeldung)"),
    )
