"""Session-level screen commands: source, screenshot, back, orientation, window rect, actions."""

from __future__ import annotations

import io

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from appium.webdriver.webdriver import WebDriver
from lxml import etree
from PIL import Image
from selenium.common.exceptions import InvalidArgumentException, StaleElementReferenceException
from selenium.webdriver.common.actions.action_builder import ActionBuilder
from selenium.webdriver.common.actions.pointer_input import PointerInput

from simulator.webdriver.session import KEPT_SCREENS

from .conftest import Raw
from .fake_device import FakeDevice


def test_android_page_source_is_uiautomator2_xml(driver: WebDriver) -> None:
    source = driver.page_source
    assert source.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = etree.fromstring(source.encode())
    assert root.tag == "hierarchy"
    field = root.find(".//android.widget.EditText")
    assert field is not None
    for name in (
        "index",
        "package",
        "class",
        "text",
        "resource-id",
        "content-desc",
        "checkable",
        "checked",
        "clickable",
        "enabled",
        "focusable",
        "focused",
        "password",
        "scrollable",
        "selected",
        "bounds",
        "displayed",
    ):
        assert name in field.attrib, name
    assert field.get("resource-id") == "de.insurgo.kundenapp:id/login_email"
    assert "Großbuchstabe" in source


def test_ios_page_source_is_xcuitest_xml(ios_driver: WebDriver) -> None:
    root = etree.fromstring(ios_driver.page_source.encode())
    assert root.tag == "AppiumAUT"
    assert root[0].tag == "XCUIElementTypeApplication"
    field = root.find(".//XCUIElementTypeTextField")
    assert field is not None
    for name in ("type", "name", "label", "enabled", "visible", "accessible", "x", "y", "width", "height", "index"):
        assert name in field.attrib, name


def test_source_follows_the_current_screen(driver: WebDriver) -> None:
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys("a@b.de")
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit").click()
    assert 'content-desc="tab_contracts"' in driver.page_source
    assert "login_email" not in driver.page_source


def test_screenshot_is_a_phone_sized_png_with_content(driver: WebDriver, ios_driver: WebDriver) -> None:
    for session, size in ((driver, (412, 915)), (ios_driver, (393, 852))):
        with Image.open(io.BytesIO(session.get_screenshot_as_png())) as image:
            assert image.format == "PNG"
            assert image.size == size
            assert len(image.getcolors(1 << 20) or []) > 10


def test_screenshot_changes_with_the_screen(driver: WebDriver) -> None:
    before = driver.get_screenshot_as_png()
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys("a@b.de")
    assert driver.get_screenshot_as_png() != before


def test_a_kept_screen_is_drawn_later_as_it_was_when_kept(driver: WebDriver) -> None:
    """kundenapp: keepScreen keeps the screen; keptScreenshot draws that screen, not the current one."""
    then = driver.get_screenshot_as_base64()
    number = driver.execute_script("kundenapp: keepScreen", {})
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys("a@b.de")
    now = driver.get_screenshot_as_base64()
    assert now != then
    assert driver.execute_script("kundenapp: keptScreenshot", {"screen": number}) == then


def test_only_the_last_kept_screens_stay_and_bad_arguments_are_refused(driver: WebDriver, raw: Raw) -> None:
    numbers = [driver.execute_script("kundenapp: keepScreen", {}) for _ in range(KEPT_SCREENS + 1)]
    assert len(set(numbers)) == KEPT_SCREENS + 1
    driver.execute_script("kundenapp: keptScreenshot", {"screen": numbers[-KEPT_SCREENS]})  # still kept
    path = f"/session/{driver.session_id}/execute/sync"
    for args, says in (
        ({"screen": numbers[0]}, f"screen {numbers[0]} is not kept"),
        ({"screen": "1"}, "keptScreenshot needs"),
        ({"screen": True}, "keptScreenshot needs"),
        ({}, 'We wanted {"required": ["screen"]}'),
    ):
        status, _, body = raw("POST", path, {"script": "kundenapp: keptScreenshot", "args": [args]})
        assert (status, body["value"]["error"]) == (400, "invalid argument"), args
        assert says in body["value"]["message"], body
    status, _, body = raw("POST", path, {"script": "kundenapp: keepScreen", "args": [{"x": 1}]})
    assert (status, body["value"]["error"]) == (400, "invalid argument")


def test_back_goes_to_the_device(driver: WebDriver, device: FakeDevice) -> None:
    driver.back()
    assert device.calls[-1] == ("back",)


def test_orientation_round_trip_and_layout_follows(driver: WebDriver) -> None:
    assert driver.orientation == "PORTRAIT"
    driver.orientation = "LANDSCAPE"
    assert driver.orientation == "LANDSCAPE"
    assert driver.get_window_size() == {"width": 915, "height": 412}
    with Image.open(io.BytesIO(driver.get_screenshot_as_png())) as image:
        assert image.size == (915, 412)


def test_bad_orientation_is_invalid_argument(driver: WebDriver) -> None:
    with pytest.raises(InvalidArgumentException):
        driver.execute("setScreenOrientation", {"orientation": "UPSIDE_DOWN"})


def test_window_rect_is_the_phone(driver: WebDriver) -> None:
    assert driver.get_window_rect() == {"x": 0, "y": 0, "width": 412, "height": 915}


def test_tap_action_hits_the_element_under_the_point(driver: WebDriver, device: FakeDevice) -> None:
    rect = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit").rect
    driver.tap([(rect["x"] + 5, rect["y"] + 5)])
    assert device.calls[-1] == ("tap", "login_submit")


def test_tap_on_empty_space_does_nothing(driver: WebDriver, device: FakeDevice) -> None:
    driver.tap([(200, 900)])
    assert not [call for call in device.calls if call[0] == "tap"]


def test_swipe_is_not_a_tap(driver: WebDriver, device: FakeDevice) -> None:
    rect = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit").rect
    driver.swipe(rect["x"] + 5, rect["y"] + 5, rect["x"] + 5, rect["y"] - 300)
    assert not [call for call in device.calls if call[0] == "tap"]
    assert device.calls[-1] == ("swipe", "login_submit", "up", False, False)


def _swipe_up_from_bottom(driver: WebDriver, hold_s: float) -> None:
    width, height = driver.get_window_size()["width"], driver.get_window_size()["height"]
    actions = ActionBuilder(driver, mouse=PointerInput("touch", "finger"))
    actions.pointer_action.move_to_location(width // 2, height - 5).pointer_down()
    actions.pointer_action.move_to_location(width // 2, height // 2)
    if hold_s:
        actions.pointer_action.pause(hold_s)
    actions.pointer_action.pointer_up()
    actions.perform()


def test_swipe_up_from_the_bottom_edge_is_the_home_gesture(driver: WebDriver, device: FakeDevice) -> None:
    _swipe_up_from_bottom(driver, 0)
    assert device.calls[-1] == ("swipe", None, "up", True, False)


def test_swipe_up_from_the_bottom_edge_and_hold_opens_the_app_switcher(driver: WebDriver, device: FakeDevice) -> None:
    _swipe_up_from_bottom(driver, 0.5)
    assert device.calls[-1] == ("swipe", None, "up", True, True)


def test_a_move_in_place_with_a_duration_also_holds(driver: WebDriver, device: FakeDevice) -> None:
    height = driver.get_window_size()["height"]
    moves = [
        {"type": "pointerMove", "duration": 0, "x": 100, "y": height - 3},
        {"type": "pointerDown", "button": 0},
        {"type": "pointerMove", "duration": 200, "x": 100, "y": height // 2},
        {"type": "pointerMove", "duration": 400, "x": 100, "y": height // 2},
        {"type": "pointerUp", "button": 0},
    ]
    driver.execute("actions", {"actions": [{"type": "pointer", "id": "f", "actions": moves}]})
    assert device.calls[-1] == ("swipe", None, "up", True, True)


def test_swipe_gesture_on_an_element_and_on_an_area(driver: WebDriver, device: FakeDevice) -> None:
    button = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit")
    driver.execute_script("mobile: swipeGesture", {"elementId": button.id, "direction": "Up", "percent": 0.8})
    assert device.calls[-1] == ("swipe", "login_submit", "up", False, False)
    rect = button.rect
    driver.execute_script("mobile: swipe", {**rect, "left": rect["x"], "top": rect["y"], "direction": "left"})
    assert device.calls[-1] == ("swipe", "login_submit", "left", False, False)


@pytest.mark.parametrize(
    "args",
    [
        {"direction": "up"},
        {"elementId": 7, "direction": "up"},
        {"left": 0, "top": 0, "width": 0, "height": 5, "direction": "up"},
    ],
)
def test_swipe_gesture_needs_an_element_or_an_area(driver: WebDriver, args: dict[str, object]) -> None:
    with pytest.raises(InvalidArgumentException):
        driver.execute_script("mobile: swipeGesture", args)


def test_pointer_actions_relative_to_an_element(driver: WebDriver, device: FakeDevice) -> None:
    button = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_forgot_password")
    actions = ActionBuilder(driver, mouse=PointerInput("touch", "finger"))
    actions.pointer_action.move_to(button).pointer_down().pause(0.01).pointer_up()
    actions.perform()
    assert device.calls[-1] == ("tap", "login_forgot")


def test_pointer_origin_element_that_left_the_screen_is_stale(driver: WebDriver) -> None:
    field = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email")
    field.send_keys("a@b.de")
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit").click()
    actions = ActionBuilder(driver, mouse=PointerInput("touch", "finger"))
    actions.pointer_action.move_to(field).pointer_down().pointer_up()
    with pytest.raises(StaleElementReferenceException):
        actions.perform()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"actions": "tap"},
        {"actions": [{"type": "finger"}]},
        {"actions": [{"type": "pointer", "actions": "down"}]},
        {"actions": [{"type": "pointer", "actions": [{"type": "wiggle"}]}]},
        {"actions": [{"type": "pointer", "actions": [{"type": "pointerMove", "x": "1", "y": 2}]}]},
        {"actions": [{"type": "pointer", "actions": [{"type": "pointerMove", "x": 1, "origin": "moon"}]}]},
        {"actions": [{"type": "pointer", "actions": [{}]}]},
    ],
)
def test_malformed_actions_are_invalid_argument(driver: WebDriver, raw: Raw, body: dict[str, object]) -> None:
    status, _, answer = raw("POST", f"/session/{driver.session_id}/actions", body)
    assert (status, answer["value"]["error"]) == (400, "invalid argument")


def test_key_actions_are_accepted_and_release_actions_answers(driver: WebDriver, raw: Raw) -> None:
    key_source = {"type": "key", "id": "kbd", "actions": [{"type": "keyDown", "value": "a"}]}
    assert raw("POST", f"/session/{driver.session_id}/actions", {"actions": [key_source]})[0] == 200
    assert raw("DELETE", f"/session/{driver.session_id}/actions")[0] == 200
