"""New password after a reset link (article: Login 1, "kann ein neues Passwort festlegen")."""

from __future__ import annotations

from simulator.app.memory import Env, Memory
from simulator.app.screens.register import password_checklist
from simulator.app.screens.ui import Ui
from simulator.app.tree import Node


def screen(mem: Memory, env: Env) -> Node:
    """New password twice with the live checklist; afterwards the server's confirmation."""
    ui = Ui(mem)
    if "reset_confirmation" in mem.notes:
        body: tuple[Node, ...] = (*ui.note("reset_confirmation"), ui.button("reset_to_login", "Zur Anmeldung"))
    else:
        body = (
            ui.input("reset_password", "Neues Passwort", password=True),
            password_checklist(ui, mem.fields.get("reset_password", "")),
            ui.input("reset_password_repeat", "Passwort wiederholen", password=True),
            *ui.note("reset_error"),
            ui.button("reset_submit", "Passwort speichern", enabled=not ui.busy),
        )
    return ui.screen(
        "reset",
        *ui.chrome(env),
        ui.button("reset_back", "Zurück"),
        ui.heading("reset_title", "Neues Passwort festlegen"),
        *body,
    )
