"""No network: requests fail fast, offline_banner shows, the app recovers when the network is back."""

from __future__ import annotations

from tests.app.conftest import BrokerWorld, PhoneDriver, Wire


def test_offline_banner_and_no_request(phone: PhoneDriver, wire: Wire) -> None:
    phone.device.set_connectivity(wifi=False, data=False, airplane_mode=None)
    assert phone.device.get_connectivity() == {"wifi": False, "data": False, "airplaneMode": False}
    assert phone.text("offline_banner") == "Keine Internetverbindung"
    phone.login()
    assert phone.screen() == "screen_login"
    assert wire.calls() == []
    phone.device.set_connectivity(wifi=True, data=None, airplane_mode=None)
    assert not phone.has("offline_banner")
    phone.tap("login_submit")
    assert phone.screen() == "screen_main"


def test_airplane_mode_is_offline_even_with_wifi_on(phone: PhoneDriver) -> None:
    phone.device.set_connectivity(wifi=None, data=None, airplane_mode=True)
    assert phone.has("offline_banner")
    phone.device.set_connectivity(wifi=None, data=None, airplane_mode=False)
    assert not phone.has("offline_banner")


def test_mobile_data_alone_is_online(phone: PhoneDriver) -> None:
    phone.device.set_connectivity(wifi=False, data=True, airplane_mode=None)
    assert not phone.has("offline_banner")


def test_offline_cold_start_shows_cached_data_then_reloads(
    logged_in: PhoneDriver, broker: BrokerWorld, wire: Wire
) -> None:
    logged_in.device.terminate_app("de.insurgo.kundenapp")
    logged_in.device.set_connectivity(wifi=False, data=False, airplane_mode=None)
    wire.clear()
    logged_in.tap("app_icon")
    assert logged_in.has("offline_banner")
    assert logged_in.text("broker_name") == broker.broker.name  # from the persisted cache
    assert wire.calls() == []
    broker.share()  # changed on the backend while the phone is offline
    logged_in.device.set_connectivity(wifi=True, data=None, airplane_mode=None)
    assert wire.calls()[:3] == ["GET /me", "GET /broker", "GET /customers"]
    assert not logged_in.has("offline_banner")
    logged_in.tap("tab_contracts")
    assert logged_in.texts("customer_chip") == ["Max Mustermann", "Mustermann GmbH"]  # the reloaded list


def test_going_offline_in_the_background_keeps_the_data(logged_in: PhoneDriver, broker: BrokerWorld) -> None:
    logged_in.device.background_app(-1)
    logged_in.device.set_connectivity(wifi=False, data=False, airplane_mode=None)
    logged_in.device.activate_app("de.insurgo.kundenapp")
    assert logged_in.text("broker_name") == broker.broker.name
    assert logged_in.has("offline_banner")
    assert not logged_in.has("error_banner")
