"""``css selector``: the CSS subset Appium's drivers convert, for Selenium's ``By.ID`` / ``By.CSS_SELECTOR``.

UiAutomator2 turns CSS into a UiSelector, XCUITest into a class chain
(``lib/css`` in appium-uiautomator2-driver / appium-xcuitest-driver); so do we, into the
same objects the ``-android uiautomator`` and ``-ios class chain`` strategies match with.
Grammar (https://www.w3.org/TR/selectors-4/, the supported part)::

    selector   := compound (combinator compound)*        (one selector: no "," lists)
    combinator := whitespace (descendant) | ">" (child, iOS only)
    compound   := [type | "*"] (("#" ident) | ("." ident) | attribute | pseudo)*
    attribute  := "[" ident [("=" | "*=" | "^=" | "$=" | "~=") (ident | string)] "]"
    pseudo     := ":" ident ["(" integer ")"]

Attribute names and aliases follow the drivers' schemas: Android ``resource-id`` (``id``),
``description`` (``content-desc``, ``accessibility-id`` …), ``text``, ``class-name``,
``package-name``, the boolean states, ``index`` (``nth-child``), ``instance``; iOS ``name``
(``id``), ``label``, ``value``, ``type``, ``visible``, ``accessible``, ``enabled``, ``index``.
``[id="x"]`` (Selenium's ``By.ID``) without a package means the app's own ``<package>:id/x``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from simulator.webdriver.locators import class_chain, predicate, uiselector
from simulator.webdriver.locators.scanner import Scanner

STRATEGY = "css selector"
IDENT_EXTRA = "-"
ANDROID_ATTRIBUTES = {
    "checkable": "bool",
    "checked": "bool",
    "clickable": "bool",
    "enabled": "bool",
    "focusable": "bool",
    "focused": "bool",
    "long-clickable": "bool",
    "scrollable": "bool",
    "selected": "bool",
    "index": "int",
    "instance": "int",
    "description": "str",
    "resource-id": "str",
    "text": "str",
    "class-name": "str",
    "package-name": "str",
}
ANDROID_ALIASES = {
    "nth-child": "index",
    "content-description": "description",
    "content-desc": "description",
    "desc": "description",
    "accessibility-id": "description",
    "id": "resource-id",
}
IOS_ATTRIBUTES = {
    "visible": "bool",
    "accessible": "bool",
    "enabled": "bool",
    "index": "int",
    "label": "str",
    "name": "str",
    "value": "str",
    "type": "str",
}
IOS_ALIASES = {"nth-child": "index", "id": "name"}
# CSS attribute name -> the source attribute it reads (UiAutomator2 dialect)
ANDROID_SOURCE = {
    "description": "content-desc",
    "resource-id": "resource-id",
    "text": "text",
    "class-name": "class",
    "package-name": "package",
}
OPERATORS = ("*=", "^=", "$=", "~=", "=")  # two-character ones first
RESOURCE_ID = re.compile(r"[A-Za-z_][\w.]*:id/\S+")


@dataclass(frozen=True)
class AttributeTest:
    """``[name op value]``, ``[name]`` (``value`` None) or a pseudo-class such as ``:checked``."""

    name: str
    operator: str | None = None
    value: str | None = None


@dataclass
class Compound:
    """One compound selector and the combinator that joins it to the previous one."""

    combinator: str = " "  # " " descendant, ">" child
    tag: str | None = None
    ids: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    tests: list[AttributeTest] = field(default_factory=list)


def parse(text: str, platform: str) -> list[Compound]:
    """The compounds of one CSS selector, attribute names checked against the platform's schema."""
    scanner = Scanner(STRATEGY, text)
    scanner.skip_space()
    compounds = [_compound(scanner, " ", platform)]
    while True:
        had_space = scanner.peek().isspace()
        scanner.skip_space()
        if scanner.done:
            break
        char = scanner.peek()
        if char == ",":
            scanner.fail("selector lists (',') are not supported; send one selector per find")
        if char in "+~":
            scanner.fail(f"the {char!r} combinator is not supported (only descendant ' ' and child '>')")
        if char == ">":
            if platform == "android":
                scanner.fail("the child combinator '>' is not supported on Android (UiSelector has descendants only)")
            scanner.pos += 1
            scanner.skip_space()
            compounds.append(_compound(scanner, ">", platform))
        elif had_space:
            compounds.append(_compound(scanner, " ", platform))
        else:
            scanner.fail("unexpected character")
    return compounds


def to_uiselector(compounds: list[Compound], app_package: str) -> uiselector.UiSelector:
    """The UiSelector chain (``childSelector`` per descendant step) that UiAutomator2 would build."""
    selectors = [_android_selector(compound, app_package) for compound in compounds]
    for outer, inner in itertools.pairwise(selectors):
        outer.child = inner
    return selectors[0]


def to_class_chain(compounds: list[Compound]) -> tuple[class_chain.Step, ...]:
    """The class chain steps that XCUITest would build."""
    return tuple(_ios_step(compound) for compound in compounds)


# -- parsing --


def _compound(scanner: Scanner, combinator: str, platform: str) -> Compound:
    compound = Compound(combinator)
    start = scanner.pos
    if scanner.eat("*", space=False):
        compound.tag = "*"
    elif _ident_ahead(scanner):
        compound.tag = _ident(scanner)
    while not scanner.done:
        char = scanner.peek()
        if char == "#":
            scanner.pos += 1
            compound.ids.append(_ident(scanner))
        elif char == ".":
            if platform == "ios":
                scanner.fail("'.class' has no iOS form; write the element type, e.g. XCUIElementTypeButton")
            scanner.pos += 1
            compound.classes.append(_ident(scanner))
        elif char == "[":
            scanner.pos += 1
            compound.tests.append(_attribute(scanner, platform))
        elif char == ":":
            scanner.pos += 1
            compound.tests.append(_pseudo(scanner, platform))
        else:
            break
    if scanner.pos == start:
        scanner.fail("expected a type, '*', '#id', '.class', '[attribute]' or ':pseudo-class'")
    return compound


def _ident_ahead(scanner: Scanner) -> bool:
    char = scanner.peek()
    return bool(char) and (char.isalpha() or char in "_-\\" or ord(char) > 127)


def _ident(scanner: Scanner) -> str:
    """A CSS identifier with backslash escapes (``#android\\:id\\/text1``)."""
    out: list[str] = []
    start = scanner.pos
    while not scanner.done:
        char = scanner.peek()
        if char == "\\":
            scanner.pos += 1
            out.append(_escape(scanner))
        elif char.isalnum() or char in "_-" or ord(char) > 127:
            out.append(char)
            scanner.pos += 1
        else:
            break
    name = "".join(out)
    if not name or (scanner.text[start].isdigit()):
        scanner.pos = start
        scanner.fail("expected an identifier")
    return name


def _escape(scanner: Scanner) -> str:
    digits = ""
    while len(digits) < 6 and scanner.peek() and scanner.peek() in "0123456789abcdefABCDEF":
        digits += scanner.peek()
        scanner.pos += 1
    if digits:
        if scanner.peek() == " ":
            scanner.pos += 1
        return chr(int(digits, 16))
    if scanner.done:
        scanner.fail("escape at the end of the selector")
    char = scanner.peek()
    scanner.pos += 1
    return char


def _attribute(scanner: Scanner, platform: str) -> AttributeTest:
    scanner.skip_space()
    at = scanner.pos
    name = _schema_name(scanner, _ident(scanner).lower(), platform, at)
    scanner.skip_space()
    if scanner.eat("]"):
        return _checked(scanner, AttributeTest(name), platform, at)
    operator = next((op for op in OPERATORS if scanner.eat(op)), None)
    if operator is None:
        scanner.fail("expected ']' or an attribute operator (=, *=, ^=, $=, ~=; '|=' is not supported)")
    scanner.skip_space()
    value = scanner.quoted() if scanner.peek() in ("'", '"') else _ident(scanner)
    scanner.skip_space()
    if not scanner.eat("]"):
        scanner.fail("expected ']' (attribute flags such as ' i' are not supported)")
    return _checked(scanner, AttributeTest(name, operator, value), platform, at)


def _pseudo(scanner: Scanner, platform: str) -> AttributeTest:
    at = scanner.pos
    name = _schema_name(scanner, _ident(scanner).lower(), platform, at)
    if scanner.eat("(", space=False):
        value = str(scanner.integer())
        scanner.expect(")")
        return _checked(scanner, AttributeTest(name, "=", value), platform, at)
    return _checked(scanner, AttributeTest(name), platform, at)


def _schema_name(scanner: Scanner, name: str, platform: str, at: int) -> str:
    attributes, aliases = (IOS_ATTRIBUTES, IOS_ALIASES) if platform == "ios" else (ANDROID_ATTRIBUTES, ANDROID_ALIASES)
    name = aliases.get(name, name)
    if name not in attributes:
        scanner.fail(f"unsupported attribute {name!r} on {platform}; use one of {', '.join(sorted(attributes))}", at)
    return name


def _checked(scanner: Scanner, test: AttributeTest, platform: str, at: int) -> AttributeTest:
    kind = (IOS_ATTRIBUTES if platform == "ios" else ANDROID_ATTRIBUTES)[test.name]
    if kind == "bool" and test.value is not None and (test.operator != "=" or test.value not in ("true", "false")):
        scanner.fail(f"{test.name!r} is true or false", at)
    if kind == "int" and (test.value is None or test.operator != "=" or not test.value.isdigit()):
        scanner.fail(f"{test.name!r} needs a number, e.g. :{test.name}(1)", at)
    return test


# -- Android: UiSelector --


def _android_selector(compound: Compound, app_package: str) -> uiselector.UiSelector:
    selector = uiselector.UiSelector()
    dotted = ".".join(([compound.tag] if compound.tag and compound.tag != "*" else []) + compound.classes)
    if dotted:
        # a full class name is exact; a short one ("TextView", ".widget.TextView") matches its last segments
        pattern = re.compile(rf"(?:.*\.)?{re.escape(dotted)}")
        selector.conditions["className"] = uiselector.Condition("class", "Matches", dotted, pattern)
    for value in compound.ids:
        selector.conditions["resourceId"] = uiselector.Condition("resource-id", "", _resource_id(value, app_package))
    for test in compound.tests:
        kind = ANDROID_ATTRIBUTES[test.name]
        if kind == "bool":
            flag = test.value != "false"
            method = _camel(test.name)
            selector.conditions[method] = uiselector.Condition(test.name, "bool", flag)
        elif test.name == "index":
            selector.conditions["index"] = uiselector.Condition("index", "index", int(str(test.value)))
        elif test.name == "instance":
            selector.instance = int(str(test.value))
        else:
            wanted = test.value
            if test.name == "resource-id" and wanted is not None and test.operator == "=":
                wanted = _resource_id(wanted, app_package)
            selector.conditions[_camel(test.name) + (test.operator or "")] = _string_condition(
                ANDROID_SOURCE[test.name], test.operator, wanted
            )
    return selector


def _string_condition(attribute: str, operator: str | None, value: str | None) -> uiselector.Condition:
    if value is None:  # [text]: the attribute is there, i.e. not empty
        return uiselector.Condition(attribute, "Matches", ".+", re.compile(".+", re.DOTALL))
    kind = {"=": "", "*=": "Contains", "^=": "StartsWith"}.get(operator or "=")
    if kind is not None:
        return uiselector.Condition(attribute, kind, value)
    return uiselector.Condition(attribute, "Matches", value, _suffix_or_word(operator, value))


def _suffix_or_word(operator: str | None, value: str) -> re.Pattern[str]:
    if operator == "$=":
        return re.compile(rf".*{re.escape(value)}", re.DOTALL)
    return re.compile(rf"(?:.*\s)?{re.escape(value)}(?:\s.*)?", re.DOTALL)  # ~= a whitespace-separated word


def _resource_id(value: str, app_package: str) -> str:
    return value if RESOURCE_ID.fullmatch(value) else f"{app_package}:id/{value}"


def _camel(name: str) -> str:
    head, *rest = name.split("-")
    return head + "".join(part.capitalize() for part in rest)


# -- iOS: class chain --


def _ios_step(compound: Compound) -> class_chain.Step:
    tag: str = compound.tag or "*"
    if tag != "*" and not tag.lower().startswith("xcuielementtype"):
        tag = class_chain.TYPE_PREFIX + tag[0].upper() + tag[1:]  # "button" -> XCUIElementTypeButton
    elif tag != "*":
        tag = class_chain.TYPE_PREFIX + tag[len(class_chain.TYPE_PREFIX) :]
    comparisons: list[predicate.Predicate] = [predicate.Comparison("name", "==", value) for value in compound.ids]
    filters: list[class_chain.Filter] = []
    for test in compound.tests:
        kind = IOS_ATTRIBUTES[test.name]
        if test.name == "index":
            filters.append(class_chain.Position(int(str(test.value))))
        elif kind == "bool":
            comparisons.append(predicate.Comparison(test.name, "==", test.value != "false"))
        else:
            comparisons.append(_ios_comparison(test))
    if comparisons:
        joined = comparisons[0] if len(comparisons) == 1 else predicate.Junction("AND", tuple(comparisons))
        filters.insert(0, class_chain.Matches(joined))
    return class_chain.Step(tag, compound.combinator != ">", tuple(filters))


def _ios_comparison(test: AttributeTest) -> predicate.Predicate:
    value = test.value
    if value is None:
        return predicate.Comparison(test.name, "MATCHES", "", pattern=re.compile(".*", re.DOTALL))
    operator = {"=": "==", "*=": "CONTAINS", "^=": "BEGINSWITH", "$=": "ENDSWITH"}.get(test.operator or "=")
    if operator is not None:
        return predicate.Comparison(test.name, operator, value)
    return predicate.Comparison(test.name, "MATCHES", value, pattern=_suffix_or_word("~=", value))
