"""``--target remote`` and ``--caps``: bad options or an unreachable target are one usage error (exit 4) at start.

Not a traceback per test: the run stops before the first test with a line that names the URL or
file and what to do.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from simulator.embedded import Simulator

ROOT = Path(__file__).resolve().parents[2]
DEAD = "http://127.0.0.1:9"  # discard port: nothing listens


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with Simulator() as running:
        yield running


def _run(*args: str, key: str = "") -> subprocess.CompletedProcess[str]:
    """The suite's preflight with these options; ``key`` is the environment's test-control key (none: empty)."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/e2e/test_login.py", "-p", "no:cacheprovider", "-q", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "KUNDENAPP_TEST_API_TOKEN": key},
    )


def _usage_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "passed" not in result.stdout and "failed" not in result.stdout  # no test ran
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("ERROR: ")]
    return line


def test_an_appium_url_that_does_not_answer_stops_the_run(sim: Simulator) -> None:
    line = _usage_error(_run("--target", "remote", "--appium-url", DEAD, "--backend-url", sim.backend_url))
    assert line.startswith(f"ERROR: --target remote: --appium-url {DEAD}: nicht erreichbar (")
    assert line.endswith("; kundenapp-sim serve (oder einen Appium-Server) starten")


def test_a_backend_url_that_does_not_answer_stops_the_run(sim: Simulator) -> None:
    line = _usage_error(_run("--target", "remote", "--appium-url", sim.appium_url, "--backend-url", DEAD))
    assert line.startswith(f"ERROR: --target remote: --backend-url {DEAD}: nicht erreichbar (")
    assert line.endswith("; kundenapp-sim backend oder kundenapp-sim serve starten")


def test_swapped_urls_are_recognised_and_the_right_one_named(sim: Simulator) -> None:
    line = _usage_error(_run("--target", "remote", "--appium-url", sim.appium_url, "--backend-url", sim.appium_url))
    assert line == (
        f"ERROR: --target remote: --backend-url {sim.appium_url}: dort antwortet ein Appium-Server (WebDriver), "
        f"kein Kunden-App-Backend; gemeint ist wohl --backend-url {sim.backend_url}"
    )


def test_a_backend_without_test_control_stops_the_run(sim: Simulator) -> None:
    with BackendThread(Settings(kdf_profile="test", test_api=False)) as plain:
        line = _usage_error(_run("--target", "remote", "--appium-url", sim.appium_url, "--backend-url", plain.url))
    assert f"{plain.url}/test/v1/clock antwortet 404" in line and "--no-test-api" in line


def test_a_missing_backend_url_is_one_usage_error(sim: Simulator) -> None:
    line = _usage_error(_run("--target", "remote", "--appium-url", sim.appium_url))
    assert line == "ERROR: --target remote braucht --appium-url und --backend-url (fehlt: --backend-url)"


@pytest.mark.parametrize(
    ("content", "says"),
    [('{"appium:deviceName": "Pixel",}', "kein gültiges JSON (Zeile 1, Spalte 31"), ("[1, 2]", "JSON-Objekt")],
)
def test_broken_caps_are_one_usage_error(tmp_path: Path, content: str, says: str) -> None:
    caps = tmp_path / "caps.json"
    caps.write_text(content, encoding="utf-8")
    line = _usage_error(_run("--caps", str(caps)))
    assert f"--caps {caps}: " in line and says in line


def test_missing_caps_file_is_one_usage_error(tmp_path: Path) -> None:
    line = _usage_error(_run("--caps", str(tmp_path / "fehlt.json")))
    assert "Datei nicht lesbar" in line


def test_a_reachable_remote_target_passes_the_preflight(sim: Simulator) -> None:
    result = _run("--target", "remote", "--appium-url", sim.appium_url, "--backend-url", sim.backend_url, "-k", "xyz")
    assert result.returncode == 5, result.stdout + result.stderr  # started, and no test selected
    assert "ERROR" not in result.stderr


KEY = "schluessel-der-test-steuerung-0123456789"


@pytest.fixture(scope="module")
def keyed() -> Iterator[BackendThread]:
    """A shared backend whose test control demands its key."""
    with BackendThread(Settings(kdf_profile="test", test_api_token=KEY)) as server:
        yield server


def test_a_keyed_backend_without_its_key_stops_the_run_and_says_how(sim: Simulator, keyed: BackendThread) -> None:
    line = _usage_error(_run("--target", "remote", "--appium-url", sim.appium_url, "--backend-url", keyed.url))
    assert line == (
        f"ERROR: --target remote: {keyed.url}/test/v1/clock verlangt den Schlüssel der Test-Steuerung "
        "(--test-api-token TOKEN oder KUNDENAPP_TEST_API_TOKEN setzen)"
    )
    remote = ("--target", "remote", "--appium-url", sim.appium_url, "--backend-url", keyed.url)
    line = _usage_error(_run(*remote, "--test-api-token", "falsch-falsch-falsch"))
    assert line.endswith("verlangt den Schlüssel der Test-Steuerung (der gegebene passt nicht)")


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_key_as_option_or_from_the_environment_passes_the_preflight(
    sim: Simulator, keyed: BackendThread, how: str
) -> None:
    remote = ["--target", "remote", "--appium-url", sim.appium_url, "--backend-url", keyed.url, "-k", "xyz"]
    result = _run(*remote, "--test-api-token", KEY) if how == "option" else _run(*remote, key=KEY)
    assert result.returncode == 5, result.stdout + result.stderr  # started, and no test selected
    assert "ERROR" not in result.stderr
