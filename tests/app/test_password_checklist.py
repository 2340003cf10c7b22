"""The article's five password rules: a live client checklist, and the server's check shown in register_error."""

from __future__ import annotations

import pytest

from simulator.app.links import parse_link
from simulator.app.passwords import checklist
from tests.app.conftest import BrokerWorld, PhoneDriver, Wire

RULES = ("length", "lower", "upper", "digit", "special")


def checked(phone: PhoneDriver) -> dict[str, bool | None]:
    return {rule: phone.node(f"password_rule_{rule}").checked for rule in RULES}


@pytest.mark.parametrize(
    ("password", "rule"),
    [("        ", "length"), ("a", "lower"), ("Ä", "upper"), ("7", "digit"), ("!", "special")],
)
def test_each_rule_alone_checks_only_its_box(phone: PhoneDriver, password: str, rule: str) -> None:
    phone.tap("login_register")
    phone.type("register_password", password)
    assert checked(phone) == {name: name == rule for name in RULES}


def test_checklist_updates_while_typing(phone: PhoneDriver) -> None:
    phone.tap("login_register")
    seen = []
    for char in "Sicher!2026":
        phone.type("register_password", char)
        seen.append(sum(bool(v) for v in checked(phone).values()))
    assert seen == [1, 2, 2, 2, 2, 2, 3, 5, 5, 5, 5]  # "Sicher!2" is the 8th character
    phone.fill("register_password", "")
    assert not any(checked(phone).values())


def test_client_rules_match_the_server_classes() -> None:
    assert checklist("é") == {"length": False, "lower": False, "upper": False, "digit": False, "special": True}
    assert checklist("ß")["lower"] and not checklist("ß")["special"]


def test_mismatched_repeat_is_caught_in_the_app(phone: PhoneDriver, broker: BrokerWorld, wire: Wire) -> None:
    phone.tap("login_register")
    phone.fill("register_email", broker.address("neu"))
    phone.fill("register_makler_id", broker.makler_id)
    phone.type("register_password", "Sicher!2026")
    phone.type("register_password_repeat", "Sicher!2027")
    phone.tap("register_submit")
    assert phone.text("register_error") == "Die Passwörter stimmen nicht überein."
    assert wire.count("/register") == 0


def test_server_violations_are_shown(phone: PhoneDriver, broker: BrokerWorld, wire: Wire) -> None:
    phone.tap("login_register")
    phone.fill("register_email", broker.address("neu"))
    phone.fill("register_makler_id", broker.makler_id)
    phone.type("register_password", "abcdefgh")
    phone.type("register_password_repeat", "abcdefgh")
    phone.tap("register_submit")
    assert phone.text("register_error").splitlines() == [
        "mind. ein Großbuchstabe",
        "mind. eine Zahl",
        "mind. ein Sonderzeichen",
    ]
    (refused,) = wire.answers("/register")  # the backend's check, not the app's checklist
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "password_policy")


def test_compliant_password_registers(phone: PhoneDriver, broker: BrokerWorld, wire: Wire) -> None:
    email = broker.address("neu")
    broker.admin.invite(broker.admin.create_customer("Nina Neu", email).id)
    phone.tap("login_register")
    phone.fill("register_email", email)
    phone.fill("register_makler_id", broker.makler_id)
    phone.type("register_password", "Sicher!2026")
    phone.type("register_password_repeat", "Sicher!2026")
    phone.tap("register_submit")
    (answer,) = wire.answers("/register")
    assert phone.text("register_confirmation") == answer.json()["message"]  # the server's text
    assert "Bitte bestätige" in answer.json()["message"]
    assert not phone.has("register_submit")
    assert broker.link(email, "confirmation").startswith("kundenapp://bestaetigen?token=")
    phone.tap("register_to_login")
    assert phone.text("login_email") == email
    assert phone.text("login_makler_id") == broker.makler_id


def test_reset_screen_has_the_checklist_too(phone: PhoneDriver) -> None:
    phone.device.deep_link("kundenapp://passwort-zuruecksetzen?token=t", None)
    phone.type("reset_password", "A1")
    assert checked(phone) == {"length": False, "lower": False, "upper": True, "digit": True, "special": False}
    assert parse_link("kundenapp://passwort-zuruecksetzen?token=t").params == {"token": "t"}


def test_checklist_labels_are_the_backend_policy_messages(phone: PhoneDriver) -> None:
    """One table for both sides: the checkbox texts the app shows are the backend's violation messages."""
    from simulator.backend.passwords import violations

    phone.tap("login_register")
    labels = {rule: phone.text(f"password_rule_{rule}") for rule in RULES}
    assert labels == {v["rule"]: v["message"] for v in violations("")}
    assert list(labels.values()) == [
        "mind. 8 Stellen",
        "mind. ein Kleinbuchstabe",
        "mind. ein Großbuchstabe",
        "mind. eine Zahl",
        "mind. ein Sonderzeichen",
    ]
