"""Hostile input against both HTTP surfaces: malformed HTTP, JSON, types, sizes, unicode.

``python -m bench.hostile`` starts the embedded simulator (backend + WebDriver server on free
loopback ports) and sends every request of the matrix below, each on its own connection with a
timeout. It counts answers per status and reports, as problems:

- any 5xx from the backend; from the WebDriver server any 5xx whose W3C error code is not one
  the spec prescribes for the situation (``session not created``, ``unsupported operation``);
- a status outside the documented ones of the surface (docs/backend-api.md);
- an error answer that is not the surface's JSON error shape;
- a request that gets no answer within the timeout (a hang), or a server that stops answering.

Exit code 0 when there is no problem, 1 otherwise. Not a timing benchmark.
"""

from __future__ import annotations

import json
import socket
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from simulator.embedded import Simulator

TIMEOUT_S = 10.0
BACKEND_STATUSES = {200, 201, 202, 204, 400, 401, 403, 404, 405, 409, 413, 422, 426, 429, 431, 501, 503}
WEBDRIVER_STATUSES = {200, 400, 404, 405, 500, 501}  # 501: a transfer coding other than chunked (framing)
W3C_500_ALLOWED = {"session not created", "unsupported operation"}

RAW_HTTP = {
    "negative content-length": b"POST {p} HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    "non-numeric content-length": b"POST {p} HTTP/1.1\r\nHost: x\r\nContent-Length: zwei\r\n\r\n",
    "two content-lengths": b"POST {p} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
    "header without colon": b"GET {p} HTTP/1.1\r\nHost: x\r\nKaputt\r\n\r\n",
    "garbage request line": b"\x00\x01 kaputt \xff\r\n\r\n",
    "no host": b"GET {p} HTTP/1.1\r\n\r\n",
    "http/2 preface": b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
    "tls hello": bytes.fromhex("16030100a5010000a10303") + b"\x00" * 32 + b"\r\n\r\n",
    "bad chunk size": b"POST {p} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
    "chunk without CRLF": b"POST {p} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n",
    "content-length with chunked": b"POST {p} HTTP/1.1\r\nHost: x\r\nContent-Length: 13\r\n"
    + b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
    "gzip, chunked": b"POST {p} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
    "chunked, gzip": b"POST {p} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
    "oversized head": b"GET {p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: " + b"a" * 40_000 + b"\r\n\r\n",
    "latin-1 header value": b"GET {p} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-API-Key: \xe4\xf6\xfc\r\n\r\n",
    "truncated body": b"POST {p} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{",
}
# A request that never completes has no answer to wait for: the client gives up (our timeout) or
# the server closes; the run only checks that the server keeps answering others (docs/backend-api.md).
INCOMPLETE = {"truncated body"}

STRINGS = [
    "",
    " ",
    "\u0000",
    "😀" * 50,
    "\u202e" + "gnp.exe",
    "Ä" * 10_000,
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00%2e%2e%2f",
]
VALUES: list[Any] = [
    *STRINGS,
    None,
    True,
    -1,
    0,
    2**64,
    1e308,
    -0.0,
    [],
    {},
    [[[[[]]]]],
    {"a": {"b": {"c": {}}}},
]
BODIES: list[bytes] = [
    b"",
    b"{bad",
    b"\xff\xfe\x00",
    b"[1, 2]",
    b"null",
    b'"text"',
    b"[" * 5000 + b"]" * 5000,
    b'{"x": "\\ud800"}',
    b'{"x": 1e999999}',
    b"{" + b" " * 80_000 + b"}",
]


@dataclass
class Tally:
    """Answers per surface and status, and the problems found."""

    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    requests: int = 0


def exchange(host: str, port: int, raw: bytes, half_close: bool = False) -> tuple[int, dict[str, str], bytes] | None:
    """Send raw bytes on a fresh connection; (status, headers, body), or None when no answer came.

    ``half_close`` ends the sending side after the bytes (a client that sends a truncated request and waits).
    """
    with socket.create_connection((host, port), timeout=TIMEOUT_S) as sock:
        try:
            sock.sendall(raw)
            if half_close:
                sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server may answer and close while we still send
        answer = b""
        try:
            while not _complete(answer) and (chunk := sock.recv(65536)):
                answer += chunk
        except TimeoutError:
            return None
        except ConnectionResetError:
            if not answer:
                return (0, {}, b"")  # reset before an answer: the connection's framing was lost
    head, _, body = answer.partition(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1."):
        return (0, {}, b"")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    if headers.get("transfer-encoding") == "chunked":
        body = _unchunk(body)
    elif headers.get("content-length", "").isdigit():
        body = body[: int(headers["content-length"])]  # a second answer may follow on the same connection
    return int(status_line.split()[1]), headers, body


def _complete(answer: bytes) -> bool:
    """True once a response with a Content-Length has all of its body (as a client stops reading)."""
    head, sep, body = answer.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length" and value.strip().isdigit():
            return len(body) >= int(value)
    return False


def _unchunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, rest = data.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out, data = out + rest[:size], rest[size + 2 :]
    return out


def request(method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> bytes:
    """A well-framed HTTP/1.1 request with ``Connection: close``."""
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if body is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + (body or b"")


def judge(tally: Tally, surface: str, what: str, answer: tuple[int, dict[str, str], bytes] | None) -> None:
    """Count one answer and note what is wrong with it."""
    tally.requests += 1
    if answer is None:
        tally.problems.append(f"{surface}: no answer within {TIMEOUT_S:.0f} s: {what}")
        return
    status, headers, body = answer
    tally.statuses[(surface, status)] += 1
    if status == 0:
        return  # reset or no HTTP at all; the raw cases where that is the honest outcome are listed in the docs
    allowed = BACKEND_STATUSES if surface == "backend" else WEBDRIVER_STATUSES
    if status not in allowed:
        tally.problems.append(f"{surface}: status {status} is not documented: {what}")
    if status < 400:
        return
    try:
        parsed = json.loads(body)
    except ValueError:
        tally.problems.append(f"{surface}: {status} without a JSON body ({headers.get('content-type')}): {what}")
        return
    if surface == "backend":
        if status >= 500 and status not in (501, 503):  # 501 refuses a transfer coding, 503 an injected outage
            tally.problems.append(f"backend: {status} {parsed}: {what}")
        if not isinstance(parsed, dict) or not isinstance(parsed.get("error"), dict):
            tally.problems.append(f"backend: error not in the JSON error shape: {what}")
        if status == 405 and "allow" not in headers:
            tally.problems.append(f"backend: 405 without Allow: {what}")
        return
    error = parsed.get("value", {}).get("error") if isinstance(parsed, dict) else None
    if not isinstance(error, str):
        tally.problems.append(f"webdriver: error not in the W3C shape: {what}")
    elif status == 500 and error not in W3C_500_ALLOWED:
        tally.problems.append(f"webdriver: 500 {error!r} ({parsed['value'].get('message', '')[:120]}): {what}")


def backend_cases(openapi: dict[str, Any], api_key: str) -> Iterator[tuple[str, bytes]]:
    """Every operation of the OpenAPI document with hostile bodies, parameters and headers."""
    auth = {"X-API-Key": api_key, "Authorization": "Bearer " + "x" * 43}
    for template, operations in openapi["paths"].items():
        if template == "/test/v1/reset":
            continue  # destructive: would wipe the broker under test
        for method in operations:
            for value in ("99999999999999999999999", "-1", "%F0%9F%98%80", "..%2F..%2F", "%00", "1"):
                path = _fill(template, value)
                for body in BODIES if method in ("post", "put", "patch") else [None]:
                    shown = body[:20] if body is not None else None
                    yield f"{method.upper()} {path} body={shown!r}", request(method.upper(), path, body, auth)
            if method in ("post", "put", "patch"):
                for name in ("email", "password", "makler_id", "token", "name", "seconds", "kind", "state"):
                    for value in VALUES:
                        body = json.dumps({name: value}).encode()
                        yield (
                            f"{method.upper()} {template} {{{name}: {str(value)[:20]!r}}}",
                            request(method.upper(), _fill(template, "1"), body, auth),
                        )
    for header, value in [
        ("X-App-Version", "😀"),
        ("X-Platform", "Ä" * 5000),
        ("X-OS-Version", "1." * 2000),
        ("Authorization", "Bearer"),
        ("X-API-Key", "\u0000"),
    ]:
        yield f"GET /app/v1/config {header}", request("GET", "/app/v1/config?makler_id=%00", None, {header: value})


def _fill(template: str, value: str) -> str:
    out, depth = "", 0
    for char in template:
        if char == "{":
            depth += 1
            out += value
        elif char == "}":
            depth -= 1
        elif depth == 0:
            out += char
    return out


def webdriver_cases(session_id: str, element_id: str) -> Iterator[tuple[str, bytes]]:
    """New-session bodies and session commands with hostile payloads."""
    caps: list[Any] = [
        {"platformName": "Android", "appium:app": "meineapp.apk"},
        {"platformName": "Android", "appium:app": "kundenapp-9.9.9.apk"},
        {"platformName": "Android", "appium:app": "kundenapp-4.0.0.ipa"},
        {"platformName": "iOS", "appium:platformVersion": "banana"},
        {"platformName": "Android", "appium:platformVersion": []},
        {"platformName": "😀"},
        {"platformName": "Android", "appium:app": "Ä" * 10_000},
        {"platformName": "Android", "kundenapp:latencyMs": -5},
        {"platformName": "Android", "kundenapp:behaviours": {"gibtsnicht": True}},
        {"platformName": "Android", "timeouts": {"implicit": -1}},
        {"platformName": "Android", "appium:options": "x"},
    ]
    for cap in caps:
        body = json.dumps({"capabilities": {"alwaysMatch": cap}}).encode()
        yield f"POST /session {str(cap)[:60]}", request("POST", "/session", body)
    for body in BODIES:
        yield f"POST /session body={body[:20]!r}", request("POST", "/session", body)
    s, e = f"/session/{session_id}", f"/session/{session_id}/element/{element_id}"
    commands: list[tuple[str, str, list[Any]]] = [
        ("POST", s + "/element", [{"using": u, "value": v} for u in ("xpath", "id", "?", 5) for v in STRINGS[:6]]),
        ("POST", s + "/elements", [{"using": "xpath", "value": "//*[" * 200}, {"using": "xpath", "value": 5}]),
        ("POST", e + "/value", [{"text": v} for v in VALUES] + [{"value": list("ä😀")}, {}]),
        ("POST", s + "/timeouts", [{"implicit": v} for v in VALUES]),
        ("POST", s + "/orientation", [{"orientation": v} for v in VALUES[:8]]),
        ("POST", s + "/actions", [{"actions": v} for v in VALUES[:12]]),
        ("POST", s + "/execute/sync", [{"script": v, "args": []} for v in STRINGS]),
        (
            "POST",
            s + "/execute/sync",
            [{"script": "kundenapp: updateOs", "args": [{"version": v}]} for v in VALUES]
            + [{"script": "mobile: installApp", "args": [{"app": v}]} for v in VALUES]
            + [{"script": "mobile: deepLink", "args": [{"url": v, "package": "x"}]} for v in STRINGS],
        ),
        ("POST", s + "/se/log", [{"type": v} for v in VALUES[:10]]),
        ("GET", e.replace(element_id, "😀") + "/text", [None]),
        ("GET", s.replace(session_id, "%00") + "/source", [None]),
        ("GET", e + "/attribute/" + "a" * 5000, [None]),
    ]
    for method, path, payloads in commands:
        for payload in payloads:
            raw = None if payload is None else json.dumps(payload).encode()
            yield f"{method} {path[:60]} {str(payload)[:60]}", request(method, path, raw)
        if method == "POST":
            for body in BODIES:
                yield f"{method} {path[:60]} body={body[:20]!r}", request(method, path, body)


def main(argv: list[str]) -> int:
    """Run the matrix against a fresh embedded simulator and print the tally."""
    del argv
    tally = Tally()
    with Simulator() as sim:
        b_host, b_port = sim.backend.host, sim.backend.port
        w_host, w_port = sim.webdriver.host, sim.webdriver.port
        broker = exchange(b_host, b_port, request("POST", "/test/v1/brokers", b"{}"))
        openapi = exchange(b_host, b_port, request("GET", "/openapi.json"))
        assert broker is not None and openapi is not None
        api_key = json.loads(broker[2])["api_key"]
        new = exchange(
            w_host,
            w_port,
            request(
                "POST",
                "/session",
                b'{"capabilities":{"alwaysMatch":{"platformName":"Android","appium:app":"kundenapp-4.0.0.apk"}}}',
            ),
        )
        assert new is not None and new[0] == 200, new
        session_id = json.loads(new[2])["value"]["sessionId"]
        found = exchange(
            w_host,
            w_port,
            request(
                "POST",
                f"/session/{session_id}/element",
                json.dumps({"using": "accessibility id", "value": "login_email"}).encode(),
            ),
        )
        assert found is not None and found[0] == 200, found
        element_id = next(iter(json.loads(found[2])["value"].values()))
        for name, template in RAW_HTTP.items():
            for surface, host, port, path in (
                ("backend", b_host, b_port, b"/app/v1/login"),
                ("webdriver", w_host, w_port, b"/session"),
            ):
                answer = exchange(host, port, template.replace(b"{p}", path), half_close=True)
                if name in INCOMPLETE and answer is None:
                    tally.requests += 1
                    tally.statuses[(surface, -1)] += 1  # no answer, as documented
                    continue
                judge(tally, surface, f"raw: {name}", answer)
        for what, raw in backend_cases(json.loads(openapi[2]), api_key):
            judge(tally, "backend", what, exchange(b_host, b_port, raw))
        for what, raw in webdriver_cases(session_id, element_id):
            judge(tally, "webdriver", what, exchange(w_host, w_port, raw))
        for surface, host, port in (("backend", b_host, b_port), ("webdriver", w_host, w_port)):
            alive = exchange(host, port, request("GET", "/health" if surface == "backend" else "/status"))
            if alive is None or alive[0] != 200:
                tally.problems.append(f"{surface}: not answering after the run")
    print(f"Anfragen: {tally.requests}")
    for (surface, status), count in sorted(tally.statuses.items()):
        label = {0: "reset", -1: "none"}.get(status, str(status))
        print(f"  {surface:9} {label:>5}: {count}")
    print(f"Probleme: {len(tally.problems)}")
    for problem in tally.problems[:100]:
        print(f"  {problem}")
    return 1 if tally.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
