"""A wait that gives up says what it expected and what the screen showed (docs/reports.md)."""

from __future__ import annotations

import pytest

from harness.phones import PhoneFactory
from steps.screens.auth import LoginScreen
from steps.screens.base import Screen, ScreenError, quoted


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_a_failed_wait_names_the_screen_and_its_texts_but_no_password(phones: PhoneFactory, platform: str) -> None:
    phone = phones(platform)
    login = LoginScreen(phone).wait_shown()
    login.type("login_email", "peter@example.com")
    login.type("login_password", "Geheim!2026")
    with pytest.raises(ScreenError) as failed:
        Screen(phone, timeout=0.1).find("tab_contracts")
    message = str(failed.value)
    assert message.startswith(
        "erwartet Element „tab_contracts“ sichtbar – gezeigt nach 0.1 s: Bildschirm „screen_login“"
    )
    assert "„Anmelden“" in message and "„peter@example.com“" in message
    assert "Geheim!2026" not in message


def test_a_wait_can_say_in_domain_words_what_it_saw(phones: PhoneFactory) -> None:
    screen = Screen(phones("android"), timeout=0.1)
    with pytest.raises(ScreenError) as failed:
        screen.wait(
            lambda d: False, f"Kunden {quoted(['Peter Vater', 'Anna Vater'])}", shown=lambda: quoted(["Peter Vater"])
        )
    assert str(failed.value) == "erwartet Kunden „Peter Vater“, „Anna Vater“ – gezeigt nach 0.1 s: „Peter Vater“"
