"""Element state and interaction commands through the Appium client."""

from __future__ import annotations

import base64
import io

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from appium.webdriver.webdriver import WebDriver
from appium.webdriver.webelement import WebElement
from PIL import Image
from selenium.common.exceptions import (
    ElementNotInteractableException,
    InvalidArgumentException,
    InvalidElementStateException,
    NoSuchElementException,
    StaleElementReferenceException,
)

from .conftest import Raw
from .fake_device import FakeDevice


def _by_id(driver: WebDriver, accessibility_id: str) -> WebElement:
    return driver.find_element(AppiumBy.ACCESSIBILITY_ID, accessibility_id)


def test_click_taps_the_node_on_the_device(driver: WebDriver, device: FakeDevice) -> None:
    _by_id(driver, "login_submit").click()
    assert ("tap", "login_submit") in device.calls
    assert _by_id(driver, "login_error").text == "Bitte gib Deine E-Mail-Adresse ein."


def test_send_keys_types_and_clear_empties(driver: WebDriver, device: FakeDevice) -> None:
    field = _by_id(driver, "login_email")
    field.send_keys("max@müller.de")
    assert device.calls[-1] == ("type_text", "login_email", "max@müller.de")
    assert field.text == "max@müller.de"
    field.clear()
    assert field.text == ""
    assert device.calls[-1] == ("clear", "login_email")


def test_value_with_only_text_or_only_value_list(driver: WebDriver, device: FakeDevice, raw: Raw) -> None:
    field = _by_id(driver, "login_makler_id")
    path = f"/session/{driver.session_id}/element/{field.id}/value"
    assert raw("POST", path, {"text": "M-"})[0] == 200
    assert raw("POST", path, {"value": ["4", "2"]})[0] == 200
    assert device.fields["login_makler_id"] == "M-42"
    status, _, body = raw("POST", path, {"text": 42})
    assert (status, body["value"]["error"]) == (400, "invalid argument")


def test_webdriver_key_codes_are_dropped(driver: WebDriver, device: FakeDevice) -> None:
    _by_id(driver, "login_email").send_keys("a@b.de\ue007")
    assert device.fields["login_email"] == "a@b.de"


def test_password_text_is_masked(driver: WebDriver) -> None:
    field = _by_id(driver, "login_password")
    field.send_keys("Geheim1!")
    assert field.text == "••••••••"
    assert field.get_attribute("password") == "true"


def test_state_queries(driver: WebDriver) -> None:
    assert _by_id(driver, "login_email").is_displayed() is True
    assert _by_id(driver, "login_error").is_displayed() is False
    assert _by_id(driver, "login_register").is_enabled() is False
    assert _by_id(driver, "login_submit").is_enabled() is True
    assert _by_id(driver, "password_rule_length").is_selected() is True
    assert _by_id(driver, "password_rule_upper").is_selected() is False


def test_selected_tab_and_chip(driver: WebDriver) -> None:
    _by_id(driver, "login_email").send_keys("a@b.de")
    _by_id(driver, "login_submit").click()
    assert _by_id(driver, "tab_overview").is_selected()
    _by_id(driver, "tab_me").click()
    assert _by_id(driver, "tab_me").is_selected()
    assert not _by_id(driver, "tab_overview").is_selected()
    chips = driver.find_elements(AppiumBy.ACCESSIBILITY_ID, "customer_chip")
    assert [c.is_selected() for c in chips] == [True, False]
    chips[1].click()
    assert [c.is_selected() for c in chips] == [True, True]


def test_android_attributes_are_strings_like_uiautomator2(driver: WebDriver) -> None:
    box = _by_id(driver, "password_rule_length")
    assert box.get_attribute("checked") == "true"
    assert box.get_attribute("checkable") == "true"
    assert box.get_attribute("content-desc") == "password_rule_length"
    assert box.get_attribute("contentDescription") == "password_rule_length"
    assert box.get_attribute("resource-id") == "de.insurgo.kundenapp:id/password_rule_length"
    assert box.get_attribute("class") == "android.widget.CheckBox"
    assert box.get_attribute("text") == "8 Zeichen"
    assert box.get_attribute("name") == "password_rule_length"
    assert box.get_attribute("enabled") == "true"
    assert box.get_attribute("displayed") == "true"
    assert box.get_attribute("package") == "de.insurgo.kundenapp"
    r = box.rect
    assert box.get_attribute("bounds") == f"[{r['x']},{r['y']}][{r['x'] + r['width']},{r['y'] + r['height']}]"
    assert box.get_attribute("no-such-attribute") is None
    assert _by_id(driver, "login_email").get_attribute("hint") == "E-Mail"


def test_ios_attributes_like_xcuitest(ios_driver: WebDriver) -> None:
    field = ios_driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email")
    field.send_keys("a@b.de")
    assert field.get_attribute("value") == "a@b.de"
    assert field.get_attribute("name") == "login_email"
    assert field.get_attribute("label") == "E-Mail"
    assert field.get_attribute("type") == "XCUIElementTypeTextField"
    assert field.get_attribute("visible") == "true"
    assert field.get_attribute("displayed") == "true"
    assert field.get_attribute("x") == "16"
    assert field.get_attribute("resource-id") is None
    switch = ios_driver.find_element(AppiumBy.ACCESSIBILITY_ID, "password_rule_upper")
    assert switch.get_attribute("value") == "0"


def test_property_answers_like_attribute(driver: WebDriver) -> None:
    assert _by_id(driver, "login_submit").get_property("text") == "Anmelden"


def test_rect_comes_from_the_layout(driver: WebDriver) -> None:
    rect = _by_id(driver, "login_email").rect
    assert rect == {"x": 16, "y": 156, "width": 380, "height": 56}
    assert _by_id(driver, "login_email").size == {"width": 380, "height": 56}
    assert _by_id(driver, "login_error").rect["height"] == 0


def test_tag_name_is_the_platform_class(driver: WebDriver, ios_driver: WebDriver) -> None:
    assert _by_id(driver, "login_submit").tag_name == "android.widget.Button"
    assert ios_driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit").tag_name == "XCUIElementTypeButton"


def test_element_screenshot_is_the_cropped_rect(driver: WebDriver) -> None:
    png = _by_id(driver, "login_submit").screenshot_as_png
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (380, 48)
        assert len(image.getcolors(1 << 20) or []) > 2


def test_element_screenshot_of_a_hidden_element_fails(driver: WebDriver, raw: Raw) -> None:
    element = _by_id(driver, "login_error")
    status, _, body = raw("GET", f"/session/{driver.session_id}/element/{element.id}/screenshot")
    assert (status, body["value"]["error"]) == (500, "unable to capture screen")


def test_unknown_element_id_is_no_such_element(driver: WebDriver, raw: Raw) -> None:
    with pytest.raises(NoSuchElementException):
        driver.create_web_element("999999").click()
    status, _, body = raw("GET", f"/session/{driver.session_id}/element/999999/text")
    assert (status, body["value"]["error"]) == (404, "no such element")


def test_element_of_a_previous_screen_is_stale(driver: WebDriver, raw: Raw) -> None:
    field = _by_id(driver, "login_email")
    field.send_keys("a@b.de")
    _by_id(driver, "login_submit").click()
    with pytest.raises(StaleElementReferenceException):
        field.click()
    with pytest.raises(StaleElementReferenceException):
        _ = field.text
    status, _, body = raw("GET", f"/session/{driver.session_id}/element/{field.id}/rect")
    assert (status, body["value"]["error"]) == (404, "stale element reference")


def test_a_reference_is_valid_again_when_its_node_returns(driver: WebDriver) -> None:
    field = _by_id(driver, "login_email")
    field.send_keys("a@b.de")
    _by_id(driver, "login_submit").click()
    driver.back()
    assert field.text == "a@b.de"


def test_click_on_a_hidden_element_is_not_interactable(driver: WebDriver, device: FakeDevice) -> None:
    with pytest.raises(ElementNotInteractableException):
        _by_id(driver, "login_error").click()
    assert ("tap", "login_error") not in device.calls


def test_device_errors_map_to_their_w3c_code(driver: WebDriver, raw: Raw) -> None:
    disabled = _by_id(driver, "login_register")
    with pytest.raises(ElementNotInteractableException):
        disabled.click()
    status, _, body = raw("POST", f"/session/{driver.session_id}/element/{disabled.id}/click", {})
    assert (status, body["value"]["error"]) == (400, "element not interactable")


def test_typing_into_a_button_is_not_interactable(driver: WebDriver) -> None:
    with pytest.raises(ElementNotInteractableException):
        _by_id(driver, "login_submit").send_keys("x")


def test_clearing_a_button_is_invalid_element_state(driver: WebDriver) -> None:
    with pytest.raises(InvalidElementStateException):
        _by_id(driver, "login_submit").clear()


def test_malformed_value_body_raises_invalid_argument(driver: WebDriver) -> None:
    field = _by_id(driver, "login_email")
    with pytest.raises(InvalidArgumentException):
        field._execute("sendKeysToElement", {"text": None, "value": [1, 2]})


def test_a_command_repeated_after_an_error_succeeds(driver: WebDriver, device: FakeDevice) -> None:
    field = _by_id(driver, "login_email")
    with pytest.raises(ElementNotInteractableException):
        _by_id(driver, "login_register").click()
    with pytest.raises(ElementNotInteractableException):
        _by_id(driver, "login_register").click()
    field.send_keys("ok")
    assert device.fields["login_email"] == "ok"


def test_screenshot_is_base64_png(driver: WebDriver) -> None:
    data = base64.b64decode(driver.get_screenshot_as_base64())
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
