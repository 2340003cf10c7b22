"""Lifecycle as on a phone: cold start, background, terminate, install, remove, platform differences."""

from __future__ import annotations

import pytest

from simulator.app.device_api import (
    APP_BACKGROUND,
    APP_BACKGROUND_SUSPENDED,
    APP_FOREGROUND,
    APP_NOT_INSTALLED,
    APP_NOT_RUNNING,
    SIMULATOR_COMMANDS,
    DeviceError,
    PhoneInUse,
)
from simulator.app.lifecycle.phones import PhoneRegistry
from tests.app.conftest import APP_ID, BrokerWorld, MakePhone, PhoneDriver, Wire


def test_new_session_cold_starts_the_installed_app_in_front(phone: PhoneDriver) -> None:
    assert phone.state() == APP_FOREGROUND
    assert phone.screen() == "screen_login"


def test_session_without_app_shows_launcher_without_icon(make_phone: MakePhone) -> None:
    p = make_phone(app_version=None)
    assert p.state() == APP_NOT_INSTALLED
    assert p.screen() == "screen_launcher"
    assert not p.has("app_icon")
    with pytest.raises(DeviceError) as info:
        p.device.activate_app(APP_ID)
    assert info.value.error == "unknown error"


def test_terminate_loses_memory_but_keeps_storage(logged_in: PhoneDriver, broker: BrokerWorld) -> None:
    logged_in.tap("tab_contracts")
    assert logged_in.device.terminate_app(APP_ID) is True
    assert logged_in.state() == APP_NOT_RUNNING
    assert logged_in.screen() == "screen_launcher"
    logged_in.tap("app_icon")
    assert logged_in.state() == APP_FOREGROUND
    assert logged_in.screen() == "screen_main"  # tokens survived in storage
    assert logged_in.node("tab_overview").selected  # the selected tab did not
    assert logged_in.text("broker_name") == broker.broker.name


def test_terminate_forgets_typed_text(phone: PhoneDriver) -> None:
    phone.type("login_email", "max@example.com")
    phone.restart()
    assert phone.text("login_email") == ""


def test_terminate_when_not_running_answers_false(phone: PhoneDriver) -> None:
    assert phone.device.terminate_app(APP_ID)
    assert phone.device.terminate_app(APP_ID) is False
    assert phone.device.terminate_app("com.other.app") is False


def test_background_keeps_memory(phone: PhoneDriver) -> None:
    phone.type("login_email", "max@example.com")
    phone.device.background_app(-1)
    assert phone.state() == APP_BACKGROUND
    assert phone.screen() == "screen_launcher"
    phone.tap("app_icon")
    assert phone.state() == APP_FOREGROUND
    assert phone.text("login_email") == "max@example.com"


def test_background_with_duration_comes_back_by_itself(phone: PhoneDriver) -> None:
    phone.type("login_email", "x")
    phone.device.background_app(0.5)
    assert phone.state() == APP_FOREGROUND
    assert phone.text("login_email") == "x"
    assert any("moved to background" in entry["message"] for entry in phone.device.logs())


def test_ios_background_is_suspended(make_phone: MakePhone) -> None:
    p = make_phone("ios")
    p.device.background_app(-1)
    assert p.state() == APP_BACKGROUND_SUSPENDED
    p.device.activate_app(APP_ID)
    assert p.state() == APP_FOREGROUND


def test_remove_app_clears_storage(logged_in: PhoneDriver) -> None:
    assert logged_in.device.remove_app(APP_ID) is True
    assert logged_in.state() == APP_NOT_INSTALLED
    assert logged_in.storage_keys() == []
    assert logged_in.device.remove_app(APP_ID) is False
    logged_in.device.install_app("kundenapp-4.0.0.apk")
    assert logged_in.state() == APP_NOT_RUNNING
    logged_in.device.activate_app(APP_ID)
    assert logged_in.screen() == "screen_login"
    assert logged_in.text("login_makler_id") == ""


def test_installing_a_newer_build_keeps_data_and_ends_the_process(make_phone: MakePhone) -> None:
    p = make_phone(app_version="3.5.2")
    p.login()
    p.tap("tab_me")
    assert p.text("app_version") == "Version 3.5.2"
    p.device.install_app("/builds/kundenapp-4.0.0.apk")
    assert p.state() == APP_NOT_RUNNING
    p.device.activate_app(APP_ID)
    assert p.screen() == "screen_main"
    p.tap("tab_me")
    assert p.text("app_version") == "Version 4.0.0"


def test_install_needs_a_version_in_the_build_name(phone: PhoneDriver) -> None:
    with pytest.raises(DeviceError) as info:
        phone.device.install_app("kundenapp.apk")
    assert info.value.error == "invalid argument"


def test_android_back_on_root_only_backgrounds(phone: PhoneDriver) -> None:
    phone.type("login_email", "max@example.com")
    phone.device.hide_keyboard()
    phone.device.back()
    assert phone.state() == APP_BACKGROUND  # still running, memory kept
    phone.device.activate_app(APP_ID)
    assert phone.text("login_email") == "max@example.com"


def test_android_back_closes_the_keyboard_first(phone: PhoneDriver) -> None:
    phone.type("login_email", "a")
    assert phone.device.is_keyboard_shown()
    phone.device.back()
    assert not phone.device.is_keyboard_shown()
    assert phone.state() == APP_FOREGROUND


def test_android_back_pops_a_pushed_screen(phone: PhoneDriver) -> None:
    phone.tap("login_register")
    phone.device.back()
    assert phone.screen() == "screen_login"
    assert phone.state() == APP_FOREGROUND


def test_ios_back_pops_but_does_nothing_at_root(make_phone: MakePhone) -> None:
    p = make_phone("ios")
    p.tap("login_forgot_password")
    assert p.screen() == "screen_forgot"
    p.device.back()
    assert p.screen() == "screen_login"
    p.device.back()
    assert p.state() == APP_FOREGROUND
    assert p.screen() == "screen_login"


def test_keyboard_follows_input_focus(phone: PhoneDriver) -> None:
    assert not phone.device.is_keyboard_shown()
    phone.tap("login_email")
    assert phone.device.is_keyboard_shown()
    assert phone.node("login_email").focused
    phone.device.hide_keyboard()
    assert not phone.device.is_keyboard_shown()


def test_element_keys_go_stale_after_a_cold_start(phone: PhoneDriver) -> None:
    old_key = phone.node("login_email").key
    phone.device.type_text(old_key, "a")  # valid while on screen
    phone.restart()
    with pytest.raises(DeviceError) as info:
        phone.device.type_text(old_key, "b")
    assert info.value.error == "stale element reference"


def test_typing_into_a_button_is_refused(phone: PhoneDriver) -> None:
    with pytest.raises(DeviceError) as info:
        phone.type("login_submit", "x")
    assert info.value.error == "element not interactable"
    with pytest.raises(DeviceError) as info:
        phone.device.clear(phone.node("login_submit").key)
    assert info.value.error == "invalid element state"


def test_the_tree_object_is_reused_until_something_changes(phone: PhoneDriver) -> None:
    first = phone.device.tree()
    assert phone.device.tree() is first
    phone.type("login_email", "a")
    assert phone.device.tree() is not first


def test_full_reset_installs_afresh(make_phone: MakePhone) -> None:
    first = make_phone()
    first.login()
    first.device.close()
    second = make_phone(full_reset=True)
    assert second.screen() == "screen_login"
    assert second.storage_keys() == []


def test_no_reset_keeps_the_session_across_sessions(make_phone: MakePhone) -> None:
    first = make_phone()
    first.login()
    first.device.close()
    second = make_phone(no_reset=True)
    assert second.screen() == "screen_main"


def test_default_reset_clears_app_data_between_sessions(make_phone: MakePhone) -> None:
    first = make_phone()
    first.login()
    first.device.close()
    second = make_phone()
    assert second.screen() == "screen_login"
    assert second.storage_keys() == []


def test_a_held_device_is_refused_to_a_second_session_naming_the_holder(make_phone: MakePhone) -> None:
    first = make_phone()
    first.login()
    with pytest.raises(PhoneInUse) as refused:
        make_phone(no_reset=True)
    assert (refused.value.device_name, refused.value.holder, refused.value.error) == (
        "test-phone",
        "another session",  # make_phone names no holder; the WebDriver server names the session id
        "session not created",
    )
    assert first.screen() == "screen_main"


def test_sessions_without_a_device_name_get_private_phones_that_share_nothing(make_phone: MakePhone) -> None:
    first = make_phone(device_name="")
    first.login()
    second = make_phone(device_name="", no_reset=True)
    assert second.screen() == "screen_login"
    assert first.device.identity()["kind"] == second.device.identity()["kind"] == "private"
    assert first.device.identity()["deviceName"] != second.device.identity()["deviceName"]


def test_phone_registry_hands_the_phone_back_on_release() -> None:
    registry = PhoneRegistry()
    phone = registry.claim("android", "a", APP_ID, "session-1")
    with pytest.raises(PhoneInUse, match="in use by session-1"):
        registry.claim("android", "a", APP_ID, "session-2")
    registry.release(phone)
    assert registry.claim("android", "a", APP_ID, "session-2") is phone


def test_private_phones_are_numbered_never_reused_and_forgotten_on_release() -> None:
    registry = PhoneRegistry()
    taken = registry.claim("android", "Pixel 8 (privat 1)", APP_ID, "a world named it so")
    first = registry.claim("android", "", APP_ID, "session-1")
    second = registry.claim("ios", "", APP_ID, "session-2")
    assert [first.key[1], second.key[1]] == ["Pixel 8 (privat 2)", "iPhone 15 (privat 3)"]
    assert registry.in_use() == [taken, first, second]
    registry.release(first)
    registry.release(second)
    registry.release(taken)
    assert registry.keys() == [taken.key]  # only the named phone stays for the next session
    assert registry.claim("android", "", APP_ID).key[1] == "Pixel 8 (privat 4)"


def test_update_os_terminates_and_keeps_storage(logged_in: PhoneDriver, wire: Wire) -> None:
    result = logged_in.device.simulator_command("updateOs", {"version": "15"})
    assert result == {"os_version": "15"}
    assert logged_in.state() == APP_NOT_RUNNING
    logged_in.device.activate_app(APP_ID)
    assert logged_in.screen() == "screen_main"
    assert wire.last_headers()["X-OS-Version"] == "15"


def test_update_os_needs_a_version(phone: PhoneDriver) -> None:
    with pytest.raises(DeviceError):
        phone.device.simulator_command("updateOs", {})


@pytest.mark.parametrize(
    ("name", "args", "says"),
    [
        ("updateOs", {"version": "quinze"}, "quinze"),
        ("updateOs", {"version": True}, "version"),
        ("updateOs", {"version": "15.x"}, "15.x"),
        ("updateOs", {"version": "15", "when": "now"}, "when"),
        ("appState", {"verbose": True}, "verbose"),
        ("setBehaviour", {"name": "shared_restart", "enabled": True, "forever": 1}, "forever"),
    ],
)
def test_simulator_commands_refuse_bad_arguments(
    phone: PhoneDriver, name: str, args: dict[str, object], says: str
) -> None:
    os_before = phone.device.simulator_command("appState", {})["os_version"]
    with pytest.raises(DeviceError) as caught:
        phone.device.simulator_command(name, args)
    assert caught.value.error == "invalid argument"
    assert says in caught.value.message
    assert phone.device.simulator_command("appState", {})["os_version"] == os_before  # nothing changed


def test_app_state_command_describes_phone_and_app(logged_in: PhoneDriver) -> None:
    state = logged_in.device.simulator_command("appState", {})
    assert state["state"] == APP_FOREGROUND
    assert state["app"]["screen"] == "main"
    assert {"access_token", "refresh_token", "makler_id"} <= set(state["storage_keys"])
    assert state["behaviours"] == {"unusable_memory": False, "unusable_session": False, "shared_restart": False}


@pytest.mark.parametrize("name", sorted(SIMULATOR_COMMANDS))
def test_the_device_answers_every_command_of_the_protocols_table(phone: PhoneDriver, name: str) -> None:
    """The WebDriver server lists and forwards exactly these (simulator/app/device_api.py)."""
    args = {"updateOs": {"version": "15"}, "setBehaviour": {"name": "shared_restart"}}.get(name, {})
    phone.device.simulator_command(name, args)  # an unknown one would be refused


def test_unknown_simulator_command_is_an_invalid_argument(phone: PhoneDriver) -> None:
    with pytest.raises(DeviceError) as info:
        phone.device.simulator_command("explode", {})
    assert info.value.error == "invalid argument"


def test_logs_name_requests_and_lifecycle_and_are_handed_out_once(logged_in: PhoneDriver) -> None:
    messages = [entry["message"] for entry in logged_in.device.logs()]
    assert any(m.startswith("lifecycle: cold start") for m in messages)
    assert any(m.startswith("HTTP POST /login -> 200") for m in messages)
    entry = logged_in.device.logs()
    assert entry == []
    logged_in.restart()
    (first, *_) = logged_in.device.logs()
    assert set(first) == {"timestamp", "level", "message"} and isinstance(first["timestamp"], int)


def test_device_time_is_iso_with_offset(phone: PhoneDriver) -> None:
    stamp = phone.device.device_time()
    assert stamp[4] == "-" and stamp[10] == "T" and ("+" in stamp[19:] or "-" in stamp[19:] or stamp.endswith("Z"))
