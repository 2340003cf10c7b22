"""The Makler-Konsole in headless Chromium: sign-in, 3-dot menus, Kontakte, escaping as a browser renders it."""

from __future__ import annotations

from typing import Any

import httpx
from selenium import webdriver
from selenium.webdriver.common.by import By

from simulator.backend.server import BackendThread
from tests.browser.conftest import flash, go, sign_in

XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'


def _invite(http: httpx.Client, broker: dict[str, Any], name: str, email: str) -> dict[str, Any]:
    headers = {"X-API-Key": broker["api_key"]}
    customer = http.post("/admin/v1/customers", json={"name": name, "email": email}, headers=headers).json()
    assert http.post(f"/admin/v1/customers/{customer['id']}/invitation", headers=headers).status_code == 201
    return dict(customer)


def _row(browser: webdriver.Chrome, row_id: str, email: str) -> Any:
    return browser.find_element(By.CSS_SELECTOR, f'[id="{row_id}"][data-email="{email}"]')


def test_sign_in_shows_the_makler_id_and_logout_ends_it(
    browser: webdriver.Chrome, backend_server: BackendThread, broker: dict[str, Any]
) -> None:
    sign_in(browser, backend_server.url, broker)
    assert browser.find_element(By.ID, "makler-id").text == broker["makler_id"]
    cookie = browser.get_cookie("konsole_session")
    assert cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert browser.execute_script("return document.cookie") == ""  # not readable by page scripts
    go(browser, browser.find_element(By.ID, "logout"))
    assert browser.find_element(By.ID, "login").is_displayed()
    browser.get(f"{backend_server.url}/konsole/externe")
    assert browser.current_url.endswith("/konsole/anmelden")


def test_wrong_key_shows_a_german_error(
    browser: webdriver.Chrome, backend_server: BackendThread, broker: dict[str, Any]
) -> None:
    sign_in_page = f"{backend_server.url}/konsole/anmelden"
    browser.get(sign_in_page)
    browser.find_element(By.ID, "makler_id").send_keys(broker["makler_id"])
    browser.find_element(By.ID, "api_key").send_keys("falsch")
    go(browser, browser.find_element(By.ID, "login"))
    assert flash(browser) == ("error", "Makler-ID oder Zugangsschlüssel ist falsch.")


def test_externe_menu_activates_and_deactivates(
    browser: webdriver.Chrome, backend_server: BackendThread, broker: dict[str, Any], http: httpx.Client
) -> None:
    email = f"erika.{broker['makler_id'].lower()}@example.com"
    _invite(http, broker, "Erika Muster", email)
    sign_in(browser, backend_server.url, broker)
    go(browser, browser.find_element(By.ID, "nav-externe"))
    go(browser, browser.find_element(By.ID, "tab-eingeladene"))
    row = _row(browser, "externer-row", email)
    action = row.find_element(By.ID, "action-aktivieren")
    assert not action.is_displayed()  # the menu is closed
    menu = row.find_element(By.ID, "row-menu")
    assert menu.get_attribute("aria-haspopup") == "menu"
    menu.click()
    assert action.is_displayed()
    go(browser, action)
    kind, message = flash(browser)
    assert kind == "success" and message.startswith(f"Der Zugang von {email} ist manuell aktiviert.")
    assert "Link zum Festlegen des Passworts gesendet" in message  # nobody registered from the invitation
    assert browser.find_element(By.ID, "tab-aktive").get_attribute("aria-selected") == "true"
    state = http.get("/admin/v1/externe", headers={"X-API-Key": broker["api_key"]}).json()["externe"][0]["state"]
    assert state == "aktiv"

    row = _row(browser, "externer-row", email)
    row.find_element(By.ID, "row-menu").click()
    go(browser, row.find_element(By.ID, "action-deaktivieren"))
    assert flash(browser)[0] == "success"
    go(browser, browser.find_element(By.ID, "tab-deaktiviert"))
    row = _row(browser, "externer-row", email)
    row.find_element(By.ID, "row-menu").click()
    go(browser, row.find_element(By.ID, "action-aktivieren"))
    assert flash(browser) == ("success", f"Der Zugang von {email} ist wieder aktiviert.")


def test_kontakt_bearbeiten_turns_on_the_kundenportal(
    browser: webdriver.Chrome, backend_server: BackendThread, broker: dict[str, Any], http: httpx.Client
) -> None:
    headers = {"X-API-Key": broker["api_key"]}
    anna = http.post("/admin/v1/customers", json={"name": "Anna Vater"}, headers=headers).json()
    peter = f"peter.{broker['makler_id'].lower()}@example.com"
    sign_in(browser, backend_server.url, broker)
    go(browser, browser.find_element(By.ID, "nav-kunden"))
    go(browser, browser.find_element(By.LINK_TEXT, "Anna Vater"))
    browser.find_element(By.ID, "kontakt-name").send_keys("Peter Vater")
    go(browser, browser.find_element(By.ID, "kontakt-hinzufuegen"))
    assert flash(browser) == ("success", "Peter Vater ist als Kontakt hinzugefügt.")
    row = browser.find_element(By.ID, "kontakt-row")
    assert (row.get_attribute("data-email"), row.get_attribute("data-kundenportal")) == ("", "aus")
    row.find_element(By.ID, "row-menu").click()
    go(browser, row.find_element(By.ID, "kontakt-bearbeiten"))
    browser.find_element(By.ID, "kontakt-email").send_keys(peter)
    toggle = browser.find_element(By.ID, "kundenportal-toggle")
    assert not toggle.is_selected()
    toggle.click()
    go(browser, browser.find_element(By.ID, "save"))
    assert flash(browser) == ("success", "Der Kontakt Peter Vater ist gespeichert.")
    row = browser.find_element(By.ID, "kontakt-row")
    assert (row.get_attribute("data-email"), row.get_attribute("data-kundenportal")) == (peter, "an")
    contacts = http.get(f"/admin/v1/customers/{anna['id']}/contacts", headers=headers).json()["contacts"]
    assert [(c["email"], c["kundenportal"]) for c in contacts] == [(peter, True)]


def test_bad_input_in_a_form_shows_a_german_error(
    browser: webdriver.Chrome, backend_server: BackendThread, broker: dict[str, Any]
) -> None:
    sign_in(browser, backend_server.url, broker)
    field = browser.find_element(By.ID, "android_min_app_version")
    field.clear()
    field.send_keys("neueste")
    go(browser, browser.find_element(By.ID, "save"))
    kind, text = flash(browser)
    assert kind == "error"
    assert "„neueste“ ist keine Versionsnummer" in text


def test_payloads_in_names_never_run_in_the_browser(
    browser: webdriver.Chrome, backend_server: BackendThread, broker: dict[str, Any], http: httpx.Client
) -> None:
    email = f"x.{broker['makler_id'].lower()}@example.com"
    customer = _invite(http, broker, XSS, email)
    sign_in(browser, backend_server.url, broker)
    for path in ("/konsole/kunden", f"/konsole/kunden/{customer['id']}", "/konsole/externe"):
        browser.get(backend_server.url + path)
        assert browser.execute_script("return window.__xss === undefined") is True, path
        assert not browser.find_elements(By.CSS_SELECTOR, "main script, main img")
    browser.get(f"{backend_server.url}/konsole/kunden/{customer['id']}")
    assert browser.find_element(By.ID, "kunde-name").text == XSS
    message_id = http.get(f"/test/v1/mailbox/{email}/latest").json()["id"]
    browser.get(f"{backend_server.url}/postfach/nachricht/{message_id}")
    assert browser.execute_script("return window.__xss === undefined") is True
    assert XSS in browser.find_element(By.ID, "message-body").text
