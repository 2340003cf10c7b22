"""Which phone a new session gets: one device, one session, as on Appium (simulator/webdriver/session.py).

A session that names a device another session holds is refused, naming the device, the holder and how
to end it; ``--session-override`` ends the holder instead; no device name gives a private phone; the
answer (``kundenapp:phone``) and the server log say which phone it got.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest
from appium import webdriver
from appium.options.common.base import AppiumOptions
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import InvalidSessionIdException, SessionNotCreatedException

from simulator.caps import capabilities
from simulator.embedded import Simulator
from simulator.spec.phones import PHONES_PATH
from simulator.tools.run import Started, start
from tests.world.conftest import example


@pytest.fixture()
def sim() -> Iterator[Simulator]:
    with Simulator() as running:
        yield running


@pytest.fixture()
def drivers() -> Iterator[list[webdriver.Remote]]:
    opened: list[webdriver.Remote] = []
    yield opened
    for driver in opened:
        try:
            driver.quit()
        except Exception:
            pass


def connect(sim: Simulator, drivers: list[webdriver.Remote], caps: dict[str, object]) -> webdriver.Remote:
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
    drivers.append(driver)
    return driver


def test_a_second_session_on_a_held_device_is_refused_naming_the_holder(
    sim: Simulator, drivers: list[webdriver.Remote]
) -> None:
    caps = capabilities("android", "3.5.2", device_name="Pixel 7")
    first = connect(sim, drivers, caps)
    first.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys("peter@example.com")
    with pytest.raises(SessionNotCreatedException) as refused:
        connect(sim, drivers, caps)
    message = refused.value.msg or ""
    assert "„Pixel 7“ (Android) ist belegt" in message
    assert f"die Sitzung {first.session_id} hält es" in message
    assert f"DELETE /session/{first.session_id}" in message
    assert f"Telefone-Seite {sim.telefone_url}" in message
    assert "--session-override" in message
    assert first.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").text == "peter@example.com"  # untouched
    first.quit()
    second = connect(sim, drivers, {**caps, "appium:noReset": True})  # free again: the same device
    assert second.capabilities["kundenapp:phone"] == {"kind": "named", "deviceName": "Pixel 7", "owner": None}


def test_the_refusal_is_session_not_created_in_the_w3c_shape(sim: Simulator, drivers: list[webdriver.Remote]) -> None:
    caps = capabilities("ios", "4.0.0", device_name="iPhone 15")
    first = connect(sim, drivers, caps)
    answer = httpx.post(f"{sim.appium_url}/session", json={"capabilities": {"alwaysMatch": caps}})
    assert answer.status_code == 500
    value = answer.json()["value"]
    assert value["error"] == "session not created"
    assert first.session_id in value["message"] and "„iPhone 15“ (iOS)" in value["message"]
    assert len(httpx.get(f"{sim.appium_url}/appium/sessions").json()["value"]) == 1  # no second session


def test_session_override_ends_the_holder_and_tells_its_later_commands(drivers: list[webdriver.Remote]) -> None:
    with Simulator(session_override=True) as sim:
        caps = capabilities("android", "4.0.0", device_name="Pixel 7")
        first = connect(sim, drivers, caps)
        second = connect(sim, drivers, {**caps, "appium:noReset": True})
        assert second.capabilities["kundenapp:phone"]["deviceName"] == "Pixel 7"
        with pytest.raises(InvalidSessionIdException) as ended:
            first.get_window_size()
        assert f"ended by --session-override: session {second.session_id} took the device 'Pixel 7'" in (
            ended.value.msg or ""
        )
        sessions = httpx.get(f"{sim.appium_url}/appium/sessions").json()["value"]
        assert [s["id"] for s in sessions] == [second.session_id]
        assert second.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit").text == "Anmelden"


def test_without_a_device_name_each_session_gets_a_private_phone(
    sim: Simulator, drivers: list[webdriver.Remote]
) -> None:
    caps = capabilities("android", "4.0.0")
    del caps["appium:deviceName"]
    first, second = connect(sim, drivers, caps), connect(sim, drivers, caps)
    phones = [d.capabilities["kundenapp:phone"] for d in (first, second)]
    assert [p["kind"] for p in phones] == ["private", "private"]
    assert phones[0]["deviceName"] != phones[1]["deviceName"]
    assert [d.capabilities["appium:deviceName"] for d in (first, second)] == [p["deviceName"] for p in phones]
    first.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys("nur@erste.example")
    assert second.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").text == ""  # no shared app
    first.quit()
    second.quit()
    assert httpx.get(sim.appium_url + PHONES_PATH).json()["value"]["phones"] == []  # private phones are gone


def test_a_world_phone_is_named_as_such_in_the_answer_and_the_log(
    sim: Simulator, drivers: list[webdriver.Remote], caplog: pytest.LogCaptureFixture
) -> None:
    started: Started = start(sim, example("shared_relogin"))
    (caps,) = started.capabilities
    with caplog.at_level(logging.INFO, logger="kundenapp.webdriver"):
        driver = connect(sim, drivers, caps)
    assert driver.capabilities["kundenapp:phone"] == {
        "kind": "world",
        "deviceName": "Pixel 8",
        "owner": "peter.vater@example.com",
    }
    (line,) = [r.getMessage() for r in caplog.records if driver.session_id in r.getMessage()]
    assert "Telefon „Pixel 8“ (Telefon der Welt von peter.vater@example.com) / phone: world" in line
    with pytest.raises(SessionNotCreatedException, match=driver.session_id):
        connect(sim, drivers, caps)  # the printed capabilities a second time: refused, not a blank phone
