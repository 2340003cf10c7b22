"""Page object of the Makler-Konsole, driven in headless Chromium through Selenium (the broker's side).

Only the console's stable element ids are used (``nav-externe``, ``tab-eingeladene``, ``externer-row``,
``row-menu``, ``action-aktivieren`` …), the same contract the page tests check.
"""

from __future__ import annotations

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

from harness.browser import is_gone
from harness.scenario_broker import ScenarioBroker
from steps.screens.base import POLL

WAIT_SECONDS = 10.0
TABS = {"Eingeladene": "tab-eingeladene", "Aktive": "tab-aktive", "Deaktiviert": "tab-deaktiviert"}


class Konsole:
    """The broker of one scenario, signed in to the Makler-Konsole in the browser."""

    def __init__(self, driver: webdriver.Chrome, base_url: str, scenario_broker: ScenarioBroker) -> None:
        self.driver = driver
        self.base_url = base_url.rstrip("/")
        self.scenario_broker = scenario_broker
        self.signed_in = False

    def _wait(self) -> WebDriverWait[webdriver.Chrome]:
        # the phones' poll, not Selenium's 0.5 s: every page load a step waits for would cost half a second
        return WebDriverWait(self.driver, WAIT_SECONDS, poll_frequency=POLL)

    def sign_in(self) -> None:
        """Sign in with the scenario broker's Makler-ID and API key (once per scenario)."""
        if self.signed_in:
            return
        self.driver.get(f"{self.base_url}/konsole/anmelden")
        self.driver.find_element(By.ID, "makler_id").send_keys(self.scenario_broker.broker.makler_id)
        self.driver.find_element(By.ID, "api_key").send_keys(self.scenario_broker.broker.api_key)
        self._submit(self.driver.find_element(By.ID, "login"))
        self._wait().until(expected_conditions.presence_of_element_located((By.ID, "nav-externe")))
        self.signed_in = True

    def _submit(self, button: WebElement) -> None:
        """Click a button that loads a new page, and wait until the new page is there."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        button.click()
        self._wait().until(lambda _: is_gone(page))

    def flash(self) -> tuple[str, str]:
        """(kind, text) of the message the last action left."""
        element = self._wait().until(expected_conditions.presence_of_element_located((By.ID, "flash")))
        return str(element.get_dom_attribute("class")), element.text

    def _succeeded(self) -> str:
        kind, text = self.flash()
        assert kind == "success", f"die Makler-Konsole meldet einen Fehler: {text}"
        return text

    # -- Administration -> Konto -> Kundenapp
    def makler_id(self) -> str:
        """The Makler-ID shown under Konto -> Kundenapp."""
        self.sign_in()
        self._submit(self.driver.find_element(By.ID, "nav-konto-kundenapp"))
        return self.driver.find_element(By.ID, "makler-id").text.strip()

    # -- Administration -> Externe
    def externe(self, tab: str) -> list[str]:
        """The e-mail addresses listed on one tab (Eingeladene / Aktive / Deaktiviert)."""
        self.sign_in()
        self._submit(self.driver.find_element(By.ID, "nav-externe"))
        self._submit(self.driver.find_element(By.ID, TABS[tab]))
        return [str(row.get_dom_attribute("data-email")) for row in self.driver.find_elements(By.ID, "externer-row")]

    def menu_action(self, tab: str, email: str, action_id: str) -> str:
        """Externe -> tab -> the row's 3-dot menu -> one item; returns the success message."""
        listed = self.externe(tab)
        assert email in listed, f"{email} steht nicht unter Externe → {tab}: {listed}"
        row = self.driver.find_element(By.CSS_SELECTOR, f'[id="externer-row"][data-email="{email}"]')
        row.find_element(By.ID, "row-menu").click()
        item = row.find_element(By.ID, action_id)
        self._wait().until(lambda _: item.is_displayed())
        self._submit(item)
        return self._succeeded()

    # -- Kunden -> Kontakte -> Personen
    def edit_contact(self, customer: str, contact: str, email: str, kundenportal: bool) -> str:
        """Kunde -> Kontakte -> Personen -> 3-Punkte-Menü -> Bearbeiten: e-mail and Kundenportal."""
        self.sign_in()
        self._submit(self.driver.find_element(By.ID, "nav-kunden"))
        self._submit(self.driver.find_element(By.LINK_TEXT, customer))
        rows = [
            r for r in self.driver.find_elements(By.ID, "kontakt-row") if r.get_dom_attribute("data-name") == contact
        ]
        assert rows, f"kein Kontakt {contact} bei {customer}"
        rows[0].find_element(By.ID, "row-menu").click()
        self._submit(rows[0].find_element(By.ID, "kontakt-bearbeiten"))
        field = self.driver.find_element(By.ID, "kontakt-email")
        field.clear()
        field.send_keys(email)
        toggle = self.driver.find_element(By.ID, "kundenportal-toggle")
        if toggle.is_selected() != kundenportal:
            toggle.click()
        self._submit(self.driver.find_element(By.ID, "save"))
        return self._succeeded()
