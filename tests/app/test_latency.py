"""With latency, backend calls run in worker threads: loading_indicator first, then the answer."""

from __future__ import annotations

import re
import threading

import httpx

from tests.app.conftest import APP_ID, BrokerWorld, MakePhone, Wire


def test_login_shows_loading_then_main(make_phone: MakePhone, broker: BrokerWorld) -> None:
    p = make_phone(latency_ms=100)
    p.login()
    assert p.has("loading_indicator")
    assert p.screen() == "screen_login"
    assert not p.node("login_submit").enabled
    p.wait(lambda: p.screen() == "screen_main" and not p.has("loading_indicator"))
    assert p.text("broker_name") == broker.broker.name


def test_cold_start_loads_in_the_background(make_phone: MakePhone) -> None:
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


class HeldAnswer(httpx.BaseTransport):
    """Passes requests on, but once armed holds the first answer for ``path`` until released."""

    def __init__(self, inner: httpx.BaseTransport, path: str) -> None:
        self._inner = inner
        self._path = re.compile(path)
        self.armed = False
        self.reached = threading.Event()
        self.release = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        if self.armed and self._path.search(request.url.path):
            self.armed = False
            self.reached.set()
            self.release.wait(5)
        return response

    def close(self) -> None:
        self._inner.close()


def test_answer_for_an_ended_session_is_dropped(make_phone: MakePhone, wire: Wire) -> None:
    """A main-data load still under way at Abmelden must not fill the logged-out app or its storage."""
    held = HeldAnswer(wire.transport(), r"/customers/\d+/contracts$")
    try:
        p = make_phone(latency_ms=5, transport=held)
        device = p.device
        p.login()
        p.wait(lambda: p.has("broker_name") and not p.has("loading_indicator"))
        held.armed = True
        device.background_app(0)  # resume: the fixed build reloads
        assert held.reached.wait(5), "the reload did not ask for contracts"
        p.tap("tab_me")
        p.tap("logout_button")
        p.wait(lambda: p.screen() == "screen_login")
        keys_after_logout = p.storage_keys()
        held.release.set()
        assert device.wait_idle(5)
        assert p.screen() == "screen_login"
        assert not p.has("login_error")
        assert p.storage_keys() == keys_after_logout
        assert device.app_state()["app"]["main"]["loaded"] is False
    finally:
        held.release.set()


def test_close_cancels_waiting_calls_quickly(make_phone: MakePhone, wire: Wire) -> None:
    phone = make_phone(latency_ms=10_000)
    device = phone.device
    phone.login()
    assert phone.has("loading_indicator")
    done = threading.Event()
    closer = threading.Thread(target=lambda: (device.close(), done.set()))
    closer.start()
    assert done.wait(2), "close() must not wait for the latency"
    closer.join()
    assert wire.calls() == []


def test_worker_results_update_the_tree_object(make_phone: MakePhone) -> None:
    p = make_phone(latency_ms=10)
    p.login()
    before = p.device.tree()
    p.wait(lambda: p.device.tree() is not before)
