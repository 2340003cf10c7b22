"""Telefone (/telefone/ on the Appium URL): every session's phone with its screen, state and element tree."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import httpx
import pytest
from appium import webdriver
from appium.options.common.base import AppiumOptions
from appium.webdriver.common.appiumby import AppiumBy
from lxml import html

from simulator.embedded import Simulator, capabilities


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with Simulator() as running:
        yield running


@pytest.fixture()
def android(sim: Simulator) -> Iterator[webdriver.Remote]:
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(capabilities("android")))
    yield driver
    driver.quit()


@pytest.fixture()
def ios(sim: Simulator) -> Iterator[webdriver.Remote]:
    caps = capabilities("ios", "3.5.2")
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
    yield driver
    driver.quit()


def _page(sim: Simulator, **params: str) -> html.HtmlElement:
    response = httpx.get(sim.telefone_url, params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    return html.fromstring(response.text)


def _phone(doc: html.HtmlElement, session_id: str) -> html.HtmlElement:
    (block,) = doc.xpath(f'//*[@id="phone"][@data-session="{session_id}"]')
    return block


def test_every_session_is_listed_with_platform_build_and_app_state(
    sim: Simulator, android: webdriver.Remote, ios: webdriver.Remote
) -> None:
    doc = _page(sim)
    first, second = _phone(doc, android.session_id), _phone(doc, ios.session_id)
    assert first.xpath('.//*[@id="phone-platform"]')[0].text_content() == "Android 14"
    assert first.xpath('.//*[@id="phone-build"]')[0].text_content() == "4.0.0"
    assert second.xpath('.//*[@id="phone-platform"]')[0].text_content() == "iOS 17.4"
    assert second.xpath('.//*[@id="phone-build"]')[0].text_content() == "3.5.2"
    assert first.xpath('.//*[@id="phone-app-state"]')[0].text_content() == "im Vordergrund"
    android.execute_script("mobile: terminateApp", {"appId": "de.insurgo.kundenapp"})
    state = _phone(_page(sim), android.session_id).xpath('.//*[@id="phone-app-state"]')[0].text_content()
    assert state == "nicht gestartet"


def test_the_screen_is_the_webdriver_screenshot(sim: Simulator, android: webdriver.Remote) -> None:
    response = httpx.get(f"{sim.telefone_url}{android.session_id}/screen.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content == base64.b64decode(android.get_screenshot_as_base64())


def test_tree_lists_accessibility_id_text_and_an_xpath_that_finds_the_element(
    sim: Simulator, android: webdriver.Remote
) -> None:
    rows = _phone(_page(sim), android.session_id).xpath('.//*[@role="treeitem"]')
    by_id = {row.get("data-accessibility-id"): row for row in rows}
    assert {"login_email", "login_password", "login_makler_id", "login_submit"} <= set(by_id)
    assert "„Anmelden“" in by_id["login_submit"].text_content()
    for accessibility_id in ("login_email", "login_submit"):
        found = android.find_element(AppiumBy.XPATH, by_id[accessibility_id].get("data-xpath"))
        assert found.get_attribute("content-desc") == accessibility_id


def test_a_click_on_the_screen_highlights_the_element_under_it(sim: Simulator, android: webdriver.Remote) -> None:
    rect = android.find_element(AppiumBy.ACCESSIBILITY_ID, "login_password").rect
    x, y = rect["x"] + rect["width"] // 2, rect["y"] + rect["height"] // 2
    doc = _page(sim, session=android.session_id, **{"tap.x": str(x), "tap.y": str(y)})
    (selected,) = _phone(doc, android.session_id).xpath('.//*[@id="tree-selected"]')
    assert selected.get("data-accessibility-id") == "login_password"
    (mark,) = _phone(doc, android.session_id).xpath('.//*[@class="mark"]')
    assert f"left: {rect['x']}px; top: {rect['y']}px;" in mark.get("style")
    nothing = _page(sim, session=android.session_id, **{"tap.x": "abc", "tap.y": "1"})
    assert not nothing.xpath('//*[@id="tree-selected"]')  # a bad coordinate selects nothing, no error


def test_the_version_changes_when_the_screen_does(sim: Simulator, android: webdriver.Remote) -> None:
    before = httpx.get(f"{sim.telefone_url}state.json").json()["phones"][android.session_id]
    assert httpx.get(f"{sim.telefone_url}state.json").json()["phones"][android.session_id] == before
    android.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys("anna@example.com")
    after = httpx.get(f"{sim.telefone_url}state.json").json()["phones"][android.session_id]
    assert after != before


def test_typed_text_is_escaped(sim: Simulator, android: webdriver.Remote) -> None:
    payload = "<script>alert(1)</script>\"'><img src=x>"
    android.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys(payload)
    response = httpx.get(sim.telefone_url)
    assert "<script>alert" not in response.text
    doc = html.fromstring(response.text)
    assert not doc.xpath("//img") and len(doc.xpath("//script")) == 1  # only the page's own live.js
    assert payload in _phone(doc, android.session_id).text_content()


def test_ended_sessions_disappear_and_bad_requests_are_4xx(sim: Simulator) -> None:
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(capabilities("android")))
    session_id = driver.session_id
    driver.quit()
    assert not _page(sim).xpath(f'//*[@data-session="{session_id}"]')
    assert httpx.get(f"{sim.telefone_url}{session_id}/screen.png").status_code == 404
    assert httpx.get(f"{sim.telefone_url}gibt/es/nicht").status_code == 404
    refused = httpx.post(sim.telefone_url)
    assert refused.status_code == 405
    assert refused.headers["allow"] == "GET, HEAD"
    assert httpx.get(f"{sim.appium_url}/status").json()["value"]["ready"] is True  # WebDriver unaffected


def test_every_telefone_answer_says_nosniff(sim: Simulator, android: webdriver.Remote) -> None:
    """OWASP ASVS 14.4.4: pages, the state, the screen's PNG, the script and the errors."""
    session = android.session_id
    paths = ["", "state.json", f"{session}/screen.png", "live.js", "nirgends"]
    answers = [httpx.get(f"{sim.telefone_url}{path}") for path in paths]
    answers.append(httpx.post(sim.telefone_url))
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 404, 405]
    for answer in answers:
        assert answer.headers.get("x-content-type-options") == "nosniff", (answer.url, answer.status_code)


def test_the_page_counts_down_each_sessions_new_command_timeout(sim: Simulator, android: webdriver.Remote) -> None:
    timeout = _phone(_page(sim), android.session_id).xpath('.//*[@id="phone-timeout"]')[0]
    assert timeout.text_content() == "endet in 60 s (newCommandTimeout 60 s)"

    def ends_in() -> int:
        return int(httpx.get(f"{sim.telefone_url}state.json").json()["ends_in"][android.session_id])

    sim.clock.advance(20)
    assert ends_in() == 40  # looking at the page is no command: it does not keep the session alive
    assert android.page_source
    assert ends_in() == 60
    caps = {**capabilities("android", device_name="Pixel 7"), "appium:newCommandTimeout": 0}
    never = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
    try:
        timeout = _phone(_page(sim), never.session_id).xpath('.//*[@id="phone-timeout"]')[0]
        assert timeout.text_content() == "endet nie (newCommandTimeout 0)"
    finally:
        never.quit()
