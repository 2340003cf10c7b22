"""Small flows several areas share: open a mailed link, restart the app, register and confirm, reach the login."""

from __future__ import annotations

from appium.webdriver.webdriver import WebDriver

from harness.scenario_broker import ScenarioBroker
from simulator.caps import APP_ID
from steps.context import Person
from steps.screens.auth import ConfirmScreen, LoginScreen, RegisterScreen, ResetScreen


def open_link(phone: WebDriver, link: str) -> None:
    """Open a link from a mail on the phone (deep link into the app)."""
    phone.execute_script("mobile: deepLink", {"url": link, "package": APP_ID, "bundleId": APP_ID})


def restart(phone: WebDriver) -> None:
    """Close the app completely and start it again (memory lost, storage kept)."""
    phone.terminate_app(APP_ID)
    phone.activate_app(APP_ID)


def register_and_confirm(scenario_broker: ScenarioBroker, person: Person, phone: WebDriver) -> None:
    """Register in the app with the invited address, confirm by the mailed link, end on the login screen."""
    register = RegisterScreen(phone).open_from_login()
    register.fill(person.email, scenario_broker.broker.makler_id, person.password)
    register.submit()
    register.confirmation()
    open_link(phone, scenario_broker.api.wait_for_mail(person.email, "confirmation").links[0])
    ConfirmScreen(phone).outcome()
    ConfirmScreen(phone).to_login()


def to_login(phone: WebDriver) -> LoginScreen:
    """The login screen: back from a link screen, or by starting the app again."""
    if ConfirmScreen(phone).is_shown():
        ConfirmScreen(phone).to_login()
    elif ResetScreen(phone).is_shown():
        ResetScreen(phone).to_login()
    elif not LoginScreen(phone).is_shown():
        restart(phone)
    return LoginScreen(phone).wait_shown()  # type: ignore[no-any-return]
