"""One device tree and everything derived from it, computed lazily and at most once."""

from __future__ import annotations

from functools import cached_property

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from simulator.app.tree import Node
from simulator.webdriver.layout import Rect, layout
from simulator.webdriver.screenshot import render_png
from simulator.webdriver.source import attributes, build_document, serialize


class ScreenView:
    """A snapshot of the current screen: key index, layout, XML document, page source, screenshot."""

    def __init__(self, tree: Node, platform: str, app_id: str, size: tuple[int, int]) -> None:
        self.tree = tree
        self.platform = platform
        self.app_id = app_id
        self.size = size

    @cached_property
    def nodes(self) -> dict[str, Node]:
        """Every node by key."""
        return {node.key: node for node in self.tree.walk()}

    @cached_property
    def positions(self) -> dict[str, int]:
        """Each node's index among its siblings (the ``index`` attribute)."""
        result = {self.tree.key: 0}
        for node in self.tree.walk():
            for index, child in enumerate(node.children):
                result[child.key] = index
        return result

    @cached_property
    def rects(self) -> dict[str, Rect]:
        """The layout of the tree in this window size."""
        return layout(self.tree, *self.size)

    @cached_property
    def document(self) -> tuple[etree._Element, dict[etree._Element, str]]:
        """The XML of the page source and the element -> key map."""
        return build_document(self.tree, self.platform, self.app_id, self.rects, self.size)

    @cached_property
    def elements(self) -> dict[str, etree._Element]:
        """The XML element of each node key (context node of XPath from an element)."""
        return {key: element for element, key in self.document[1].items()}

    @cached_property
    def source(self) -> str:
        """The page source string."""
        return serialize(self.document[0])

    @cached_property
    def png(self) -> bytes:
        """The screenshot of this screen."""
        return render_png(self.tree, self.rects, self.size)

    def attributes(self, node: Node) -> dict[str, str]:
        """The node's source attributes."""
        package = self.tree.package or self.app_id
        return attributes(node, self.platform, package, self.rects[node.key], self.positions[node.key])
