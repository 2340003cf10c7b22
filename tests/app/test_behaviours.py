"""Version-tied behaviours (the documented cases) at the app level: the affected build shows the symptom,
the article's remedy fixes it, an earlier weaker step does not; the fixed build 4.0.0 recovers by itself."""

from __future__ import annotations

import pytest

from simulator.app.device_api import DeviceError
from tests.app.conftest import APP_ID, BrokerWorld, MakePhone, PhoneDriver, Wire

STUCK = "Es ist ein Fehler aufgetreten."
SESSION = "Sitzung konnte nicht geladen werden."


def logged_in_build(make_phone: MakePhone, version: str, **kwargs: object) -> PhoneDriver:
    p = make_phone(app_version=version, **kwargs)
    p.login()
    assert p.screen() == "screen_main"
    return p


def start_during_outage(p: PhoneDriver, broker: BrokerWorld) -> None:
    p.device.terminate_app(APP_ID)
    broker.down()
    p.device.activate_app(APP_ID)
    assert p.text("error_banner") == STUCK
    broker.up()


# -- unusable_memory (App nicht nutzbar 1) --
def test_unusable_memory_affected_build_stays_stuck_until_cold_start(
    make_phone: MakePhone, broker: BrokerWorld, wire: Wire
) -> None:
    p = logged_in_build(make_phone, "3.5.2")
    start_during_outage(p, broker)
    before = len(wire.calls())
    p.tap("tab_contracts")
    p.tap("tab_overview")
    p.device.background_app(-1)
    p.device.activate_app(APP_ID)
    p.device.background_app(0)
    assert p.text("error_banner") == STUCK
    assert not p.has("broker_name")
    assert len(wire.calls()) == before  # it never even asks again
    p.restart()  # the article's remedy: close completely and start
    assert not p.has("error_banner")
    assert p.text("broker_name") == broker.broker.name


def test_unusable_memory_also_for_connection_errors(make_phone: MakePhone, wire: Wire) -> None:
    p = logged_in_build(make_phone, "3.5.2")
    p.device.terminate_app(APP_ID)
    wire.refuse_connections(True)
    p.device.activate_app(APP_ID)
    wire.refuse_connections(False)
    p.tap("tab_contracts")
    assert p.text("error_banner") == STUCK
    assert p.device.app_state()["app"]["main"]["stuck"] is True


def test_unusable_memory_fixed_build_recovers_on_resume(make_phone: MakePhone, broker: BrokerWorld) -> None:
    p = logged_in_build(make_phone, "4.0.0")
    start_during_outage(p, broker)
    p.device.background_app(0)
    assert not p.has("error_banner")
    assert p.text("broker_name") == broker.broker.name


def test_unusable_memory_fixed_build_recovers_on_tab_switch(make_phone: MakePhone, broker: BrokerWorld) -> None:
    p = logged_in_build(make_phone, "3.6.0")
    start_during_outage(p, broker)
    p.tap("tab_contracts")
    assert not p.has("error_banner")
    assert p.texts("contract_row") == ["Hausrat · Allianz · HR-0001"]


def test_unusable_memory_can_be_forced_off(make_phone: MakePhone, broker: BrokerWorld) -> None:
    p = logged_in_build(make_phone, "3.5.2", extra={"behaviours": {"unusable_memory": False}})
    start_during_outage(p, broker)
    p.tap("tab_me")
    assert not p.has("error_banner")


# -- unusable_session (App nicht nutzbar 2–3) --
def test_unusable_session_affected_build_needs_logout_restart_login(make_phone: MakePhone, broker: BrokerWorld) -> None:
    p = logged_in_build(make_phone, "3.5.2")
    broker.invalidate_sessions()
    p.restart()
    assert p.screen() == "screen_main"  # not the login screen
    assert p.text("error_banner") == SESSION
    assert "access_token" in p.storage_keys()  # the broken tokens are kept
    p.restart()  # step 1 is not enough
    assert p.text("error_banner") == SESSION
    p.tap("tab_me")  # step 2: Ich -> Abmelden, although the server refuses the logout call
    p.tap("logout_button")
    assert p.screen() == "screen_login"
    assert "access_token" not in p.storage_keys()
    p.restart()  # step 3: close completely, start, log in
    p.login()
    assert p.text("broker_name") == broker.broker.name
    assert not p.has("error_banner")


def test_unusable_session_fixed_build_shows_login_by_itself(make_phone: MakePhone, broker: BrokerWorld) -> None:
    p = logged_in_build(make_phone, "4.0.0")
    broker.invalidate_sessions()
    p.restart()
    assert p.screen() == "screen_login"
    assert p.text("login_error") == "Deine Sitzung ist abgelaufen. Bitte melde Dich erneut an."
    assert p.text("login_makler_id") == broker.makler_id
    assert "access_token" not in p.storage_keys()
    p.login()
    assert p.text("broker_name") == broker.broker.name


def test_unusable_session_while_running(make_phone: MakePhone, broker: BrokerWorld) -> None:
    p = logged_in_build(make_phone, "3.5.2")
    p.tap("tab_contracts")
    broker.invalidate_sessions()
    p.tap("contract_row")
    assert p.text("error_banner") == SESSION


# -- shared_restart (Geteilte Verträge 2) --
@pytest.mark.parametrize("version", ["3.5.2", "3.9.9"])
@pytest.mark.usefixtures("shared_relogin_off")  # 3.5.2's session scope fixed at login is the backend's case
def test_shared_restart_affected_build_needs_a_cold_start(
    make_phone: MakePhone, broker: BrokerWorld, wire: Wire, version: str
) -> None:
    p = logged_in_build(make_phone, version)
    p.tap("tab_contracts")
    broker.share()
    p.device.background_app(0)
    p.tap("tab_overview")
    p.tap("tab_contracts")
    assert p.texts("customer_chip") == ["Max Mustermann"]
    assert wire.count("/customers") == 1
    p.restart()  # close completely and start
    p.tap("tab_contracts")
    assert p.texts("customer_chip") == ["Max Mustermann", "Mustermann GmbH"]


def test_shared_restart_fixed_build_reloads_on_resume(make_phone: MakePhone, broker: BrokerWorld) -> None:
    p = logged_in_build(make_phone, "4.0.0")
    p.tap("tab_contracts")
    p.tap("customer_chip")  # hide own contracts: the choice survives the reload
    broker.share()
    p.device.background_app(-1)
    p.device.activate_app(APP_ID)
    assert p.texts("customer_chip") == ["Max Mustermann", "Mustermann GmbH"]
    assert [n.selected for n in p.nodes("customer_chip")] == [False, True]
    assert p.texts("contract_row") == ["Betriebshaftpflicht · HDI · BH-0002"]


def test_set_behaviour_forces_at_runtime(make_phone: MakePhone, broker: BrokerWorld) -> None:
    p = logged_in_build(make_phone, "4.0.0")
    active = p.device.simulator_command("setBehaviour", {"name": "shared_restart", "enabled": True})
    assert active["shared_restart"] is True
    broker.share()
    p.device.background_app(0)
    p.tap("tab_contracts")
    assert p.texts("customer_chip") == ["Max Mustermann"]
    active = p.device.simulator_command("setBehaviour", {"name": "shared_restart", "enabled": None})
    assert active["shared_restart"] is False


def test_set_behaviour_rejects_unknown_names(phone: PhoneDriver) -> None:
    with pytest.raises(DeviceError) as info:
        phone.device.simulator_command("setBehaviour", {"name": "nope", "enabled": True})
    assert info.value.error == "invalid argument"


def test_unknown_forced_behaviour_fails_the_session(make_phone: MakePhone) -> None:
    with pytest.raises(DeviceError) as info:
        make_phone(extra={"behaviours": {"nope": True}})
    assert info.value.error == "invalid argument"


def test_affected_build_with_latency_gets_stuck_too(make_phone: MakePhone, broker: BrokerWorld) -> None:
    p = make_phone(app_version="3.5.2", latency_ms=5)
    p.login()
    p.wait(lambda: p.has("broker_name") and not p.has("loading_indicator"))
    p.device.terminate_app(APP_ID)
    broker.down()
    p.device.activate_app(APP_ID)
    p.wait(lambda: p.has("error_banner") and not p.has("loading_indicator"))
    broker.up()
    p.device.background_app(0)
    p.tap("tab_contracts")
    assert p.device.wait_idle(5)
    assert p.text("error_banner") == STUCK


@pytest.mark.parametrize(("version", "kept"), [("3.9.9", True), ("4.0.0", False)])
def test_shared_restart_keeps_the_customer_list_across_a_new_login_in_the_same_process(
    make_phone: MakePhone, broker: BrokerWorld, version: str, kept: bool
) -> None:
    p = logged_in_build(make_phone, version)
    broker.share()
    p.tap("tab_me")
    p.tap("logout_button")
    p.login()
    p.tap("tab_contracts")
    both = ["Max Mustermann", "Mustermann GmbH"]
    assert p.texts("customer_chip") == (["Max Mustermann"] if kept else both)
    p.restart()  # a cold start loads the list again
    p.tap("tab_contracts")
    assert p.texts("customer_chip") == both
