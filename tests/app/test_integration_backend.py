"""The emulated app against the real backend (simulator.backend) over loopback HTTP, as in embedded mode."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from simulator.app.device_api import DeviceConfig
from simulator.app.factory import create_device
from simulator.app.lifecycle.phones import PhoneRegistry
from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from tests.app.conftest import APP_ID, Phone

PASSWORD = "Sicher!2026"
_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def server() -> Iterator[BackendThread]:
    with BackendThread(Settings(kdf_profile="test")) as running:
        yield running


@pytest.fixture()
def http(server: BackendThread) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


class Broker:
    """One tenant, set up through the admin and test-control APIs only."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http
        created = http.post("/test/v1/brokers", json={})
        assert created.status_code == 201, created.text
        self.data: dict[str, Any] = created.json()
        self.makler_id: str = self.data["makler_id"]
        self.admin = {"X-API-Key": self.data["api_key"]}

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = self.http.post(f"/admin/v1{path}", json=body, headers=self.admin)
        assert answer.status_code in (200, 201), answer.text
        result: dict[str, Any] = answer.json()
        return result

    def customer(self, name: str, email: str | None, kind: str = "person") -> int:
        return int(self.post("/customers", {"name": name, "kind": kind, "email": email})["id"])

    def link(self, email: str, kind: str) -> str:
        answer = self.http.get(f"/test/v1/mailbox/{email}/latest", params={"kind": kind})
        assert answer.status_code == 200, answer.text
        return str(answer.json()["links"][0])


@pytest.fixture()
def broker(http: httpx.Client) -> Broker:
    return Broker(http)


@pytest.fixture()
def make_phone(server: BackendThread) -> Iterator[Any]:
    devices = []
    registry = PhoneRegistry()

    def make(app_version: str = "4.0.0", platform: str = "android") -> Phone:
        config = DeviceConfig(
            platform="ios" if platform == "ios" else "android",
            os_version="17.4" if platform == "ios" else "14",
            app_version=app_version,
            app_id=APP_ID,
            backend_url=server.url,
        )
        device = create_device(config, phones=registry)
        devices.append(device)
        return Phone(device)

    yield make
    for device in devices:
        device.close()


def registered_account(broker: Broker, phone: Phone) -> str:
    """Invite a customer, register and confirm in the app through the mailed links; returns the e-mail."""
    email = f"kunde{next(_numbers)}.{broker.makler_id.lower()}@example.com"
    customer = broker.customer("Erika Mustermann", email)
    broker.post(
        f"/customers/{customer}/contracts",
        {
            "number": "HR-4711",
            "insurer": "Allianz",
            "line": "Hausrat",
            "premium": "12,50 €",
            "documents": ["Police.pdf"],
        },
    )
    broker.post(f"/customers/{customer}/invitation", {})
    phone.device.deep_link(broker.link(email, "invitation"), APP_ID)
    assert phone.text("register_email") == email
    assert phone.text("register_makler_id") == broker.makler_id
    phone.type("register_password", PASSWORD)
    phone.type("register_password_repeat", PASSWORD)
    phone.tap("register_submit")
    assert phone.has("register_confirmation"), phone.ids()
    phone.device.deep_link(broker.link(email, "confirmation"), APP_ID)
    assert phone.has("confirm_message"), phone.ids()
    phone.tap("confirm_to_login")
    return email


def test_register_confirm_login_contracts(broker: Broker, make_phone: Any) -> None:
    phone = make_phone()
    email = registered_account(broker, phone)
    assert phone.text("login_makler_id") == broker.makler_id  # remembered from the invitation
    phone.fill("login_email", email)
    phone.fill("login_password", PASSWORD)
    phone.tap("login_submit")
    assert phone.screen() == "screen_main", phone.ids()
    assert phone.text("broker_name") == broker.data["name"]
    phone.tap("tab_contracts")
    assert phone.texts("customer_chip") == ["Erika Mustermann"]
    assert phone.texts("contract_row") == ["Hausrat · Allianz · HR-4711"]
    phone.tap("contract_row")
    assert phone.text("contract_number") == "HR-4711"
    assert phone.text("contract_premium") == "12,50 €"
    assert phone.texts("contract_document") == ["Police.pdf"]
    phone.tap("contract_back")
    phone.tap("tab_me")
    assert phone.text("me_email") == email


def test_server_password_rules_show_in_register_error(broker: Broker, make_phone: Any) -> None:
    phone = make_phone()
    email = f"regel{next(_numbers)}@example.com"
    broker.post(f"/customers/{broker.customer('Rita Regel', email)}/invitation", {})
    phone.device.deep_link(broker.link(email, "invitation"), APP_ID)
    phone.type("register_password", "kurz")
    phone.type("register_password_repeat", "kurz")
    phone.tap("register_submit")
    assert phone.text("register_error").splitlines() == [
        "mind. 8 Stellen",
        "mind. ein Großbuchstabe",
        "mind. eine Zahl",
        "mind. ein Sonderzeichen",
    ]


def test_shared_customer_ladder_for_an_old_build(broker: Broker, make_phone: Any, http: httpx.Client) -> None:
    """Geteilte Verträge 2–4 with 3.5.2: restart is not enough (scope fixed at login); Abmelden, close, start,
    log in is."""
    phone = make_phone("3.5.2")
    email = registered_account(broker, phone)
    phone.login(email, PASSWORD, broker.makler_id)
    company = broker.customer("Mustermann GmbH", None, kind="firma")
    broker.post(f"/customers/{company}/contacts", {"name": "Erika", "email": email, "kundenportal": True})
    phone.restart()
    phone.tap("tab_contracts")
    assert phone.texts("customer_chip") == ["Erika Mustermann"]
    phone.tap("tab_me")
    phone.tap("logout_button")
    phone.restart()
    phone.login(email, PASSWORD, broker.makler_id)
    phone.tap("tab_contracts")
    assert phone.texts("customer_chip") == ["Erika Mustermann", "Mustermann GmbH"]


def test_outage_and_broken_session_with_the_real_backend(broker: Broker, make_phone: Any, http: httpx.Client) -> None:
    phone = make_phone("3.5.2")
    email = registered_account(broker, phone)
    phone.login(email, PASSWORD, broker.makler_id)
    phone.device.terminate_app(APP_ID)
    assert http.post("/test/v1/faults", json={"makler_id": broker.makler_id, "outage_requests": 50}).is_success
    phone.device.activate_app(APP_ID)
    assert phone.text("error_banner") == "Es ist ein Fehler aufgetreten."
    assert http.delete("/test/v1/faults", params={"makler_id": broker.makler_id}).is_success
    phone.device.background_app(0)
    assert phone.text("error_banner") == "Es ist ein Fehler aufgetreten."
    phone.restart()
    assert phone.text("broker_name") == broker.data["name"]
    invalidated = http.post("/test/v1/sessions/invalidate", json={"makler_id": broker.makler_id, "email": email})
    assert invalidated.is_success, invalidated.text
    phone.restart()
    assert phone.text("error_banner") == "Sitzung konnte nicht geladen werden."
    phone.tap("tab_me")
    phone.tap("logout_button")
    phone.restart()
    phone.login(email, PASSWORD, broker.makler_id)
    assert phone.text("broker_name") == broker.data["name"]


def test_minimum_app_version_from_the_backend(http: httpx.Client, make_phone: Any) -> None:
    created = http.post("/test/v1/brokers", json={"min_versions": {"android": {"min_app_version": "3.6.0"}}})
    assert created.status_code == 201, created.text
    phone = make_phone("3.5.2")
    phone.login("x@example.com", PASSWORD, created.json()["makler_id"])
    assert phone.screen() == "screen_update"
    assert "3.6.0" in phone.text("update_required_message")
