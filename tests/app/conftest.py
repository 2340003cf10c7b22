"""Fixtures for the app tests: the real backend (shared, tests/conftest.py), a fresh broker per test, phones by id.

Each test's phones talk HTTP to the real FastAPI backend on a loopback port. The world a test
starts from is set up through the backend's own admin and test-control API (``simulator.client``):
a broker, the customer Max Mustermann with an active account and one contract. ``Wire`` records
what the app sent and what the backend answered, at the app's HTTP transport.
"""

from __future__ import annotations

import itertools
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from simulator.app.device_api import DeviceConfig
from simulator.app.factory import create_device
from simulator.app.lifecycle.device import SimulatedDevice
from simulator.app.lifecycle.phones import PhoneRegistry
from simulator.app.tree import Node
from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from simulator.client import BackendClient, Broker, BrokerAdmin, Contract, Customer
from tests.conftest import tls

APP_ID = "de.insurgo.kundenapp"
WAIT_S = 5.0
PASSWORD = "Sicher!2026"
ACCESS_TTL_S = Settings().access_ttl
_numbers = itertools.count(1)


@dataclass
class Exchange:
    """One request of the app and, once it came, the backend's answer (its body read)."""

    request: httpx.Request
    response: httpx.Response | None = None


class Wire:
    """What the app's phones sent to the backend in one test, recorded at their HTTP transport.

    ``refuse_connections`` sends the app's requests to a loopback port that is bound but not
    listening, so the app meets a real "connection refused" (the backend cannot refuse on demand).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._exchanges: list[Exchange] = []
        self._closed_port: socket.socket | None = None

    def transport(self) -> httpx.BaseTransport:
        """The transport of one phone's app: real HTTP, every exchange recorded here."""
        return _Recording(self)

    def refuse_connections(self, refuse: bool) -> None:
        """Connections refused (True) until switched back (False)."""
        with self._lock:
            if refuse and self._closed_port is None:
                self._closed_port = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                self._closed_port.bind(("127.0.0.1", 0))  # bound, never listening: connect gets ECONNREFUSED
            elif not refuse and self._closed_port is not None:
                self._closed_port.close()
                self._closed_port = None

    def refused_port(self) -> int | None:
        with self._lock:
            return None if self._closed_port is None else int(self._closed_port.getsockname()[1])

    def record(self, request: httpx.Request) -> Exchange:
        exchange = Exchange(request)
        with self._lock:
            self._exchanges.append(exchange)
        return exchange

    def clear(self) -> None:
        """Forget what was recorded so far."""
        with self._lock:
            self._exchanges.clear()

    def exchanges(self) -> list[Exchange]:
        with self._lock:
            return list(self._exchanges)

    def calls(self, method: str | None = None, path: str | None = None) -> list[str]:
        """``"GET /config"``-style lines of every request, app API prefix removed, oldest first."""
        seen = [f"{e.request.method} {e.request.url.path.removeprefix('/app/v1')}" for e in self.exchanges()]
        return [
            c for c in seen if (method is None or c.startswith(method + " ")) and (path is None or c.endswith(path))
        ]

    def count(self, path: str) -> int:
        """How many requests went to exactly this path (``/customers``)."""
        return len([c for c in self.calls() if c.split(" ", 1)[1] == path])

    def answers(self, path: str) -> list[httpx.Response]:
        """The backend's answers to requests for exactly this path, oldest first."""
        return [
            e.response
            for e in self.exchanges()
            if e.response is not None and e.request.url.path.removeprefix("/app/v1") == path
        ]

    def last_headers(self) -> httpx.Headers:
        """The headers of the newest request."""
        return self.exchanges()[-1].request.headers

    def close(self) -> None:
        self.refuse_connections(False)


class _Recording(httpx.BaseTransport):
    """Real HTTP to the backend; each exchange goes into the wire's record."""

    def __init__(self, wire: Wire) -> None:
        self._wire = wire
        self._inner = httpx.HTTPTransport(verify=tls())

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        exchange = self._wire.record(request)
        port = self._wire.refused_port()
        if port is not None:
            request = httpx.Request(
                request.method, request.url.copy_with(port=port), headers=request.headers, content=request.content
            )
        response = self._inner.handle_request(request)
        response.read()
        exchange.response = response
        return response

    def close(self) -> None:
        self._inner.close()


@dataclass
class BrokerWorld:
    """One test's broker on the real backend, set up and read through its admin and test-control API.

    Max Mustermann (a person) has an active account (``email``, ``PASSWORD``) and the contract
    HR-0001; ``share()`` adds the company Mustermann GmbH (contract BH-0002) to what he sees.
    """

    api: BackendClient
    broker: Broker
    admin: BrokerAdmin
    customer: Customer
    email: str
    contract: Contract
    company: Customer | None = None
    _share_contact: int | None = field(default=None, repr=False)

    @property
    def makler_id(self) -> str:
        return self.broker.makler_id

    def address(self, name: str) -> str:
        """An e-mail address of this broker's world (mailboxes are global, so unique per test)."""
        return f"{name}{next(_numbers)}.{self.makler_id.lower()}@example.com"

    def share(self) -> Customer:
        """Kontakte -> Personen on Mustermann GmbH: Max's address with the Kundenportal on."""
        if self.company is None:
            self.company = self.admin.create_customer("Mustermann GmbH", kind="firma")
            self.admin.add_contract(
                self.company.id, "BH-0002", insurer="HDI", line="Betriebshaftpflicht", premium="1.234,00 €"
            )
        contact = self.admin.add_contact(self.company.id, "Max Mustermann", self.email, kundenportal=True)
        self._share_contact = contact.id
        return self.company

    def unshare(self) -> None:
        """Remove the contact again: the company's contracts are no longer Max's to see."""
        assert self.company is not None and self._share_contact is not None
        self.admin.remove_contact(self.company.id, self._share_contact)
        self._share_contact = None

    def expire_access_tokens(self) -> None:
        """The broker's clock moves past the access token lifetime; refresh tokens still work."""
        self.api.advance_clock(ACCESS_TTL_S + 60, self.makler_id)

    def invalidate_sessions(self, email: str | None = None) -> int:
        return self.api.invalidate_sessions(self.makler_id, email or self.email)

    def down(self) -> None:
        """Every app call of this broker answers 503 until ``up()``."""
        self.api.inject_outage(self.makler_id, requests=1_000_000)

    def up(self) -> None:
        self.api.clear_faults(self.makler_id)

    def outage(self, requests: int) -> None:
        """The broker's next ``requests`` app calls answer 503."""
        self.api.inject_outage(self.makler_id, requests=requests)

    def unconfirm(self) -> None:
        """Max's account back to "eingeladen" (password kept): a registration not yet confirmed."""
        self.api.set_external_state(self.makler_id, self.customer.id, self.email, "eingeladen")

    def account(self) -> dict[str, Any]:
        """Max's account as the backend exports it: state, visible customers, sessions."""
        (found,) = [
            external
            for broker in self.api.export(self.makler_id)["brokers"]
            for customer in broker["customers"]
            for external in customer["externals"]
            if external["email"] == self.email
        ]
        return dict(found)

    def link(self, address: str, kind: str) -> str:
        """The app link of the newest mail of a kind to an address."""
        return self.api.latest_mail(address, kind).links[0]

    def app_call(self, method: str, path: str, body: Any = None) -> Any:
        """A call of the app API as a second client would send it (Android, build 4.0.0); BackendError if refused."""
        return self.api.http.call(
            method, f"/app/v1{path}", body, headers={"X-Platform": "android", "X-App-Version": "4.0.0"}
        )


class PhoneDriver:
    """Drives a SimulatedDevice by accessibility id, the way a page object would."""

    def __init__(self, device: SimulatedDevice, world: Callable[[], BrokerWorld] | None = None) -> None:
        self.device = device
        self._world = world

    @property
    def world(self) -> BrokerWorld:
        """The test's broker, made on first use (a phone that never logs in costs the backend nothing)."""
        assert self._world is not None, "this phone has no test broker: log in with e-mail and Makler-ID"
        return self._world()

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

    def login(self, email: str | None = None, password: str = PASSWORD, makler_id: str | None = None) -> None:
        """Log in; by default as Max with the test's broker."""
        self.fill("login_email", self.world.email if email is None else email)
        self.fill("login_password", password)
        self.fill("login_makler_id", self.world.makler_id if makler_id is None else makler_id)
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


MakePhone = Callable[..., PhoneDriver]


@pytest.fixture()
def broker(backend_client: BackendClient) -> BrokerWorld:
    """A fresh broker with Max Mustermann's active account (tenants are never shared between tests)."""
    created = backend_client.create_broker()
    admin = backend_client.admin(created)
    email = f"max{next(_numbers)}.{created.makler_id.lower()}@example.com"
    customer = admin.create_customer("Max Mustermann", email)
    contract = admin.add_contract(customer.id, "HR-0001", documents=["Police.pdf", "Bedingungen.pdf"])
    backend_client.http.call(  # an active account with a password, as a confirmed registration leaves it
        "PUT",
        "/test/v1/externals",
        {"makler_id": created.makler_id, "customer_id": customer.id, "email": email, "password": PASSWORD},
    )
    return BrokerWorld(backend_client, created, admin, customer, email, contract)


@pytest.fixture()
def wire() -> Iterator[Wire]:
    recorded = Wire()
    yield recorded
    recorded.close()


@pytest.fixture()
def phones() -> PhoneRegistry:
    return PhoneRegistry()


@pytest.fixture()
def make_phone(
    request: pytest.FixtureRequest, backend_server: BackendThread, wire: Wire, phones: PhoneRegistry
) -> Iterator[MakePhone]:
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
        transport: httpx.BaseTransport | None = None,
    ) -> PhoneDriver:
        config = DeviceConfig(
            platform="ios" if platform == "ios" else "android",
            os_version=os_version or ("17.4" if platform == "ios" else "14"),
            app_version=app_version,
            app_id=APP_ID,
            backend_url=backend_server.url,
            no_reset=no_reset,
            full_reset=full_reset,
            latency_ms=latency_ms,
            device_name=device_name,
            extra=extra or {},
        )
        device = create_device(config, transport=transport or wire.transport(), phones=phones)
        devices.append(device)
        return PhoneDriver(device, lambda: request.getfixturevalue("broker"))

    yield make
    for device in devices:
        device.close()


@pytest.fixture()
def phone(make_phone: MakePhone) -> PhoneDriver:
    """An Android phone with build 4.0.0, app started on the login screen."""
    return make_phone()


@pytest.fixture()
def logged_in(make_phone: MakePhone) -> PhoneDriver:
    p = make_phone()
    p.login()
    assert p.screen() == "screen_main"
    return p


@pytest.fixture()
def shared_relogin_off(backend_client: BackendClient) -> Iterator[None]:
    """The backend's own sharing defect off (it is global), so a test sees only the app's behaviour."""
    backend_client.http.call("PUT", "/test/v1/mechanisms/shared_relogin", {"mode": "off"})
    yield
    backend_client.http.call("PUT", "/test/v1/mechanisms/shared_relogin", {"mode": "normal"})
