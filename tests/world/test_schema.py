"""World files are validated with errors that name the field path and the line, and commands exit with 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from simulator.backend.seeding import MessageBody
from simulator.cli import main
from simulator.spec import limits
from simulator.world.parse import WorldError, parse
from simulator.world.schema import Mail
from tests.world.conftest import WORLD_FILES

VALID = """\
brokers:
  - makler_id: MK100001
    customers:
      - name: Peter Vater
        externals:
          - email: peter@example.com
phone:
  account: peter@example.com
"""


def problems(text: str) -> list[str]:
    with pytest.raises(WorldError) as caught:
        parse(text, "welt.yaml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("path", WORLD_FILES, ids=lambda p: p.stem)
def test_every_example_world_is_valid(path: Path) -> None:
    world = parse(path.read_text(encoding="utf-8"), str(path))
    assert world.brokers


def test_numbers_are_read_as_versions_and_defaults_apply() -> None:
    world = parse(VALID + "  os_version: 17.10\n  platform: ios\n  app_version: 3.10.0\n")
    assert world.phone is not None
    assert (world.phone.os, world.phone.app_version, world.phone.device) == ("17.10", "3.10.0", "iPhone 15")
    android = parse(VALID + "  os_version: 14\n").phone
    assert android is not None and android.os == "14"


def test_an_app_version_that_no_build_has_is_refused_with_line_and_field() -> None:
    (problem,) = problems(VALID + "  app_version: 9.9.9\n")
    assert problem.startswith("Zeile 9, phone.app_version: Build 9.9.9 gibt es nicht; bekannt: 3.0.0, ")
    assert "3.5.2" in problem and "4.0.0" in problem


def test_wrong_value_names_field_path_line_and_allowed_values() -> None:
    text = VALID.replace(
        "          - email: peter@example.com", "          - email: peter@example.com\n            state: aktive"
    )
    assert problems(text) == [
        "Zeile 7, brokers[0].customers[0].externals[0].state: "
        "erlaubt ist 'eingeladen', 'aktiv' oder 'deaktiviert' (steht da: 'aktive')"
    ]


def test_unknown_key_points_at_its_line_and_lists_the_allowed_ones() -> None:
    text = VALID + "  loged_in: true\n"
    (problem,) = problems(text)
    assert problem.startswith("Zeile 9, phone.loged_in: unbekannter Schlüssel; erlaubt: platform, device_name")
    assert "logged_in" in problem


def test_missing_field_points_at_its_section() -> None:
    text = "brokers:\n  - name: Sommer\n    customers: []\n"
    assert problems(text) == ["Zeile 2, brokers[0].makler_id: Pflichtangabe fehlt"]


def test_patterns_are_explained() -> None:
    text = VALID.replace("makler_id: MK100001", "makler_id: MK 1").replace("email: peter@example.com", "email: peter")
    assert problems(text) == [
        "Zeile 2, brokers[0].makler_id: keine gültige Makler-ID (2–32 Zeichen: Buchstaben, Ziffern, Bindestrich) "
        "(steht da: 'MK 1')",
        "Zeile 6, brokers[0].customers[0].externals[0].email: keine gültige E-Mail-Adresse (steht da: 'peter')",
    ]


def test_yaml_syntax_error_names_the_line() -> None:
    (problem,) = problems("brokers:\n  - makler_id: MK1\n   customers: [\n")
    assert problem.startswith("Zeile 3, (Datei): YAML-Syntaxfehler")


def test_duplicate_keys_are_errors() -> None:
    assert problems(VALID + "  logged_in: true\n  logged_in: false\n") == [
        "Zeile 10, phone.logged_in: Schlüssel kommt doppelt vor"
    ]


def test_consistency_errors_name_the_field() -> None:
    text = VALID.replace(
        "account: peter@example.com", "account: paul@example.com\n  behaviours: {shared_relogin: true}"
    )
    assert problems(text) == [
        "Zeile 9, phone.behaviours.shared_relogin: shared_relogin liegt im Backend und folgt app_version "
        "(Builds vor 3.6.0)",
        "Zeile 8, phone.account: kein Zugang (externals) mit der Adresse paul@example.com in dieser Welt",
    ]


def test_shares_after_login_need_a_logged_in_phone() -> None:
    text = VALID.replace(
        "      - name: Peter Vater\n",
        "      - name: Anna\n        contacts: [{name: Peter, email: peter@example.com, added: after_login}]\n"
        "      - name: Peter Vater\n",
    )
    assert problems(text) == [
        "Zeile 5, brokers[0].customers[0].contacts[0].added: "
        "added: after_login setzt ein angemeldetes Telefon voraus (phone.logged_in: true)"
    ]


def test_not_a_mapping() -> None:
    assert problems("- a\n- b\n") == [
        "Zeile 1, (Datei): die Datei muss ein Abschnitt mit Schlüsseln sein (z. B. brokers:)"
    ]


@pytest.mark.parametrize(
    "command",
    [
        ["diagnose", "--email", "peter@example.com", "--world"],
        ["load", "--url", "http://127.0.0.1:9"],
        ["serve", "--port", "0", "--backend-port", "0", "--world"],  # refused before anything starts
    ],
    ids=["diagnose", "load", "serve"],
)
def test_commands_refuse_an_invalid_file_with_exit_code_2(tmp_path: Path, command: list[str]) -> None:
    bad = tmp_path / "kaputt.yaml"
    bad.write_text(VALID.replace("makler_id: MK100001", "makler_id: MK100001\n    sender_authenticated: vielleicht"))
    result = CliRunner().invoke(main, [*command, str(bad)])
    assert result.exit_code == 2
    assert f"{bad}: ungültige Welt-Datei (1 Fehler)" in result.output
    assert (
        "Zeile 3, brokers[0].sender_authenticated: muss true oder false sein (steht da: 'vielleicht')" in result.output
    )


def test_missing_file_exit_code_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["diagnose", "--world", str(tmp_path / "fehlt.yaml"), "--email", "a@b.de"])
    assert result.exit_code == 2
    assert "Datei nicht lesbar" in result.output


@pytest.mark.parametrize(
    ("external", "where"),
    [
        ("{email: p@example.com, state: aktiv, password: Sicher!2026, from_invitation: true}", "from_invitation"),
        ("{email: p@example.com, state: eingeladen, from_invitation: true}", "from_invitation"),
    ],
    ids=["not invited", "no password"],
)
def test_from_invitation_needs_an_invited_account_with_a_password(external: str, where: str) -> None:
    text = f"brokers:\n  - makler_id: MK100001\n    customers:\n      - name: P\n        externals: [{external}]\n"
    (problem,) = problems(text)
    assert f"brokers[0].customers[0].externals[0].{where}: from_invitation gilt nur" in problem


def test_from_invitation_of_the_history_is_only_for_a_registration() -> None:
    text = VALID + "history:\n  - {action: login, email: peter@example.com, makler_id: MK100001, password: X, "
    (problem,) = problems(text + "from_invitation: true}\n")
    assert "history[0].from_invitation: from_invitation gilt nur für register" in problem


def test_a_file_without_version_is_version_1() -> None:
    assert parse(VALID).version == 1


def test_fields_of_version_2_need_version_2_and_are_named_with_their_line() -> None:
    text = VALID + "  process: foreground\n  screen: screen_main\n"
    assert problems(text) == [
        "Zeile 9, phone.process: gibt es erst ab Version 2 der Welt-Datei (oben: version: 2)",
        "Zeile 10, phone.screen: gibt es erst ab Version 2 der Welt-Datei (oben: version: 2)",
    ]
    world = parse("version: 2\n" + text)
    assert world.phone is not None and (world.phone.process, world.phone.screen) == ("foreground", "screen_main")


def test_several_phones_in_version_2() -> None:
    text = VALID.replace("phone:\n  account: peter@example.com\n", "")
    text = "version: 2\n" + text + "phones:\n  - {account: peter@example.com}\n  - {platform: ios}\n"
    world = parse(text)
    assert [p.platform for p in world.all_phones] == ["android", "ios"]
    assert problems(text.replace("version: 2\n", "")) == [
        "Zeile 7, phones: gibt es erst ab Version 2 der Welt-Datei (oben: version: 2)"
    ]


def test_phone_and_phones_not_both() -> None:
    text = "version: 2\n" + VALID + "phones:\n  - {platform: ios}\n"
    assert problems(text) == ["Zeile 10, phones: entweder phone (ein Telefon) oder phones (mehrere), nicht beides"]


def test_an_unknown_version_is_refused() -> None:
    assert problems("version: 3\n" + VALID) == ["Zeile 1, version: erlaubt ist 1 oder 2 (steht da: 3)"]


def test_an_unknown_field_of_a_phone_in_phones_is_named_with_its_line() -> None:
    text = "version: 2\nphones:\n  - platform: ios\n    prozess: foreground\n"
    (problem,) = problems(text)
    assert problem.startswith("Zeile 4, phones[0].prozess: unbekannter Schlüssel; erlaubt: platform, ")


def test_two_phones_of_one_world_cannot_be_one_device() -> None:
    """One name is one device: two phones under it would be prepared onto the same phone."""
    text = (
        VALID.split("phone:")[0]
        + "version: 2\nphones:\n  - {account: peter@example.com}\n  - {platform: ios}\n  - {device_name: Pixel 8}\n"
    )
    assert problems(text) == ["Zeile 11, phones[2].device_name: das Gerät „Pixel 8“ (android) steht schon weiter oben"]
    assert parse(text.replace("Pixel 8}", "Pixel 7}")).phones[2].device == "Pixel 7"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "k" * (limits.MAIL_KIND_MAX + 1)),
        ("folder", "f" * (limits.MAIL_FOLDER_MAX + 1)),
        ("links", ["kundenapp://einladung"] * (limits.MAIL_LINKS_MAX + 1)),
    ],
)
def test_a_mail_the_backend_would_refuse_for_a_length_is_refused_by_the_schema(field: str, value: object) -> None:
    """One limit for both sides (simulator/spec/limits.py): a world file never gets as far as a 422 from the backend."""
    mail = {"to": "peter@example.com", "kind": "invitation", "subject": "Einladung", field: value}
    with pytest.raises(ValidationError):
        Mail.model_validate(mail)
    with pytest.raises(ValidationError):
        MessageBody.model_validate(mail)
    at_the_limit = {**mail, field: value[:-1]}  # type: ignore[index]
    assert Mail.model_validate(at_the_limit) and MessageBody.model_validate(at_the_limit)
