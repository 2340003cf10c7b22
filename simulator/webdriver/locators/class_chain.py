"""``-ios class chain``: WebDriverAgent's class chain queries on the XCUITest tree.

Grammar (https://github.com/appium/WebDriverAgent, ``FBClassChainQueryParser``)::

    chain   := step ("/" step)*
    step    := ["**/"] type filter*
    type    := "*" | "XCUIElementType" name
    filter  := "[" integer "]"                 1-based position, negative from the end
             | "[`" predicate "`]"              the element matches (``-ios predicate string``)
             | "[$" predicate "$]"              some descendant of the element matches

The first step looks at the children of the application (``**/`` at all its descendants);
from an element, at that element's children. Filters apply left to right.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.app.tree import Node
from simulator.webdriver.locators import predicate
from simulator.webdriver.locators.scanner import Scanner
from simulator.webdriver.locators.scope import TreeScope, descendants, unique
from simulator.webdriver.source import platform_class

STRATEGY = "-ios class chain"
TYPE_PREFIX = "XCUIElementType"


@dataclass(frozen=True)
class Position:
    """``[n]``: the n-th of the candidates so far (1-based; -1 is the last)."""

    index: int


@dataclass(frozen=True)
class Matches:
    """``[`predicate`]`` (the element itself) or ``[$predicate$]`` (``descendant=True``)."""

    predicate: predicate.Predicate
    descendant: bool = False


Filter = Position | Matches


@dataclass(frozen=True)
class Step:
    """One ``/``-separated part: children (or all descendants) of a type, then the filters."""

    type: str
    descendant: bool = False
    filters: tuple[Filter, ...] = ()


def parse(text: str) -> tuple[Step, ...]:
    """The steps of a class chain; ``invalid selector`` with the reason."""
    scanner = Scanner(STRATEGY, text)
    steps = [_step(scanner)]
    while scanner.eat("/", space=False):
        steps.append(_step(scanner))
    if not scanner.done:
        scanner.fail("expected '/' or '[' after a step")
    return tuple(steps)


def locate(steps: tuple[Step, ...], scope: TreeScope, start: Node) -> list[Node]:
    """The elements the chain selects below ``start``."""
    current = [start]
    for step in steps:
        pool = unique([n for node in current for n in (descendants(node) if step.descendant else node.children)])
        candidates = [n for n in pool if step.type == "*" or platform_class(n, "ios") == step.type]
        for condition in step.filters:
            candidates = _apply(condition, candidates, scope)
        current = candidates
    return current


def _apply(condition: Filter, candidates: list[Node], scope: TreeScope) -> list[Node]:
    if isinstance(condition, Position):
        index = condition.index - 1 if condition.index > 0 else condition.index
        return [candidates[index]] if -len(candidates) <= index < len(candidates) else []
    if condition.descendant:
        return [n for n in candidates if any(condition.predicate.holds(scope.attributes(d)) for d in descendants(n))]
    return [n for n in candidates if condition.predicate.holds(scope.attributes(n))]


def _step(scanner: Scanner) -> Step:
    descendant = scanner.eat("**/", space=False)
    at = scanner.pos
    if scanner.eat("*", space=False):
        kind = "*"
    else:
        if scanner.done or scanner.peek().isspace():
            scanner.fail("expected an element type such as XCUIElementTypeButton, or *")
        kind = scanner.identifier(what="an element type such as XCUIElementTypeButton, or *")
        if not kind.startswith(TYPE_PREFIX) or kind == TYPE_PREFIX:
            scanner.fail(f"{kind!r} is not an element type; types start with {TYPE_PREFIX}", at)
    filters: list[Filter] = []
    while scanner.eat("[", space=False):
        filters.append(_filter(scanner))
    return Step(kind, descendant, tuple(filters))


def _filter(scanner: Scanner) -> Filter:
    for mark, descendant in (("`", False), ("$", True)):
        if scanner.eat(mark, space=False):
            inner = predicate.parse_from(scanner)
            scanner.expect(mark, f"the closing {mark} of the predicate")
            scanner.expect("]")
            return Matches(inner, descendant)
    at = scanner.pos
    index = scanner.integer()
    if index == 0:
        scanner.fail("positions start at 1 (negative ones count from the end)", at)
    scanner.expect("]")
    return Position(index)
