"""Passwort vergessen (article: Login 1): request a reset mail."""

from __future__ import annotations

from simulator.app.memory import Env, Memory
from simulator.app.screens.ui import Ui
from simulator.app.tree import Node


def screen(mem: Memory, env: Env) -> Node:
    """E-mail and Makler-ID; after submit the server's confirmation text."""
    ui = Ui(mem)
    return ui.screen(
        "forgot",
        *ui.chrome(env),
        ui.button("forgot_back", "Zurück"),
        ui.heading("forgot_title", "Passwort vergessen"),
        ui.input("forgot_email", "E-Mail"),
        ui.input("forgot_makler_id", "Makler-ID"),
        *ui.note("forgot_error"),
        *ui.note("forgot_confirmation"),
        ui.button("forgot_submit", "Link anfordern", enabled=not ui.busy),
    )
