"""``-ios predicate string``: parser and matching (simulator/webdriver/locators/predicate.py)."""

from __future__ import annotations

import pytest

from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.locators import predicate
from simulator.webdriver.locators.scope import TreeScope

from .conftest import Screen


def find(scope: TreeScope, text: str) -> list[str]:
    parsed = predicate.parse(text)
    return [node.key for node in scope.root.walk() if parsed.holds(scope.attributes(node))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('name == "login_submit"', ["login_submit"]),
        ("name = 'login_submit'", ["login_submit"]),
        ('wdName == "login_submit"', ["login_submit"]),
        ('label == "Anmelden" AND type == "XCUIElementTypeButton"', ["login_submit"]),
        ('label ==[c] "anmelden" && type == "XCUIElementTypeButton"', ["login_submit"]),
        ('name BEGINSWITH "password_rule"', ["rule_length", "rule_upper"]),
        ('name ENDSWITH "_upper" OR name ENDSWITH "_length"', ["rule_length", "rule_upper"]),
        ('label CONTAINS[cd] "GROẞBUCHSTABE"', ["rule_upper"]),
        ('label CONTAINS[d] "Gro"', ["rule_upper"]),
        ('label LIKE "Passwort*?"', ["login_forgot"]),  # ? needs one more character
        ('label LIKE "Passwort*"', ["login_password", "login_forgot"]),
        ('label LIKE[c] "passwort"', ["login_password"]),
        ('name MATCHES "login_(email|makler_id)"', ["login_email", "login_makler_id"]),
        ('type == "XCUIElementTypeSwitch" AND value == "0"', ["rule_upper"]),
        ('type == "XCUIElementTypeButton" AND enabled == FALSE', ["login_register"]),
        ('type == "XCUIElementTypeButton" AND NOT (enabled == 1)', ["login_register"]),
        ('visible == NO AND name IN {"login_error", "loading_indicator", "x"}', ["login_error", "loading"]),
        ('type == "XCUIElementTypeSwitch" AND name != "password_rule_length"', ["rule_upper"]),
        ('type == "XCUIElementTypeSwitch" AND index >= 1', ["rule_upper"]),
        ('value == "gibt es nicht" OR FALSEPREDICATE', []),
        ('name == "login_email" AND !(label == "x")', ["login_email"]),
    ],
)
def test_predicates_on_the_ios_login_screen(screen: Screen, text: str, expected: list[str]) -> None:
    assert find(screen("ios", "login"), text) == expected


def test_a_missing_attribute_is_nil(screen: Screen) -> None:
    login = screen("ios", "login")
    assert "login_email" not in find(login, 'value == ""')  # an empty field has no value attribute at all
    assert "login_email" in find(login, 'value != "x"')


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('nam == "x"', "unknown attribute 'nam'"),
        ('"x" == name', "left side of a comparison must be an attribute"),
        ('name === "x"', "expected a quoted string"),
        ('name ~= "x"', "expected an operator"),
        ('name == "x" AND', "expected an attribute name"),
        ('(name == "x"', "expected ')'"),
        ('ANY children.name == "x"', "ANY is not supported"),
        ('name ==[q] "x"', "unknown comparison flags 'q'"),
        ('name MATCHES "("', "invalid regular expression"),
        ("name CONTAINS 1", "CONTAINS needs a string"),
        ('name == "x" name == "y"', "unexpected text"),
        ('name == "unterminated', "unterminated string"),
    ],
)
def test_unsupported_or_broken_predicates_name_the_reason(text: str, reason: str) -> None:
    with pytest.raises(WebDriverError) as raised:
        predicate.parse(text)
    assert raised.value.error == "invalid selector"
    assert reason in raised.value.message
