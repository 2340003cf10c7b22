"""Every ``--url``, ``--backend-url``, ``--appium-url``: no scheme means http, swapped URLs are named, exit 2.

The commands check a URL through one helper (``simulator.tools.errors.server_url`` over
``simulator.client.probe``), so each wrong place gives the same line on every command; click's
own usage errors end the same way (``Fehler: …``, exit code 2).
"""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from simulator.cli import main
from simulator.embedded import Simulator
from tests.world.conftest import EXAMPLES

PETER = "peter.vater@example.com"
WORLD = str(EXAMPLES / "healthy.yaml")


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with Simulator() as running:
        yield running


@pytest.fixture(scope="module")
def dead() -> str:
    """A loopback URL nothing listens on."""
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{unused.getsockname()[1]}"


class _Quiet(http.server.BaseHTTPRequestHandler):
    """Answers 404 to everything, without a log line."""

    def do_GET(self) -> None:
        self.send_error(404)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def other() -> Iterator[str]:
    """Some other HTTP server: neither backend nor Appium."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


# Each command with the option it takes a backend URL in (the rest of its arguments around it).
BACKEND_OPTIONS = {
    "diagnose": (["diagnose", "--email", PETER, "--url"], []),
    "load": (["load", "--url"], [WORLD]),
    "snapshot": (["snapshot", "--url"], []),
    "serve": (["serve", "--port", "0", "--backend-url"], []),
}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="kundenapp-sim")


def one_line(result: Result) -> str:
    """The one line a refused command prints (on stderr), exit code 2."""
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("Fehler: ")
    return line


@pytest.mark.parametrize("command", sorted(BACKEND_OPTIONS))
def test_the_appium_url_where_the_backend_belongs_names_the_backend_url(sim: Simulator, command: str) -> None:
    before, after = BACKEND_OPTIONS[command]
    option = before[-1]
    assert one_line(run(*before, sim.appium_url, *after)) == (
        f"Fehler: {option} {sim.appium_url}: dort antwortet ein Appium-Server (WebDriver), kein Kunden-App-Backend; "
        f"gemeint ist wohl {option} {sim.backend_url}"
    )


@pytest.mark.parametrize("command", sorted(BACKEND_OPTIONS))
def test_an_unreachable_backend_is_one_line(dead: str, command: str) -> None:
    before, after = BACKEND_OPTIONS[command]
    line = one_line(run(*before, dead, *after))
    assert line.startswith(f"Fehler: {before[-1]} {dead}: nicht erreichbar (")
    assert line.endswith("; kundenapp-sim backend oder kundenapp-sim serve starten")


@pytest.mark.parametrize("command", sorted(BACKEND_OPTIONS))
def test_a_server_that_is_neither_is_named_as_such(other: str, command: str) -> None:
    before, after = BACKEND_OPTIONS[command]
    assert one_line(run(*before, other, *after)) == (
        f"Fehler: {before[-1]} {other}: dort antwortet weder ein Kunden-App-Backend noch ein Appium-Server "
        "(HTTP 404 auf /openapi.json und /status)"
    )


@pytest.mark.parametrize("command", sorted(BACKEND_OPTIONS))
def test_a_url_of_another_scheme_is_refused(command: str) -> None:
    before, after = BACKEND_OPTIONS[command]
    assert one_line(run(*before, "ftp://127.0.0.1:8081", *after)) == (
        f"Fehler: {before[-1]} ftp://127.0.0.1:8081: keine http(s)-URL (z. B. http://127.0.0.1:8081)"
    )


def test_the_backend_url_where_the_appium_url_belongs_names_serves_appium_url(sim: Simulator) -> None:
    assert one_line(run("snapshot", "--appium-url", sim.backend_url)) == (
        f"Fehler: --appium-url {sim.backend_url}: dort antwortet das Kunden-App-Backend, kein Appium-Server; "
        "gemeint ist wohl die Appium-URL, die serve druckt („Appium-URL:“, Standard-Port 4723)"
    )


def test_an_unreachable_appium_url_is_one_line(dead: str) -> None:
    line = one_line(run("snapshot", "--appium-url", dead))
    assert line.startswith(f"Fehler: --appium-url {dead}: nicht erreichbar (")


def test_urls_without_scheme_are_taken_as_http(sim: Simulator, tmp_path: Path) -> None:
    backend, appium = sim.backend_url.removeprefix("http://"), sim.appium_url.removeprefix("http://")
    loaded = run("load", "--url", backend, "--replace", WORLD)
    assert loaded.exit_code == 0, loaded.output
    diagnosed = run("diagnose", "--url", backend, "--email", PETER)
    assert diagnosed.exit_code == 0, diagnosed.output
    out = tmp_path / "welt.yaml"
    taken = run("snapshot", "--appium-url", appium, "-o", str(out))
    assert taken.exit_code == 0, taken.output
    assert out.read_text(encoding="utf-8").startswith(f"# Momentaufnahme von {sim.backend_url} und {appium}\n")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["load", WORLD], "Fehler: --url fehlt (kundenapp-sim load --help zeigt die Optionen)"),
        (["load", "--url", "x"], "Fehler: WORLD_FILE fehlt (kundenapp-sim load --help zeigt die Optionen)"),
        (
            ["snapshot", "--ur", "x"],
            "Fehler: unbekannte Option --ur (meinten Sie --url?) (kundenapp-sim snapshot --help zeigt die Optionen)",
        ),
        (
            ["backend", "--port", "achtzig"],
            "Fehler: --port: ungültiger Wert ('achtzig' is not a valid integer range) "
            "(kundenapp-sim backend --help zeigt die Optionen)",
        ),
        (["schnappschuss"], "Fehler: unbekannter Befehl „schnappschuss“ (kundenapp-sim --help zeigt die Optionen)"),
        (["snapshot"], "Fehler: --url (Backend) oder --appium-url (Simulator mit seinen Telefonen) angeben"),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(args: list[str], line: str) -> None:
    assert one_line(run(*args)) == line
