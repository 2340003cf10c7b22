"""Strict request framing (simulator/framing.py) on both HTTP surfaces, over raw sockets.

Every refused request is followed on the same connection by a second, pipelined request: the
server must answer the first with 400/501 in its own JSON error shape, say ``Connection: close``,
close the socket, and never answer the second (it would be a smuggled request behind a proxy that
frames the first one differently).
"""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

from simulator.framing import Refusal, body_framing
from simulator.webdriver import WebDriverServer

if TYPE_CHECKING:
    from simulator.backend.server import BackendThread

BODY = b"{}"
CHUNKED_BODY = b"2\r\n{}\r\n0\r\n\r\n"

# case -> (header lines after Host and Content-Type, body bytes, expected status of the first answer)
REFUSED: dict[str, tuple[bytes, bytes, int]] = {
    "two different Content-Length": (b"Content-Length: 2\r\nContent-Length: 3\r\n", BODY + b"x", 400),
    "a Content-Length list that differs": (b"Content-Length: 2, 3\r\n", BODY + b"x", 400),
    "Content-Length then chunked": (b"Content-Length: 13\r\nTransfer-Encoding: chunked\r\n", CHUNKED_BODY, 400),
    "chunked then Content-Length": (b"Transfer-Encoding: chunked\r\nContent-Length: 13\r\n", CHUNKED_BODY, 400),
    "gzip, chunked": (b"Transfer-Encoding: gzip, chunked\r\n", CHUNKED_BODY, 501),
    "gzip and chunked in two fields": (b"Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", CHUNKED_BODY, 501),
    "chunked, gzip": (b"Transfer-Encoding: chunked, gzip\r\n", CHUNKED_BODY, 400),
    "gzip alone": (b"Transfer-Encoding: gzip\r\n", CHUNKED_BODY, 400),
    "chunked twice": (b"Transfer-Encoding: chunked, chunked\r\n", CHUNKED_BODY, 400),
    "an empty Transfer-Encoding": (b"Transfer-Encoding: \r\nContent-Length: 2\r\n", BODY, 400),
    "identity with Content-Length": (b"Transfer-Encoding: identity\r\nContent-Length: 2\r\n", BODY, 400),
    "chunk size not hex": (b"Transfer-Encoding: chunked\r\n", b"zz\r\n{}\r\n0\r\n\r\n", 400),
    "negative chunk size": (b"Transfer-Encoding: chunked\r\n", b"-2\r\n{}\r\n0\r\n\r\n", 400),
    "0x chunk size": (b"Transfer-Encoding: chunked\r\n", b"0x2\r\n{}\r\n0\r\n\r\n", 400),
    "chunk size of 40 hex digits": (b"Transfer-Encoding: chunked\r\n", b"f" * 40 + b"\r\n{}\r\n0\r\n\r\n", 400),
    "chunk data without CRLF": (b"Transfer-Encoding: chunked\r\n", b"2\r\n{}XX0\r\n\r\n", 400),
    "chunk longer than its size": (b"Transfer-Encoding: chunked\r\n", b"1\r\n{}\r\n0\r\n\r\n", 400),
    "chunk lines ended by LF only": (b"Transfer-Encoding: chunked\r\n", b"2\n{}\n0\n\n", 400),
}
ACCEPTED: dict[str, tuple[bytes, bytes]] = {
    "one Content-Length": (b"Content-Length: 2\r\n", BODY),
    "two equal Content-Length": (b"Content-Length: 2\r\nContent-Length: 2\r\n", BODY),
    "an equal Content-Length list": (b"Content-Length: 2, 2\r\n", BODY),
    "chunked": (b"Transfer-Encoding: chunked\r\n", CHUNKED_BODY),
    "Chunked in capitals, with an extension and a trailer": (
        b"Transfer-Encoding: Chunked\r\n",
        b"1;name=value\r\n{\r\n1\r\n}\r\n0\r\nX-Trailer: 1\r\n\r\n",
    ),
}


@dataclass(frozen=True)
class Surface:
    """One HTTP surface: where it listens, a POST whose answer shows the body was read, a GET to pipeline."""

    host: str
    port: int
    post: str
    read_status: int  # the answer to ``post`` with body ``{}``, read correctly
    pipelined: str
    error_code: Callable[[Any], str]  # the error code out of the surface's JSON error shape
    codes: dict[int, str]  # the error code of a refusal, per status


@pytest.fixture(scope="module")
def webdriver_server() -> Iterator[WebDriverServer]:
    def no_device(config: Any) -> Any:
        raise AssertionError("no session is created here")

    with WebDriverServer("127.0.0.1", 0, no_device, "http://127.0.0.1:9") as server:
        yield server


@pytest.fixture(params=["webdriver", "backend"])
def surface(request: pytest.FixtureRequest) -> Surface:
    if request.param == "webdriver":
        wd: WebDriverServer = request.getfixturevalue("webdriver_server")
        # POST /session with {} is 400 "needs a capabilities object": the JSON object was read
        codes = {400: "invalid argument", 501: "unsupported operation"}
        return Surface(wd.host, wd.port, "/session", 400, "/status", lambda body: body["value"]["error"], codes)
    backend: BackendThread = request.getfixturevalue("backend_server")
    # POST /app/v1/login with {} is 422 validation_error: the JSON object was read
    codes = {400: "bad_request", 501: "not_implemented"}
    return Surface(
        backend.host, backend.port, "/app/v1/login", 422, "/health", lambda body: body["error"]["code"], codes
    )


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes


def exchange(surface: Surface, fields: bytes, body: bytes, version: bytes = b"HTTP/1.1") -> tuple[list[Answer], bool]:
    """Send one request and a pipelined GET on one connection; every answer, and whether the server closed."""
    head = b"POST %s %s\r\nHost: x\r\nContent-Type: application/json\r\n" % (surface.post.encode(), version)
    pipelined = b"GET %s HTTP/1.1\r\nHost: x\r\n\r\n" % surface.pipelined.encode()
    with socket.create_connection((surface.host, surface.port), timeout=5) as sock:
        sock.sendall(head + fields + b"\r\n" + body + pipelined)
        stream, closed = b"", False
        while (answers := _parse(stream)) is None or len(answers) < 2:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                chunk = b""
            if not chunk:
                closed = True
                break
            stream += chunk
    answers = _parse(stream)
    assert answers is not None, stream
    return answers, closed


def _parse(stream: bytes) -> list[Answer] | None:
    """The complete answers in the stream (every answer here has a Content-Length); None if one is cut."""
    answers: list[Answer] = []
    while stream:
        head, sep, rest = stream.partition(b"\r\n\r\n")
        if not sep:
            return None
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
        length = int(headers["content-length"])
        if len(rest) < length:
            return None
        status = re.match(r"HTTP/1\.1 (\d{3}) ", status_line)
        assert status is not None, status_line
        answers.append(Answer(int(status.group(1)), headers, rest[:length]))
        stream = rest[length:]
    return answers


@pytest.mark.parametrize(("fields", "body", "status"), REFUSED.values(), ids=REFUSED.keys())
def test_an_ambiguous_or_bad_framing_is_refused_and_the_connection_closed(
    surface: Surface, fields: bytes, body: bytes, status: int
) -> None:
    answers, closed = exchange(surface, fields, body)
    assert [a.status for a in answers] == [status], "the pipelined request must not be served"
    answer = answers[0]
    assert answer.headers["connection"].lower() == "close"
    assert answer.headers["content-type"].startswith("application/json")
    assert surface.error_code(json.loads(answer.body)) == surface.codes[status]
    assert closed


def test_transfer_encoding_in_http_1_0_is_refused(surface: Surface) -> None:
    """RFC 9112 §6.1: a server MUST treat it as faulty framing, even with a Content-Length."""
    answers, closed = exchange(surface, b"Transfer-Encoding: chunked\r\n", CHUNKED_BODY, version=b"HTTP/1.0")
    assert [a.status for a in answers] == [400] and closed


@pytest.mark.parametrize(("fields", "body"), ACCEPTED.values(), ids=ACCEPTED.keys())
def test_unambiguous_framing_is_read_and_the_connection_kept(surface: Surface, fields: bytes, body: bytes) -> None:
    answers, closed = exchange(surface, fields, body)
    assert [a.status for a in answers] == [surface.read_status, 200]
    assert "connection" not in answers[0].headers
    assert not closed


@pytest.mark.parametrize(
    ("fields", "framing"),
    [
        ([], 0),
        ([("Content-Length", "17")], 17),
        ([("content-length", " 5 "), ("CONTENT-LENGTH", "5, 5")], 5),
        ([("Transfer-Encoding", "chunked")], "chunked"),
        ([("Transfer-Encoding", " , CHUNKED")], "chunked"),  # empty list elements count for nothing (RFC 9110 §5.6.1)
        (
            [("Transfer-Encoding", "gzip, chunked")],
            Refusal(501, "transfer coding 'gzip' is not supported (only chunked)"),
        ),
        ([("Content-Length", "-5")], Refusal(400, "invalid Content-Length '-5'")),
        ([("Content-Length", "+5")], Refusal(400, "invalid Content-Length '+5'")),
        ([("Content-Length", "٥")], Refusal(400, "invalid Content-Length '٥'")),  # a digit, but not ASCII
        ([("Content-Length", "1" * 19)], Refusal(400, f"invalid Content-Length '{'1' * 19}'")),
        ([("Content-Length", "")], Refusal(400, "invalid Content-Length ''")),
    ],
)
def test_body_framing(fields: list[tuple[str, str]], framing: object) -> None:
    assert body_framing("HTTP/1.1", fields) == framing
