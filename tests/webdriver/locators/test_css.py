"""``css selector``: parser and its conversion to UiSelector / class chain (simulator/webdriver/locators/css.py)."""

from __future__ import annotations

import pytest

from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.locators import class_chain, css, uiselector
from simulator.webdriver.locators.scope import TreeScope

from .conftest import APP_ID, Screen, keys


def android(scope: TreeScope, text: str) -> list[str]:
    statement = css.to_uiselector(css.parse(text, "android"), APP_ID)
    return keys(uiselector.locate([statement], scope, scope.root))


def ios(scope: TreeScope, text: str) -> list[str]:
    return keys(class_chain.locate(css.to_class_chain(css.parse(text, "ios")), scope, scope.root))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#login_email", ["login_email"]),
        ('[id="login_email"]', ["login_email"]),  # what Selenium's By.ID sends
        ("#de\\.insurgo\\.kundenapp\\:id\\/login_email", ["login_email"]),
        ('*[resource-id="de.insurgo.kundenapp:id/login_submit"]', ["login_submit"]),
        ("*[content-desc=login_submit]", ["login_submit"]),
        ('*[accessibility-id="login_submit"]', ["login_submit"]),
        ('*[description^="password_"]', ["rule_length", "rule_upper"]),
        ('*[description$="_upper"]', ["rule_upper"]),
        ('*[text*="vergessen"]', ["login_forgot"]),
        ('*[text~="Zeichen"]', ["rule_length"]),
        ("android.widget.Button", ["login_submit", "login_forgot", "login_register"]),
        (".android.widget.Button", ["login_submit", "login_forgot", "login_register"]),  # By.CLASS_NAME
        ("Button:enabled", ["login_submit", "login_forgot"]),
        ("Button[enabled=false]", ["login_register"]),
        ("CheckBox:checked", ["rule_length"]),
        ("*[checkable]:nth-child(1)", ["rule_upper"]),  # UiAutomator2 passes nth-child through as index()
        ("EditText:instance(2)", ["login_makler_id"]),
        ("LinearLayout CheckBox[checked=false]", ["rule_upper"]),
        ("*[text]#login_submit", ["login_submit"]),
        ("*[text=Nirgends]", []),
    ],
)
def test_css_on_android(screen: Screen, text: str, expected: list[str]) -> None:
    assert android(screen("android", "login"), text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#login_email", ["login_email"]),
        ('[id="login_email"]', ["login_email"]),
        ('button[label="Anmelden"]', ["login_submit"]),
        ("XCUIElementTypeSwitch", ["rule_length", "rule_upper"]),
        ("other > switch:nth-child(2)", ["rule_upper"]),
        ("switch[value='0']", ["rule_upper"]),
        ("button[enabled=false]", ["login_register"]),
        ('*[name^="password_rule"][label*="Zeichen"]', ["rule_length"]),
        ("activityIndicator:visible", []),
    ],
)
def test_css_on_ios(screen: Screen, text: str, expected: list[str]) -> None:
    assert ios(screen("ios", "login"), text) == expected


@pytest.mark.parametrize(
    ("platform", "text", "reason"),
    [
        ("android", "a, b", "selector lists"),
        ("android", "a + b", "combinator"),
        ("android", "LinearLayout > CheckBox", "'>' is not supported on Android"),
        ("android", "*[foo=bar]", "unsupported attribute 'foo'"),
        ("android", '*[name="x"]', "unsupported attribute 'name'"),  # Selenium's By.NAME has no Android form
        ("android", "*[checked=yes]", "true or false"),
        ("android", "*:nth-child(first)", "expected a number"),
        ("android", "*[text|=x]", "'|=' is not supported"),
        ("android", "*[text=x i]", "attribute flags"),
        ("android", "#", "expected an identifier"),
        ("android", "*[text='open]", "unterminated string"),
        ("ios", ".Button", "has no iOS form"),
        ("ios", "*[resource-id=x]", "unsupported attribute 'resource-id' on ios"),
        ("android", "", "expected a type"),
    ],
)
def test_unsupported_css_names_the_reason(platform: str, text: str, reason: str) -> None:
    with pytest.raises(WebDriverError) as raised:
        css.parse(text, platform)
    assert raised.value.error == "invalid selector"
    assert reason in raised.value.message
