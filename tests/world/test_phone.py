"""The world's phone: a session connecting with the printed capabilities sees the described state."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

from simulator.app.factory import create_device
from simulator.app.lifecycle.phones import PhoneRegistry
from simulator.client import BackendClient
from simulator.embedded import Simulator
from simulator.tools import phone
from simulator.tools.run import diagnose_world
from simulator.tools.world_commands import serve_world
from simulator.webdriver.capabilities import process
from simulator.world.load import apply_after_start, load
from simulator.world.schema import World
from tests.app.conftest import APP_ID, PhoneDriver
from tests.world.conftest import PETER, example

Connect = Callable[[World], PhoneDriver]


@pytest.fixture()
def connect(backend: BackendClient) -> Iterator[Connect]:
    """Load a world, prepare its phone in a private registry and open a session with its capabilities."""
    devices: list[PhoneDriver] = []

    def open_phone(world: World) -> PhoneDriver:
        loaded = load(backend, world)
        registry = PhoneRegistry()
        assert phone.prepare(registry, world, loaded.tokens)
        caps = phone.capabilities(world)
        assert caps is not None
        config = process({"capabilities": {"alwaysMatch": caps}}, backend.url).config
        device = PhoneDriver(create_device(config, phones=registry))
        devices.append(device)
        return device

    yield open_phone
    for device in devices:
        device.device.close()


def chips(p: PhoneDriver) -> list[str]:
    p.tap("tab_contracts")
    return p.texts("customer_chip")


def test_shared_relogin_symptom_and_remedy(connect: Connect) -> None:
    p = connect(example("shared_relogin"))
    assert p.screen() == "screen_main"
    assert chips(p) == ["Peter Vater"]
    p.restart()
    assert chips(p) == ["Peter Vater"]  # closing completely is not enough
    p.tap("tab_me")
    p.tap("logout_button")
    p.restart()
    p.login("peter.vater@example.com", "Sommer!2026", "MK204711")
    assert chips(p) == ["Peter Vater", "Anna Vater"]


def test_fixed_build_sees_the_share_at_once(connect: Connect) -> None:
    world = example("shared_relogin")
    assert world.phone is not None
    fixed = world.model_copy(update={"phone": world.phone.model_copy(update={"app_version": "3.6.0"})})
    assert diagnose_world(fixed, PETER).findings == []
    p = connect(fixed)
    assert chips(p) == ["Peter Vater", "Anna Vater"]


def test_shared_restart_share_while_the_app_runs(backend: BackendClient) -> None:
    world = example("shared_restart")
    loaded = load(backend, world)
    registry = PhoneRegistry()
    phone.prepare(registry, world, loaded.tokens)
    caps = phone.capabilities(world)
    config = process({"capabilities": {"alwaysMatch": caps}}, backend.url).config
    p = PhoneDriver(create_device(config, phones=registry))
    try:
        assert chips(p) == ["Peter Vater"]
        assert apply_after_start(backend, loaded) == 1  # the broker shares Anna now
        p.device.background_app(0)
        assert chips(p) == ["Peter Vater"]  # resuming does not reload (3.9.0)
        p.restart()
        assert chips(p) == ["Peter Vater", "Anna Vater"]
    finally:
        p.device.close()


def test_update_os_symptom_and_remedy(connect: Connect) -> None:
    p = connect(example("update_os"))
    assert p.has("update_required_title")
    p.device.simulator_command("updateOs", {"version": "14"})
    p.device.activate_app(APP_ID)
    assert p.screen() == "screen_main" and not p.has("update_required_title")


@pytest.mark.parametrize(
    ("name", "element_id", "text"),
    [
        ("update_app", "update_required_title", None),
        ("unusable_memory", "error_banner", "Es ist ein Fehler aufgetreten."),
        ("healthy", "broker_name", "Sommer Versicherungsmakler GmbH"),
    ],
)
def test_symptom_right_after_connecting(connect: Connect, name: str, element_id: str, text: str | None) -> None:
    p = connect(example(name))
    assert p.has(element_id), sorted(p.ids())
    assert text is None or p.text(element_id) == text


def test_shared_procedure_shows_only_the_own_customer(connect: Connect) -> None:
    p = connect(example("shared_procedure"))
    assert chips(p) == ["Peter Vater"]


def test_unusable_session_shows_the_error(connect: Connect) -> None:
    p = connect(example("unusable_session"))
    assert p.text("error_banner") == "Sitzung konnte nicht geladen werden."
    assert p.device.config.platform == "ios"


def test_remembered_makler_id_prefills_the_login(connect: Connect) -> None:
    p = connect(example("makler_id"))
    assert p.screen() == "screen_login"
    assert p.text("login_makler_id") == "MK204740"


def test_phone_without_the_app_shows_the_launcher(connect: Connect) -> None:
    world = example("spam")
    assert world.phone is not None
    p = connect(world.model_copy(update={"phone": world.phone.model_copy(update={"installed": False})}))
    assert p.screen() == "screen_launcher" and not p.device.is_app_installed(APP_ID)


def test_capabilities_name_device_build_and_forced_behaviours() -> None:
    world = example("unusable_memory")
    assert world.phone is not None
    forced = world.model_copy(
        update={"phone": world.phone.model_copy(update={"behaviours": {"unusable_memory": False}})}
    )
    assert phone.capabilities(forced) == {
        "platformName": "Android",
        "appium:automationName": "UiAutomator2",
        "appium:platformVersion": "14",
        "appium:deviceName": "Pixel 8",
        "appium:noReset": True,
        "appium:app": "kundenapp-3.5.0.apk",
        "appium:appPackage": APP_ID,
        "kundenapp:behaviours": {"unusable_memory": False},
    }


def test_serve_with_a_world_over_webdriver(capsys: pytest.CaptureFixture[str]) -> None:
    """What ``kundenapp-sim serve --world`` does, through a real WebDriver session."""
    world = example("update_os")
    assert world.phone is not None
    device_name = f"Welt-Test-{uuid.uuid4().hex[:8]}"  # the process-wide phone registry is shared
    world = world.model_copy(update={"phone": world.phone.model_copy(update={"device_name": device_name})})
    with Simulator() as sim:
        (printed,) = serve_world(sim, world, "update_os.yaml")
        assert capsys.readouterr().out.startswith("Welt geladen: update_os.yaml\nMakler MK204718: X-API-Key ")
        caps = json.loads(printed)
        assert caps["appium:deviceName"] == device_name
        with httpx.Client(base_url=sim.appium_url, timeout=10) as http:
            created = http.post("/session", json={"capabilities": {"alwaysMatch": caps}}).json()["value"]
            session = created["sessionId"]
            found = http.post(
                f"/session/{session}/element", json={"using": "accessibility id", "value": "update_required_title"}
            )
            assert found.status_code == 200, found.text
            assert http.delete(f"/session/{session}").status_code == 200
