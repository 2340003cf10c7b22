"""The Telefone page's recorder (simulator/webdriver/telefone_recorder.py): what the page did as steps of the
catalogue, else as Python, and the Python does what the page did."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from appium import webdriver
from appium.options.common.base import AppiumOptions
from appium.webdriver.common.appiumby import AppiumBy

from harness import catalogue
from simulator.caps import capabilities
from simulator.embedded import Simulator
from simulator.webdriver import telefone_inspector as inspector
from simulator.webdriver import telefone_recorder as recorder
from simulator.webdriver.layout import Rect
from simulator.webdriver.session import ELEMENT_KEY
from steps import AREAS

SAMPLES = {"text": "Anna Vater", "number": "KFZ-300400"}


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with Simulator() as running:
        yield running


def test_every_recorded_step_is_a_when_step_of_the_suite() -> None:
    """The simulator may not import the steps: this holds its table to their definitions."""
    when = [ctx for ctx in catalogue.definitions(AREAS) if ctx.type == "when"]
    for pattern in recorder.RECORDED_STEPS:
        text = pattern.step.format(**SAMPLES)
        assert any(ctx.parser.is_matching(text) for ctx in when), f"kein Schritt „Wenn {text}“ im Katalog"
    assert {p.step for p in recorder.RECORDED_STEPS} >= {"er die App komplett schließt und wieder startet"}


def _action(name: str, element: str = "", screen: str = "", text: str = "") -> dict[str, Any]:
    target = {"id": element, "text": text, "using": "accessibility id", "value": element} if element else None
    request = {"method": "POST", "path": "/session/s/back", "body": None}
    return {"name": name, "element": target, "requests": [request], "screen": screen}


def _gherkin(platform: str, *actions: dict[str, Any]) -> str:
    return recorder.gherkin(recorder.Recording.model_validate({"platform": platform, "actions": list(actions)}))


def test_actions_become_the_steps_that_do_them_and_the_rest_comments() -> None:
    assert _gherkin(
        "android",
        _action("tap", "login_forgot_password", "screen_forgot"),
        _action("switcher", screen="screen_recents"),
        _action("swipe_up", "app_card", "screen_launcher"),
        _action("tap", "app_icon", "screen_login"),
        _action("back", screen="screen_login"),  # back inside the app: not the step, which ends at the home screen
        _action("back", screen="screen_launcher"),
        _action("tap", "customer_chip", "screen_main", "Anna Vater"),
        _action("tap", "contract_row", "screen_contract", "Kfz · HUK-COBURG · KFZ-300400"),
    ) == (
        "# kein Schritt im Katalog: driver.back()\n"
        "Wenn er die App komplett schließt und wieder startet\n"
        "# kein Schritt im Katalog: driver.back()\n"
        "Und er die Zurück-Taste drückt\n"
        'Und er den Kunden-Chip "Anna Vater" antippt\n'
        'Und er den Vertrag "KFZ-300400" öffnet\n'
    )
    assert _gherkin("ios", _action("home"), _action("tap", "app_icon")) == (
        "Wenn er die App in den Hintergrund legt und wieder öffnet\n"
    )
    assert _gherkin("ios") == ""


def _send(sim: Simulator, action: dict[str, Any], typed: str = "") -> dict[str, Any]:
    """What the page's script does with a button: each request in turn, then the screen it led to."""
    sent, element = [], ""
    for request in action["requests"]:
        path = request["path"].replace(recorder.ELEMENT_ID, element)
        body = request["body"]
        if body is not None and body.get("text") == recorder.TYPED:
            body = {**body, "text": typed}
        answer = httpx.request(request["method"], sim.appium_url + path, json=body)
        assert answer.status_code == 200, answer.text
        if path.endswith("/element"):
            element = answer.json()["value"][ELEMENT_KEY]
        sent.append({"method": request["method"], "path": path, "body": body})
    (screen,) = httpx.get(sim.telefone_url + "state.json").json()["screens"].values()
    return {"name": action["name"], "element": action["element"], "requests": sent, "screen": screen}


def _page_action(sim: Simulator, driver: webdriver.Remote, name: str, element_id: str = "") -> dict[str, Any]:
    """The button the page offers for ``name`` (on the element with this accessibility id)."""
    session = sim.webdriver.store.get(driver.session_id)
    view = session.view()
    if not element_id:
        actions = recorder.system_actions(session.id, session.platform, view.size)
        return next(a for a in actions if a.name == name).data()
    node = next(n for n in view.tree.walk() if n.id == element_id)
    locator = inspector.locators(view, node)[0]
    rect = view.rects[node.key]
    offered = recorder.element_actions(session.id, locator, node.kind == "input")
    offered += recorder.swipe_actions(session.id, Rect(*rect), view.size)
    return next(a for a in offered if a.name == name).data(locator, node.id or "", node.text)


def test_the_python_of_a_recording_does_what_the_page_did(sim: Simulator) -> None:
    steps = [("tap", "login_forgot_password", ""), ("type", "forgot_email", "peter@example.com"), ("home", "", "")]
    steps += [("switcher", "", ""), ("swipe_up", "app_card", ""), ("tap", "app_icon", "")]
    caps = capabilities("android", "4.0.0")
    del caps["appium:deviceName"]
    options = AppiumOptions().load_capabilities(caps)
    page, client = webdriver.Remote(sim.appium_url, options=options), None
    try:
        recorded = [_send(sim, _page_action(sim, page, name, element), typed) for name, element, typed in steps]
        page_shows = page.page_source
        page.quit()
        recording = {"platform": "android", "actions": recorded}
        answer = httpx.post(sim.telefone_url + "aufzeichnung", json=recording)
        assert answer.status_code == 200, answer.text
        translated = answer.json()
        assert translated["gherkin"].splitlines()[-1] == "Und er die App komplett schließt und wieder startet"
        client = webdriver.Remote(sim.appium_url, options=options)
        exec(translated["python"], {"driver": client})  # the page's own output, run as a person would
        assert client.page_source == page_shows
        assert client.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").is_displayed()
    finally:
        if client is not None:
            client.quit()


@pytest.mark.parametrize(
    ("payload", "says"),
    [
        (b"kein json", "keine Aufzeichnung"),
        (b'{"platform": "windows", "actions": []}', "platform"),
        (b'{"platform": "ios", "actions": [{"name": "explode", "requests": []}]}', "actions.0.name"),
        (b'{"platform": "ios", "actions": [], "extra": 1}', "extra"),
    ],
)
def test_what_is_no_recording_is_refused_with_the_reason(sim: Simulator, payload: bytes, says: str) -> None:
    answer = httpx.post(sim.telefone_url + "aufzeichnung", content=payload)
    assert answer.status_code == 400
    assert says in answer.json()["error"]
    assert httpx.get(sim.telefone_url + "aufzeichnung").status_code == 405
