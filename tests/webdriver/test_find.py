"""Element retrieval: strategies on both platforms, XPath dialects, implicit wait, element ids."""

from __future__ import annotations

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from appium.webdriver.webdriver import WebDriver
from selenium.common.exceptions import (
    InvalidArgumentException,
    InvalidSelectorException,
    NoSuchElementException,
    StaleElementReferenceException,
)

from simulator.app.tree import Node
from simulator.webdriver.session import ELEMENT_KEY

from .conftest import Raw
from .fake_device import FakeDevice


def test_find_by_accessibility_id(driver: WebDriver) -> None:
    element = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit")
    assert element.text == "Anmelden"


def test_find_by_android_resource_id_full_and_bare(driver: WebDriver) -> None:
    full = driver.find_element(AppiumBy.ID, "de.insurgo.kundenapp:id/login_email")
    bare = driver.find_element(AppiumBy.ID, "login_email")
    assert full.id == bare.id
    with pytest.raises(NoSuchElementException):
        driver.find_element(AppiumBy.ID, "com.other.app:id/login_email")


def test_find_by_ios_name(ios_driver: WebDriver) -> None:
    assert ios_driver.find_element(AppiumBy.ID, "login_email").tag_name == "XCUIElementTypeTextField"


def test_find_by_class_name_per_platform(driver: WebDriver, ios_driver: WebDriver) -> None:
    assert len(driver.find_elements(AppiumBy.CLASS_NAME, "android.widget.EditText")) == 3
    assert len(ios_driver.find_elements(AppiumBy.CLASS_NAME, "XCUIElementTypeTextField")) == 2
    assert len(ios_driver.find_elements(AppiumBy.CLASS_NAME, "XCUIElementTypeSecureTextField")) == 1


def test_find_elements_returns_all_matches_in_document_order(driver: WebDriver) -> None:
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys("a@b.de")
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit").click()
    rows = driver.find_elements(AppiumBy.ACCESSIBILITY_ID, "contract_row")
    assert [row.find_element(AppiumBy.XPATH, "./*[1]").text for row in rows] == [
        "Vertrag 1: KFZ-001",
        "Vertrag 2: KFZ-002",
    ]
    assert driver.find_elements(AppiumBy.ACCESSIBILITY_ID, "nothing") == []


def test_xpath_on_the_uiautomator2_dialect(driver: WebDriver) -> None:
    button = driver.find_element(AppiumBy.XPATH, "//android.widget.Button[@text='Anmelden']")
    assert button.get_attribute("content-desc") == "login_submit"
    checked = driver.find_elements(AppiumBy.XPATH, "//*[@checkable='true' and @checked='true']")
    assert [c.get_attribute("content-desc") for c in checked] == ["password_rule_length"]
    assert driver.find_element(AppiumBy.XPATH, "/hierarchy/*").tag_name == "android.widget.FrameLayout"


def test_xpath_on_the_xcuitest_dialect(ios_driver: WebDriver) -> None:
    field = ios_driver.find_element(AppiumBy.XPATH, "//XCUIElementTypeSecureTextField[@name='login_password']")
    assert field.get_attribute("placeholderValue") == "Passwort"
    app = ios_driver.find_element(AppiumBy.XPATH, "/AppiumAUT/XCUIElementTypeApplication")
    assert app.get_attribute("name") == "login_screen"
    switches = ios_driver.find_elements(AppiumBy.XPATH, "//XCUIElementTypeSwitch[@value='0']")
    assert [s.get_attribute("name") for s in switches] == ["password_rule_upper"]


def test_invalid_xpath_is_invalid_selector(driver: WebDriver) -> None:
    with pytest.raises(InvalidSelectorException):
        driver.find_element(AppiumBy.XPATH, "//*[")
    with pytest.raises(InvalidSelectorException):
        driver.find_element(AppiumBy.XPATH, "count(//*)")
    with pytest.raises(InvalidSelectorException):
        driver.find_element(AppiumBy.XPATH, "//*[nosuchfunction()]")


@pytest.mark.parametrize("expression", ["\x00", "//*[@text='\x01']", "//x\x1f"])
def test_xpath_with_control_characters_is_invalid_selector_not_500(raw: Raw, session_id: str, expression: str) -> None:
    """Found by bench/hostile.py: lxml refuses NUL and control characters with a ValueError."""
    status, _, body = raw("POST", f"/session/{session_id}/element", {"using": "xpath", "value": expression})
    assert (status, body["value"]["error"]) == (400, "invalid selector")


def test_invalid_xpath_fails_at_once_despite_implicit_wait(driver: WebDriver, raw: Raw) -> None:
    driver.implicitly_wait(30)
    status, _, body = raw("POST", f"/session/{driver.session_id}/element", {"using": "xpath", "value": "//*["})
    assert (status, body["value"]["error"]) == (400, "invalid selector")


def test_unsupported_strategy_is_invalid_argument(driver: WebDriver) -> None:
    with pytest.raises(InvalidArgumentException):
        driver.find_element("link text", "Anmelden")
    with pytest.raises(InvalidArgumentException):
        driver.find_element(AppiumBy.IOS_CLASS_CHAIN, "**/XCUIElementTypeButton")


def test_missing_element_is_no_such_element_with_404(driver: WebDriver, raw: Raw) -> None:
    with pytest.raises(NoSuchElementException):
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "missing")
    status, _, body = raw(
        "POST", f"/session/{driver.session_id}/element", {"using": "accessibility id", "value": "missing"}
    )
    assert (status, body["value"]["error"]) == (404, "no such element")


@pytest.mark.parametrize(
    "body",
    [{"using": "accessibility id"}, {"using": 1, "value": "x"}, {"value": "x"}, {"using": "id", "value": ["x"]}],
)
def test_malformed_find_bodies_are_invalid_argument(driver: WebDriver, raw: Raw, body: dict[str, object]) -> None:
    status, _, answer = raw("POST", f"/session/{driver.session_id}/element", body)
    assert (status, answer["value"]["error"]) == (400, "invalid argument")


def test_find_from_element_searches_descendants_only(driver: WebDriver) -> None:
    rules = driver.find_element(AppiumBy.XPATH, "//android.widget.LinearLayout")
    boxes = rules.find_elements(AppiumBy.CLASS_NAME, "android.widget.CheckBox")
    assert len(boxes) == 2
    assert rules.find_element(AppiumBy.ACCESSIBILITY_ID, "password_rule_upper").text == "Großbuchstabe"
    with pytest.raises(NoSuchElementException):
        rules.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email")
    assert rules.find_elements(AppiumBy.XPATH, ".//android.widget.CheckBox")[0].text == "8 Zeichen"


def test_find_from_a_stale_element_is_stale(driver: WebDriver) -> None:
    field = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email")
    field.send_keys("a@b.de")
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit").click()
    with pytest.raises(StaleElementReferenceException):
        field.find_element(AppiumBy.ACCESSIBILITY_ID, "x")


def test_implicit_wait_finds_an_element_that_appears_later(driver: WebDriver, device: FakeDevice) -> None:
    driver.implicitly_wait(5)
    device.later(0.05, lambda: device.add_node(Node("text", "late", id="late_text", text="Endlich da")))
    assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "late_text").text == "Endlich da"


def test_implicit_wait_applies_to_find_elements(driver: WebDriver, device: FakeDevice) -> None:
    driver.implicitly_wait(5)
    device.later(0.05, lambda: device.add_node(Node("text", "late", id="late_text", text="Da")))
    assert len(driver.find_elements(AppiumBy.ACCESSIBILITY_ID, "late_text")) == 1


def test_implicit_wait_ends_with_no_such_element(driver: WebDriver) -> None:
    driver.implicitly_wait(0.05)
    with pytest.raises(NoSuchElementException):
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "never")


def test_element_references_carry_both_keys_and_ids_are_stable(driver: WebDriver, raw: Raw) -> None:
    path = f"/session/{driver.session_id}/element"
    first = raw("POST", path, {"using": "accessibility id", "value": "login_email"})[2]["value"]
    again = raw("POST", path, {"using": "id", "value": "login_email"})[2]["value"]
    other = raw("POST", path, {"using": "accessibility id", "value": "login_password"})[2]["value"]
    assert first[ELEMENT_KEY] == first["ELEMENT"] == again[ELEMENT_KEY]
    assert other[ELEMENT_KEY] != first[ELEMENT_KEY]


def test_element_ids_are_never_reused_across_sessions(driver: WebDriver, ios_driver: WebDriver) -> None:
    android = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").id
    ios = ios_driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").id
    assert android != ios


def test_an_element_id_from_another_session_is_no_such_element(driver: WebDriver, ios_driver: WebDriver) -> None:
    foreign = ios_driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").id
    with pytest.raises(NoSuchElementException):
        driver.create_web_element(foreign).click()


def test_active_element_is_the_focused_input(driver: WebDriver, raw: Raw) -> None:
    path = f"/session/{driver.session_id}/element/active"
    assert raw("GET", path)[0] == 404
    field = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_makler_id")
    field.send_keys("M-1")
    assert driver.switch_to.active_element.id == field.id
