"""Whole journeys of the emulated app against the real backend: invitation, registration, sharing, outages.

Accounts here are made the way a customer makes them: invited by the broker, registered and
confirmed in the app through the mailed links.
"""

from __future__ import annotations

import itertools

from simulator.client import BackendClient
from tests.app.conftest import APP_ID, PASSWORD, BrokerWorld, MakePhone, PhoneDriver

_numbers = itertools.count(1)


def registered_account(broker: BrokerWorld, phone: PhoneDriver) -> str:
    """Invite a customer, register and confirm in the app through the mailed links; returns the e-mail."""
    email = broker.address("kunde")
    customer = broker.admin.create_customer("Erika Mustermann", email)
    broker.admin.add_contract(customer.id, "HR-4711", documents=["Police.pdf"])
    broker.admin.invite(customer.id)
    phone.device.deep_link(broker.link(email, "invitation"), APP_ID)
    assert phone.text("register_email") == email
    assert phone.text("register_makler_id") == broker.makler_id
    phone.type("register_password", PASSWORD)
    phone.type("register_password_repeat", PASSWORD)
    phone.tap("register_submit")
    assert phone.has("register_confirmation"), phone.ids()
    phone.device.deep_link(broker.link(email, "confirmation"), APP_ID)
    assert phone.has("confirm_message"), phone.ids()
    phone.tap("confirm_to_login")
    return email


def test_register_confirm_login_contracts(broker: BrokerWorld, make_phone: MakePhone) -> None:
    phone = make_phone()
    email = registered_account(broker, phone)
    assert phone.text("login_makler_id") == broker.makler_id  # remembered from the invitation
    phone.fill("login_email", email)
    phone.fill("login_password", PASSWORD)
    phone.tap("login_submit")
    assert phone.screen() == "screen_main", phone.ids()
    assert phone.text("broker_name") == broker.broker.name
    phone.tap("tab_contracts")
    assert phone.texts("customer_chip") == ["Erika Mustermann"]
    assert phone.texts("contract_row") == ["Hausrat · Allianz · HR-4711"]
    phone.tap("contract_row")
    assert phone.text("contract_number") == "HR-4711"
    assert phone.text("contract_premium") == "12,50 €"
    assert phone.texts("contract_document") == ["Police.pdf"]
    phone.tap("contract_back")
    phone.tap("tab_me")
    assert phone.text("me_email") == email


def test_server_password_rules_show_in_register_error(broker: BrokerWorld, make_phone: MakePhone) -> None:
    phone = make_phone()
    email = f"regel{next(_numbers)}@example.com"
    broker.admin.invite(broker.admin.create_customer("Rita Regel", email).id)
    phone.device.deep_link(broker.link(email, "invitation"), APP_ID)
    phone.type("register_password", "kurz")
    phone.type("register_password_repeat", "kurz")
    phone.tap("register_submit")
    assert phone.text("register_error").splitlines() == [
        "mind. 8 Stellen",
        "mind. ein Großbuchstabe",
        "mind. eine Zahl",
        "mind. ein Sonderzeichen",
    ]


def test_shared_customer_ladder_for_an_old_build(broker: BrokerWorld, make_phone: MakePhone) -> None:
    """Geteilte Verträge 2–4 with 3.5.2: restart is not enough (scope fixed at login); Abmelden, close, start,
    log in is."""
    phone = make_phone(app_version="3.5.2")
    email = registered_account(broker, phone)
    phone.login(email, PASSWORD, broker.makler_id)
    company = broker.admin.create_customer("Mustermann GmbH", None, kind="firma")
    broker.admin.add_contact(company.id, "Erika", email, kundenportal=True)
    phone.restart()
    phone.tap("tab_contracts")
    assert phone.texts("customer_chip") == ["Erika Mustermann"]
    phone.tap("tab_me")
    phone.tap("logout_button")
    phone.restart()
    phone.login(email, PASSWORD, broker.makler_id)
    phone.tap("tab_contracts")
    assert phone.texts("customer_chip") == ["Erika Mustermann", "Mustermann GmbH"]


def test_outage_and_broken_session_with_the_real_backend(broker: BrokerWorld, make_phone: MakePhone) -> None:
    phone = make_phone(app_version="3.5.2")
    email = registered_account(broker, phone)
    phone.login(email, PASSWORD, broker.makler_id)
    phone.device.terminate_app(APP_ID)
    broker.outage(requests=50)
    phone.device.activate_app(APP_ID)
    assert phone.text("error_banner") == "Es ist ein Fehler aufgetreten."
    broker.up()
    phone.device.background_app(0)
    assert phone.text("error_banner") == "Es ist ein Fehler aufgetreten."
    phone.restart()
    assert phone.text("broker_name") == broker.broker.name
    assert broker.invalidate_sessions(email) == 1
    phone.restart()
    assert phone.text("error_banner") == "Sitzung konnte nicht geladen werden."
    phone.tap("tab_me")
    phone.tap("logout_button")
    phone.restart()
    phone.login(email, PASSWORD, broker.makler_id)
    assert phone.text("broker_name") == broker.broker.name


def test_minimum_app_version_from_the_backend(backend_client: BackendClient, make_phone: MakePhone) -> None:
    created = backend_client.create_broker(min_versions={"android": {"min_app_version": "3.6.0"}})
    phone = make_phone(app_version="3.5.2")
    phone.login("x@example.com", PASSWORD, created.makler_id)
    assert phone.screen() == "screen_update"
    assert "3.6.0" in phone.text("update_required_message")
