"""The phone's system UI (simulator/app/README.md): home, back, recents / app switcher, swiping the card away."""

from __future__ import annotations

import pytest

from simulator.app.device_api import (
    APP_BACKGROUND,
    APP_BACKGROUND_SUSPENDED,
    APP_FOREGROUND,
    APP_NOT_RUNNING,
    DeviceError,
)
from simulator.app.screens.launcher import SYSTEM_PACKAGE
from tests.app.conftest import MakePhone, PhoneDriver

HOME, BACK, APP_SWITCH = 3, 4, 187


def _card_key(phone: PhoneDriver) -> str:
    return phone.node("app_card").key


def test_android_home_key_backgrounds_and_keeps_memory(phone: PhoneDriver) -> None:
    phone.type("login_email", "max@example.com")
    phone.device.press_key(HOME)
    assert phone.state() == APP_BACKGROUND
    assert phone.screen() == "screen_launcher"
    assert phone.device.tree().package == SYSTEM_PACKAGE["android"]
    phone.tap("app_icon")
    assert phone.text("login_email") == "max@example.com"


@pytest.mark.parametrize("os_version", ["14", "11"])
def test_android_back_on_the_root_screen_backgrounds_on_every_version(make_phone: MakePhone, os_version: str) -> None:
    phone = make_phone(os_version=os_version)
    phone.type("login_email", "max@example.com")
    phone.device.hide_keyboard()
    phone.device.press_key(BACK)
    assert phone.state() == APP_BACKGROUND  # not a complete close: the process and its memory stay
    phone.tap("app_icon")
    assert phone.text("login_email") == "max@example.com"


def test_android_back_pops_in_app_navigation_first(phone: PhoneDriver) -> None:
    phone.tap("login_register")
    phone.device.press_key(BACK)
    assert phone.state() == APP_FOREGROUND
    assert phone.screen() == "screen_login"


def test_android_recents_shows_the_card_and_swiping_it_away_ends_the_process(phone: PhoneDriver) -> None:
    phone.type("login_email", "max@example.com")
    phone.device.press_key(APP_SWITCH)
    assert phone.screen() == "screen_recents"
    assert phone.state() == APP_BACKGROUND
    assert phone.text("app_card") == "Kunden-App"
    phone.device.swipe(_card_key(phone), "left")  # sideways does not dismiss on Android 12+
    assert phone.state() == APP_BACKGROUND
    phone.device.swipe(_card_key(phone), "up")
    assert phone.state() == APP_NOT_RUNNING
    assert phone.screen() == "screen_launcher"  # the last card gone: home screen
    phone.tap("app_icon")
    assert phone.text("login_email") == ""


def test_android_recents_card_tap_resumes_and_clear_all_ends(phone: PhoneDriver) -> None:
    phone.device.press_key(APP_SWITCH)
    phone.tap("app_card")
    assert phone.state() == APP_FOREGROUND
    phone.device.press_key(APP_SWITCH)
    phone.tap("clear_all")
    assert phone.state() == APP_NOT_RUNNING
    phone.device.press_key(APP_SWITCH)
    assert phone.screen() == "screen_recents" and not phone.has("app_card")
    phone.device.press_key(BACK)
    assert phone.screen() == "screen_launcher"


def test_android_keys_that_are_not_modelled_are_refused(phone: PhoneDriver) -> None:
    phone.device.press_key(24)  # volume up: nothing changes
    assert phone.state() == APP_FOREGROUND
    with pytest.raises(DeviceError) as info:
        phone.device.press_key(82)
    assert info.value.error == "unsupported operation"
    with pytest.raises(DeviceError):
        phone.device.press_button("home")  # an iOS command


def test_ios_home_button_and_the_app_switcher(make_phone: MakePhone) -> None:
    phone = make_phone("ios")
    phone.type("login_email", "max@example.com")
    phone.device.press_button("home")
    assert phone.state() == APP_BACKGROUND_SUSPENDED
    assert phone.screen() == "screen_launcher"
    assert phone.device.tree().package == SYSTEM_PACKAGE["ios"]
    phone.tap("app_icon")
    phone.device.swipe(None, "up", from_edge=True, hold=True)
    assert phone.screen() == "screen_app_switcher"
    assert phone.state() == APP_BACKGROUND_SUSPENDED
    phone.device.swipe(_card_key(phone), "up")
    assert phone.state() == APP_NOT_RUNNING
    assert phone.screen() == "screen_launcher"
    phone.tap("app_icon")
    assert phone.text("login_email") == ""


def test_ios_swipe_up_without_hold_goes_home(make_phone: MakePhone) -> None:
    phone = make_phone("ios")
    phone.device.swipe(None, "up", from_edge=True)
    assert phone.screen() == "screen_launcher"
    assert phone.state() == APP_BACKGROUND_SUSPENDED
    with pytest.raises(DeviceError) as info:
        phone.device.press_button("power")
    assert info.value.error == "invalid argument"
    with pytest.raises(DeviceError):
        phone.device.press_key(HOME)  # an Android command
    with pytest.raises(DeviceError):
        phone.device.swipe(None, "sideways")


@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        ("android", 'package="com.google.android.apps.nexuslauncher"'),
        ("ios", 'type="XCUIElementTypeApplication" name="screen_app_switcher"'),
    ],
)
def test_source_and_screenshot_of_the_switcher_speak_the_platform_dialect(
    make_phone: MakePhone, platform: str, expected: str
) -> None:
    from simulator.webdriver.layout import window_size
    from simulator.webdriver.view import ScreenView

    phone = make_phone(platform)
    if platform == "android":
        phone.device.press_key(APP_SWITCH)
    else:
        phone.device.swipe(None, "up", from_edge=True, hold=True)
    view = ScreenView(phone.device.tree(), platform, "de.insurgo.kundenapp", window_size(platform))
    assert expected in view.source
    assert "Kunden-App" in view.source and "de.insurgo.kundenapp" not in view.source
    assert view.png.startswith(b"\x89PNG")
