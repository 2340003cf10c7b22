"""The app talks to the backend only over HTTP: headers, tokens, refresh, update gate, errors."""

from __future__ import annotations

import pytest

from simulator.app.device_api import APP_FOREGROUND
from tests.app.conftest import APP_ID, MakePhone, Phone
from tests.app.fake_backend import FakeBackend


def test_headers_on_every_call(logged_in: Phone, backend: FakeBackend) -> None:
    headers = backend.last_headers()
    assert headers["X-Platform"] == "android"
    assert headers["X-App-Version"] == "4.0.0"
    assert headers["X-OS-Version"] == "14"
    assert headers["X-Makler-ID"] == "M-100"
    assert headers["Authorization"].startswith("Bearer access-")


def test_cold_start_with_session_checks_config_then_loads(logged_in: Phone, backend: FakeBackend) -> None:
    backend.requests.clear()
    logged_in.restart()
    calls = backend.calls()
    assert calls[0] == "GET /config"
    assert calls[1:4] == ["GET /me", "GET /broker", "GET /customers"]


def test_first_start_without_makler_id_skips_config(phone: Phone, backend: FakeBackend) -> None:
    assert backend.calls() == []


def test_expired_access_token_is_refreshed_with_rotation(logged_in: Phone, backend: FakeBackend) -> None:
    before = logged_in.device.app_state()
    backend.expire_access_tokens()
    logged_in.restart()
    assert logged_in.text("broker_name") == "Makler Meier"
    assert backend.count("/token/refresh") == 1
    assert backend.sessions[0].revoked  # the old pair is gone
    assert backend.last_headers()["Authorization"] == f"Bearer {backend.sessions[-1].access}"
    assert before["storage_keys"] == logged_in.device.app_state()["storage_keys"]


@pytest.mark.parametrize(
    ("makler_id", "error"),
    [
        ("", "Bitte gib die Makler-ID ein. Die Makler-ID findest Du in Deiner Einladungs-E-Mail."),
        ("M-999", "E-Mail, Passwort oder Makler-ID ist falsch."),
    ],
)
def test_login_without_or_with_wrong_makler_id_fails(phone: Phone, makler_id: str, error: str) -> None:
    phone.login(makler_id=makler_id)
    assert phone.screen() == "screen_login"
    assert phone.text("login_error") == error


def test_unconfirmed_account_shows_the_server_message(phone: Phone, backend: FakeBackend) -> None:
    backend.accounts["max@example.com"].confirmed = False
    phone.login()
    assert phone.text("login_error") == "Bitte bestätige zuerst Deine E-Mail-Adresse."


def test_outage_on_login_shows_error_banner(phone: Phone, backend: FakeBackend) -> None:
    backend.outage_requests = 1
    phone.login()
    assert phone.text("error_banner") == "Es ist ein Fehler aufgetreten."
    assert not phone.has("login_error")
    phone.tap("login_submit")
    assert phone.screen() == "screen_main"
    assert not phone.has("error_banner")


def test_connection_refused_shows_error_banner(phone: Phone, backend: FakeBackend) -> None:
    backend.network_down = True
    phone.login()
    assert phone.text("error_banner") == "Es ist ein Fehler aufgetreten."


def test_app_below_minimum_shows_update_screen_until_upgraded(logged_in: Phone, backend: FakeBackend) -> None:
    backend.min_app["android"] = "4.1.0"
    logged_in.restart()
    assert logged_in.screen() == "screen_update"
    assert logged_in.text("update_required_title") == "Update erforderlich"
    message = logged_in.text("update_required_message")
    assert "Kunden-App" in message and "4.1.0" in message and "Betriebssystem" not in message
    logged_in.device.install_app("kundenapp-4.1.0.apk")
    logged_in.device.activate_app(APP_ID)
    assert logged_in.screen() == "screen_main"


def test_os_below_minimum_shows_update_screen_until_os_update(logged_in: Phone, backend: FakeBackend) -> None:
    backend.min_os["android"] = "15"
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


def test_426_on_login_shows_update_screen(make_phone: MakePhone, backend: FakeBackend) -> None:
    backend.min_app["ios"] = "3.6.0"
    p = make_phone("ios", app_version="3.5.2")
    p.login()
    assert p.screen() == "screen_update"
    assert "App Store" in p.text("update_required_message")
    assert "3.6.0" in p.text("update_required_message")


def test_update_screen_ignores_links(logged_in: Phone, backend: FakeBackend) -> None:
    backend.min_app["android"] = "9.0"
    logged_in.restart()
    logged_in.device.deep_link("kundenapp://einladung?makler_id=M-100", APP_ID)
    assert logged_in.screen() == "screen_update"
