"""Capability processing: W3C merging, matching, types, and the DeviceConfig it yields."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.webdriver.capabilities import DEFAULT_APP_ID, app_version_of, parse_timeouts, process
from simulator.webdriver.errors import WebDriverError

BACKEND = "http://backend.test"


def _process(always: dict[str, Any], first: list[dict[str, Any]] | None = None) -> Any:
    caps: dict[str, Any] = {"alwaysMatch": always}
    if first is not None:
        caps["firstMatch"] = first
    return process({"capabilities": caps}, BACKEND)


def _error(body: dict[str, Any]) -> WebDriverError:
    with pytest.raises(WebDriverError) as caught:
        process(body, BACKEND)
    return caught.value


def test_android_defaults() -> None:
    result = _process({"platformName": "Android"})
    config = result.config
    assert (config.platform, config.os_version, config.app_version) == ("android", "14", None)
    assert config.app_id == DEFAULT_APP_ID
    assert config.backend_url == BACKEND
    assert (config.no_reset, config.full_reset, config.latency_ms) == (False, False, 0)
    assert result.granted["appium:automationName"] == "UiAutomator2"
    assert result.timeouts == {"script": 30_000, "pageLoad": 300_000, "implicit": 0}


def test_ios_defaults_and_bundle_id() -> None:
    result = _process({"platformName": "iOS", "appium:bundleId": "de.example.app"})
    config = result.config
    assert (config.platform, config.os_version, config.app_version) == ("ios", "17.4", "4.0.0")
    assert config.app_id == "de.example.app"
    assert result.granted["platformName"] == "iOS"
    assert result.granted["appium:automationName"] == "XCUITest"
    assert result.granted["appium:bundleId"] == "de.example.app"


def test_grid_style_first_match_only_with_upper_case_platform() -> None:
    result = process({"capabilities": {"firstMatch": [{"platformName": "ANDROID"}]}}, BACKEND)
    assert result.config.platform == "android"
    assert result.granted["platformName"] == "Android"
    top_level = process({"firstMatch": [{"platformName": "ios"}]}, BACKEND)
    assert top_level.config.platform == "ios"


def test_legacy_desired_capabilities() -> None:
    result = process({"desiredCapabilities": {"platformName": "Android", "platformVersion": "13"}}, BACKEND)
    assert result.config.os_version == "13"
    assert result.granted["appium:platformVersion"] == "13"


def test_first_match_entries_are_tried_in_order() -> None:
    result = _process({"appium:deviceName": "Pixel"}, [{"platformName": "Windows"}, {"platformName": "iOS"}])
    assert result.config.platform == "ios"
    assert result.config.device_name == "Pixel"


def test_app_file_names_carry_the_version() -> None:
    assert app_version_of("kundenapp-3.5.2.apk") == "3.5.2"
    assert app_version_of("kundenapp@4.0.0") == "4.0.0"
    assert app_version_of("/x/Kundenapp-4.0.0.ipa") == "4.0.0"
    assert app_version_of("https://cdn.test/v9/kundenapp-3.9.1.apk?token=1") == "3.9.1"
    assert app_version_of("/builds/app.apk") is None  # no version: refused at session creation, never 4.0.0
    assert _process({"platformName": "Android", "appium:app": "kundenapp-3.5.2.apk"}).config.app_version == "3.5.2"


def test_appium_and_vendor_capabilities_are_parsed() -> None:
    result = _process(
        {
            "platformName": "Android",
            "appium:platformVersion": 13,
            "appium:appPackage": "de.x",
            "appium:noReset": True,
            "appium:fullReset": False,
            "appium:deviceName": "emulator-5554",
            "kundenapp:backendUrl": "http://other",
            "kundenapp:latencyMs": 250,
            "kundenapp:behaviours": {"stuck_memory": True},
            "custom:thing": 1,
        }
    )
    config = result.config
    assert config.os_version == "13"
    assert (config.app_id, config.app_version) == ("de.x", "4.0.0")
    assert (config.no_reset, config.full_reset) == (True, False)
    assert config.device_name == "emulator-5554"
    assert config.backend_url == "http://other"
    assert config.latency_ms == 250
    assert config.extra == {"behaviours": {"stuck_memory": True}}
    assert result.granted["custom:thing"] == 1
    assert result.granted["kundenapp:latencyMs"] == 250


def test_appium_options_and_bare_names_become_appium_prefixed() -> None:
    result = _process({"platformName": "Android", "deviceName": "bare", "appium:options": {"noReset": True}})
    assert result.granted["appium:deviceName"] == "bare"
    assert result.granted["appium:noReset"] is True
    assert "appium:options" not in result.granted


def test_timeouts_capability_sets_the_implicit_wait() -> None:
    assert _process({"platformName": "Android", "timeouts": {"implicit": 1500}}).timeouts["implicit"] == 1500


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"capabilities": []},
        {"capabilities": {"alwaysMatch": "android"}},
        {"capabilities": {"firstMatch": []}},
        {"capabilities": {"firstMatch": ["x"]}},
        {"capabilities": {"alwaysMatch": {"platformName": "Android"}, "firstMatch": [{"platformName": "iOS"}]}},
        {"capabilities": {"alwaysMatch": {"platformName": 5}}},
        {"capabilities": {"alwaysMatch": {"platformName": "Android", "appium:noReset": "yes"}}},
        {"capabilities": {"alwaysMatch": {"platformName": "Android", "appium:platformVersion": [14]}}},
        {"capabilities": {"alwaysMatch": {"platformName": "Android", "kundenapp:latencyMs": -1}}},
        {"capabilities": {"alwaysMatch": {"platformName": "Android", "appium:options": 3}}},
        {"capabilities": {"alwaysMatch": {"platformName": "Android", "timeouts": {"implicit": "1s"}}}},
    ],
)
def test_malformed_capabilities_are_invalid_argument(body: dict[str, Any]) -> None:
    error = _error(body)
    assert (error.error, error.status) == ("invalid argument", 400)


@pytest.mark.parametrize(
    "always",
    [
        {},
        {"platformName": "Windows"},
        {"platformName": "Android", "appium:automationName": "XCUITest"},
        {"platformName": "iOS", "appium:automationName": "Espresso"},
    ],
)
def test_unservable_capabilities_are_session_not_created(always: dict[str, Any]) -> None:
    error = _error({"capabilities": {"alwaysMatch": always}})
    assert (error.error, error.status) == ("session not created", 500)


def test_automation_name_is_case_insensitive() -> None:
    result = _process({"platformName": "android", "appium:automationName": "uiautomator2"})
    assert result.granted["appium:automationName"] == "UiAutomator2"


def test_parse_timeouts_accepts_w3c_and_legacy_forms() -> None:
    current: dict[str, int | None] = {"script": 1, "pageLoad": 2, "implicit": 3}
    assert parse_timeouts({"implicit": 500.0, "script": None}, current) == {
        "script": None,
        "pageLoad": 2,
        "implicit": 500,
    }
    assert parse_timeouts({"type": "page load", "ms": 9}, current)["pageLoad"] == 9
    assert parse_timeouts({"unknown": 1}, current) == current
    assert parse_timeouts({"type": ["implicit"], "ms": 1}, current) == current
    for bad in ({"implicit": -1}, {"implicit": True}, {"pageLoad": None}, {"implicit": 2**53}):
        with pytest.raises(WebDriverError):
            parse_timeouts(bad, current)
    with pytest.raises(WebDriverError):
        parse_timeouts([], current)


@pytest.mark.parametrize(
    ("platform", "app", "says"),
    [
        ("Android", "meineapp.apk", "names no app version"),
        ("Android", "kundenapp-9.9.9.apk", "unknown app build"),
        ("Android", "kundenapp-4.0.0.ipa", "not a build for Android"),
        ("iOS", "kundenapp-3.5.2.apk", "not a build for iOS"),
        ("Android", "kundenapp-3.7.0.apk", "unknown app build"),
        ("iOS", "kundenapp@banana", "names no app version"),
    ],
)
def test_a_build_that_does_not_exist_is_refused_not_replaced(platform: str, app: str, says: str) -> None:
    """A 3.5.2 report must never silently run another build."""
    error = _error({"capabilities": {"alwaysMatch": {"platformName": platform, "appium:app": app}}})
    assert error.error == "session not created"
    assert says in error.message and app in error.message
    suffix = ".apk" if platform == "Android" else ".ipa"
    assert f"kundenapp-3.5.2{suffix}" in error.message and f"kundenapp-4.0.0{suffix}" in error.message  # known builds
    assert "Bekannte Builds" in error.message


@pytest.mark.parametrize(
    ("platform", "version"), [("iOS", "banana"), ("Android", "14.x"), ("Android", ""), ("iOS", -1)]
)
def test_an_os_version_in_an_unknown_format_is_refused(platform: str, version: object) -> None:
    error = _error({"capabilities": {"alwaysMatch": {"platformName": platform, "appium:platformVersion": version}}})
    assert error.error == "session not created"
    assert repr(version) in error.message and "Format" in error.message


@pytest.mark.parametrize("version", ["14", 13, "13.0", "17.4", "16.7.2", 17.4])
def test_os_versions_in_the_platform_format_are_accepted(version: object) -> None:
    assert _process({"platformName": "iOS", "appium:platformVersion": version}).config.os_version == str(version)


def test_the_answer_says_which_build_the_phone_got() -> None:
    named = _process({"platformName": "Android", "appium:app": "kundenapp-3.5.2.apk"}).granted
    assert named["kundenapp:appVersion"] == "3.5.2"
    assert _process({"platformName": "Android", "appium:app": "kundenapp-3.6.apk"}).config.app_version == "3.6.0"
    package_only = _process({"platformName": "Android", "appium:appPackage": DEFAULT_APP_ID}).granted
    assert package_only["kundenapp:appVersion"] == "4.0.0"
    assert "kundenapp-4.0.0.apk" in package_only["kundenapp:appNote"]
    nothing = _process({"platformName": "iOS"}).granted
    assert nothing["kundenapp:appVersion"] is None
    assert "nicht installiert" in nothing["kundenapp:appNote"] and "not installed" in nothing["kundenapp:appNote"]
