"""Telefone in headless Chromium: phones live, and the inspector taps, types, copies locators, records steps
and ends sessions through the same WebDriver commands a client sends."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from appium import webdriver as appium_webdriver
from appium.options.common.base import AppiumOptions
from appium.webdriver.common.appiumby import AppiumBy
from selenium import webdriver
from selenium.common.exceptions import InvalidSessionIdException, StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

from harness import catalogue
from simulator.embedded import Simulator, capabilities
from steps import AREAS


@pytest.fixture()
def page(chromium: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    """Chromium tall enough that a whole phone screen is in view (a click lands where it is aimed)."""
    chromium.set_window_size(1500, 1400)
    yield chromium
    chromium.set_window_size(1280, 900)


@pytest.fixture()
def sim() -> Iterator[Simulator]:
    with Simulator() as running:
        yield running


def _phone(sim: Simulator, platform: str, version: str = "4.0.0", device: str | None = None) -> appium_webdriver.Remote:
    options = AppiumOptions().load_capabilities(capabilities(platform, version, device_name=device))
    return appium_webdriver.Remote(sim.appium_url, options=options)


def _until(page: webdriver.Chrome, condition: Callable[[webdriver.Chrome], Any]) -> Any:
    """Wait for a condition of a page that reloads itself (an element of the old page is stale meanwhile)."""
    return WebDriverWait(page, 10, ignored_exceptions=[StaleElementReferenceException]).until(condition)


def _click_on_screen(page: webdriver.Chrome, screen: WebElement, target: dict[str, int]) -> None:
    """Click the middle of ``target`` (an element's rect from the client) on the page's screen image."""
    size = screen.size
    dx = target["x"] + target["width"] // 2 - size["width"] // 2
    dy = target["y"] + target["height"] // 2 - size["height"] // 2
    ActionChains(page).move_to_element_with_offset(screen, dx, dy).click().perform()


def _act(page: webdriver.Chrome, selector: str) -> None:
    """Press a button of the inspector and wait until the page has reloaded with the phone's new screen."""
    version = page.find_element(By.TAG_NAME, "body").get_attribute("data-version")
    page.find_element(By.CSS_SELECTOR, selector).click()
    _until(page, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-version") != version)


def _select(page: webdriver.Chrome, accessibility_id: str) -> None:
    """Select an element by its row in the element tree."""
    page.find_element(By.CSS_SELECTOR, f'#tree a[data-accessibility-id="{accessibility_id}"]').click()
    _until(page, lambda d: f"#{accessibility_id}" in d.find_element(By.ID, "element-name").text)


def test_two_phones_live_and_a_click_opens_the_inspector_on_the_element(page: webdriver.Chrome, sim: Simulator) -> None:
    android, ios = _phone(sim, "android"), _phone(sim, "ios", "3.5.2")
    try:
        page.get(sim.telefone_url)
        blocks = page.find_elements(By.CSS_SELECTOR, "section.phone")
        assert [b.get_attribute("data-session") for b in blocks] == [android.session_id, ios.session_id]
        assert [b.get_attribute("id") for b in blocks] == [f"phone-{android.session_id}", f"phone-{ios.session_id}"]

        block = f"phone-{android.session_id}"
        shown = page.find_element(By.ID, block).get_attribute("data-version")
        android.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys("live@example.com")
        _until(page, lambda d: d.find_element(By.ID, block).get_attribute("data-version") != shown)  # reloaded
        sim.clock.advance(45)  # no command for 45 s: the countdown falls without a reload
        countdown = f'[data-countdown="{ios.session_id}"]'
        _until(page, lambda d: 0 < int(d.find_element(By.CSS_SELECTOR, countdown).text) <= 15)

        target = ios.find_element(AppiumBy.ACCESSIBILITY_ID, "login_makler_id").rect
        _click_on_screen(page, page.find_element(By.CSS_SELECTOR, f"#phone-{ios.session_id} .phone-screen"), target)
        _until(page, lambda d: "#login_makler_id" in d.find_element(By.ID, "element-name").text)
        assert page.current_url.startswith(f"{sim.telefone_url}{ios.session_id}/?element=")
        assert page.find_element(By.ID, "phone-build").text == "3.5.2"
        xpath = page.find_element(By.CSS_SELECTOR, 'tr[data-using="xpath"] code').text
        assert ios.find_element(AppiumBy.XPATH, xpath).get_attribute("name") == "login_makler_id"
    finally:
        android.quit()
        ios.quit()


def test_a_tap_opens_passwort_vergessen_and_typing_fills_the_email_field(
    page: webdriver.Chrome, sim: Simulator
) -> None:
    phone = _phone(sim, "android")
    try:
        page.get(f"{sim.telefone_url}{phone.session_id}/")
        target = phone.find_element(AppiumBy.ACCESSIBILITY_ID, "login_forgot_password").rect
        _click_on_screen(page, page.find_element(By.ID, "phone-screen"), target)
        _until(page, lambda d: "#login_forgot_password" in d.find_element(By.ID, "element-name").text)
        _act(page, "#element-actions button.primary")  # Tippen
        assert page.find_element(By.ID, "phone-screen-id").text == "screen_forgot"
        assert phone.find_element(AppiumBy.ACCESSIBILITY_ID, "forgot_submit").is_displayed()  # Passwort vergessen

        _select(page, "forgot_email")
        page.find_element(By.ID, "text-input").send_keys("peter.vater@example.com")
        _act(page, "#type-form button[type=submit]")  # Eingeben
        assert phone.find_element(AppiumBy.ACCESSIBILITY_ID, "forgot_email").text == "peter.vater@example.com"
        assert "„peter.vater@example.com“" in page.find_element(By.ID, "element-name").text
        assert page.find_element(By.ID, "text-input").get_attribute("value") == ""  # typed once, not offered again
        _until(page, lambda d: d.find_element(By.ID, "recording-python").text)
        assert page.find_element(By.ID, "recording-python").text.splitlines()[-2:] == [
            'driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_forgot_password").click()',
            'driver.find_element(AppiumBy.ACCESSIBILITY_ID, "forgot_email").send_keys("peter.vater@example.com")',
        ]
    finally:
        phone.quit()


def test_the_copied_accessibility_id_finds_the_element_through_the_client(
    page: webdriver.Chrome, sim: Simulator
) -> None:
    phone = _phone(sim, "ios")
    try:
        page.get(f"{sim.telefone_url}{phone.session_id}/")
        page.execute_cdp_cmd(
            "Browser.grantPermissions",
            {"origin": sim.appium_url, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
        )
        _select(page, "login_password")
        page.find_element(By.CSS_SELECTOR, 'tr[data-using="accessibility id"] button').click()
        copied = page.execute_async_script(
            "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, String);"
        )
        assert copied == "login_password"
        found = phone.find_element(AppiumBy.ACCESSIBILITY_ID, copied)
        assert found.get_attribute("type") == "XCUIElementTypeSecureTextField"
    finally:
        phone.quit()


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_a_recorded_close_and_restart_is_the_catalogue_step(
    page: webdriver.Chrome, sim: Simulator, platform: str
) -> None:
    phone = _phone(sim, platform, "3.5.0")
    try:
        page.get(f"{sim.telefone_url}{phone.session_id}/")
        page.find_element(By.ID, "recording-clear").click()
        _act(page, "#system-keys button:last-child")  # Android: Letzte Apps; iOS: swipe up from the edge and hold
        _select(page, "app_card")
        _act(page, '#element-actions button[aria-label="Wischen ↑"]')
        assert phone.query_app_state("de.insurgo.kundenapp") == 1  # the process ended
        _select(page, "app_icon")
        _act(page, "#element-actions button.primary")
        _until(page, lambda d: d.find_element(By.ID, "recording-gherkin").text)
        step = page.find_element(By.ID, "recording-gherkin").text
        assert step == "Wenn er die App komplett schließt und wieder startet"
        assert any(ctx.parser.is_matching(step.removeprefix("Wenn ")) for ctx in catalogue.definitions(AREAS))
        assert phone.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").is_displayed()  # started again
    finally:
        phone.quit()


def test_ending_a_session_on_the_page_frees_its_device(page: webdriver.Chrome, sim: Simulator) -> None:
    holder = _phone(sim, "android", device="Pixel 7")
    page.get(f"{sim.telefone_url}{holder.session_id}/")
    page.find_element(By.ID, "end-session").click()
    _until(page, lambda d: d.current_url == sim.telefone_url and d.find_elements(By.ID, "no-phones"))
    with pytest.raises(InvalidSessionIdException):
        holder.get_window_size()
    again = _phone(sim, "android", device="Pixel 7")
    assert again.capabilities["kundenapp:phone"]["deviceName"] == "Pixel 7"
    again.quit()


class _Elsewhere(BaseHTTPRequestHandler):
    """Any other site in the same browser: one empty page."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>anderswo</title>")

    def log_message(self, format: str, *args: Any) -> None:
        """Silent."""


def test_a_page_of_another_site_cannot_tap_on_a_phone(page: webdriver.Chrome, sim: Simulator) -> None:
    """The phones answer their Telefone page's requests, not those a foreign page sends blind (no-cors)."""
    phone = _phone(sim, "android")
    elsewhere = ThreadingHTTPServer(("127.0.0.1", 0), _Elsewhere)
    threading.Thread(target=elsewhere.serve_forever, daemon=True).start()
    try:
        link = phone.find_element(AppiumBy.ACCESSIBILITY_ID, "login_forgot_password").id
        page.get(f"http://127.0.0.1:{elsewhere.server_address[1]}/")
        sent = page.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "fetch(arguments[0], {method: 'POST', mode: 'no-cors', body: '{}'}).then(() => done('gesendet'), String);",
            f"{sim.appium_url}/session/{phone.session_id}/element/{link}/click",
        )
        assert sent == "gesendet"  # the browser sent it; the answer is opaque to the page either way
        assert phone.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").is_displayed()  # still the login
        page.get(f"{sim.telefone_url}{phone.session_id}/")  # the Telefone page itself may (same origin)
        _select(page, "login_forgot_password")
        _act(page, "#element-actions button.primary")
        assert page.find_element(By.ID, "phone-screen-id").text == "screen_forgot"
    finally:
        elsewhere.shutdown()
        elsewhere.server_close()
        phone.quit()
