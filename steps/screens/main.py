"""Screens after login: the five tabs, contracts with customer chips, contract details, Ich -> Abmelden."""

from __future__ import annotations

from steps.screens.base import Screen, quoted

TABS = {
    "Überblick": "tab_overview",
    "Verträge": "tab_contracts",
    "Chat": "tab_chat",
    "Schäden": "tab_claims",
    "Ich": "tab_me",
}


class MainScreen(Screen):
    """The app after login (bottom tab bar)."""

    root = "screen_main"

    def open_tab(self, name: str) -> None:
        """Tap a bottom tab by its German label (an open tab is not tapped again)."""
        shown = self.wait(lambda d: (snap := self.snapshot()).present(self.root) and snap, f"Bildschirm „{self.root}“")
        if any(tab.selected for tab in shown.all(TABS[name])):
            return
        self.tap(TABS[name])
        self.wait(lambda d: any(tab.selected for tab in self.snapshot().all(TABS[name])), f"Tab „{name}“ ausgewählt")

    def broker(self) -> dict[str, str]:
        """Überblick: the broker's contact data."""
        self.open_tab("Überblick")
        self.idle()
        return {key: self.text(f"broker_{key}") for key in ("name", "phone", "address")}

    def chips(self) -> dict[str, bool]:
        """Verträge, once idle: customer chips and whether each one's contracts are shown."""
        return {chip.text: chip.selected for chip in self.idle_snapshot().all("customer_chip")}

    def shows_data(self) -> bool:
        """Once idle: the open tab shows loaded data (Überblick: the broker; Verträge: chips; Ich: the name)."""
        snap = self.idle_snapshot()
        return any(snap.present(aid) for aid in ("broker_name", "customer_chip", "me_name"))

    def toggle_chip(self, name: str) -> None:
        """Tap a customer's chip."""
        before = self.chips()[name]
        chip = next(c for c in self.all("customer_chip") if c.text == name)
        chip.click()
        self.wait(
            lambda d: self.chips().get(name) is (not before),
            f"Chip „{name}“ {'aus' if before else 'an'}",
            shown=lambda: quoted(f"{chip} {'an' if on else 'aus'}" for chip, on in self.chips().items()),
        )

    def contracts(self) -> list[str]:
        """Once idle: texts of the contract rows shown."""
        return [row.text for row in self.idle_snapshot().all("contract_row")]

    def open_contract(self, number: str) -> None:
        """Tap the contract row with this number; the details screen opens."""
        row = self.wait(
            lambda d: next((r for r in self.all("contract_row") if number in r.text), None), f"Vertrag {number}"
        )
        row.click()
        self.wait_present("contract_back")

    def contract_detail(self) -> str | None:
        """Once idle: the number the details screen shows, or None when it shows none."""
        self.wait_present("contract_back")
        return self.text_now("contract_number")

    def close_contract(self) -> None:
        """Zurück from the details to the list."""
        self.tap("contract_back")
        self.wait_shown()

    def error(self) -> str | None:
        """The error banner's text once the app is idle, if one is shown."""
        return self.text_now("error_banner")

    def app_version(self) -> str:
        """The version text under Ich (e.g. "Version 4.0.0")."""
        self.open_tab("Ich")
        return self.text("app_version")

    def logout(self) -> None:
        """Ich -> Abmelden."""
        self.open_tab("Ich")
        self.tap("logout_button")
