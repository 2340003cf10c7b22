"""One headless Chromium on the shared backend (tests/conftest.py); each test signs in as its own broker."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from harness.browser import chromium_session, is_gone, require_chromium
from simulator.backend.server import BackendThread


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium() -> Iterator[webdriver.Chrome]:
    with chromium_session(require_chromium()) as driver:
        yield driver


@pytest.fixture()
def broker(http: httpx.Client) -> dict[str, Any]:
    response = http.post("/test/v1/brokers", json={})
    assert response.status_code == 201, response.text
    return dict(response.json())


@pytest.fixture()
def browser(chromium: webdriver.Chrome, backend_server: BackendThread) -> Iterator[webdriver.Chrome]:
    """The shared Chromium with no cookies of an earlier test."""
    chromium.get(f"{backend_server.url}/konsole/anmelden")
    chromium.delete_all_cookies()
    yield chromium
    chromium.delete_all_cookies()


def sign_in(browser: webdriver.Chrome, base_url: str, broker: dict[str, Any]) -> None:
    """Fill in the sign-in form like a person and wait for Konto -> Kundenapp."""
    browser.get(f"{base_url}/konsole/anmelden")
    browser.find_element(By.ID, "makler_id").send_keys(broker["makler_id"])
    browser.find_element(By.ID, "api_key").send_keys(broker["api_key"])
    go(browser, browser.find_element(By.ID, "login"))
    WebDriverWait(browser, 10).until(expected_conditions.presence_of_element_located((By.ID, "makler-id")))


def flash(browser: webdriver.Chrome) -> tuple[str, str]:
    """(kind, text) of the flash message, once the page shows one."""
    element = WebDriverWait(browser, 10).until(expected_conditions.presence_of_element_located((By.ID, "flash")))
    return str(element.get_attribute("class")), element.text


def go(browser: webdriver.Chrome, element: WebElement) -> None:
    """Click a link or submit button and wait until the next page has replaced this one."""
    page = browser.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(browser, 10).until(lambda _: is_gone(page))
