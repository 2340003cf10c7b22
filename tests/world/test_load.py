"""Every example world loads into a running backend over HTTP, with the state it describes."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.client import BackendClient, BackendError
from simulator.world.load import LoadError, apply_after_start, load
from simulator.world.parse import read
from tests.world.conftest import EXAMPLES, PETER, WORLD_FILES, example


def externals(state: dict[str, Any], email: str) -> list[dict[str, Any]]:
    return [x for b in state["brokers"] for c in b["customers"] for x in c["externals"] if x["email"] == email]


@pytest.mark.parametrize("path", WORLD_FILES, ids=lambda p: p.stem)
def test_every_example_world_loads(backend: BackendClient, path: Path) -> None:
    world = read(path)
    loaded = load(backend, world)
    state = backend.export()
    assert [b["makler_id"] for b in state["brokers"]] == [b.makler_id for b in world.brokers]
    assert set(loaded.api_keys) == {b.makler_id for b in world.brokers}
    assert world.phone is not None and world.phone.account is not None
    (account,) = externals(state, world.phone.account)
    assert account["state"] in ("eingeladen", "aktiv", "deaktiviert")
    assert (loaded.tokens[0] is not None) == world.phone.logged_in


def test_accounts_and_admin_keys_work(backend: BackendClient) -> None:
    loaded = load(backend, example("healthy"))
    key = loaded.api_keys["MK204700"]
    assert backend.http.call("GET", "/admin/v1/konto/kundenapp", api_key=key)["makler_id"] == "MK204700"
    body = {"email": PETER, "password": "Sommer!2026", "makler_id": "MK204700"}
    tokens = backend.http.call("POST", "/app/v1/login", body)
    me = backend.http.call("GET", "/app/v1/customers", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert [c["name"] for c in me["customers"]] == ["Peter Vater", "Anna Vater"]


def test_invitation_is_filed_by_the_provider_rules(backend: BackendClient) -> None:
    load(backend, example("spam"))
    (mail,) = backend.export()["mails"]
    assert (mail["kind"], mail["folder"], mail["to"]) == ("invitation", "Junk", "peter.vater@junk-mail.example")


def test_history_is_replayed_through_the_app_api(backend: BackendClient) -> None:
    loaded = load(backend, example("reg_activate"))
    assert loaded.history == ["register peter.vater@example.com (MK204705): ok"]
    state = backend.export()
    (account,) = externals(state, PETER)
    assert account["state"] == "eingeladen" and account["registered"] and "password_hash" not in account
    assert account["from_invitation"]  # registered from the invitation link: it carried the link's secret
    assert [m["kind"] for m in state["mails"]] == ["invitation", "confirmation"]
    assert [m["link_state"] for m in state["mails"]] == ["used", "open"]
    weak = load_fresh(backend, "reg_password")
    assert weak == ["register peter.vater@example.com (MK204707): 422 password_policy"]


def load_fresh(backend: BackendClient, name: str) -> list[str]:
    backend.http.call("POST", "/test/v1/reset")
    return load(backend, example(name)).history


def test_phone_session_is_fixed_at_login_and_later_shares_wait(backend: BackendClient) -> None:
    load(backend, example("shared_relogin"))
    (account,) = externals(backend.export(), PETER)
    (session,) = account["sessions"]
    assert session["active"] and session["app_version"] == "3.5.0"
    assert len(account["visible_customers"]) == 2 and len(session["scope"]) == 1
    backend.http.call("POST", "/test/v1/reset")
    loaded = load(backend, example("shared_restart"))
    (account,) = externals(backend.export(), PETER)
    assert account["visible_customers"] == [account["visible_customers"][0]]
    assert apply_after_start(backend, loaded) == 1
    (account,) = externals(backend.export(), PETER)
    assert len(account["visible_customers"]) == 2


def test_revoked_phone_session_and_faults(backend: BackendClient) -> None:
    loaded = load(backend, example("unusable_session"))
    (tokens,) = loaded.tokens
    assert tokens is not None
    with pytest.raises(BackendError) as refused:
        backend.http.call("GET", "/app/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert refused.value.status == 401
    backend.http.call("POST", "/test/v1/reset")
    loaded = load(backend, example("unusable_memory"))
    (tokens,) = loaded.tokens
    assert tokens is not None
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    for _ in range(2):
        with pytest.raises(BackendError) as down:
            backend.http.call("GET", "/app/v1/me", headers=auth)
        assert down.value.status == 503
    assert backend.http.call("GET", "/app/v1/me", headers=auth)["email"] == PETER


def test_refusal_names_the_part_of_the_world(backend: BackendClient) -> None:
    load(backend, example("healthy"))
    with pytest.raises(LoadError) as caught:
        load(backend, example("healthy"))
    assert str(caught.value) == "brokers[0]: Die Makler-ID MK204700 ist schon vergeben."


def test_load_command_prints_keys_history_and_pending_shares(backend: BackendClient) -> None:
    path = str(EXAMPLES / "shared_restart.yaml")
    result = CliRunner().invoke(main, ["load", "--url", backend.url, path])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Makler MK204712: X-API-Key ")
    assert lines[1] == "Nach dem Start der App (Freigaben, während sie läuft):"
    assert lines[2].startswith(f"  curl -s -XPOST {backend.url}/admin/v1/customers/")
    again = CliRunner().invoke(main, ["load", "--url", backend.url, path])
    assert again.exit_code == 2
    assert "Laden der Welt gescheitert: brokers[0]: Die Makler-ID MK204712 ist schon vergeben." in again.output


@pytest.mark.parametrize(("first", "second"), list(itertools.combinations(WORLD_FILES, 2)), ids=lambda p: p.stem)
def test_any_two_example_worlds_load_into_one_backend(backend: BackendClient, first: Path, second: Path) -> None:
    load(backend, read(first))
    load(backend, read(second))
    makler_ids = [b["makler_id"] for b in backend.export()["brokers"]]
    assert makler_ids == [b.makler_id for path in (first, second) for b in read(path).brokers]


def test_all_example_worlds_load_into_one_backend(backend: BackendClient) -> None:
    for path in WORLD_FILES:
        load(backend, read(path))
    assert len(backend.export()["brokers"]) == len(WORLD_FILES)


def test_load_replace_replaces_the_broker_of_the_same_makler_id_with_a_warning(backend: BackendClient) -> None:
    path = str(EXAMPLES / "healthy.yaml")
    first = CliRunner().invoke(main, ["load", "--url", backend.url, path])
    assert first.exit_code == 0, first.output
    key = first.stdout.split("X-API-Key ")[1].split()[0]
    backend.http.call("POST", "/admin/v1/customers", {"name": "Nur im Backend", "kind": "person"}, api_key=key)
    again = CliRunner().invoke(main, ["load", "--url", backend.url, "--replace", path])
    assert again.exit_code == 0, again.output
    assert again.stderr == (
        "Warnung: Makler MK204700 gab es schon; er wird ersetzt – seine Kunden, Zugänge, Mails und Sitzungen "
        "sind gelöscht.\n"
    )
    (broker,) = backend.export()["brokers"]
    assert [c["name"] for c in broker["customers"]] == ["Peter Vater", "Anna Vater"]
    with pytest.raises(BackendError) as old_key:
        backend.http.call("GET", "/admin/v1/customers", api_key=key)
    assert old_key.value.status == 401


def test_load_replace_of_a_new_broker_warns_of_nothing(backend: BackendClient) -> None:
    result = CliRunner().invoke(main, ["load", "--url", backend.url, "--replace", str(EXAMPLES / "spam.yaml")])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_a_taken_makler_id_names_load_replace(backend: BackendClient) -> None:
    load(backend, example("healthy"))
    result = CliRunner().invoke(main, ["load", "--url", backend.url, str(EXAMPLES / "healthy.yaml")])
    assert result.exit_code == 2
    assert result.stderr == (
        "Fehler: Laden der Welt gescheitert: brokers[0]: Die Makler-ID MK204700 ist schon vergeben. "
        "Mit load --replace wird der vorhandene Makler ersetzt (mit allem, was er hat).\n"
    )
