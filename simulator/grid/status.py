"""What a Selenium Grid 4 hub's ``GET /status`` says about its nodes: the fields read here (Grid sends more).

Read by the local Grid (``cluster``: nodes registered, a node DOWN) and by the suite's harness (which
node a session landed on, to name it when that node dies mid-scenario).
"""

from __future__ import annotations

from typing import TypedDict

import httpx


class HubSession(TypedDict):
    """The session in a slot."""

    sessionId: str


class HubSlot(TypedDict, total=False):
    """A slot of a node: ``session`` is null or absent while it is free."""

    session: HubSession | None


class HubNode(TypedDict):
    """A node as the hub sees it."""

    id: str
    uri: str
    availability: str  # "UP", "DRAINING", "DOWN"
    slots: list[HubSlot]


def hub_nodes(hub_url: str, timeout: float = 5.0) -> list[HubNode] | None:
    """The hub's nodes now; None when ``hub_url`` does not answer as a Grid hub (no ``nodes`` in its status)."""
    try:
        value = httpx.get(f"{hub_url.rstrip('/')}/status", timeout=timeout).json()["value"]
    except (httpx.HTTPError, ValueError, KeyError, TypeError):
        return None
    nodes = value.get("nodes") if isinstance(value, dict) else None
    return nodes if isinstance(nodes, list) else None


def node_of(nodes: list[HubNode], session_id: str) -> HubNode | None:
    """The node whose slot holds ``session_id``."""
    for node in nodes:
        for slot in node.get("slots") or []:
            session = slot.get("session")
            if session is not None and session.get("sessionId") == session_id:
                return node
    return None
