"""The main screen: five bottom tabs Überblick, Verträge, Chat, Schäden, Ich."""

from __future__ import annotations

from collections.abc import Callable

from simulator.app.memory import Env, MainData, Memory
from simulator.app.screens.ui import Ui
from simulator.app.tree import Node

TAB_LABELS = {
    "overview": "Überblick",
    "contracts": "Verträge",
    "chat": "Chat",
    "claims": "Schäden",
    "me": "Ich",
}


def overview(ui: Ui, main: MainData) -> tuple[Node, ...]:
    """Broker contact: name, phone, address (GET /broker)."""
    broker = main.broker
    if broker is None:
        return ()
    return (
        ui.heading("overview_title", "Dein Makler"),
        ui.text("broker_name", broker.name),
        ui.text("broker_phone", broker.phone),
        ui.text("broker_address", broker.address),
    )


def contracts(ui: Ui, main: MainData) -> tuple[Node, ...]:
    """Customer chips on top (selected = contracts shown), then the contract rows."""
    if main.customers is None:
        return ()
    chips = ui.container(
        "customer_chips",
        *(
            Node(
                kind="chip",
                key=ui.key(f"chip.{customer.id}"),
                id="customer_chip",
                text=customer.name,
                selected=customer.id in main.selected,
            )
            for customer in main.customers
        ),
        id="customer_chips",
    )
    rows = [
        Node(
            kind="row",
            key=ui.key(f"contract.{contract.id}"),
            id="contract_row",
            text=f"{contract.line} · {contract.insurer} · {contract.number}",
        )
        for customer in main.customers
        if customer.id in main.selected
        for contract in main.contracts.get(customer.id, [])
    ]
    listing = (
        Node(kind="list", key=ui.key("contract_list"), id="contract_list", children=tuple(rows))
        if rows
        else ui.text("contracts_empty", "Keine Verträge vorhanden.")
    )
    return (chips, listing)


def chat(ui: Ui, main: MainData) -> tuple[Node, ...]:
    """Placeholder: messages to the broker."""
    return (ui.text("chat_placeholder", "Hier kannst Du Deinem Makler schreiben."),)


def claims(ui: Ui, main: MainData) -> tuple[Node, ...]:
    """Placeholder: claims."""
    return (ui.text("claims_placeholder", "Hier kannst Du Schäden melden und verfolgen."),)


def me(ui: Ui, main: MainData, app_version: str) -> tuple[Node, ...]:
    """Profile, app version and "Abmelden" (article: "Ich" -> "Abmelden")."""
    profile = main.me
    nodes: list[Node] = []
    if profile is not None:
        nodes += [ui.text("me_name", profile.name), ui.text("me_email", profile.email)]
    nodes += [
        ui.text("app_version", f"Version {app_version}"),
        ui.button("logout_button", "Abmelden"),
    ]
    return tuple(nodes)


CONTENT: dict[str, Callable[[Ui, MainData], tuple[Node, ...]]] = {
    "overview": overview,
    "contracts": contracts,
    "chat": chat,
    "claims": claims,
}


def screen(mem: Memory, env: Env) -> Node:
    """Banners, the selected tab's content, the tab bar."""
    ui = Ui(mem)
    tab = mem.tab
    content = me(ui, mem.main, env.app_version) if tab == "me" else CONTENT[tab](ui, mem.main)
    tab_bar = ui.container(
        "tab_bar",
        *(
            Node(kind="tab", key=ui.key(f"tab_{name}"), id=f"tab_{name}", text=label, selected=name == tab)
            for name, label in TAB_LABELS.items()
        ),
        id="tab_bar",
    )
    return ui.screen(
        "main",
        *ui.chrome(env),
        ui.container(f"{tab}_content", *content, id=f"{tab}_content"),
        tab_bar,
    )
