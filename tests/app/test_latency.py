"""With latency, backend calls run in worker threads: loading_indicator first, then the answer."""

from __future__ import annotations

import threading

from simulator.app.device_api import DeviceConfig
from simulator.app.factory import create_device
from simulator.app.lifecycle.phones import PhoneRegistry
from tests.app.conftest import APP_ID, MakePhone, Phone
from tests.app.fake_backend import FakeBackend


def test_login_shows_loading_then_main(make_phone: MakePhone) -> None:
    p = make_phone(latency_ms=100)
    p.login()
    assert p.has("loading_indicator")
    assert p.screen() == "screen_login"
    assert not p.node("login_submit").enabled
    p.wait(lambda: p.screen() == "screen_main" and not p.has("loading_indicator"))
    assert p.text("broker_name") == "Makler Meier"


def test_cold_start_loads_in_the_background(make_phone: MakePhone, backend: FakeBackend) -> None:
    p = make_phone(latency_ms=20)
    p.login()
    p.wait(lambda: p.has("broker_name") and not p.has("loading_indicator"))
    p.restart()
    assert p.screen() == "screen_main"
    assert p.has("loading_indicator") and not p.has("broker_name")
    p.wait(lambda: p.has("broker_name") and not p.has("loading_indicator"))


def test_answer_for_a_dead_process_is_dropped(make_phone: MakePhone) -> None:
    p = make_phone(latency_ms=30)
    p.login()
    p.device.terminate_app(APP_ID)
    assert p.device.wait_idle(5)
    p.device.activate_app(APP_ID)
    assert p.screen() == "screen_login"  # the login answer reached no one
    assert p.storage_keys() == []


def test_close_cancels_waiting_calls_quickly(backend: FakeBackend) -> None:
    config = DeviceConfig(
        platform="android",
        os_version="14",
        app_version="4.0.0",
        app_id=APP_ID,
        backend_url="http://backend.test",
        latency_ms=10_000,
    )
    device = create_device(config, transport=backend.transport(), phones=PhoneRegistry())
    phone = Phone(device)
    phone.login()
    assert phone.has("loading_indicator")
    done = threading.Event()
    closer = threading.Thread(target=lambda: (device.close(), done.set()))
    closer.start()
    assert done.wait(2), "close() must not wait for the latency"
    closer.join()
    assert backend.calls() == []


def test_worker_results_update_the_tree_object(make_phone: MakePhone) -> None:
    p = make_phone(latency_ms=10)
    p.login()
    before = p.device.tree()
    p.wait(lambda: p.device.tree() is not before)
