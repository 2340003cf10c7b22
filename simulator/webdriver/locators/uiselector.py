"""``-android uiautomator``: UiSelector chains and UiScrollable, parsed and matched on the tree.

The grammar is the Java subset the UiAutomator2 server accepts
(https://developer.android.com/reference/androidx/test/uiautomator/UiSelector)::

    program    := statement (";" statement)* [";"]
    statement  := "new" "UiSelector" "(" ")" call*
                | "new" "UiScrollable" "(" statement ")" call*
    call       := "." name "(" [argument ("," argument)*] ")"
    argument   := string | integer | "true" | "false" | statement

Calling the same UiSelector method twice keeps the last value, as in UiSelector itself.
``UiScrollable(...).scrollIntoView(...)`` resolves without scrolling: every simulated
screen is laid out in full, so the target is found inside the scrollable directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Union

from simulator.app.tree import Node
from simulator.webdriver.locators.scanner import Scanner
from simulator.webdriver.locators.scope import TreeScope, descendants, unique

STRATEGY = "-android uiautomator"

# UiSelector method -> source attribute it reads, per match kind.
STRING_ATTRIBUTE = {
    "text": "text",
    "description": "content-desc",
    "resourceId": "resource-id",
    "className": "class",
    "packageName": "package",
}
STRING_KINDS = {
    "text": ("", "Contains", "StartsWith", "Matches"),
    "description": ("", "Contains", "StartsWith", "Matches"),
    "resourceId": ("", "Matches"),
    "className": ("", "Matches"),
    "packageName": ("", "Matches"),
}
BOOLEAN_ATTRIBUTE = {
    "checkable": "checkable",
    "checked": "checked",
    "clickable": "clickable",
    "enabled": "enabled",
    "focusable": "focusable",
    "focused": "focused",
    "longClickable": "long-clickable",
    "scrollable": "scrollable",
    "selected": "selected",
}
SCROLLABLE_SETTINGS = frozenset(
    {"setAsVerticalList", "setAsHorizontalList", "setMaxSearchSwipes", "setSwipeDeadZonePercentage"}
)

Value = Union[str, int, float, bool, "UiSelector", "UiScrollable"]


@dataclass(frozen=True)
class Condition:
    """One attribute test, e.g. ``textContains("Vertrag")`` -> (text, Contains, "Vertrag")."""

    attribute: str
    kind: str  # "", "Contains", "StartsWith", "Matches", "bool", "index"
    value: str | int | bool
    pattern: re.Pattern[str] | None = None

    def holds(self, node: Node, scope: TreeScope) -> bool:
        if self.kind == "index":
            return scope.view.positions[node.key] == self.value
        actual = scope.attributes(node).get(self.attribute, "")
        if self.kind == "bool":
            return actual == ("true" if self.value else "false")
        expected = str(self.value)
        if self.kind == "Contains":
            return expected in actual
        if self.kind == "StartsWith":
            return actual.startswith(expected)
        if self.pattern is not None:
            return self.pattern.fullmatch(actual) is not None
        return actual == expected


@dataclass
class UiSelector:
    """``new UiSelector()`` with its conditions, ``instance``, ``childSelector`` and ``fromParent``."""

    conditions: dict[str, Condition] = field(default_factory=dict)
    instance: int | None = None
    child: UiSelector | None = None
    from_parent: UiSelector | None = None

    def match(self, scope: TreeScope, candidates: Iterable[Node]) -> list[Node]:
        """Nodes among ``candidates`` (document order) that this selector chain selects."""
        base = [node for node in candidates if all(c.holds(node, scope) for c in self.conditions.values())]
        if self.instance is not None:
            base = base[self.instance : self.instance + 1]
        if self.child is not None:
            base = [hit for node in base for hit in self.child.match(scope, descendants(node))]
        if self.from_parent is not None:
            parents = [scope.parents[node.key] for node in base if node.key in scope.parents]
            base = [hit for parent in parents for hit in self.from_parent.match(scope, descendants(parent))]
        return unique(base)


@dataclass
class UiScrollable:
    """``new UiScrollable(container)`` and the element its last scroll / getChild call selects."""

    container: UiSelector
    target: UiSelector | None = None

    def match(self, scope: TreeScope, candidates: Iterable[Node]) -> list[Node]:
        containers = self.container.match(scope, candidates)
        if self.target is None:
            return containers
        return unique([hit for node in containers for hit in self.target.match(scope, descendants(node))])


Statement = UiSelector | UiScrollable


def parse(text: str) -> list[Statement]:
    """The statements of a ``-android uiautomator`` selector; ``invalid selector`` with the reason."""
    scanner = Scanner(STRATEGY, text)
    statements = [_statement(scanner)]
    while scanner.eat(";"):
        scanner.skip_space()
        if scanner.done:
            break
        statements.append(_statement(scanner))
    scanner.end()
    return statements


def locate(statements: list[Statement], scope: TreeScope, start: Node) -> list[Node]:
    """Matches of all statements below ``start`` (the root counts for a search of the whole screen)."""
    candidates = list(start.walk()) if start is scope.root else list(descendants(start))
    return unique([node for statement in statements for node in statement.match(scope, candidates)])


def _statement(scanner: Scanner) -> Statement:
    if not scanner.eat_word("new"):
        scanner.fail("expected 'new UiSelector()' or 'new UiScrollable(…)'")
    at = scanner.pos
    kind = scanner.identifier(what="UiSelector or UiScrollable")
    scanner.expect("(")
    if kind == "UiSelector":
        scanner.expect(")", "')': new UiSelector() takes no arguments")
        selector = UiSelector()
        while scanner.eat("."):
            _selector_call(scanner, selector)
        return selector
    if kind == "UiScrollable":
        container = _statement(scanner)
        if not isinstance(container, UiSelector):
            scanner.fail("UiScrollable takes a UiSelector")
        scanner.expect(")")
        scrollable = UiScrollable(container)
        while scanner.eat("."):
            _scrollable_call(scanner, scrollable)
        return scrollable
    scanner.fail(f"unsupported class {kind!r}; use UiSelector or UiScrollable", at)


def _arguments(scanner: Scanner) -> list[Value]:
    scanner.expect("(")
    values: list[Value] = []
    if scanner.eat(")"):
        return values
    while True:
        values.append(_argument(scanner))
        if scanner.eat(")"):
            return values
        scanner.expect(",", "',' or ')'")


def _argument(scanner: Scanner) -> Value:
    scanner.skip_space()
    if scanner.peek() == "'":
        scanner.fail("Java strings take double quotes (a 'x' is a char)")
    if scanner.peek() == '"':
        return scanner.quoted('"')
    if scanner.number_ahead():
        return scanner.integer()
    if scanner.eat_word("true"):
        return True
    if scanner.eat_word("false"):
        return False
    if scanner.peek(3).lower() == "new":
        return _statement(scanner)
    scanner.fail("expected a string, a number, true/false or a new UiSelector()")


def _single(scanner: Scanner, name: str, args: list[Value], what: str, at: int) -> Value:
    if len(args) != 1:
        scanner.fail(f"{name}() takes one {what}", at)
    return args[0]


def _string(scanner: Scanner, name: str, args: list[Value], at: int) -> str:
    value = _single(scanner, name, args, "string", at)
    if not isinstance(value, str):
        scanner.fail(f"{name}() takes one string", at)
    return value


def _boolean(scanner: Scanner, name: str, args: list[Value], at: int) -> bool:
    value = _single(scanner, name, args, "boolean", at)
    if not isinstance(value, bool):
        scanner.fail(f"{name}() takes one boolean", at)
    return value


def _count(scanner: Scanner, name: str, args: list[Value], at: int) -> int:
    value = _single(scanner, name, args, "non-negative integer", at)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        scanner.fail(f"{name}() takes one non-negative integer", at)
    return value


def _selector(scanner: Scanner, name: str, args: list[Value], at: int) -> UiSelector:
    value = _single(scanner, name, args, "UiSelector", at)
    if not isinstance(value, UiSelector):
        scanner.fail(f"{name}() takes one new UiSelector()", at)
    return value


def _selector_call(scanner: Scanner, selector: UiSelector) -> None:
    at = scanner.pos
    name = scanner.identifier(what="a UiSelector method")
    args = _arguments(scanner)
    for base, kinds in STRING_KINDS.items():
        for kind in kinds:
            if name == base + kind:
                value = _string(scanner, name, args, at)
                pattern = _regex(scanner, value, at) if kind == "Matches" else None
                selector.conditions[name] = Condition(STRING_ATTRIBUTE[base], kind, value, pattern)
                return
    if name in BOOLEAN_ATTRIBUTE:
        flag = _boolean(scanner, name, args, at)
        selector.conditions[name] = Condition(BOOLEAN_ATTRIBUTE[name], "bool", flag)
    elif name == "index":
        selector.conditions[name] = Condition("index", "index", _count(scanner, name, args, at))
    elif name == "instance":
        selector.instance = _count(scanner, name, args, at)
    elif name in ("childSelector", "fromParent"):
        inner = _selector(scanner, name, args, at)
        if name == "childSelector":
            selector.child = inner
        else:
            selector.from_parent = inner
    else:
        scanner.fail(f"unsupported UiSelector method {name!r}", at)


def _scrollable_call(scanner: Scanner, scrollable: UiScrollable) -> None:
    at = scanner.pos
    name = scanner.identifier(what="a UiScrollable method")
    args = _arguments(scanner)
    if name in SCROLLABLE_SETTINGS:
        return  # how a real device would swipe; nothing to swipe here
    if name == "scrollIntoView":
        scrollable.target = _selector(scanner, name, args, at)
    elif name in ("scrollTextIntoView", "scrollDescriptionIntoView"):
        value = _string(scanner, name, args, at)
        method = "text" if name == "scrollTextIntoView" else "description"
        scrollable.target = UiSelector({method: Condition(STRING_ATTRIBUTE[method], "", value)})
    elif name in ("getChildByText", "getChildByDescription", "getChildByInstance"):
        if len(args) != 2 or not isinstance(args[0], UiSelector):
            scanner.fail(f"{name}() takes a UiSelector and a value", at)
        pattern = args[0]
        if name == "getChildByInstance":
            if not isinstance(args[1], int) or isinstance(args[1], bool) or args[1] < 0:
                scanner.fail(f"{name}() takes a non-negative instance", at)
            pattern.instance = args[1]
        else:
            if not isinstance(args[1], str):
                scanner.fail(f"{name}() takes a string as its second argument", at)
            method = "text" if name == "getChildByText" else "description"
            pattern.conditions[method] = Condition(STRING_ATTRIBUTE[method], "", args[1])
        scrollable.target = pattern
    else:
        scanner.fail(f"unsupported UiScrollable method {name!r}", at)


def _regex(scanner: Scanner, value: str, at: int) -> re.Pattern[str]:
    try:
        return re.compile(value)
    except re.error as error:
        scanner.fail(f"invalid regular expression {value!r}: {error}", at)
