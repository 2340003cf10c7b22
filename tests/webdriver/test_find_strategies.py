"""The new locator strategies through the real clients: they find what accessibility id finds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from appium.webdriver.webdriver import WebDriver
from selenium.common.exceptions import InvalidArgumentException, InvalidSelectorException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.remote.webdriver import WebDriver as SeleniumDriver

from simulator.webdriver import WebDriverServer

from .conftest import Raw

# Selenium 4.3x's generic RemoteConnection path warns about its own use of remote_server_addr.
pytestmark = pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning")


def _selenium(server: WebDriverServer, platform: str, app: str) -> Iterator[SeleniumDriver]:
    options = ArgOptions()
    options.set_capability("platformName", platform)
    options.set_capability("appium:app", app)
    driver = SeleniumDriver(server.url, options=options)
    yield driver
    driver.quit()


@pytest.fixture
def selenium_android(server: WebDriverServer) -> Iterator[SeleniumDriver]:
    """Plain Selenium (no Appium client): By.ID becomes ``[id="…"]`` CSS, By.CLASS_NAME ``.name``."""
    yield from _selenium(server, "Android", "kundenapp-3.5.2.apk")


@pytest.fixture
def selenium_ios(server: WebDriverServer) -> Iterator[SeleniumDriver]:
    yield from _selenium(server, "iOS", "kundenapp-3.5.2.ipa")


@pytest.mark.parametrize("key", ["login_email", "login_submit", "password_rule_upper"])
def test_selenium_by_id_and_css_find_the_accessibility_id_element(
    selenium_android: SeleniumDriver, driver: WebDriver, key: str
) -> None:
    by_id = selenium_android.find_element(By.ID, key)  # sent as css selector [id="key"]
    by_css = selenium_android.find_element(By.CSS_SELECTOR, f"#{key}")
    by_desc = selenium_android.find_element(By.CSS_SELECTOR, f'*[content-desc="{key}"]')
    assert by_id.id == by_css.id == by_desc.id
    assert by_id.get_dom_attribute("content-desc") == key


def test_selenium_by_class_name_and_tag_on_android(selenium_android: SeleniumDriver) -> None:
    assert len(selenium_android.find_elements(By.CLASS_NAME, "android.widget.EditText")) == 3
    assert len(selenium_android.find_elements(By.CSS_SELECTOR, "EditText")) == 3  # short class name
    buttons = selenium_android.find_elements(By.CSS_SELECTOR, "android.widget.Button[enabled=false]")
    assert [b.get_dom_attribute("content-desc") for b in buttons] == ["login_register"]


def test_selenium_by_id_on_ios(selenium_ios: SeleniumDriver, ios_driver: WebDriver) -> None:
    by_id = selenium_ios.find_element(By.ID, "login_password")  # [id=…] is name == … on XCUITest
    assert by_id.tag_name == "XCUIElementTypeSecureTextField"
    assert selenium_ios.find_element(By.CSS_SELECTOR, "secureTextField").id == by_id.id


def test_android_uiautomator_finds_the_same_elements(driver: WebDriver) -> None:
    submit = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit")
    for selector in (
        'new UiSelector().description("login_submit")',
        'new UiSelector().resourceId("de.insurgo.kundenapp:id/login_submit")',
        'new UiSelector().text("Anmelden").className("android.widget.Button")',
        'new UiSelector().textContains("nmeld").clickable(true)',
        'new UiSelector().className("android.widget.Button").instance(0)',
        'new UiScrollable(new UiSelector().resourceId("de.insurgo.kundenapp:id/login_screen"))'
        '.scrollIntoView(new UiSelector().text("Anmelden"))',
    ):
        assert driver.find_element(AppiumBy.ANDROID_UIAUTOMATOR, selector).id == submit.id, selector
    rules = driver.find_elements(AppiumBy.ANDROID_UIAUTOMATOR, "new UiSelector().checkable(true)")
    assert [r.id for r in rules] == [e.id for e in driver.find_elements(AppiumBy.CLASS_NAME, "android.widget.CheckBox")]


def test_ios_predicate_and_class_chain_find_the_same_elements(ios_driver: WebDriver) -> None:
    field = ios_driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email")
    for using, selector in (
        (AppiumBy.IOS_PREDICATE, 'name == "login_email"'),
        (AppiumBy.IOS_PREDICATE, "type == 'XCUIElementTypeTextField' AND label BEGINSWITH[c] 'e-mail'"),
        (AppiumBy.IOS_CLASS_CHAIN, '**/XCUIElementTypeTextField[`name == "login_email"`]'),
        (AppiumBy.IOS_CLASS_CHAIN, "**/XCUIElementTypeTextField[1]"),
        (AppiumBy.IOS_CLASS_CHAIN, "XCUIElementTypeTextField[`label == 'E-Mail'`]"),  # a child of the app
        (AppiumBy.IOS_CLASS_CHAIN, "**/XCUIElementTypeTextField[-2]"),  # of login_email and login_makler_id
    ):
        assert ios_driver.find_element(using, selector).id == field.id, selector
    upper = ios_driver.find_element(AppiumBy.ACCESSIBILITY_ID, "password_rule_upper")
    found = ios_driver.find_elements(AppiumBy.IOS_PREDICATE, 'type == "XCUIElementTypeSwitch" AND value == "0"')
    assert [e.id for e in found] == [upper.id]


def test_find_from_element_with_the_new_strategies(driver: WebDriver, ios_driver: WebDriver) -> None:
    rules = driver.find_element(AppiumBy.XPATH, "//android.widget.LinearLayout")
    inside = rules.find_elements(AppiumBy.ANDROID_UIAUTOMATOR, "new UiSelector().checkable(true)")
    assert len(inside) == 2
    assert rules.find_elements(AppiumBy.CSS_SELECTOR, "#login_email") == []
    ios_rules = ios_driver.find_element(AppiumBy.XPATH, "//XCUIElementTypeOther")
    assert len(ios_rules.find_elements(AppiumBy.IOS_CLASS_CHAIN, "XCUIElementTypeSwitch")) == 2


@pytest.mark.parametrize(
    ("using", "value", "reason"),
    [
        ("-android uiautomator", 'new UiSelector().textt("x")', "unsupported UiSelector method 'textt'"),
        ("-android uiautomator", 'new UiSelector().text("x"', "expected ',' or ')'"),
        ("-android uiautomator", "new UiSelector().index(-1)", "non-negative integer"),
        ("css selector", "a ~ b", "combinator"),
        ("css selector", "*[foo=bar]", "unsupported attribute 'foo'"),
        ("css selector", "a, b", "selector lists"),
        ("css selector", "*[checked=maybe]", "true or false"),
    ],
)
def test_unsupported_syntax_is_invalid_selector_with_the_reason(
    driver: WebDriver, raw: Raw, using: str, value: str, reason: str
) -> None:
    driver.implicitly_wait(30)  # must not wait: a bad selector fails at once
    status, _, body = raw("POST", f"/session/{driver.session_id}/element", {"using": using, "value": value})
    assert (status, body["value"]["error"]) == (400, "invalid selector")
    assert reason in body["value"]["message"]
    with pytest.raises(InvalidSelectorException):
        driver.find_element(using, value)


def test_the_other_platforms_strategy_is_invalid_argument(driver: WebDriver, ios_driver: WebDriver) -> None:
    with pytest.raises(InvalidArgumentException, match="on android"):
        driver.find_element(AppiumBy.IOS_PREDICATE, 'name == "x"')
    with pytest.raises(InvalidArgumentException, match="on ios"):
        ios_driver.find_element(AppiumBy.ANDROID_UIAUTOMATOR, "new UiSelector()")
