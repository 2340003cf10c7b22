"""Registration (article: "Dein Kunde kann sich nicht registrieren") and the confirmation-link result."""

from __future__ import annotations

from simulator.app.memory import Env, Memory
from simulator.app.passwords import RULES, checklist, element_id
from simulator.app.screens.ui import Ui
from simulator.app.tree import Node


def password_checklist(ui: Ui, password: str) -> Node:
    """The five rules as checkboxes, checked live while typing."""
    state = checklist(password)
    return ui.container(
        "password_rules",
        *(ui.checkbox(element_id(rule), rule.text, state[rule.id]) for rule in RULES),
        id="password_rules",
    )


def screen(mem: Memory, env: Env) -> Node:
    """The registration form; after a successful submit, the server's confirmation text."""
    ui = Ui(mem)
    if "register_confirmation" in mem.notes:
        body: tuple[Node, ...] = (
            *ui.note("register_confirmation"),
            ui.button("register_to_login", "Zur Anmeldung"),
        )
    else:
        body = (
            ui.input("register_email", "E-Mail (aus der Einladung)"),
            ui.input("register_makler_id", "Makler-ID"),
            ui.input("register_password", "Passwort", password=True),
            password_checklist(ui, mem.fields.get("register_password", "")),
            ui.input("register_password_repeat", "Passwort wiederholen", password=True),
            *ui.note("register_error"),
            ui.button("register_submit", "Registrieren", enabled=not ui.busy),
        )
    return ui.screen(
        "register",
        *ui.chrome(env),
        ui.button("register_back", "Zurück"),
        ui.heading("register_title", "Registrieren"),
        *body,
    )


def confirm_screen(mem: Memory, env: Env) -> Node:
    """Result of opening a confirmation link: ``confirm_message`` or ``confirm_error``."""
    ui = Ui(mem)
    return ui.screen(
        "confirm",
        *ui.chrome(env),
        ui.heading("confirm_title", "E-Mail-Adresse bestätigen"),
        *ui.note("confirm_message"),
        *ui.note("confirm_error"),
        ui.button("confirm_to_login", "Weiter", enabled=not ui.busy),
    )
