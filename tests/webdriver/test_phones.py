"""``GET /kundenapp/v1/phones``: every phone of a simulator, free or held, read-only and without a token."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from appium import webdriver
from appium.options.common.base import AppiumOptions
from appium.webdriver.common.appiumby import AppiumBy

from simulator.client import BackendClient
from simulator.embedded import Simulator
from simulator.spec.phones import PHONES_PATH, PhoneState
from simulator.tools.run import Started, start
from simulator.webdriver import WebDriverServer
from tests.world.conftest import example


@pytest.fixture()
def served() -> Iterator[tuple[Simulator, Started]]:
    with Simulator() as sim:
        yield sim, start(sim, example("shared_relogin"))


def listed(sim: Simulator) -> list[PhoneState]:
    answer = httpx.get(sim.appium_url + PHONES_PATH)
    assert answer.status_code == 200, answer.text
    value = answer.json()["value"]
    assert value["backend_url"] == sim.backend_url
    phones: list[PhoneState] = value["phones"]
    return phones


def test_a_prepared_phone_is_listed_free_with_its_stored_session(served: tuple[Simulator, Started]) -> None:
    sim, _ = served
    (phone,) = listed(sim)
    with BackendClient(sim.backend_url) as backend:
        (peter,) = backend.export()["brokers"][0]["customers"][0]["externals"]
    (session,) = peter["sessions"]
    assert phone == {
        "platform": "android",
        "device_name": "Pixel 8",
        "app_id": "de.insurgo.kundenapp",
        "os_version": "14",
        "installed_version": "3.5.0",
        "owner": "peter.vater@example.com",
        "makler_id": "MK204711",
        "session": session["tag"],  # the same session, named by its tag on both sides
        "behaviours": {},
        "held_by": None,
        "process": "not_running",
        "running_version": None,
        "screen": "screen_launcher",
        "app": None,
        "scheduled": [],
    }


def test_a_held_phone_shows_its_session_process_screen_and_memory(served: tuple[Simulator, Started]) -> None:
    sim, started = served
    (caps,) = started.capabilities
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
    try:
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "tab_contracts").click()
        (phone,) = listed(sim)
        assert (phone["held_by"], phone["process"], phone["screen"]) == (driver.session_id, "foreground", "screen_main")
        assert phone["app"] is not None
        assert (phone["app"]["screen"], phone["app"]["tab"], phone["app"]["stuck"]) == ("main", "contracts", False)
        assert phone["app"]["customers"] == ["1"]  # Peter only: the scope fixed at his login (3.5.0)
        driver.execute_script("mobile: pressKey", {"keycode": 3})  # HOME
        (phone,) = listed(sim)
        assert (phone["process"], phone["screen"]) == ("background", "screen_launcher")
    finally:
        driver.quit()
    (phone,) = listed(sim)
    assert (phone["held_by"], phone["process"], phone["app"]) == (None, "not_running", None)


def test_the_list_carries_no_token(served: tuple[Simulator, Started]) -> None:
    sim, started = served
    (tokens,) = started.loaded.tokens
    assert tokens is not None
    text = httpx.get(sim.appium_url + PHONES_PATH).text
    assert tokens["access_token"] not in text and tokens["refresh_token"] not in text


def test_the_list_is_read_only(served: tuple[Simulator, Started]) -> None:
    sim, _ = served
    answer = httpx.post(sim.appium_url + PHONES_PATH, json={})
    assert answer.status_code == 405
    assert answer.json()["value"]["error"] == "unknown method"


def test_a_server_without_a_phone_book_lists_the_held_phones(server: WebDriverServer) -> None:
    caps = {"platformName": "Android", "appium:app": "kundenapp-4.0.0.apk", "appium:deviceName": "Pixel 7"}
    with httpx.Client(base_url=server.url) as http:
        session = http.post("/session", json={"capabilities": {"alwaysMatch": caps}}).json()["value"]["sessionId"]
        (phone,) = http.get(PHONES_PATH).json()["value"]["phones"]
        assert (phone["held_by"], phone["device_name"]) == (session, "Pixel 7")
        http.delete(f"/session/{session}")
        assert http.get(PHONES_PATH).json()["value"]["phones"] == []
