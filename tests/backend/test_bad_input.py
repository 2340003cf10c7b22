"""Bad input gets a clear 4xx in the one error shape: never a 500, never a hang."""

from __future__ import annotations

import socket

import httpx
import pytest

from simulator.backend.server import BackendThread
from tests.backend.conftest import Tenant, error_code


@pytest.mark.parametrize("body", [b"{bad", b"\xff\xfe", b"[1, 2]", b"null", b'"text"'])
def test_malformed_json_is_400(http: httpx.Client, body: bytes) -> None:
    r = http.post("/app/v1/login", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 400, r.text
    assert error_code(r) == "malformed_json"


@pytest.mark.parametrize(
    "body",
    [
        {"email": 5, "password": "x", "makler_id": "MK1"},
        {"email": "a@b.de", "password": ["x"], "makler_id": "MK1"},
        {"email": "kein-at-zeichen", "password": "x", "makler_id": "MK1"},
        {"email": "a@b.de", "password": "x"},
        {"email": "a@b.de", "password": "x", "makler_id": "M" * 33},
    ],
)
def test_wrong_types_and_missing_fields_are_422_with_details(http: httpx.Client, body: dict[str, object]) -> None:
    r = http.post("/app/v1/login", json=body)
    assert r.status_code == 422
    assert error_code(r) == "validation_error"
    assert r.json()["error"]["details"]


def test_missing_body_is_422(http: httpx.Client) -> None:
    r = http.post("/app/v1/login", headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and error_code(r) == "validation_error"


def test_oversize_body_is_413(http: httpx.Client) -> None:
    r = http.post("/app/v1/login", content=b"{" + b" " * 70_000 + b"}", headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and error_code(r) == "payload_too_large"


def test_oversize_chunked_body_is_413(http: httpx.Client) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(20):
            yield b" " * 8192

    r = http.post("/app/v1/login", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_unknown_route_is_404_and_wrong_method_is_405(http: httpx.Client) -> None:
    r = http.get("/app/v1/gibtsnicht")
    assert r.status_code == 404 and error_code(r) == "unknown_route"
    r = http.get("/app/v1/login")
    assert r.status_code == 405 and error_code(r) == "method_not_allowed"
    assert "POST" in r.headers["Allow"]


def test_non_numeric_path_ids_are_422(tenant: Tenant) -> None:
    r = tenant.http.get("/admin/v1/customers/abc", headers=tenant.admin)
    assert r.status_code == 422


def test_bad_version_headers_are_422(http: httpx.Client) -> None:
    r = http.get("/app/v1/config", headers={"X-App-Version": "neu"})
    assert r.status_code == 422 and error_code(r) == "validation_error"
    r = http.get("/app/v1/config", headers={"X-Platform": "windows"})
    assert r.status_code == 422


def test_truncated_request_does_not_hang_the_server(backend_server: BackendThread, http: httpx.Client) -> None:
    with socket.create_connection((backend_server.host, backend_server.port), timeout=5) as sock:
        sock.sendall(b"POST /app/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
        sock.shutdown(socket.SHUT_WR)
        sock.recv(1024)  # the server closes or answers; it must not block us past the timeout
    assert http.get("/health").status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/admin/v1/customers/99999999999999999999999", "/admin/v1/customers/0", "/admin/v1/customers/-1/contacts"],
)
def test_ids_outside_the_row_id_range_are_422(tenant: Tenant, path: str) -> None:
    r = tenant.http.get(path, headers=tenant.admin)
    assert r.status_code == 422 and error_code(r) == "validation_error"


def test_huge_contract_id_with_a_valid_token_is_422(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    r = tenant.http.get("/app/v1/contracts/99999999999999999999999", headers=tenant.bearer(email))
    assert r.status_code == 422


def test_deeply_nested_json_is_400(http: httpx.Client) -> None:
    body = b"[" * 100_00 + b"]" * 100_00
    r = http.post("/app/v1/login", content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and error_code(r) == "malformed_json"


def test_duplicate_mail_provider_names_are_422(http: httpx.Client) -> None:
    rule = {"name": "doppelt", "domains": ["x.example"], "spam_folder": "Spam", "strict": True}
    r = http.put("/test/v1/mail-providers", json=[rule, rule])
    assert r.status_code == 422


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/test/v1/clock/advance", {"seconds": False}),
        ("POST", "/test/v1/faults", {"latency_ms": False}),
        (
            "PUT",
            "/test/v1/mail-providers",
            [{"name": "x", "domains": ["x.example"], "spam_folder": "Spam", "strict": 0}],
        ),
        ("POST", "/test/v1/brokers", {"sender_authenticated": "false"}),
    ],
)
def test_json_types_are_not_coerced(http: httpx.Client, method: str, path: str, body: object) -> None:
    """Found by Schemathesis: ``false`` is no number and ``0`` no boolean (422, not a silent substitute)."""
    r = http.request(method, path, json=body)
    assert r.status_code == 422 and error_code(r) == "validation_error", r.text


def test_admin_json_types_are_not_coerced(tenant: Tenant) -> None:
    r = tenant.http.put("/admin/v1/settings/mail", json={"sender_authenticated": 1}, headers=tenant.admin)
    assert r.status_code == 422 and error_code(r) == "validation_error"
