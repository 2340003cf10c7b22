"""Sessions through Selenium Grid when a node dies: which refusals are retried, how often, and what a lost session says.

The messages are Grid 4.48's own (its first lines; Grid appends host and build info), taken from a
hub with two relay nodes: one serve killed, one relay node killed, an unknown app build, an OS
version no stereotype has (harness/grid_sessions.py; the whole story in tests/grid/test_local_grid.py).
"""

from __future__ import annotations

import html
import json
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from selenium.common.exceptions import SessionNotCreatedException, WebDriverException

from harness.grid_sessions import ATTEMPTS, NodeAwareErrors, NodeLost, SessionNotStarted, start, unreachable
from simulator.embedded import Simulator
from simulator.grid.hub_config import HEALTHCHECK_SECONDS
from simulator.grid.status import HubNode

ROOT = Path(__file__).resolve().parents[2]
HOST_INFO = "\nHost info: host: 'vm', ip: '127.0.0.1'\nBuild info: version: '4.48.0', revision: '27f5213'"
SERVE_DIED = (
    "Could not start a new session. Could not start a new session. Error while creating session with the service "
    "http://127.0.0.1:43977. Connection error (POST http://127.0.0.1:43977/session) " + HOST_INFO
)
NODE_DIED = "Could not start a new session. Connection error (POST http://127.0.0.1:58849/se/grid/node/session) "
UNKNOWN_BUILD = (
    "Could not start a new session. Could not start a new session. Error while creating session with the service "
    "http://127.0.0.1:39819. Could not start a new session. Response code 500. Message: Unbekannter App-Build "
    "„kundenapp-9.9.9.apk“ (Version 9.9.9) / unknown app build 'kundenapp-9.9.9.apk'" + HOST_INFO
)
NO_STEREOTYPE = "Could not start a new session. No nodes support the capabilities in the request " + HOST_INFO


@pytest.mark.parametrize(
    ("message", "url"),
    [
        (SERVE_DIED, "http://127.0.0.1:43977"),
        (NODE_DIED, "http://127.0.0.1:58849"),
        (SERVE_DIED.replace("Connection error", "Failed to execute request"), "http://127.0.0.1:43977"),  # mid-answer
        (UNKNOWN_BUILD, None),
        (NO_STEREOTYPE, None),
    ],
)
def test_only_a_node_grid_could_not_reach_counts_as_unreachable(message: str, url: str | None) -> None:
    assert unreachable(SessionNotCreatedException(message)) == url


def test_a_connection_error_of_a_running_session_is_no_refused_session() -> None:
    running = "Connection error (POST http://127.0.0.1:43977/session/8e32c654/elements)"
    assert unreachable(WebDriverException(running)) is None
    assert unreachable(SessionNotCreatedException(running)) is None


class Creations:
    """A stand-in for ``webdriver.Remote``: raises the given errors in turn, then returns a session."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "session"


def _waits() -> tuple[list[float], Callable[[float], None]]:
    waits: list[float] = []
    return waits, waits.append


def test_a_session_refused_for_a_dying_node_is_created_again_and_says_so() -> None:
    create = Creations(SessionNotCreatedException(SERVE_DIED), SessionNotCreatedException(NODE_DIED))
    waits, sleep = _waits()
    started = start(create, sleep=sleep)
    assert started.session == "session" and create.calls == 3 and waits == [1, 2]
    assert started.note == (
        "Sitzung nach 3 Versuchen angelegt (Knoten http://127.0.0.1:43977, http://127.0.0.1:58849 nicht erreichbar)"
    )


def test_a_session_created_at_once_has_no_note() -> None:
    assert start(Creations(), sleep=_waits()[1]).note is None


@pytest.mark.parametrize(
    "error",
    [
        SessionNotCreatedException(UNKNOWN_BUILD),
        SessionNotCreatedException(NO_STEREOTYPE),
        WebDriverException("Connection error (POST http://127.0.0.1:43977/session)"),  # not Grid's refusal
        ConnectionRefusedError(111, "Connection refused"),  # the hub itself is gone
    ],
)
def test_any_other_failure_is_not_retried(error: Exception) -> None:
    create = Creations(error)
    waits, sleep = _waits()
    with pytest.raises(type(error)) as raised:
        start(create, sleep=sleep)
    assert raised.value is error and create.calls == 1 and waits == []


def test_retries_end_after_a_few_short_waits_with_a_german_message() -> None:
    create = Creations(*(SessionNotCreatedException(SERVE_DIED) for _ in range(ATTEMPTS + 3)))
    waits, sleep = _waits()
    with pytest.raises(SessionNotStarted) as raised:
        start(create, sleep=sleep)
    assert create.calls == ATTEMPTS == 5 and waits == [1, 2, 4, 8]
    assert sum(waits) > HEALTHCHECK_SECONDS  # the hub has marked the dead node DOWN before the last attempt
    assert str(raised.value.msg).startswith(
        "Sitzung nach 5 Versuchen nicht angelegt (Knoten http://127.0.0.1:43977 nicht erreichbar): Could not start"
    )


def test_a_node_that_goes_down_between_attempts_ends_the_retries_with_grids_answer() -> None:
    """One node, dead: after the hub's health check no node supports the capabilities any more."""
    create = Creations(SessionNotCreatedException(SERVE_DIED), SessionNotCreatedException(NO_STEREOTYPE))
    with pytest.raises(SessionNotCreatedException, match="No nodes support the capabilities"):
        start(create, sleep=_waits()[1])
    assert create.calls == 2


NODE: HubNode = {"id": "5e2e5653-6c8c", "uri": "http://127.0.0.1:60395", "availability": "UP", "slots": []}


def _grid_error(message: str) -> dict[str, object]:
    """A hub's answer as Selenium's RemoteConnection hands it to the error handler."""
    body = {"value": {"error": "unknown error", "message": message, "stacktrace": "java.lang.RuntimeException"}}
    return {"status": 500, "value": json.dumps(body)}


@pytest.mark.parametrize(
    "message",
    [
        "Connection error (GET http://127.0.0.1:41869/session/fb56a971/source)",  # the serve is gone
        "Failed to execute request (POST http://127.0.0.1:34999/session/fb56a971/elements)",  # it died answering
        "Unable to execute request for an existing session: Connection error "  # the relay node is gone
        "(GET http://127.0.0.1:60395/session/fb56a971/source)",
    ],
)
def test_a_session_lost_with_its_node_names_the_node(message: str) -> None:
    with pytest.raises(NodeLost) as raised:
        NodeAwareErrors(NODE, "fb56a971").check_response(_grid_error(message))
    assert raised.value.msg == (
        "Grid-Knoten 5e2e5653-6c8c (http://127.0.0.1:60395) nicht mehr erreichbar, Sitzung fb56a971 verloren: "
        + message
    )


@pytest.mark.parametrize(
    "message",
    [
        "Connection error (GET http://127.0.0.1:41869/session/other/source)",  # another session's
        "no such element: Unable to locate element",
    ],
)
def test_other_errors_of_a_session_stay_as_they_are(message: str) -> None:
    with pytest.raises(WebDriverException) as raised:
        NodeAwareErrors(NODE, "fb56a971").check_response(_grid_error(message))
    assert type(raised.value) is not NodeLost and raised.value.msg == message


def test_an_answer_without_error_passes() -> None:
    NodeAwareErrors(NODE, "fb56a971").check_response({"status": 0, "value": None})


@pytest.fixture()
def hub_with_a_dead_node() -> Iterator[tuple[str, str, list[int]]]:
    """A stand-in for a Grid hub in front of a real serve: the first new session meets a dead node, as on Grid
    4.48 (its SessionNotCreated answer), the rest is passed through. Yields its URL, the backend's and the refusals."""
    refused: list[int] = []
    with Simulator() as serve:

        class Hub(BaseHTTPRequestHandler):
            def relay(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.command == "POST" and self.path == "/session" and not refused:
                    refused.append(1)
                    error = {"error": "session not created", "message": NODE_DIED + HOST_INFO, "stacktrace": ""}
                    self.answer(500, json.dumps({"value": error}).encode())
                    return
                headers = {"Content-Type": "application/json; charset=utf-8"}
                upstream = httpx.request(self.command, serve.appium_url + self.path, content=body, headers=headers)
                self.answer(upstream.status_code, upstream.content)

            def answer(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_DELETE = relay

            def log_message(self, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Hub)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}", serve.backend_url, refused
        finally:
            server.shutdown()
            server.server_close()


def test_a_scenario_whose_phone_needed_a_second_attempt_passes_and_the_reports_say_so(
    hub_with_a_dead_node: tuple[str, str, list[int]], tmp_path: Path
) -> None:
    hub, backend, refused = hub_with_a_dead_node
    done = subprocess.run(
        [sys.executable, "-m", "pytest", f"{ROOT}/tests/e2e/test_allgemein.py", "-p", "no:cacheprovider", "-q",
         "-k", "test_nach_dem_update_des_betriebssystems_ist_die_angemeldete_kundin_wieder_in_der_app",
         "--target", "remote", "--appium-url", hub, "--backend-url", backend,
         f"--junitxml={tmp_path}/junit.xml", f"--html={tmp_path}/e2e.html", "--self-contained-html"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0 and refused == [1], done.stdout[-3000:]
    note = "Sitzung nach 2 Versuchen angelegt (Knoten http://127.0.0.1:58849 nicht erreichbar)"
    properties = {p.get("name"): p.get("value") for p in ET.parse(tmp_path / "junit.xml").getroot().iter("property")}
    assert properties["sitzung"] == note
    assert note in html.unescape((tmp_path / "e2e.html").read_text(encoding="utf-8"))  # the row's captured log
