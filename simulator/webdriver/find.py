"""Element retrieval: the locator strategies and the implicit wait.

https://www.w3.org/TR/webdriver2/#element-retrieval
Strategies outside the platform's table below are ``invalid argument`` as W3C says
(Appium answers ``unknown command`` there; clients raise for both). The grammars of
``css selector``, ``-android uiautomator``, ``-ios predicate string`` and ``-ios class chain``
live in ``simulator.webdriver.locators``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from simulator.app.tree import Node
from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.locators import class_chain, css, predicate, uiselector
from simulator.webdriver.locators.scope import TreeScope, descendants
from simulator.webdriver.session import Call, Session
from simulator.webdriver.source import platform_class
from simulator.webdriver.view import ScreenView

COMMON_STRATEGIES = ("accessibility id", "id", "xpath", "class name", "css selector")
STRATEGIES = {
    "android": (*COMMON_STRATEGIES, uiselector.STRATEGY),
    "ios": (*COMMON_STRATEGIES, predicate.STRATEGY, class_chain.STRATEGY),
}
POLL_SECONDS = 0.005
NOT_FOUND = "An element could not be located on the page using the given search parameters."

Locator = Callable[[ScreenView, str | None], list[str]]  # view, start key -> matching keys


@lru_cache(maxsize=256)
def _xpath(expression: str) -> etree.XPath:
    try:
        return etree.XPath(expression)
    except (etree.XPathSyntaxError, ValueError) as error:  # ValueError: NUL or control characters (lxml)
        raise WebDriverError("invalid selector", f"invalid XPath {expression!r}: {error}") from error


def _scope(view: ScreenView, start: str | None) -> Iterable[Node]:
    if start is None:
        return view.tree.walk()
    node = view.nodes.get(start)
    if node is None:
        return ()
    walk = node.walk()
    next(walk)  # descendants only
    return walk


def _predicate_locator(predicate: Callable[[Node], bool]) -> Locator:
    def locate(view: ScreenView, start: str | None) -> list[str]:
        return [node.key for node in _scope(view, start) if predicate(node)]

    return locate


def _xpath_locator(expression: str) -> Locator:
    compiled = _xpath(expression)

    def locate(view: ScreenView, start: str | None) -> list[str]:
        top, keys = view.document
        context = top if start is None else view.elements.get(start)
        if context is None:
            return []
        try:
            result = compiled(context)
        except etree.XPathError as error:
            raise WebDriverError("invalid selector", f"invalid XPath {expression!r}: {error}") from error
        if not isinstance(result, list) or not all(isinstance(item, etree._Element) for item in result):
            raise WebDriverError("invalid selector", f"XPath {expression!r} does not select elements")
        return [keys[item] for item in result if item in keys]

    return locate


TreeMatch = Callable[[TreeScope, Node], list[Node]]  # scope, start node -> matches


def _tree_locator(match: TreeMatch) -> Locator:
    def locate(view: ScreenView, start: str | None) -> list[str]:
        scope = TreeScope(view)
        node = scope.start(start)
        return [] if node is None else [hit.key for hit in match(scope, node)]

    return locate


def _predicate_match(parsed: predicate.Predicate) -> TreeMatch:
    def match(scope: TreeScope, start: Node) -> list[Node]:
        nodes = start.walk() if start is scope.root else descendants(start)
        return [node for node in nodes if parsed.holds(scope.attributes(node))]

    return match


@lru_cache(maxsize=256)
def _grammar_locator(platform: str, app_id: str, using: str, value: str) -> Locator:
    """Parsed once per selector: the grammars raise ``invalid selector`` before any waiting."""
    if using == uiselector.STRATEGY:
        statements = uiselector.parse(value)
        return _tree_locator(lambda scope, start: uiselector.locate(statements, scope, start))
    if using == predicate.STRATEGY:
        return _tree_locator(_predicate_match(predicate.parse(value)))
    if using == class_chain.STRATEGY:
        steps = class_chain.parse(value)
        return _tree_locator(lambda scope, start: class_chain.locate(steps, scope, start))
    compounds = css.parse(value, platform)
    if platform == "ios":
        chain = css.to_class_chain(compounds)
        return _tree_locator(lambda scope, start: class_chain.locate(chain, scope, start))
    statement = css.to_uiselector(compounds, app_id)
    return _tree_locator(lambda scope, start: uiselector.locate([statement], scope, start))


def locator(session: Session, using: Any, value: Any) -> Locator:
    """The locator for a strategy and selector on the session's platform, validated before any waiting."""
    return locator_on(session.platform, session.app_id, using, value)


def locator_on(platform: str, app_id: str, using: Any, value: Any) -> Locator:
    """The locator for a strategy and selector on a platform (``app_id``: the app's package / bundle id)."""
    if not isinstance(using, str) or not isinstance(value, str):
        raise WebDriverError("invalid argument", "'using' and 'value' must be strings")
    if using == "accessibility id":
        return _predicate_locator(lambda node: node.id == value)
    if using == "id":
        if platform == "android" and ":id/" in value:
            prefix = f"{app_id}:id/"
            bare = value[len(prefix) :] if value.startswith(prefix) else None
            return _predicate_locator(lambda node: bare is not None and node.id == bare)
        return _predicate_locator(lambda node: node.id == value)
    if using == "class name":
        return _predicate_locator(lambda node: platform_class(node, platform) == value)
    if using == "xpath":
        return _xpath_locator(value)
    if using in STRATEGIES[platform]:
        return _grammar_locator(platform, app_id, using, value)
    strategies = ", ".join(repr(name) for name in STRATEGIES[platform])
    raise WebDriverError("invalid argument", f"unsupported locator strategy {using!r} on {platform}; use {strategies}")


def search(session: Session, using: Any, value: Any, start: str | None = None) -> list[str]:
    """Keys matching the locator, polling the device until found or the implicit wait is over."""
    locate = locator(session, using, value)
    deadline = time.monotonic() + (session.timeouts.get("implicit") or 0) / 1000
    while True:
        found = locate(session.view(), start)
        if found or time.monotonic() >= deadline:
            return found
        time.sleep(POLL_SECONDS)


def _start(call: Call) -> str:
    session = call.session
    element_id = call.params["elementId"]
    key = session.key_of(element_id)
    if key not in session.view().nodes:
        raise WebDriverError("stale element reference", f"element {element_id} is no longer on screen")
    return key


def _one(call: Call, start: str | None) -> dict[str, str]:
    session = call.session
    found = search(session, call.body.get("using"), call.body.get("value"), start)
    if not found:
        raise WebDriverError("no such element", NOT_FOUND)
    return session.reference(found[0])


def _all(call: Call, start: str | None) -> list[dict[str, str]]:
    session = call.session
    found = search(session, call.body.get("using"), call.body.get("value"), start)
    return [session.reference(key) for key in found]


def find_element(call: Call) -> dict[str, str]:
    """Find Element: https://www.w3.org/TR/webdriver2/#find-element."""
    return _one(call, None)


def find_elements(call: Call) -> list[dict[str, str]]:
    """Find Elements: https://www.w3.org/TR/webdriver2/#find-elements."""
    return _all(call, None)


def find_element_from_element(call: Call) -> dict[str, str]:
    """Find Element From Element: https://www.w3.org/TR/webdriver2/#find-element-from-element."""
    return _one(call, _start(call))


def find_elements_from_element(call: Call) -> list[dict[str, str]]:
    """Find Elements From Element: https://www.w3.org/TR/webdriver2/#find-elements-from-element."""
    return _all(call, _start(call))


def get_active_element(call: Call) -> dict[str, str]:
    """Get Active Element: the focused node (https://www.w3.org/TR/webdriver2/#get-active-element)."""
    session = call.session
    for node in session.view().tree.walk():
        if node.focused:
            return session.reference(node.key)
    raise WebDriverError("no such element", "no element has the focus")
