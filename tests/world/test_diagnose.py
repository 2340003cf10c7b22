"""``diagnose`` names the documented case of every example world, nothing for the healthy one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from simulator.cli import main
from simulator.client import BackendClient, BackendError
from simulator.tools.run import diagnose_url, diagnose_world
from simulator.world.load import load
from simulator.world.parse import read
from tests.world.conftest import CASE_FILES, EXAMPLES, PETER, account_of, case_of, example


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_each_example_world_names_its_case(path: Path) -> None:
    world = read(path)
    result = diagnose_world(world, account_of(world))
    assert {f.case for f in result.findings} == {case_of(path)}
    assert all(f.certainty == "befund" for f in result.findings)


def test_healthy_world_names_nothing_and_exits_0() -> None:
    result = CliRunner().invoke(main, ["diagnose", "--world", str(EXAMPLES / "healthy.yaml"), "--email", PETER])
    assert result.exit_code == 0, result.output
    assert "Keiner der dokumentierten Fälle trifft zu." in result.output


def test_text_report_names_case_finding_and_remedy_and_exits_1() -> None:
    path = EXAMPLES / "shared_procedure.yaml"
    result = CliRunner().invoke(main, ["diagnose", "--world", str(path), "--email", PETER])
    assert result.exit_code == 1
    out = result.output
    assert "1. [shared-procedure] Dein Kunde sieht nur seine Verträge, Schritt 1" in out
    assert (
        "Befund: Beim Kunden „Anna Vater“: Kontakt „Peter Vater“ (Kontakte → Personen) hat keine E-Mail-Adresse." in out
    )
    assert (
        "„Lena Vater“: Kontakt „Peter Vater“ (Kontakte → Personen) ist nicht für das Kundenportal freigeschaltet" in out
    )
    assert "hat die E-Mail-Adresse p.vater@vater-bau.example, der App-Zugang aber peter.vater@example.com" in out
    assert "Komplett schließen – Android:" in out and "iPhone:" not in out


def test_json_output() -> None:
    path = EXAMPLES / "shared_relogin.yaml"
    result = CliRunner().invoke(main, ["diagnose", "--world", str(path), "--email", PETER, "--json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["cases"] == ["shared-relogin"]
    (finding,) = data["findings"]
    assert finding["section"] == "Dein Kunde sieht nur seine Verträge, Schritte 3–4"
    assert "Anna Vater" in finding["detail"]
    assert finding["remedy"][1] == "In der Kunden-App abmelden: untere Menüleiste „Ich“ → „Abmelden“."
    assert data["accounts"] == [
        {
            "makler_id": "MK204711",
            "broker": "Sommer Versicherungsmakler GmbH",
            "customer": "Peter Vater",
            "state": "aktiv",
            "registered": True,
        }
    ]
    assert data["phone"]["app_version"] == "3.5.0"


def test_other_address_and_unknown_address() -> None:
    world = example("reg_email")
    other = diagnose_world(world, "Peter.Privat@example.org")
    assert [f.case for f in other.findings] == ["reg-email"]
    assert "Offene Einladungen bei diesem Makler: peter.vater@example.com" in other.findings[0].detail
    path = str(EXAMPLES / "reg_email.yaml")
    result = CliRunner().invoke(main, ["diagnose", "--world", path, "--email", "niemand@example.org"])
    assert result.exit_code == 2
    assert "weder einen Zugang noch Spuren" in result.output


@pytest.mark.parametrize(
    "name", ["makler_id", "spam", "reg_email", "reg_activate", "login_reset", "login_deactivated", "shared_relogin"]
)
def test_against_a_running_backend(backend: BackendClient, name: str) -> None:
    """What the backend records is enough for these cases; phone, history and faults only live in the file."""
    load(backend, example(name))
    result = diagnose_url(backend.url, PETER if name != "spam" else "peter.vater@junk-mail.example")
    assert {f.case for f in result.findings} == {name.replace("_", "-")}


def test_against_a_running_backend_from_the_command_line(backend: BackendClient) -> None:
    load(backend, example("shared_procedure"))
    result = CliRunner().invoke(main, ["diagnose", "--url", backend.url, "--email", PETER, "--json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["cases"] == ["shared-procedure"]


def test_without_phone_an_old_session_hints_at_an_update(backend: BackendClient) -> None:
    load(backend, example("update_app"))
    (finding,) = diagnose_url(backend.url, PETER).findings
    assert (finding.case, finding.certainty) == ("update-app", "hinweis")


def test_invited_but_unexplained_gives_hints(backend: BackendClient) -> None:
    load(backend, example("reg_password").model_copy(update={"history": []}))  # no trace of a registration
    findings = diagnose_url(backend.url, PETER).findings
    assert [(f.case, f.certainty) for f in findings] == [("reg-email", "hinweis"), ("reg-password", "hinweis")]


def test_a_registration_refused_for_its_password_is_seen_in_the_backend(backend: BackendClient) -> None:
    load(backend, example("reg_password"))  # its history registers with "sommer2026"
    (finding,) = diagnose_url(backend.url, PETER).findings
    assert (finding.case, finding.certainty) == ("reg-password", "befund")
    assert finding.detail == (
        "Die Registrierung in der App scheiterte am Passwort; verletzt: mind. ein Großbuchstabe, "
        "mind. ein Sonderzeichen."
    )


def test_login_with_an_unknown_makler_id_and_no_account(backend: BackendClient) -> None:
    load(backend, example("healthy"))
    body = {"email": "paul@example.com", "password": "Sommer!2026", "makler_id": "MK1"}
    with pytest.raises(BackendError):
        backend.http.call("POST", "/app/v1/login", body)
    (finding,) = diagnose_url(backend.url, "paul@example.com").findings
    assert finding.case == "makler-id"
    assert finding.detail == "Anmeldeversuche mit paul@example.com und der Makler-ID „MK1“; die gibt es nicht."


def test_world_or_url_exactly_one() -> None:
    result = CliRunner().invoke(main, ["diagnose", "--email", PETER])
    assert result.exit_code == 2
    assert "genau eines von --world DATEI oder --url URL" in result.output


def test_against_a_backend_it_names_the_cases_only_the_phone_shows(backend: BackendClient) -> None:
    """update_os lives on the phone: the backend alone must not say "nothing applies" and leave it there."""
    load(backend, example("update_os"))
    result = CliRunner().invoke(main, ["diagnose", "--url", backend.url, "--email", PETER])
    assert result.exit_code == 0, result.output
    assert "Keiner der dokumentierten Fälle trifft zu." not in result.output
    assert "Keiner der Fälle, die ohne Telefon zu sehen sind, trifft zu." in result.output
    assert "Ohne das Telefon des Kunden nicht zu sehen:" in result.output
    assert "[update-os]" in result.output and "[unusable-session]" in result.output
    data = json.loads(CliRunner().invoke(main, ["diagnose", "--url", backend.url, "--email", PETER, "--json"]).output)
    assert "update-os" in [u["case"] for u in data["unseen"]]
    with_phone = json.loads(
        CliRunner().invoke(main, ["diagnose", "--world", str(EXAMPLES / "update_os.yaml"), "--json"]).output
    )
    assert (with_phone["cases"], with_phone["unseen"]) == (["update-os"], [])


def test_world_without_email_diagnoses_the_phones_account() -> None:
    path = str(EXAMPLES / "shared_relogin.yaml")
    implicit = CliRunner().invoke(main, ["diagnose", "--world", path])
    explicit = CliRunner().invoke(main, ["diagnose", "--world", path, "--email", PETER])
    assert implicit.exit_code == explicit.exit_code == 1
    assert implicit.output == explicit.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--url", "http://127.0.0.1:9"], "--email fehlt: mit --url ist sie Pflicht"),
        (["--url", "http://127.0.0.1:9", "--email", PETER], "nicht erreichbar"),
        ([], "genau eines von --world DATEI oder --url URL"),
    ],
)
def test_json_reports_errors_as_json(args: list[str], says: str) -> None:
    result = CliRunner().invoke(main, ["diagnose", *args, "--json"])
    assert result.exit_code == 2
    assert says in json.loads(result.output)["error"]["message"]


def test_json_reports_world_file_problems_with_field_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "welt.yaml"
    broken.write_text("brokers:\n  - makler_id: MK100001\nphone:\n  app_version: 9.9.9\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["diagnose", "--world", str(broken), "--json"])
    assert result.exit_code == 2
    (problem,) = json.loads(result.output)["error"]["problems"]
    assert (problem["field"], problem["line"]) == ("phone.app_version", 4)
    assert "Build 9.9.9 gibt es nicht" in problem["message"]
