"""The HTTP contract around the routes: Allow on 405, error answers in OpenAPI, malformed HTTP as JSON."""

from __future__ import annotations

import json
import re
import socket

import httpx
import pytest

from simulator.backend.server import BackendThread
from tests.backend.conftest import error_code

_SAMPLE = {
    "external_id": "1",
    "customer_id": "1",
    "contact_id": "1",
    "contract_id": "1",
    "address": "a@b.example",
    "makler_id": "MK000000",
    "name": "spam_filing",
}


def _served(http: httpx.Client) -> dict[str, set[str]]:
    """Path (with sample parameters) -> the methods OpenAPI lists for it."""
    paths = http.get("/openapi.json").json()["paths"]
    return {
        re.sub(r"\{(\w+)\}", lambda m: _SAMPLE[m.group(1)], path): {m.upper() for m in ops}
        for path, ops in paths.items()
    }


def test_allow_on_405_lists_every_method_of_the_path(http: httpx.Client) -> None:
    r = http.options("/admin/v1/customers")
    assert r.status_code == 405 and error_code(r) == "method_not_allowed"
    assert r.headers["Allow"] == "GET, POST"
    checked = 0
    for path, methods in _served(http).items():
        unserved = next(m for m in ("DELETE", "PATCH", "PUT", "POST", "GET") if m not in methods)
        r = http.request(unserved, path)
        assert r.status_code == 405, (unserved, path, r.status_code)
        allowed = set(r.headers["Allow"].split(", "))
        assert allowed == methods, (path, r.headers["Allow"])
        checked += 1
    assert checked > 30


def test_openapi_documents_the_error_answers_with_their_shape(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    shape = spec["components"]["schemas"]["ErrorBody"]
    assert shape["required"] == ["error"]
    assert set(spec["components"]["schemas"]["ErrorInfo"]["required"]) == {"code", "message"}
    expected = {
        "/app/v1": {"400", "401", "403", "404", "413", "422", "426", "429", "431", "501", "503"},
        "/admin/v1": {"400", "401", "404", "409", "413", "422", "431", "501"},
        "/test/v1": {"400", "401", "404", "409", "413", "422", "431", "501"},
    }
    operations = 0
    for path, ops in spec["paths"].items():
        surface = next((s for s in expected if path.startswith(s)), None)
        if surface is None:
            continue
        for op in ops.values():
            assert expected[surface] <= set(op["responses"]), (path, sorted(op["responses"]))
            body = op["responses"]["422"]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/ErrorBody"}
            operations += 1
    assert operations > 30


MALFORMED = {
    "negative content-length": b"POST /app/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    "bad content-length": b"POST /app/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: zwei\r\n\r\n",
    "header without colon": b"GET /health HTTP/1.1\r\nHost: x\r\nKaputt\r\n\r\n",
    "garbage request line": b"\x00\x01 kaputt \xff\r\n\r\n",
    "no host": b"GET /health HTTP/1.1\r\n\r\n",
    "tls hello": bytes.fromhex("16030100a5010000a10303") + b"\x00" * 32 + b"\r\n\r\n",
    "bad chunk size": b"POST /app/v1/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    + b"zz\r\n{}\r\n0\r\n\r\n",
}


def _exchange(server: BackendThread, raw: bytes) -> tuple[str, dict[str, str], bytes]:
    with socket.create_connection((server.host, server.port), timeout=5) as sock:
        try:
            sock.sendall(raw)
        except (BrokenPipeError, ConnectionResetError):  # the server may answer and close mid-send
            pass
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    return status, headers, body


@pytest.mark.parametrize("raw", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_http_gets_the_json_error_shape(backend_server: BackendThread, raw: bytes) -> None:
    status, headers, body = _exchange(backend_server, raw)
    assert status.startswith("HTTP/1.1 400"), status
    assert headers["content-type"] == "application/json"
    assert int(headers["content-length"]) == len(body)
    assert json.loads(body)["error"]["code"] == "bad_request"


@pytest.mark.parametrize("size", [17_000, 70_000])
def test_an_oversized_head_is_431_in_the_json_shape(backend_server: BackendThread, size: int) -> None:
    """Whether h11 rejects it while incomplete or the app sees it complete, the answer is the same."""
    head = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * size + b"\r\n\r\n"
    status, headers, body = _exchange(backend_server, head)  # closed by the server after the answer
    assert status.startswith("HTTP/1.1 431"), status
    assert headers["content-type"] == "application/json"
    assert json.loads(body)["error"]["code"] == "headers_too_large"


def test_the_server_still_answers_after_malformed_requests(backend_server: BackendThread, http: httpx.Client) -> None:
    for raw in MALFORMED.values():
        _exchange(backend_server, raw)
    assert http.get("/health").json() == {"status": "ok"}


# Every kind of answer the backend gives: the app API, the admin API, test control, the pages, errors of the
# app (404, 405, 422), of the body limit (413), and of the HTTP layer (400, 431, 501).
_ANSWERS = {
    "health": b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "openapi": b"GET /openapi.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "admin 401": b"GET /admin/v1/externe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "unknown 404": b"GET /nirgends HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "method 405": b"DELETE /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "login 422": b"POST /app/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    "body 413": b"POST /app/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 999999\r\nConnection: close\r\n\r\n",
    "konsole page": b"GET /konsole/anmelden HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "konsole redirect": b"GET /konsole/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "postfach page": b"GET /postfach/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "test control": b"GET /test/v1/mechanisms HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    "protocol 400": MALFORMED["garbage request line"],
    "protocol 431": b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 17_000 + b"\r\n\r\n",
    "protocol 501": b"POST /app/v1/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
}


@pytest.mark.parametrize("raw", _ANSWERS.values(), ids=_ANSWERS.keys())
def test_every_answer_says_nosniff_and_names_no_server(backend_server: BackendThread, raw: bytes) -> None:
    """OWASP ASVS 14.4.4 (X-Content-Type-Options: nosniff on every answer) and 14.3.3 (no server banner)."""
    status, headers, _ = _exchange(backend_server, raw)
    assert status.startswith("HTTP/1.1 "), status
    assert headers.get("x-content-type-options") == "nosniff", (status, headers)
    assert "server" not in headers, headers["server"]
