"""``--target remote`` against a kundenapp-sim serve: detected by /status, backendUrl sent, no simulator skips."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from harness.phones import capabilities
from harness.targets import Target, answers_as_simulator
from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from simulator.embedded import Simulator

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def status_server() -> Iterator[tuple[list[Any], str]]:
    """A stand-in for a Grid hub: answers /status with whatever the test puts into ``answer[0]``."""
    answer: list[Any] = [{}]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps(answer[0]).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield answer, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _grid_status(*stereotypes: dict[str, Any]) -> dict[str, Any]:
    slots = [{"id": {"id": str(n)}, "session": None, "stereotype": s} for n, s in enumerate(stereotypes)]
    return {"value": {"ready": True, "message": "Selenium Grid ready.", "nodes": [{"slots": slots}]}}


def test_a_simulator_serve_answers_as_one() -> None:
    with Simulator() as sim:
        assert answers_as_simulator(sim.appium_url)
        assert not answers_as_simulator(sim.backend_url)  # FastAPI: /status is no WebDriver status


def test_a_grid_hub_counts_only_when_every_node_relays_to_a_simulator(status_server: tuple[list[Any], str]) -> None:
    answer, url = status_server
    simulator = {"platformName": "Android", "kundenapp:simulator": "kundenapp-sim"}
    answer[0] = _grid_status(simulator, {**simulator, "platformName": "iOS"})
    assert answers_as_simulator(url)
    answer[0] = _grid_status(simulator, {"platformName": "Android", "appium:automationName": "UiAutomator2"})
    assert not answers_as_simulator(url)  # a real device among them: simulator-only steps would fail there
    answer[0] = _grid_status()
    assert not answers_as_simulator(url)
    answer[0] = {"value": {"ready": True, "message": "ok", "build": {"version": "3.8.0"}}}  # a real Appium
    assert not answers_as_simulator(url)


def test_remote_serve_with_its_own_backend_runs_the_os_update_scenarios() -> None:
    """The serve has its own backend; only kundenapp:backendUrl makes its phones use the suite's one."""
    suite_backend = BackendThread(Settings(db=":memory:", kdf_profile="test"))
    with suite_backend, Simulator() as serve:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "tests/e2e",
                "-m",
                "update_os",
                "-p",
                "no:cacheprovider",
                "-q",
                "--target",
                "remote",
                "--appium-url",
                serve.appium_url,
                "--backend-url",
                suite_backend.url,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stdout[-3000:]
    summary = done.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ passed, \d+ deselected in .*", summary), summary  # no skips, no failures


def test_phones_on_a_simulator_name_no_device_so_each_gets_a_private_one() -> None:
    """Two phones of one scenario, or parallel workers on one serve, must not ask for the same device: the
    simulator refuses a device in use (as Appium). A real Appium keeps the device name it needs."""

    embedded = Target("embedded", "http://a", "http://b", {}, 0)
    grid_of_serves = Target("remote", "http://a", "http://b", {}, 0, remote_simulator=True)
    for target in (embedded, grid_of_serves):
        assert "appium:deviceName" not in capabilities(target, "android", "4.0.0", None)
    real = Target("remote", "http://a", "http://b", {}, 0)
    assert capabilities(real, "ios", "4.0.0", None)["appium:deviceName"] == "iPhone 15"
    chosen = Target("embedded", "http://a", "http://b", {"appium:deviceName": "Pixel 7"}, 0)
    assert capabilities(chosen, "android", "4.0.0", None)["appium:deviceName"] == "Pixel 7"  # --caps decides
