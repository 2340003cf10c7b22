"""What the Telefone page shows of an element: its attributes and its locators in every strategy.

The attributes are the page source's, which ``GET …/element/{id}/attribute/{name}`` answers. Each
locator is short (accessibility id and resource id first, a relative XPath instead of the absolute
path) and is kept only when this server's own Find Element (``find.locator_on``) finds exactly this
element with it, so a copied locator works in a client unchanged.
https://appium.github.io/appium-inspector/latest/session-inspector/selected-element/ (what Appium
Inspector shows of a selected element).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from simulator.app.tree import Node
from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.find import STRATEGIES, locator_on
from simulator.webdriver.locators import class_chain, predicate, uiselector
from simulator.webdriver.source import platform_class, shown_text
from simulator.webdriver.view import ScreenView

CSS_IDENT = re.compile(r"[A-Za-z_][\w-]*")
# The client constant of each strategy (appium-python-client's AppiumBy), for code and the page's labels.
APPIUM_BY = {
    "accessibility id": "ACCESSIBILITY_ID",
    "id": "ID",
    "xpath": "XPATH",
    "class name": "CLASS_NAME",
    "css selector": "CSS_SELECTOR",
    uiselector.STRATEGY: "ANDROID_UIAUTOMATOR",
    predicate.STRATEGY: "IOS_PREDICATE",
    class_chain.STRATEGY: "IOS_CLASS_CHAIN",
}


@dataclass(frozen=True)
class Locator:
    """A strategy and a selector that find one element first (what Find Element answers)."""

    using: str
    value: str

    @property
    def appium_by(self) -> str:
        """The client's constant for the strategy, e.g. ``AppiumBy.ACCESSIBILITY_ID``."""
        return f"AppiumBy.{APPIUM_BY[self.using]}"


@dataclass(frozen=True)
class Row:
    """One node of the element tree as the page lists it."""

    node: Node
    depth: int
    cls: str
    text: str
    locator: Locator | None  # the shortest locator that finds exactly this node


def _quoted(text: str) -> str:
    """A double-quoted string literal as the grammars and XPath read it; JSON escapes the rest."""
    return json.dumps(text, ensure_ascii=False)


def _finds(view: ScreenView, locator: Locator, node: Node) -> bool:
    """True when this server's Find Element finds ``node`` with the locator, and Find Elements only it."""
    try:
        found = locator_on(view.platform, view.app_id, locator.using, locator.value)(view, None)
    except WebDriverError:
        return False
    return found == [node.key]


def _candidates(view: ScreenView, node: Node) -> Iterator[Locator]:
    """Locators of the node in every strategy of the platform, shortest first; each is checked afterwards."""
    cls = platform_class(node, view.platform)
    text = shown_text(node)
    android = view.platform == "android"
    if node.id:
        yield Locator("accessibility id", node.id)
        package = view.tree.package or view.app_id
        yield Locator("id", f"{package}:id/{node.id}" if android else node.id)
        if android:
            yield Locator("id", node.id)  # the system UI's ids: the app's package would not prefix them
    attribute = "content-desc" if android else "name"
    label = "text" if android else "label"
    if node.id:
        yield Locator("xpath", f"//{cls}[@{attribute}={_quoted(node.id)}]")
    if text:
        yield Locator("xpath", f"//{cls}[@{label}={_quoted(text)}]")
    yield Locator("class name", cls)
    if node.id and CSS_IDENT.fullmatch(node.id):
        yield Locator("css selector", f"#{node.id}")
    if android:
        if node.id:
            yield Locator(uiselector.STRATEGY, f"new UiSelector().description({_quoted(node.id)})")
        if text:
            yield Locator(uiselector.STRATEGY, f"new UiSelector().text({_quoted(text)}).className({_quoted(cls)})")
    else:
        if node.id:
            yield Locator(predicate.STRATEGY, f"name == {_quoted(node.id)}")
            yield Locator(class_chain.STRATEGY, f"**/{cls}[`name == {_quoted(node.id)}`]")
        if text:
            yield Locator(predicate.STRATEGY, f"label == {_quoted(text)} AND type == {_quoted(cls)}")
            yield Locator(class_chain.STRATEGY, f"**/{cls}[`label == {_quoted(text)}`]")


def _positional(view: ScreenView, node: Node) -> Iterator[Locator]:
    """Locators by position among the elements of the node's class, for nodes nothing else tells apart."""
    cls = platform_class(node, view.platform)
    same = [n.key for n in view.tree.walk() if platform_class(n, view.platform) == cls]
    position = same.index(node.key)
    yield Locator("xpath", f"(//{cls})[{position + 1}]")
    if view.platform == "android":
        yield Locator(uiselector.STRATEGY, f"new UiSelector().className({_quoted(cls)}).instance({position})")
    else:
        yield Locator(class_chain.STRATEGY, f"**/{cls}[{position + 1}]")


def locators(view: ScreenView, node: Node) -> list[Locator]:
    """The node's locators that find exactly it: at most one per strategy, the shortest that works."""
    chosen: dict[str, Locator] = {}
    for candidate in (*_candidates(view, node), *_positional(view, node)):
        if (
            candidate.using not in chosen
            and candidate.using in STRATEGIES[view.platform]
            and _finds(view, candidate, node)
        ):
            chosen[candidate.using] = candidate
    order = list(APPIUM_BY)
    return sorted(chosen.values(), key=lambda locator: order.index(locator.using))


def best(view: ScreenView, node: Node) -> Locator | None:
    """The one locator the tree shows for a node (and the page's commands use): the first that works."""
    for candidate in (*_candidates(view, node), *_positional(view, node)):
        if _finds(view, candidate, node):
            return candidate
    return None


def rows(view: ScreenView) -> list[Row]:
    """Every node of the tree in document order, with depth, class, shown text and its shortest locator."""
    result: list[Row] = []

    def visit(node: Node, depth: int) -> None:
        result.append(Row(node, depth, platform_class(node, view.platform), shown_text(node) or node.hint, None))
        for child in node.children:
            visit(child, depth + 1)

    visit(view.tree, 0)
    return [Row(r.node, r.depth, r.cls, r.text, best(view, r.node)) for r in result]


def element_at(view: ScreenView, x: float, y: float) -> Node | None:
    """The deepest displayed element under the point (what a click on the page's screen selects)."""

    def visit(node: Node) -> Node | None:
        rect = view.rects.get(node.key)
        if not node.displayed or rect is None or not rect.contains(x, y):
            return None
        for child in reversed(node.children):
            found = visit(child)
            if found is not None:
                return found
        return node

    return visit(view.tree)
