"""Appium's own endpoints: contexts, settings, logs."""

from __future__ import annotations

import pytest
from appium.common.exceptions import NoSuchContextException
from appium.webdriver.webdriver import WebDriver
from selenium.common.exceptions import InvalidArgumentException

from .conftest import Raw


def test_contexts_are_native_only(driver: WebDriver) -> None:
    assert driver.contexts == ["NATIVE_APP"]
    assert driver.current_context == "NATIVE_APP"
    driver.switch_to.context("NATIVE_APP")
    with pytest.raises(NoSuchContextException):
        driver.switch_to.context("WEBVIEW_1")


def test_context_name_must_be_a_string(driver: WebDriver, raw: Raw) -> None:
    status, _, body = raw("POST", f"/session/{driver.session_id}/context", {"name": 7})
    assert (status, body["value"]["error"]) == (400, "invalid argument")


def test_settings_round_trip(driver: WebDriver) -> None:
    assert driver.get_settings()["waitForIdleTimeout"] == 10000
    driver.update_settings({"waitForIdleTimeout": 0, "custom": "x"})
    assert driver.get_settings()["waitForIdleTimeout"] == 0
    assert driver.get_settings()["custom"] == "x"


def test_bad_settings_are_invalid_argument(driver: WebDriver, raw: Raw) -> None:
    status, _, body = raw("POST", f"/session/{driver.session_id}/appium/settings", {"settings": [1]})
    assert (status, body["value"]["error"]) == (400, "invalid argument")


def test_log_types_per_platform(driver: WebDriver, ios_driver: WebDriver) -> None:
    assert driver.log_types == ["logcat", "server"]
    assert ios_driver.log_types == ["syslog", "server"]


def test_app_log_comes_from_the_device(driver: WebDriver, ios_driver: WebDriver) -> None:
    entries = driver.get_log("logcat")
    assert [entry["message"] for entry in entries] == ["App gestartet", "Backend langsam"]
    assert entries[0] == {"timestamp": 1_700_000_000_000, "level": "INFO", "message": "App gestartet"}
    assert driver.get_log("logcat") == []  # the fake hands out each entry once, like logcat
    assert len(ios_driver.get_log("syslog")) == 2
    assert driver.get_log("server") == []


def test_unknown_log_type_is_invalid_argument(driver: WebDriver) -> None:
    with pytest.raises(InvalidArgumentException):
        driver.get_log("syslog")
