"""``-ios predicate string``: the NSPredicate subset WebDriverAgent users write, on XCUITest attributes.

Grammar (https://developer.apple.com/documentation/foundation/nspredicate, keywords in any case)::

    predicate  := or
    or         := and (("OR" | "||") and)*
    and        := unary (("AND" | "&&") unary)*
    unary      := ("NOT" | "!") unary | "(" predicate ")" | "TRUEPREDICATE" | "FALSEPREDICATE" | comparison
    comparison := key operator ["[" flags "]"] value
    operator   := "==" | "=" | "!=" | "<>" | "<" | "<=" | ">" | ">=" | "BEGINSWITH" | "ENDSWITH"
                | "CONTAINS" | "LIKE" | "MATCHES" | "IN"
    value      := string | number | "TRUE" | "FALSE" | "YES" | "NO" | "{" value ("," value)* "}"

Keys are the source attributes (``name``, ``label``, ``value``, ``type``, ``enabled``, ``visible``,
``accessible``, ``selected``, ``placeholderValue``, ``index``) and their ``wd`` forms (``wdName`` …).
A missing attribute is nil: it equals nothing and contains nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from simulator.webdriver.locators.scanner import Scanner

STRATEGY = "-ios predicate string"
KEYS = ("name", "label", "value", "type", "enabled", "visible", "accessible", "selected", "placeholderValue", "index")
BOOLEAN_KEYS = frozenset({"enabled", "visible", "accessible", "selected"})
WORD_OPERATORS = ("BEGINSWITH", "ENDSWITH", "CONTAINS", "LIKE", "MATCHES", "IN")
SYMBOL_OPERATORS = ("==", "!=", "<>", "<=", ">=", "=", "<", ">")  # longest first
UNSUPPORTED_WORDS = ("ANY", "ALL", "SOME", "NONE", "SUBQUERY", "BETWEEN")

Literal = str | float | bool


@dataclass(frozen=True)
class Comparison:
    """``key operator[flags] value``."""

    key: str
    operator: str
    value: Literal | tuple[Literal, ...]
    case_insensitive: bool = False
    diacritic_insensitive: bool = False
    pattern: re.Pattern[str] | None = None

    def holds(self, attributes: dict[str, str]) -> bool:
        actual = attributes.get(self.key)
        if self.operator in ("!=", "<>"):
            return not Comparison(self.key, "==", self.value, self.case_insensitive, self.diacritic_insensitive).holds(
                attributes
            )
        if actual is None:
            return False
        if self.operator == "IN":
            values = self.value if isinstance(self.value, tuple) else (self.value,)
            return any(self._equal(actual, value) for value in values)
        if self.operator == "==":
            return self._equal(actual, self.value)
        if self.operator in ("<", "<=", ">", ">="):
            return self._order(actual)
        text, wanted = self._fold(actual), self._fold(_text(self.value))
        if self.operator == "BEGINSWITH":
            return text.startswith(wanted)
        if self.operator == "ENDSWITH":
            return text.endswith(wanted)
        if self.operator == "CONTAINS":
            return wanted in text
        assert self.pattern is not None  # noqa: S101 - LIKE and MATCHES compile their pattern when parsed
        return self.pattern.fullmatch(text) is not None

    def _fold(self, text: str) -> str:
        if self.diacritic_insensitive:
            text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
        return text.casefold() if self.case_insensitive else text

    def _equal(self, actual: str, value: Literal | tuple[Literal, ...]) -> bool:
        if isinstance(value, tuple):
            return False
        if isinstance(value, bool) or (self.key in BOOLEAN_KEYS and isinstance(value, float)):
            return actual == ("true" if value else "false")
        if isinstance(value, float):
            return _number(actual) == value
        return self._fold(actual) == self._fold(value)

    def _order(self, actual: str) -> bool:
        left, right = _number(actual), self.value
        if left is None or not isinstance(right, float) or isinstance(right, bool):
            return False
        return {"<": left < right, "<=": left <= right, ">": left > right, ">=": left >= right}[self.operator]


@dataclass(frozen=True)
class Junction:
    """``AND`` / ``OR`` of two or more predicates."""

    kind: str
    items: tuple[Predicate, ...]

    def holds(self, attributes: dict[str, str]) -> bool:
        test = all if self.kind == "AND" else any
        return test(item.holds(attributes) for item in self.items)


@dataclass(frozen=True)
class Negation:
    item: Predicate

    def holds(self, attributes: dict[str, str]) -> bool:
        return not self.item.holds(attributes)


@dataclass(frozen=True)
class Constant:
    value: bool

    def holds(self, attributes: dict[str, str]) -> bool:
        return self.value


Predicate = Comparison | Junction | Negation | Constant


def parse(text: str, strategy: str = STRATEGY) -> Predicate:
    """The predicate of a selector; ``invalid selector`` with the reason for anything unsupported."""
    scanner = Scanner(strategy, text)
    predicate = parse_from(scanner)
    scanner.end()
    return predicate


def parse_from(scanner: Scanner) -> Predicate:
    """A predicate starting at the scanner's position (class chains embed them)."""
    return _or(scanner)


def _or(scanner: Scanner) -> Predicate:
    items = [_and(scanner)]
    while scanner.eat_word("OR") or scanner.eat("||"):
        items.append(_and(scanner))
    return items[0] if len(items) == 1 else Junction("OR", tuple(items))


def _and(scanner: Scanner) -> Predicate:
    items = [_unary(scanner)]
    while scanner.eat_word("AND") or scanner.eat("&&"):
        items.append(_unary(scanner))
    return items[0] if len(items) == 1 else Junction("AND", tuple(items))


def _unary(scanner: Scanner) -> Predicate:
    if scanner.eat_word("NOT") or (scanner.peek(2) != "!=" and scanner.eat("!")):
        return Negation(_unary(scanner))
    if scanner.eat("("):
        inner = _or(scanner)
        scanner.expect(")")
        return inner
    if scanner.eat_word("TRUEPREDICATE"):
        return Constant(True)
    if scanner.eat_word("FALSEPREDICATE"):
        return Constant(False)
    return _comparison(scanner)


def _comparison(scanner: Scanner) -> Predicate:
    scanner.skip_space()
    at = scanner.pos
    if scanner.peek() in ("'", '"') or scanner.number_ahead():
        scanner.fail("the left side of a comparison must be an attribute name")
    key = scanner.identifier(what="an attribute name")
    if key.upper() in UNSUPPORTED_WORDS:
        scanner.fail(f"{key.upper()} is not supported (elements have single-valued attributes)", at)
    attribute = _attribute(scanner, key, at)
    operator = _operator(scanner)
    case, diacritic = _flags(scanner)
    value = _value(scanner, allow_list=operator == "IN")
    pattern = None
    if operator in ("LIKE", "MATCHES"):
        if not isinstance(value, str):
            scanner.fail(f"{operator} needs a string")
        pattern = _pattern(scanner, operator, value, case, diacritic)
    elif operator in ("BEGINSWITH", "ENDSWITH", "CONTAINS") and not isinstance(value, str):
        scanner.fail(f"{operator} needs a string")
    return Comparison(attribute, operator, value, case, diacritic, pattern)


def _attribute(scanner: Scanner, key: str, at: int) -> str:
    bare = key[2].lower() + key[3:] if key.startswith("wd") and len(key) > 2 and key[2].isupper() else key
    if bare not in KEYS:
        scanner.fail(f"unknown attribute {key!r}; use one of {', '.join(KEYS)}", at)
    return bare


def _operator(scanner: Scanner) -> str:
    scanner.skip_space()
    for symbol in SYMBOL_OPERATORS:
        if scanner.eat(symbol):
            return "==" if symbol == "=" else symbol
    for word in WORD_OPERATORS:
        if scanner.eat_word(word):
            return word
    scanner.fail("expected an operator (==, !=, BEGINSWITH, ENDSWITH, CONTAINS, LIKE, MATCHES, IN, <, >)")


def _flags(scanner: Scanner) -> tuple[bool, bool]:
    if not scanner.eat("[", space=False):
        return False, False
    at = scanner.pos
    flags = scanner.identifier(what="comparison flags c, d or cd")
    if not set(flags) <= {"c", "d"}:
        scanner.fail(f"unknown comparison flags {flags!r}; use [c], [d] or [cd]", at)
    scanner.expect("]")
    return "c" in flags, "d" in flags


def _value(scanner: Scanner, allow_list: bool) -> Literal | tuple[Literal, ...]:
    scanner.skip_space()
    if allow_list and scanner.eat("{"):
        items = [_scalar(scanner)]
        while scanner.eat(","):
            items.append(_scalar(scanner))
        scanner.expect("}")
        return tuple(items)
    return _scalar(scanner)


def _scalar(scanner: Scanner) -> Literal:
    scanner.skip_space()
    if scanner.peek() in ("'", '"'):
        return scanner.quoted()
    if scanner.number_ahead():
        return float(scanner.integer())
    for word, flag in (("TRUE", True), ("YES", True), ("FALSE", False), ("NO", False)):
        if scanner.eat_word(word):
            return flag
    scanner.fail("expected a quoted string, a number or TRUE/FALSE")


def _pattern(scanner: Scanner, operator: str, value: str, case: bool, diacritic: bool) -> re.Pattern[str]:
    if operator == "LIKE":  # only * (any run) and ? (one character) are wildcards
        folded = Comparison("", "", "", case, diacritic)._fold(value)
        source = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in folded)
    else:
        source = value
    try:
        return re.compile(source, re.IGNORECASE | re.DOTALL if case and operator == "MATCHES" else re.DOTALL)
    except re.error as error:
        scanner.fail(f"invalid regular expression {value!r}: {error}")


def _text(value: Literal | tuple[Literal, ...]) -> str:
    return value if isinstance(value, str) else str(value)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
