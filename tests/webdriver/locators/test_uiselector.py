"""``-android uiautomator``: parser and matching (simulator/webdriver/locators/uiselector.py)."""

from __future__ import annotations

import pytest

from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.locators import uiselector
from simulator.webdriver.locators.scope import TreeScope

from .conftest import Screen, keys


def find(scope: TreeScope, text: str) -> list[str]:
    return keys(uiselector.locate(uiselector.parse(text), scope, scope.root))


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ('new UiSelector().text("Anmelden")', ["login:screen", "login_submit"]),
        ('new UiSelector().text("Anmelden").className("android.widget.Button")', ["login_submit"]),
        ('new UiSelector().textContains("vergessen")', ["login_forgot"]),
        ('new UiSelector().textStartsWith("Regis")', ["login_register"]),
        ('new UiSelector().textMatches("Pass.*\\\\?")', ["login_forgot"]),
        ('new UiSelector().description("login_email")', ["login_email"]),
        ('new UiSelector().descriptionContains("rule_")', ["rule_length", "rule_upper"]),
        ('new UiSelector().resourceId("de.insurgo.kundenapp:id/login_submit")', ["login_submit"]),
        ('new UiSelector().resourceIdMatches(".*:id/login_(email|password)")', ["login_email", "login_password"]),
        ('new UiSelector().classNameMatches(".*EditText")', ["login_email", "login_password", "login_makler_id"]),
        ("new UiSelector().checkable(true).checked(false)", ["rule_upper"]),
        ("new UiSelector().enabled(false)", ["login_register"]),
        ('new UiSelector().className("android.widget.EditText").instance(1)', ["login_password"]),
        ('new UiSelector().className("android.widget.EditText").index(3)', ["login_makler_id"]),
        ('new UiSelector().text("x").text("Anmelden").clickable(true)', ["login_submit"]),  # the last text() wins
        (
            'new UiSelector().className("android.widget.LinearLayout").childSelector(new UiSelector().index(1))',
            ["rule_upper"],
        ),
        (
            'new UiSelector().description("password_rule_length").fromParent(new UiSelector().checked(false))',
            ["rule_upper"],
        ),
        (
            'new UiSelector().description("login_email"); new UiSelector().description("login_submit");',
            ["login_email", "login_submit"],
        ),
        ('new UiSelector().text("Nirgends")', []),
    ],
)
def test_selectors_on_the_login_screen(screen: Screen, selector: str, expected: list[str]) -> None:
    assert find(screen("android", "login"), selector) == expected


def test_ui_scrollable_resolves_without_scrolling(screen: Screen) -> None:
    home = screen("android", "home")
    into_view = (
        "new UiScrollable(new UiSelector().scrollable(true).instance(0))"
        '.setAsVerticalList().setMaxSearchSwipes(10).scrollIntoView(new UiSelector().textContains("KFZ-002"))'
    )
    assert find(home, into_view) == ["contract_2_no"]
    lists = "new UiScrollable(new UiSelector().scrollable(true))"
    assert find(home, lists + '.scrollTextIntoView("Vertrag 1: KFZ-001")') == ["contract_1_no"]
    texts = 'new UiSelector().className("android.widget.TextView")'
    assert find(home, lists + f'.getChildByText({texts}, "Vertrag 2: KFZ-002")') == ["contract_2_no"]
    assert find(home, lists) == ["contracts"]
    outside = lists + '.scrollIntoView(new UiSelector().description("tab_me"))'
    assert find(home, outside) == []  # the tab bar is not inside the list


def test_java_string_escapes(screen: Screen) -> None:
    assert find(screen("android", "login"), 'new UiSelector().text("Anmelde\\u006e")') == [
        "login:screen",
        "login_submit",
    ]


@pytest.mark.parametrize(
    ("selector", "reason"),
    [
        ('UiSelector().text("x")', "expected 'new UiSelector()'"),
        ("new UiObject()", "unsupported class 'UiObject'"),
        ("new UiSelector(1)", "takes no arguments"),
        ("new UiSelector().text(1)", "text() takes one string"),
        ('new UiSelector().clickable("yes")', "clickable() takes one boolean"),
        ("new UiSelector().instance(true)", "instance() takes one non-negative integer"),
        ('new UiSelector().text("a", "b")', "text() takes one string"),
        ('new UiSelector().text("open', "unterminated string"),
        ("new UiSelector().text('x')", "Java strings take double quotes"),
        ('new UiSelector().textMatches("(")', "invalid regular expression"),
        ('new UiSelector().childSelector("x")', "childSelector() takes one new UiSelector()"),
        ("new UiScrollable(new UiSelector()).flingForward()", "unsupported UiScrollable method 'flingForward'"),
        ('new UiSelector().text("x") trailing', "unexpected text"),
        ('new UiSelector().text("\\u12")', "four hex digits"),
    ],
)
def test_unsupported_or_broken_syntax_names_the_reason(selector: str, reason: str) -> None:
    with pytest.raises(WebDriverError) as raised:
        uiselector.parse(selector)
    assert raised.value.error == "invalid selector"
    assert reason in raised.value.message and "position" in raised.value.message
