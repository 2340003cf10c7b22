"""Every screen carries the accessibility ids of simulator/app/README.md, with German labels."""

from __future__ import annotations

from simulator.app.device_api import DeviceError
from tests.app.conftest import BrokerWorld, MakePhone, PhoneDriver, Wire

LOGIN_IDS = {
    "login_email",
    "login_password",
    "login_makler_id",
    "login_submit",
    "login_forgot_password",
    "login_register",
}
REGISTER_IDS = {
    "register_email",
    "register_makler_id",
    "register_password",
    "register_password_repeat",
    "register_submit",
    "register_back",
} | {f"password_rule_{r}" for r in ("length", "lower", "upper", "digit", "special")}
TAB_IDS = {"tab_overview", "tab_contracts", "tab_chat", "tab_claims", "tab_me"}


def test_login_screen(phone: PhoneDriver) -> None:
    assert phone.screen() == "screen_login"
    assert LOGIN_IDS <= phone.ids()
    assert phone.text("login_submit") == "Anmelden"
    assert phone.text("login_forgot_password") == "Passwort vergessen?"
    assert phone.node("login_password").password
    assert phone.node("login_makler_id").hint == "Makler-ID"


def test_register_screen(phone: PhoneDriver) -> None:
    phone.tap("login_register")
    assert phone.screen() == "screen_register"
    assert REGISTER_IDS <= phone.ids()
    assert [phone.text(f"password_rule_{r}") for r in ("length", "lower", "upper", "digit", "special")] == [
        "mind. 8 Stellen",
        "mind. ein Kleinbuchstabe",
        "mind. ein Großbuchstabe",
        "mind. eine Zahl",
        "mind. ein Sonderzeichen",
    ]
    assert all(phone.node(f"password_rule_{r}").checked is False for r in ("length", "digit"))


def test_register_takes_over_what_the_login_form_holds(phone: PhoneDriver) -> None:
    phone.type("login_email", "neu@example.com")
    phone.type("login_makler_id", "M-100")
    phone.tap("login_register")
    assert phone.text("register_email") == "neu@example.com"
    assert phone.text("register_makler_id") == "M-100"


def test_forgot_screen_and_confirmation(phone: PhoneDriver, broker: BrokerWorld, wire: Wire) -> None:
    phone.type("login_email", broker.email)
    phone.tap("login_forgot_password")
    assert {"forgot_email", "forgot_makler_id", "forgot_submit", "forgot_back"} <= phone.ids()
    assert phone.text("forgot_email") == broker.email
    phone.type("forgot_makler_id", broker.makler_id)
    phone.tap("forgot_submit")
    (answer,) = wire.answers("/password/forgot")
    assert phone.text("forgot_confirmation") == answer.json()["message"]  # the server's one answer for everyone
    assert answer.json()["message"].startswith("Falls ein Zugang")


def test_forgot_needs_email_and_makler_id(phone: PhoneDriver) -> None:
    phone.tap("login_forgot_password")
    phone.tap("forgot_submit")
    assert "Makler-ID" in phone.text("forgot_error")


def test_main_screen_tabs_and_overview(logged_in: PhoneDriver, broker: BrokerWorld) -> None:
    assert TAB_IDS <= logged_in.ids()
    assert logged_in.texts("tab_overview") + logged_in.texts("tab_contracts") + logged_in.texts(
        "tab_chat"
    ) + logged_in.texts("tab_claims") + logged_in.texts("tab_me") == ["Überblick", "Verträge", "Chat", "Schäden", "Ich"]
    assert logged_in.node("tab_overview").selected
    assert logged_in.text("broker_name") == broker.broker.name
    assert logged_in.text("broker_phone") == broker.broker.phone
    assert logged_in.text("broker_address") == broker.broker.address


def test_contracts_tab_rows_and_detail(logged_in: PhoneDriver) -> None:
    logged_in.tap("tab_contracts")
    assert logged_in.texts("customer_chip") == ["Max Mustermann"]
    assert logged_in.node("customer_chip").selected
    assert logged_in.texts("contract_row") == ["Hausrat · Allianz · HR-0001"]
    logged_in.tap("contract_row")
    assert logged_in.screen() == "screen_contract"
    assert logged_in.text("contract_number") == "HR-0001"
    assert logged_in.text("contract_insurer") == "Allianz"
    assert logged_in.text("contract_premium") == "12,50 €"
    assert logged_in.texts("contract_document") == ["Police.pdf", "Bedingungen.pdf"]
    logged_in.tap("contract_back")
    assert logged_in.screen() == "screen_main"
    assert logged_in.node("tab_contracts").selected


def test_chip_toggles_its_customers_contracts(logged_in: PhoneDriver, broker: BrokerWorld) -> None:
    broker.share()
    logged_in.restart()
    logged_in.tap("tab_contracts")
    assert logged_in.texts("customer_chip") == ["Max Mustermann", "Mustermann GmbH"]
    assert len(logged_in.nodes("contract_row")) == 2
    logged_in.tap("customer_chip", 1)
    assert not logged_in.node("customer_chip", 1).selected
    assert logged_in.texts("contract_row") == ["Hausrat · Allianz · HR-0001"]
    logged_in.tap("customer_chip", 0)
    assert logged_in.nodes("contract_row") == []
    assert logged_in.text("contracts_empty") == "Keine Verträge vorhanden."
    logged_in.tap("customer_chip", 1)
    assert logged_in.texts("contract_row") == ["Betriebshaftpflicht · HDI · BH-0002"]


def test_contract_no_longer_visible_shows_an_error(logged_in: PhoneDriver, broker: BrokerWorld) -> None:
    broker.share()
    logged_in.restart()
    logged_in.tap("tab_contracts")
    assert logged_in.texts("contract_row")[1] == "Betriebshaftpflicht · HDI · BH-0002"
    broker.unshare()
    logged_in.tap("contract_row", 1)
    assert logged_in.text("contract_error") == "Vertrag nicht gefunden."


def test_chat_and_claims_are_placeholders(logged_in: PhoneDriver) -> None:
    logged_in.tap("tab_chat")
    assert logged_in.has("chat_placeholder")
    logged_in.tap("tab_claims")
    assert logged_in.has("claims_placeholder")


def test_me_tab(logged_in: PhoneDriver, broker: BrokerWorld) -> None:
    logged_in.tap("tab_me")
    assert logged_in.text("me_name") == "Max Mustermann"
    assert logged_in.text("me_email") == broker.email
    assert logged_in.text("app_version") == "Version 4.0.0"
    assert logged_in.text("logout_button") == "Abmelden"


def test_logout_clears_session_keeps_makler_id_and_revokes(
    logged_in: PhoneDriver, broker: BrokerWorld, wire: Wire
) -> None:
    assert [s["revoked"] for s in broker.account()["sessions"]] == [False]
    logged_in.tap("tab_me")
    logged_in.tap("logout_button")
    assert logged_in.screen() == "screen_login"
    assert logged_in.text("login_makler_id") == broker.makler_id
    assert logged_in.storage_keys() == ["makler_id"]
    assert wire.count("/logout") == 1
    assert [s["revoked"] for s in broker.account()["sessions"]] == [True]  # ended on the server
    logged_in.restart()
    assert logged_in.screen() == "screen_login"


def test_launcher(phone: PhoneDriver) -> None:
    phone.device.background_app(-1)
    assert phone.screen() == "screen_launcher"
    assert phone.text("app_icon") == "Kunden-App"


def test_tapping_a_disabled_element_is_refused(make_phone: MakePhone) -> None:
    p = make_phone(latency_ms=300)
    p.login()
    assert not p.node("login_submit").enabled
    try:
        p.tap("login_submit")
    except DeviceError as exc:
        assert exc.error == "element not interactable"
    else:
        raise AssertionError("tap on a disabled button must fail")
