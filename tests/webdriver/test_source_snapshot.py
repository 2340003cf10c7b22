"""The steps' one-source Snapshot reads what finds and element reads would, on both platforms."""

from __future__ import annotations

from appium.webdriver.common.appiumby import AppiumBy
from appium.webdriver.webdriver import WebDriver

from steps.screens.base import Snapshot


def _read_by_finds(driver: WebDriver, aid: str) -> list[tuple[str, bool, bool]]:
    return [(e.text, e.is_selected(), e.is_enabled()) for e in driver.find_elements(AppiumBy.ACCESSIBILITY_ID, aid)]


def _compare(phone: WebDriver, ids: list[str]) -> None:
    snap = Snapshot(phone.page_source)
    ios = phone.capabilities["platformName"].lower() == "ios"
    for aid in ids:
        shown = [(s.text, s.selected, s.enabled) for s in snap.all(aid)]
        read = _read_by_finds(phone, aid)
        if ios and aid == "loading_indicator":  # its iOS source has no label: only its state is compared
            shown, read = [("", *v[1:]) for v in shown], [("", *v[1:]) for v in read]
        assert shown == read, (phone.capabilities["platformName"], aid)
    assert snap.idle == (not phone.find_elements(AppiumBy.ACCESSIBILITY_ID, "loading_indicator"))


def _ids(phone: WebDriver) -> list[str]:
    """The screen's accessibility ids, from Android's content-desc (an iOS name may also be a label)."""
    return Snapshot(phone.page_source).ids()


def test_a_snapshot_shows_every_element_as_finds_and_reads_do(driver: WebDriver, ios_driver: WebDriver) -> None:
    for phone in (driver, ios_driver):
        phone.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys("a@b.de")  # a field with content
    login = _ids(driver)
    assert {"login_email", "login_submit", "password_rule_length", "loading_indicator"} <= set(login), login
    for phone in (driver, ios_driver):
        _compare(phone, login)
        phone.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit").click()
    main = _ids(driver)
    assert {"tab_contracts", "tab_overview"} <= set(main), main
    for phone in (driver, ios_driver):
        _compare(phone, main)
