"""Test control behind a key on a shared backend (simulator/backend/control_access.py, docs/backend-api.md)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from simulator.backend.control_access import ExposedTestControl
from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from simulator.client import BackendClient, BackendError

KEY = "schluessel-der-test-steuerung-0123456789"


@pytest.fixture(scope="module")
def keyed() -> Iterator[BackendThread]:
    with BackendThread(Settings(kdf_profile="test", test_api_token=KEY)) as server:
        yield server


@pytest.fixture()
def http(keyed: BackendThread) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=keyed.url, timeout=10) as client:
        yield client


TEST_CONTROL = [
    ("POST", "/test/v1/brokers"),
    ("GET", "/test/v1/export"),
    ("GET", "/test/v1/mechanisms"),
    ("PUT", "/test/v1/mechanisms/confirmation"),
    ("PUT", "/test/v1/externals"),
    ("GET", "/test/v1/mailbox/x@example.com"),
    ("POST", "/test/v1/reset"),
]


@pytest.mark.parametrize(("method", "path"), TEST_CONTROL, ids=[f"{m} {p}" for m, p in TEST_CONTROL])
@pytest.mark.parametrize(
    "shown", [None, "falsch", KEY[:-1], KEY + "x", "ä" * 40], ids=["none", "wrong", "short", "long", "non-ascii"]
)
def test_test_control_without_the_key_is_401_in_the_json_shape(
    http: httpx.Client, method: str, path: str, shown: str | None
) -> None:
    headers: dict[str, bytes] = {}
    if shown is not None:  # the wrong ones as either header; a non-ASCII one as raw UTF-8 bytes
        headers = (
            {"X-Test-Api-Token": shown.encode()} if shown.isascii() else {"Authorization": b"Bearer " + shown.encode()}
        )
    answer = http.request(method, path, json={}, headers=headers)
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthorized"
    assert "Schlüssel" in answer.json()["error"]["message"]
    assert answer.headers["www-authenticate"].startswith("Bearer")


def test_a_refused_request_changes_nothing(http: httpx.Client) -> None:
    created = http.post("/test/v1/brokers", json={}, headers={"X-Test-Api-Token": KEY}).json()
    assert http.post("/test/v1/reset").status_code == 401
    assert http.put("/test/v1/mechanisms/confirmation", json={"mode": "off"}).status_code == 401
    mechanisms = http.get("/test/v1/mechanisms", headers={"Authorization": f"Bearer {KEY}"}).json()["mechanisms"]
    assert mechanisms["confirmation"]["mode"] == "normal"
    exported = http.get(
        "/test/v1/export", params={"makler_id": created["makler_id"]}, headers={"X-Test-Api-Token": KEY}
    )
    assert exported.status_code == 200  # the broker survived the refused reset


@pytest.mark.parametrize("header", ["X-Test-Api-Token", "Authorization"])
def test_the_key_opens_test_control_in_either_header(http: httpx.Client, header: str) -> None:
    value = KEY if header == "X-Test-Api-Token" else f"Bearer {KEY}"
    assert http.post("/test/v1/brokers", json={}, headers={header: value}).status_code == 201


def test_the_product_surfaces_need_no_key(http: httpx.Client) -> None:
    created = http.post("/test/v1/brokers", json={}, headers={"X-Test-Api-Token": KEY}).json()
    assert http.get("/health").status_code == 200
    assert http.get("/openapi.json").status_code == 200
    assert http.get("/admin/v1/externe", headers={"X-API-Key": created["api_key"]}).status_code == 200
    assert http.get("/app/v1/config", params={"makler_id": created["makler_id"]}).status_code == 200
    assert http.get("/konsole/anmelden").status_code == 200


def test_the_typed_client_carries_the_key(keyed: BackendThread) -> None:
    with BackendClient(keyed.url, test_api_token=KEY) as client:
        broker = client.create_broker()
        assert client.admin(broker).externe() == []  # the admin API with the broker's own key, as ever
    with BackendClient(keyed.url) as client, pytest.raises(BackendError) as refused:
        client.create_broker()
    assert (refused.value.status, refused.value.code) == (401, "unauthorized")


def test_openapi_shows_the_key_and_the_401_of_test_control(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["APIKeyHeader"] == {
        "type": "apiKey",
        "description": "The key of the backend's test control",
        "in": "header",
        "name": "X-Test-Api-Token",
    }
    assert schemes["HTTPBearer"]["scheme"] == "bearer"
    operation = spec["paths"]["/test/v1/reset"]["post"]
    assert {"APIKeyHeader": []} in operation["security"] and {"HTTPBearer": []} in operation["security"]
    assert "401" in operation["responses"]
    assert "security" not in spec["paths"]["/app/v1/login"]["post"]


def test_the_postfach_opens_for_a_browser_that_shows_the_key_once(http: httpx.Client) -> None:
    refused = http.get("/postfach/")
    assert refused.status_code == 401 and refused.headers["content-type"].startswith("text/html")
    assert "?token=" in refused.text and KEY not in refused.text
    assert http.get("/postfach/", params={"token": "falsch"}).status_code == 401
    shown = http.get("/postfach/", params={"q": "kunde", "token": KEY})
    assert shown.status_code == 303
    assert shown.headers["location"] == "/postfach/?q=kunde"  # the key leaves the address bar at once
    cookie = shown.headers["set-cookie"]
    assert cookie.startswith("postfach_schluessel=") and "HttpOnly" in cookie and "Path=/postfach" in cookie
    assert "SameSite=strict" in cookie
    assert http.get("/postfach/", params={"q": "kunde"}).status_code == 200  # the cookie carries it now
    assert http.get("/postfach/nachricht/1").status_code == 404  # past the key: the page's own answer
    assert httpx.get(http.base_url.join("/postfach/"), headers={"X-Test-Api-Token": KEY}).status_code == 200


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_without_a_key_test_control_refuses_an_address_beyond_loopback(host: str) -> None:
    with pytest.raises(ExposedTestControl) as exposed:
        BackendThread(Settings(kdf_profile="test"), host=host)
    assert "--test-api-token" in str(exposed.value) and "--test-api-insecure" in str(exposed.value)


@pytest.mark.parametrize(
    "settings",
    [
        Settings(kdf_profile="test", test_api_token=KEY),
        Settings(kdf_profile="test", test_api_insecure=True),
        Settings(kdf_profile="test", test_api=False),
    ],
    ids=["with a key", "told so", "without test control"],
)
def test_a_key_an_explicit_permission_or_no_test_control_may_listen_beyond_loopback(settings: Settings) -> None:
    server = BackendThread(settings, host="0.0.0.0")
    server.close()
