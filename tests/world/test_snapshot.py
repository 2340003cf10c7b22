"""A snapshot of a running backend loads back into the same state (load -> snapshot -> load); with a simulator's
phones (every one, or one broker's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from simulator.cli import main
from simulator.client import BackendClient, BackendError
from simulator.embedded import Simulator
from simulator.tools.run import start
from simulator.world.load import load
from simulator.world.parse import parse, read
from simulator.world.snapshot import snapshot, to_yaml
from tests.backend.console_client import Console
from tests.world.conftest import PETER, WORLD_FILES, example


@pytest.fixture(scope="module")
def second_server() -> Iterator[BackendThread]:
    with BackendThread(Settings(kdf_profile="test")) as running:
        yield running


@pytest.fixture()
def second(second_server: BackendThread) -> Iterator[BackendClient]:
    """Another, empty backend to load the snapshot into."""
    with BackendClient(second_server.url) as client:
        client.http.call("POST", "/test/v1/reset")
        yield client


@pytest.mark.parametrize("path", WORLD_FILES, ids=lambda p: p.stem)
def test_round_trip_gives_the_same_state(backend: BackendClient, second: BackendClient, path: Path) -> None:
    load(backend, read(path))
    first = to_yaml(snapshot(backend))
    load(second, parse(first, "snapshot.yaml"))
    assert to_yaml(snapshot(second)) == first


def test_snapshot_spells_out_the_state(backend: BackendClient) -> None:
    load(backend, example("login_reset"))
    text = to_yaml(snapshot(backend))
    assert "password_hash: $argon2id$" in text
    assert "send_invitation: false" in text
    assert (
        "attempts:\n- action: login\n  makler_id: MK204703\n  email: peter.vater@example.com\n  failures: 3\n" in text
    )
    assert "Sommer!2026" not in text and "api_key" not in text


def test_passwords_links_and_locks_survive_the_round_trip(backend: BackendClient, second: BackendClient) -> None:
    load(backend, example("login_reset"))
    backend.http.call("POST", "/app/v1/password/forgot", {"email": PETER, "makler_id": "MK204703"})
    for _ in range(2):  # five failures lock the login for 15 minutes
        with pytest.raises(BackendError):
            backend.http.call("POST", "/app/v1/login", {"email": PETER, "makler_id": "MK204703", "password": "x"})
    load(second, parse(to_yaml(snapshot(backend))))
    wrong = {"email": PETER, "makler_id": "MK204703", "password": "Sommer!2026"}
    with pytest.raises(BackendError) as locked:
        second.http.call("POST", "/app/v1/login", wrong)
    assert locked.value.status == 429
    (reset_mail,) = [m for m in second.export()["mails"] if m["kind"] == "reset"]
    token = reset_mail["links"][0].split("token=")[1]
    second.http.call("POST", "/app/v1/password/reset", {"token": token, "password": "Herbst!2027"})
    assert second.http.call("POST", "/app/v1/login", {**wrong, "password": "Herbst!2027"})["access_token"]
    (reset_mail,) = [m for m in second.export()["mails"] if m["kind"] == "reset"]
    assert reset_mail["link_state"] == "used"


def test_snapshot_command_writes_yaml_of_one_broker(backend: BackendClient, tmp_path: Path) -> None:
    load(backend, example("reg_email"))
    backend.http.call("POST", "/test/v1/brokers", {"makler_id": "MK999000"})
    out = tmp_path / "welt.yaml"
    result = CliRunner().invoke(main, ["snapshot", "--url", backend.url, "--makler-id", "mk204706", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith(f"# Momentaufnahme von {backend.url} (Makler mk204706)\n")
    world = read(out)
    assert [b.makler_id for b in world.brokers] == ["MK204706"]
    assert [(m.kind, m.to) for m in world.mails] == [("invitation", PETER), ("notice", "peter.privat@example.org")]
    assert [(a.action, a.email) for a in world.attempts] == [("register", "peter.privat@example.org")]


def test_snapshot_of_an_unreachable_backend_exits_2() -> None:
    result = CliRunner().invoke(main, ["snapshot", "--url", "http://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "nicht erreichbar" in result.output


def test_snapshot_of_an_unknown_broker_is_an_error_and_writes_no_file(backend: BackendClient, tmp_path: Path) -> None:
    load(backend, example("reg_email"))
    out = tmp_path / "welt.yaml"
    result = CliRunner().invoke(main, ["snapshot", "--url", backend.url, "--makler-id", "MK000404", "-o", str(out)])
    assert result.exit_code == 2
    assert "Makler MK000404 nicht gefunden" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_a_failed_konsole_sign_in_is_exported_but_is_no_customer_attempt_of_the_world(backend: BackendClient) -> None:
    load(backend, example("login_reset"))
    console = Console(backend.url)
    try:
        assert console.login("MK204703", "kein-gueltiger-schluessel").status_code == 401
    finally:
        console.close()
    exported = backend.export()["attempts"]
    assert {a["action"] for a in exported} == {"login", "konsole"}
    world = snapshot(backend)
    assert [(a.action, a.email) for a in world.attempts] == [("login", PETER)]


def test_a_registration_from_the_invitation_survives_the_round_trip(
    backend: BackendClient, second: BackendClient
) -> None:
    """The snapshot says the pending password proved the mailbox: activation adopts it after loading, too."""
    load(backend, example("reg_activate"))
    text = to_yaml(snapshot(backend))
    assert "from_invitation: true" in text
    loaded = load(second, parse(text))
    activated = second.admin(loaded.api_keys["MK204705"]).change_state(PETER, "activate")
    assert activated["password"] == "adopted"
    login = {"email": PETER, "makler_id": "MK204705", "password": "Sommer!2026"}
    assert second.http.call("POST", "/app/v1/login", login)["access_token"]


def _served_side_by_side(sim: Simulator) -> None:
    """Two example worlds in one simulator, their phones on devices of their own names."""
    for name, device in (("shared_relogin", "Pixel Peter"), ("update_os", "Pixel Otto")):
        world = example(name)
        assert world.phone is not None
        start(sim, world.model_copy(update={"phone": world.phone.model_copy(update={"device_name": device})}))


def test_snapshot_of_a_simulator_writes_every_phone(tmp_path: Path) -> None:
    out = tmp_path / "welt.yaml"
    with Simulator() as sim:
        _served_side_by_side(sim)
        result = CliRunner().invoke(main, ["snapshot", "--appium-url", sim.appium_url, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    world = read(out)
    assert world.version == 2 and world.phone is None
    assert [(p.device_name, p.account, p.logged_in) for p in world.phones] == [
        ("Pixel Peter", PETER, True),
        ("Pixel Otto", PETER, True),
    ]
    assert [b.makler_id for b in world.brokers] == ["MK204711", "MK204718"]


def test_snapshot_of_one_broker_keeps_only_that_brokers_phones(tmp_path: Path) -> None:
    out = tmp_path / "welt.yaml"
    with Simulator() as sim:
        _served_side_by_side(sim)
        args = ["snapshot", "--appium-url", sim.appium_url, "--makler-id", "mk204718", "-o", str(out)]
        result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    world = read(out)
    assert [b.makler_id for b in world.brokers] == ["MK204718"]
    assert world.phone is not None and world.phone.device_name == "Pixel Otto" and world.phones == []


def test_snapshot_without_the_appium_url_says_it_has_no_phones(backend: BackendClient, tmp_path: Path) -> None:
    load(backend, example("healthy"))
    result = CliRunner().invoke(main, ["snapshot", "--url", backend.url, "-o", str(tmp_path / "welt.yaml")])
    assert result.exit_code == 0, result.output
    assert result.stderr == "Hinweis: ohne --appium-url enthält die Momentaufnahme keine Telefone.\n"
    assert read(tmp_path / "welt.yaml").all_phones == []
