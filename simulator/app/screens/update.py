"""Update required (article: Allgemein, "alle verfügbaren Updates ... durchgeführt")."""

from __future__ import annotations

from simulator.app.memory import Env, Memory
from simulator.app.screens.ui import Ui
from simulator.app.tree import Node

OS_NAMES = {"android": "Android", "ios": "iOS"}
STORES = {"android": "Google Play Store", "ios": "App Store"}


def message(mem: Memory, env: Env) -> str:
    """Names what to update (App or Betriebssystem) and the minimum version."""
    update = mem.update
    if update is None:
        return ""
    if update.kind == "os":
        os_name = OS_NAMES.get(env.platform, env.platform)
        return (
            f"Dein Betriebssystem ({os_name} {env.os_version}) wird nicht mehr unterstützt. "
            f"Bitte aktualisiere das Betriebssystem auf {os_name} {update.minimum} oder neuer."
        )
    store = STORES.get(env.platform, "App Store")
    return (
        f"Diese Version der Kunden-App ({env.app_version}) wird nicht mehr unterstützt. "
        f"Bitte aktualisiere die App im {store} auf Version {update.minimum} oder neuer."
    )


def screen(mem: Memory, env: Env) -> Node:
    """Title and message; the app offers nothing else until updated."""
    ui = Ui(mem)
    return ui.screen(
        "update",
        *ui.chrome(env),
        ui.text("update_required_title", "Update erforderlich"),
        ui.text("update_required_message", message(mem, env)),
    )
