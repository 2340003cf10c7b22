"""The element tree: one plain-data tree per screen (docs/architecture.md, the data path).

Page source, element lookup, XPath, rects and the screenshot are all derived
from this one tree, so they can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

# Semantic widget kinds. The WebDriver layer maps each kind to a platform class
# (android.widget.Button / XCUIElementTypeButton, ...).
KINDS = frozenset(
    {
        "screen",  # root of an app screen (or the launcher when the app is not in front)
        "container",  # grouping without own semantics (rows, tab bar, forms)
        "text",  # static label
        "input",  # editable text field (password=True hides the value)
        "button",
        "checkbox",  # e.g. one rule of the live password checklist
        "tab",  # a bottom tab; selected=True for the current one
        "chip",  # customer chip on the contract list; selected = contracts shown
        "list",
        "row",  # a tappable list row (contract_row)
        "banner",  # error_banner / offline_banner
        "progress",  # loading_indicator
        "image",
    }
)


@dataclass(frozen=True)
class Node:
    """One UI element.

    ``key`` identifies the element across re-renders: a WebDriver element
    reference stays valid while a node with the same key is in the current
    tree, and becomes stale when it is gone. Keys are unique within a tree.
    ``id`` is the accessibility id (simulator/app/README.md); several nodes may share one
    (``contract_row``, ``customer_chip``).
    """

    kind: str
    key: str
    id: str | None = None
    text: str = ""
    hint: str = ""  # placeholder / label of an input
    enabled: bool = True
    displayed: bool = True
    selected: bool = False
    checked: bool | None = None  # None: not checkable
    focused: bool = False
    password: bool = False
    children: tuple[Node, ...] = field(default=())
    package: str = ""  # on a root: the owning package when not the app (the phone's system UI)

    def walk(self) -> Iterator[Node]:
        """Depth-first, document order, self first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find_key(self, key: str) -> Node | None:
        """The node with this key, or None when it is not in the tree."""
        for node in self.walk():
            if node.key == key:
                return node
        return None
