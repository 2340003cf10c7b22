"""The app talks to the backend only over HTTP: headers, tokens, refresh, update gate, errors."""

from __future__ import annotations

import pytest

from simulator.app.device_api import APP_FOREGROUND
from simulator.client import BackendError
from tests.app.conftest import APP_ID, BrokerWorld, MakePhone, PhoneDriver, Wire


def test_headers_on_every_call(logged_in: PhoneDriver, broker: BrokerWorld, wire: Wire) -> None:
    (login,) = wire.answers("/login")
    headers = wire.last_headers()
    assert headers["X-Platform"] == "android"
    assert headers["X-App-Version"] == "4.0.0"
    assert headers["X-OS-Version"] == "14"
    assert headers["X-Makler-ID"] == broker.makler_id
    assert headers["Authorization"] == f"Bearer {login.json()['access_token']}"


def test_cold_start_with_session_checks_config_then_loads(logged_in: PhoneDriver, wire: Wire) -> None:
    wire.clear()
    logged_in.restart()
    calls = wire.calls()
    assert calls[0] == "GET /config"
    assert calls[1:4] == ["GET /me", "GET /broker", "GET /customers"]


def test_first_start_without_makler_id_skips_config(phone: PhoneDriver, wire: Wire) -> None:
    assert wire.calls() == []


def test_expired_access_token_is_refreshed_with_rotation(
    logged_in: PhoneDriver, broker: BrokerWorld, wire: Wire
) -> None:
    before = logged_in.device.app_state()
    (login,) = wire.answers("/login")
    broker.expire_access_tokens()
    logged_in.restart()
    assert logged_in.text("broker_name") == broker.broker.name
    assert wire.count("/token/refresh") == 1
    (refreshed,) = wire.answers("/token/refresh")
    assert refreshed.status_code == 200
    assert wire.last_headers()["Authorization"] == f"Bearer {refreshed.json()['access_token']}"
    assert before["storage_keys"] == logged_in.device.app_state()["storage_keys"]
    # the old pair is gone: the backend takes the rotated refresh token no more
    with pytest.raises(BackendError) as refused:
        broker.app_call("POST", "/token/refresh", {"refresh_token": login.json()["refresh_token"]})
    assert (refused.value.status, refused.value.code) == (400, "invalid_token")


@pytest.mark.parametrize(
    ("makler_id", "error"),
    [
        ("", "Bitte gib die Makler-ID ein. Die Makler-ID findest Du in Deiner Einladungs-E-Mail."),
        ("MK999999", "E-Mail, Passwort oder Makler-ID ist falsch."),
    ],
)
def test_login_without_or_with_wrong_makler_id_fails(phone: PhoneDriver, makler_id: str, error: str) -> None:
    phone.login(makler_id=makler_id)
    assert phone.screen() == "screen_login"
    assert phone.text("login_error") == error


def test_unconfirmed_account_shows_the_server_message(phone: PhoneDriver, broker: BrokerWorld) -> None:
    broker.unconfirm()
    phone.login()
    assert phone.text("login_error").startswith("Deine Registrierung ist noch nicht bestätigt.")


def test_outage_on_login_shows_error_banner(phone: PhoneDriver, broker: BrokerWorld) -> None:
    broker.outage(requests=1)
    phone.login()
    assert phone.text("error_banner") == "Es ist ein Fehler aufgetreten."
    assert not phone.has("login_error")
    phone.tap("login_submit")
    assert phone.screen() == "screen_main"
    assert not phone.has("error_banner")


def test_connection_refused_shows_error_banner(phone: PhoneDriver, wire: Wire) -> None:
    wire.refuse_connections(True)
    phone.login()
    assert phone.text("error_banner") == "Es ist ein Fehler aufgetreten."


def test_app_below_minimum_shows_update_screen_until_upgraded(logged_in: PhoneDriver, broker: BrokerWorld) -> None:
    broker.admin.set_minimums("android", app="4.1.0")
    logged_in.restart()
    assert logged_in.screen() == "screen_update"
    assert logged_in.text("update_required_title") == "Update erforderlich"
    message = logged_in.text("update_required_message")
    assert "Kunden-App" in message and "4.1.0" in message and "Betriebssystem" not in message
    logged_in.device.install_app("kundenapp-4.1.0.apk")
    logged_in.device.activate_app(APP_ID)
    assert logged_in.screen() == "screen_main"


def test_os_below_minimum_shows_update_screen_until_os_update(logged_in: PhoneDriver, broker: BrokerWorld) -> None:
    broker.admin.set_minimums("android", os="15")
    logged_in.restart()
    message = logged_in.text("update_required_message")
    assert "Betriebssystem" in message and "Android 15" in message
    logged_in.device.back()  # the root screen: Android only backgrounds
    logged_in.device.activate_app(APP_ID)
    assert logged_in.screen() == "screen_update"
    logged_in.device.simulator_command("updateOs", {"version": "15"})
    logged_in.device.activate_app(APP_ID)
    assert logged_in.state() == APP_FOREGROUND
    assert logged_in.screen() == "screen_main"


def test_426_on_login_shows_update_screen(make_phone: MakePhone, broker: BrokerWorld) -> None:
    broker.admin.set_minimums("ios", app="3.6.0")
    p = make_phone("ios", app_version="3.5.2")
    p.login()
    assert p.screen() == "screen_update"
    assert "App Store" in p.text("update_required_message")
    assert "3.6.0" in p.text("update_required_message")


def test_update_screen_ignores_links(logged_in: PhoneDriver, broker: BrokerWorld) -> None:
    broker.admin.set_minimums("android", app="9.0")
    logged_in.restart()
    logged_in.device.deep_link(f"kundenapp://einladung?makler_id={broker.makler_id}", APP_ID)
    assert logged_in.screen() == "screen_update"
