"""Contract details (number, insurer, premium, documents)."""

from __future__ import annotations

from simulator.app.memory import Env, Memory
from simulator.app.screens.ui import Ui
from simulator.app.tree import Node


def screen(mem: Memory, env: Env) -> Node:
    """One contract, loaded when opened; ``contract_back`` returns to the list."""
    ui = Ui(mem)
    detail = mem.main.detail
    body: tuple[Node, ...] = ()
    if detail is not None:
        body = (
            ui.text("contract_line", detail.line),
            ui.text("contract_number", detail.number),
            ui.text("contract_insurer", detail.insurer),
            ui.text("contract_premium", detail.premium),
            ui.heading("contract_documents_title", "Dokumente"),
            ui.container(
                "contract_documents",
                *(
                    ui.button("contract_document", name, local=f"document.{index}")
                    for index, name in enumerate(detail.documents)
                ),
                id="contract_documents",
            ),
        )
    elif mem.main.detail_error:
        body = (ui.text("contract_error", mem.main.detail_error),)
    return ui.screen(
        "contract",
        *ui.chrome(env),
        ui.button("contract_back", "Zurück"),
        ui.heading("contract_title", "Vertragsdetails"),
        *body,
    )
