"""The element tree as the locators see it: nodes in document order, parents, and source attributes."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

from simulator.app.tree import Node
from simulator.webdriver.view import ScreenView


class TreeScope:
    """One screen for one search: attribute dicts computed once per node, parent links."""

    def __init__(self, view: ScreenView) -> None:
        self.view = view
        self._attributes: dict[str, dict[str, str]] = {}

    @property
    def root(self) -> Node:
        return self.view.tree

    @cached_property
    def parents(self) -> dict[str, Node]:
        """The parent of every node but the root."""
        return {child.key: node for node in self.view.tree.walk() for child in node.children}

    def attributes(self, node: Node) -> dict[str, str]:
        """The node's page-source attributes (UiAutomator2 or XCUITest dialect)."""
        found = self._attributes.get(node.key)
        if found is None:
            found = self._attributes[node.key] = self.view.attributes(node)
        return found

    def start(self, key: str | None) -> Node | None:
        """The node a search starts from: the root, or the element of Find Element From Element."""
        return self.view.tree if key is None else self.view.nodes.get(key)


def descendants(node: Node) -> Iterator[Node]:
    """All nodes below ``node`` in document order (not ``node`` itself)."""
    walk = node.walk()
    next(walk)
    return walk


def unique(nodes: list[Node]) -> list[Node]:
    """Nodes without repeats, first occurrence kept."""
    seen: set[str] = set()
    out: list[Node] = []
    for node in nodes:
        if node.key not in seen:
            seen.add(node.key)
            out.append(node)
    return out
