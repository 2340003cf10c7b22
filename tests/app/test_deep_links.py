"""Links from the mails open the app: invitation, confirmation, password reset (docs/backend-api.md)."""

from __future__ import annotations

import json

import pytest

from simulator.app.device_api import APP_FOREGROUND, DeviceError
from tests.app.conftest import APP_ID, PASSWORD, BrokerWorld, MakePhone, PhoneDriver, Wire

INVITATION = "kundenapp://einladung?makler_id=M-100&email=neu%40example.com"


def test_invitation_opens_registration_prefilled(phone: PhoneDriver) -> None:
    phone.device.deep_link(INVITATION, APP_ID)
    assert phone.screen() == "screen_register"
    assert phone.text("register_email") == "neu@example.com"
    assert phone.text("register_makler_id") == "M-100"


def test_invitation_remembers_the_makler_id_for_login(phone: PhoneDriver) -> None:
    phone.device.deep_link(INVITATION, None)
    phone.tap("register_back")
    assert phone.text("login_makler_id") == "M-100"
    phone.restart()
    assert phone.text("login_makler_id") == "M-100"


def test_link_cold_starts_a_stopped_app(phone: PhoneDriver) -> None:
    phone.device.terminate_app(APP_ID)
    phone.device.deep_link(INVITATION, APP_ID)
    assert phone.state() == APP_FOREGROUND
    assert phone.screen() == "screen_register"


def test_link_resumes_a_backgrounded_app(phone: PhoneDriver) -> None:
    phone.type("login_email", "kept")
    phone.device.background_app(-1)
    phone.device.deep_link(INVITATION, APP_ID)
    assert phone.state() == APP_FOREGROUND
    assert phone.screen() == "screen_register"
    phone.tap("register_back")
    assert phone.text("login_email") == "kept"


def test_register_then_confirm_link_then_login(phone: PhoneDriver, broker: BrokerWorld, wire: Wire) -> None:
    email = broker.address("neu")
    customer = broker.admin.create_customer("Nina Neu", email)
    broker.admin.invite(customer.id)
    invitation = broker.link(email, "invitation")
    prefill = f"kundenapp://einladung?makler_id={broker.makler_id}&email={email.replace('@', '%40')}&token="
    assert invitation.startswith(prefill)
    phone.device.deep_link(invitation, APP_ID)
    phone.type("register_password", PASSWORD)
    phone.type("register_password_repeat", PASSWORD)
    phone.tap("register_submit")
    (sent,) = [e.request for e in wire.exchanges() if e.request.url.path.endswith("/register")]
    assert json.loads(sent.content)["invitation_token"] == invitation.rpartition("token=")[2]  # proves the mailbox
    confirmation = broker.link(email, "confirmation")
    assert confirmation.startswith("kundenapp://bestaetigen?token=")
    phone.device.deep_link(confirmation, APP_ID)
    assert phone.screen() == "screen_confirm"
    (answer,) = wire.answers("/register/confirm")
    assert phone.text("confirm_message") == answer.json()["message"]
    assert answer.json()["message"].startswith("Deine Registrierung ist bestätigt.")
    phone.tap("confirm_to_login")
    phone.login(email)
    assert phone.screen() == "screen_main"


def test_a_registration_not_opened_from_the_invitation_sends_no_secret(phone: PhoneDriver, wire: Wire) -> None:
    """Only the form the invitation link opened keeps its secret; Registrieren from the login has none."""
    phone.device.deep_link(INVITATION + "&token=geheim", APP_ID)
    phone.tap("register_back")
    phone.tap("login_register")
    phone.type("register_email", "neu@example.com")
    phone.type("register_makler_id", "M-100")
    phone.type("register_password", PASSWORD)
    phone.type("register_password_repeat", PASSWORD)
    phone.tap("register_submit")
    phone.wait(lambda: bool(wire.calls("POST", "/register")))
    (sent,) = [e.request for e in wire.exchanges() if e.request.url.path.endswith("/register")]
    assert "invitation_token" not in json.loads(sent.content)


def test_the_invitation_secret_stays_out_of_the_page_source(phone: PhoneDriver) -> None:
    phone.device.deep_link(INVITATION + "&token=geheim-123", APP_ID)
    tree = repr(phone.device.tree())  # every node with every attribute
    assert "neu@example.com" in tree and "geheim-123" not in tree


def test_used_confirm_link_shows_the_server_error(phone: PhoneDriver) -> None:
    phone.device.deep_link("kundenapp://bestaetigen?token=unknown", APP_ID)
    assert phone.text("confirm_error") == "Der Link ist ungültig oder abgelaufen."
    assert not phone.has("confirm_message")


def test_reset_link_sets_a_new_password(phone: PhoneDriver, broker: BrokerWorld, wire: Wire) -> None:
    phone.type("login_email", broker.email)
    phone.tap("login_forgot_password")
    phone.type("forgot_makler_id", broker.makler_id)
    phone.tap("forgot_submit")
    link = broker.link(broker.email, "reset")
    assert link.startswith("kundenapp://passwort-zuruecksetzen?token=")
    phone.device.deep_link(link, APP_ID)
    assert phone.screen() == "screen_reset"
    assert {"reset_password", "reset_password_repeat", "reset_submit"} <= phone.ids()
    phone.type("reset_password", "Neues!Pass1")
    phone.type("reset_password_repeat", "Neues!Pass1")
    phone.tap("reset_submit")
    (answer,) = wire.answers("/password/reset")
    assert phone.text("reset_confirmation") == answer.json()["message"]
    assert answer.json()["message"].startswith("Dein Passwort wurde geändert.")
    phone.tap("reset_to_login")
    phone.login(password=PASSWORD)
    assert phone.text("login_error") == "E-Mail, Passwort oder Makler-ID ist falsch."
    phone.login(password="Neues!Pass1")
    assert phone.screen() == "screen_main"


def test_reset_with_used_link_and_mismatch(phone: PhoneDriver) -> None:
    phone.device.deep_link("kundenapp://passwort-zuruecksetzen?token=gone", APP_ID)
    phone.type("reset_password", "Neues!Pass1")
    phone.type("reset_password_repeat", "other")
    phone.tap("reset_submit")
    assert phone.text("reset_error") == "Die Passwörter stimmen nicht überein."
    phone.fill("reset_password_repeat", "Neues!Pass1")
    phone.tap("reset_submit")
    assert phone.text("reset_error") == "Der Link ist ungültig oder abgelaufen."


@pytest.mark.parametrize(
    "url",
    [
        "kundenapp://unbekannt?x=1",
        "https://example.com/einladung?makler_id=M-100",
        "kundenapp://bestaetigen",
        "kundenapp://einladung?email=a%40b.de",
    ],
)
def test_bad_links_are_invalid_arguments(phone: PhoneDriver, url: str) -> None:
    with pytest.raises(DeviceError) as info:
        phone.device.deep_link(url, APP_ID)
    assert info.value.error == "invalid argument"


def test_link_for_another_package_is_refused(phone: PhoneDriver) -> None:
    with pytest.raises(DeviceError) as info:
        phone.device.deep_link(INVITATION, "com.other.app")
    assert info.value.error == "invalid argument"


def test_link_without_the_app_installed_fails(make_phone: MakePhone) -> None:
    p = make_phone(app_version=None)
    with pytest.raises(DeviceError) as info:
        p.device.deep_link(INVITATION, APP_ID)
    assert info.value.error == "unknown error"
