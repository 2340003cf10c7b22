"""``-ios class chain``: parser and matching (simulator/webdriver/locators/class_chain.py)."""

from __future__ import annotations

import pytest

from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.locators import class_chain

from .conftest import Screen, keys


@pytest.mark.parametrize(
    ("chain", "expected"),
    [
        ("XCUIElementTypeButton", ["login_submit", "login_forgot", "login_register"]),  # children of the app
        ("XCUIElementTypeSwitch", []),  # the switches are grandchildren
        ("**/XCUIElementTypeSwitch", ["rule_length", "rule_upper"]),
        ("XCUIElementTypeOther/XCUIElementTypeSwitch[2]", ["rule_upper"]),
        ("**/XCUIElementTypeSwitch[-1]", ["rule_upper"]),
        ("**/XCUIElementTypeSwitch[3]", []),
        ('**/XCUIElementTypeButton[`label BEGINSWITH "Passwort"`]', ["login_forgot"]),
        ("**/XCUIElementTypeButton[`enabled == 1`][2]", ["login_forgot"]),
        ("**/XCUIElementTypeButton[2][`enabled == 1`]", ["login_forgot"]),
        ("**/XCUIElementTypeButton[3][`enabled == 1`]", []),  # filters apply left to right
        ("*[$name == 'password_rule_upper'$]", ["rules"]),
        ("**/*[`name == 'login_email'`]", ["login_email"]),
        (
            "*",
            [
                "login_intro",
                "login_email",
                "login_password",
                "login_makler_id",
                "rules",
                "login_error",
                "login_submit",
                "login_forgot",
                "login_register",
                "loading",
            ],
        ),
    ],
)
def test_chains_on_the_ios_login_screen(screen: Screen, chain: str, expected: list[str]) -> None:
    login = screen("ios", "login")
    assert keys(class_chain.locate(class_chain.parse(chain), login, login.root)) == expected


def test_a_chain_from_an_element_starts_at_its_children(screen: Screen) -> None:
    login = screen("ios", "login")
    rules = login.view.nodes["rules"]
    assert keys(class_chain.locate(class_chain.parse("XCUIElementTypeSwitch[1]"), login, rules)) == ["rule_length"]


@pytest.mark.parametrize(
    ("chain", "reason"),
    [
        ("Button", "'Button' is not an element type"),
        ("**/XCUIElementTypeButton[0]", "positions start at 1"),
        ("**/XCUIElementTypeButton[`name == 'x']", "the closing ` of the predicate"),
        ("**/XCUIElementTypeButton[`nom == 'x'`]", "unknown attribute 'nom'"),
        ("**/XCUIElementTypeButton[x]", "expected a number"),
        ("XCUIElementTypeOther/../XCUIElementTypeButton", "expected an element type"),
        ("XCUIElementTypeButton]", "expected '/' or '['"),
        ("", "expected an element type"),
    ],
)
def test_broken_chains_name_the_reason(chain: str, reason: str) -> None:
    with pytest.raises(WebDriverError) as raised:
        class_chain.parse(chain)
    assert raised.value.error == "invalid selector"
    assert reason in raised.value.message and "-ios class chain" in raised.value.message
