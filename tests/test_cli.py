"""``kundenapp-sim backend|serve``: bad input is one line naming the file or the option, exit 2, no traceback."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from simulator.cli import main, telefone_page
from simulator.client.probe import WrongPlace


@pytest.fixture()
def taken_port() -> Iterator[int]:
    """A loopback port another process listens on."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _one_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


@pytest.mark.parametrize("command", [["backend", "--port", "0"], ["serve", "--port", "0", "--backend-port", "0"]])
def test_db_in_a_directory_that_does_not_exist(command: list[str], tmp_path: Path) -> None:
    target = tmp_path / "fehlt" / "x.db"
    line = _one_line(_run(*command, "--kdf", "test", "--db", str(target)))
    assert line == f"Fehler: Datenbank {target}: das Verzeichnis {target.parent} gibt es nicht"


@pytest.mark.parametrize("command", [["backend", "--port", "0"], ["serve", "--port", "0", "--backend-port", "0"]])
def test_db_file_that_is_not_a_database(command: list[str], tmp_path: Path) -> None:
    target = tmp_path / "notizen.db"
    target.write_text("keine Datenbank\n" * 100, encoding="utf-8")
    line = _one_line(_run(*command, "--kdf", "test", "--db", str(target)))
    assert line == f"Fehler: Datenbank {target}: die Datei ist keine SQLite-Datenbank"
    assert target.read_text(encoding="utf-8").startswith("keine Datenbank")  # left as it was


def test_db_that_is_a_directory(tmp_path: Path) -> None:
    line = _one_line(_run("backend", "--port", "0", "--kdf", "test", "--db", str(tmp_path)))
    assert line == f"Fehler: Datenbank {tmp_path}: das ist ein Verzeichnis, keine Datei"


def test_backend_port_in_use_names_the_port_and_the_option(taken_port: int) -> None:
    line = _one_line(_run("backend", "--kdf", "test", "--port", str(taken_port)))
    assert f"Port {taken_port}" in line and "belegt" in line and "--port" in line


@pytest.mark.parametrize(("option", "other"), [("--port", "--backend-port"), ("--backend-port", "--port")])
def test_serve_port_in_use_names_the_option_of_that_port(taken_port: int, option: str, other: str) -> None:
    line = _one_line(_run("serve", "--kdf", "test", option, str(taken_port), other, "0"))
    assert f"Port {taken_port}" in line and f"mit {option} einen anderen" in line


@pytest.mark.parametrize("command", [["backend", "--port", "0"], ["serve", "--port", "0", "--backend-port", "0"]])
@pytest.mark.parametrize("value", ["30", "bald", "0m"])
def test_expire_idle_needs_a_duration(command: list[str], value: str) -> None:
    line = _one_line(_run(*command, "--kdf", "test", "--expire-idle", value))
    assert line.startswith(f"Fehler: --expire-idle {value!r}: eine Dauer wie 30m, 90s oder 2h erwartet"), line


@pytest.mark.parametrize("command", [["backend", "--port", "0"], ["serve", "--port", "0", "--backend-port", "0"]])
@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_test_control_without_a_key_is_refused_beyond_loopback(command: list[str], host: str) -> None:
    line = _one_line(_run(*command, "--kdf", "test", "--host", host))
    assert line.startswith(f"Fehler: Die Test-Steuerung (/test/v1, /postfach/) wäre auf {host} ohne Schlüssel"), line
    assert "--test-api-token TOKEN oder KUNDENAPP_TEST_API_TOKEN" in line and "--test-api-insecure" in line


@pytest.mark.parametrize("command", [["backend", "--port", "0"], ["serve", "--port", "0", "--backend-port", "0"]])
@pytest.mark.parametrize("key", ["kurz", "mit leerzeichen 0123456789", "umlaute-äöü-0123456789"])
def test_a_weak_or_unsendable_key_is_refused(command: list[str], key: str) -> None:
    line = _one_line(_run(*command, "--kdf", "test", "--test-api-token", key))
    assert line.startswith("Fehler: --test-api-token: mindestens 16 Zeichen, nur sichtbare ASCII-Zeichen"), line


def test_the_key_is_read_from_the_environment_too() -> None:
    result = CliRunner().invoke(
        main, ["backend", "--port", "0", "--kdf", "test"], env={"KUNDENAPP_TEST_API_TOKEN": "kurz"}
    )
    assert _one_line(result).startswith("Fehler: --test-api-token: mindestens 16 Zeichen")


@pytest.mark.parametrize("option", ["--no-test-api", "--test-api-insecure"])
def test_serve_with_a_shared_backend_refuses_the_own_backends_test_control_options(option: str) -> None:
    result = _run("serve", "--port", "0", "--backend-url", "http://127.0.0.1:9", option)
    assert result.exit_code == 2
    assert f"{option} gilt nur ohne --backend-url" in result.output


@pytest.mark.parametrize(
    ("given", "page"),
    [
        ("http://127.0.0.1:4723", "http://127.0.0.1:4723/telefone/"),  # a serve's Appium URL, as serve prints it
        ("127.0.0.1:4723/", "http://127.0.0.1:4723/telefone/"),
        ("http://127.0.0.1:4723/telefone", "http://127.0.0.1:4723/telefone/"),
        ("https://grid.example:4444/telefone/", "https://grid.example:4444/telefone/"),
    ],
)
def test_telefone_url_names_the_page_when_given_the_appium_url(given: str, page: str) -> None:
    assert telefone_page(given) == page


def test_telefone_url_of_another_scheme_is_refused() -> None:
    with pytest.raises(WrongPlace, match="--telefone-url ftp://x: keine http"):
        telefone_page("ftp://x")
