"""Fixtures for the app tests: a fake backend behind httpx.MockTransport and phones driven by element id."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from simulator.app.device_api import DeviceConfig
from simulator.app.factory import create_device
from simulator.app.lifecycle.device import SimulatedDevice
from simulator.app.lifecycle.phones import PhoneRegistry
from simulator.app.tree import Node
from tests.app.fake_backend import MAKLER_ID, PASSWORD, FakeBackend

APP_ID = "de.insurgo.kundenapp"
WAIT_S = 5.0


class Phone:
    """Drives a SimulatedDevice by accessibility id, the way a page object would."""

    def __init__(self, device: SimulatedDevice) -> None:
        self.device = device

    def nodes(self, element_id: str) -> list[Node]:
        return [node for node in self.device.tree().walk() if node.id == element_id]

    def node(self, element_id: str, index: int = 0) -> Node:
        found = self.nodes(element_id)
        assert len(found) > index, f"{element_id!r} not on screen {self.screen()}: {sorted(self.ids())}"
        return found[index]

    def has(self, element_id: str) -> bool:
        return bool(self.nodes(element_id))

    def ids(self) -> set[str]:
        return {node.id for node in self.device.tree().walk() if node.id}

    def text(self, element_id: str, index: int = 0) -> str:
        return self.node(element_id, index).text

    def texts(self, element_id: str) -> list[str]:
        return [node.text for node in self.nodes(element_id)]

    def screen(self) -> str:
        return self.device.tree().id or ""

    def tap(self, element_id: str, index: int = 0) -> None:
        self.device.tap(self.node(element_id, index).key)

    def type(self, element_id: str, text: str) -> None:
        self.device.type_text(self.node(element_id).key, text)

    def fill(self, element_id: str, text: str) -> None:
        key = self.node(element_id).key
        self.device.clear(key)
        self.device.type_text(key, text)

    def login(self, email: str = "max@example.com", password: str = PASSWORD, makler_id: str = MAKLER_ID) -> None:
        self.fill("login_email", email)
        self.fill("login_password", password)
        self.fill("login_makler_id", makler_id)
        self.tap("login_submit")

    def state(self) -> int:
        return self.device.query_app_state(APP_ID)

    def storage_keys(self) -> list[str]:
        keys: list[str] = self.device.app_state()["storage_keys"]
        return keys

    def restart(self) -> None:
        """Close completely and start again (recents swipe, then the icon)."""
        assert self.device.terminate_app(APP_ID)
        self.device.activate_app(APP_ID)

    def wait(self, condition: Callable[[], bool], timeout: float = WAIT_S) -> None:
        """Poll a condition until a deadline (worker threads answer asynchronously)."""
        pause = threading.Event()
        for _ in range(int(timeout / 0.002)):
            if condition():
                return
            pause.wait(0.002)
        assert condition(), f"condition not met within {timeout}s on {self.screen()}: {sorted(self.ids())}"


MakePhone = Callable[..., Phone]


@pytest.fixture()
def backend() -> FakeBackend:
    return FakeBackend()


@pytest.fixture()
def phones() -> PhoneRegistry:
    return PhoneRegistry()


@pytest.fixture()
def make_phone(backend: FakeBackend, phones: PhoneRegistry) -> Iterator[MakePhone]:
    devices: list[SimulatedDevice] = []

    def make(
        platform: str = "android",
        app_version: str | None = "4.0.0",
        os_version: str | None = None,
        *,
        latency_ms: int = 0,
        no_reset: bool = False,
        full_reset: bool = False,
        extra: dict[str, Any] | None = None,
        device_name: str = "test-phone",
    ) -> Phone:
        config = DeviceConfig(
            platform="ios" if platform == "ios" else "android",
            os_version=os_version or ("17.4" if platform == "ios" else "14"),
            app_version=app_version,
            app_id=APP_ID,
            backend_url="http://backend.test",
            no_reset=no_reset,
            full_reset=full_reset,
            latency_ms=latency_ms,
            device_name=device_name,
            extra=extra or {},
        )
        device = create_device(config, transport=backend.transport(), phones=phones)
        devices.append(device)
        return Phone(device)

    yield make
    for device in devices:
        device.close()


@pytest.fixture()
def phone(make_phone: MakePhone) -> Phone:
    """An Android phone with build 4.0.0, app started on the login screen."""
    return make_phone()


@pytest.fixture()
def logged_in(make_phone: MakePhone) -> Phone:
    p = make_phone()
    p.login()
    assert p.screen() == "screen_main"
    return p
