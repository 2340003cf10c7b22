"""The Postfach in headless Chromium: an invitation of an unauthenticated broker is found in Spam."""

from __future__ import annotations

from typing import Any

import httpx
from selenium import webdriver
from selenium.webdriver.common.by import By

from simulator.backend.server import BackendThread
from tests.browser.conftest import go


def test_invitation_in_spam_with_its_app_link(
    browser: webdriver.Chrome, backend_server: BackendThread, broker: dict[str, Any], http: httpx.Client
) -> None:
    headers = {"X-API-Key": broker["api_key"]}
    http.put("/admin/v1/settings/mail", json={"sender_authenticated": False}, headers=headers)
    email = f"peter.{broker['makler_id'].lower()}@strikt-mail.example"
    customer = http.post("/admin/v1/customers", json={"name": "Peter Vater", "email": email}, headers=headers).json()
    http.post(f"/admin/v1/customers/{customer['id']}/invitation", headers=headers)

    browser.get(f"{backend_server.url}/postfach/")
    browser.find_element(By.ID, "search").send_keys(email)
    go(browser, browser.find_element(By.ID, "search-submit"))
    (address,) = browser.find_elements(By.ID, "mailbox-address")
    go(browser, address)
    assert browser.find_element(By.ID, "folder-inbox").text == "Posteingang (0)"
    assert not browser.find_elements(By.ID, "message-row")
    go(browser, browser.find_element(By.ID, "folder-spam"))
    (row,) = browser.find_elements(By.ID, "message-row")
    assert "Einladung zur Kunden-App" in row.text
    go(browser, row.find_element(By.TAG_NAME, "a"))
    body = browser.find_element(By.ID, "message-body")
    assert f"Deine Makler-ID: {broker['makler_id']}" in body.text
    link = body.find_element(By.TAG_NAME, "a").get_attribute("href")
    assert link is not None and link.startswith(f"kundenapp://einladung?makler_id={broker['makler_id']}")
