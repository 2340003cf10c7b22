"""The Makler-Konsole scenarios of a test process share one Chromium (harness/browser.py): each starts signed out,
with no cookie an earlier scenario left (its session, its remembered device)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FEATURE = """# language: de
@konsole
Funktionalität: Ein Browser für alle Szenarien
  Szenario: Der erste meldet sich an
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Makler hat sich in der Makler-Konsole angemeldet

  Szenario: Der zweite findet nichts davon
    Angenommen ein Makler, der die Kunden-App anbietet
    Dann hat der Browser kein Cookie und die Makler-Konsole zeigt die Anmeldung
"""

STEPS = """

from pytest_bdd import given, then
from selenium.webdriver.common.by import By


def all_cookies(driver):
    return driver.execute_cdp_cmd("Network.getAllCookies", {})["cookies"]


@given("der Makler hat sich in der Makler-Konsole angemeldet")
def _(konsole):
    konsole.sign_in()
    assert {"konsole_session", "konsole_geraet"} <= {c["name"] for c in all_cookies(konsole.driver)}


@then("hat der Browser kein Cookie und die Makler-Konsole zeigt die Anmeldung")
def _(konsole):
    assert all_cookies(konsole.driver) == []
    konsole.driver.get(konsole.base_url + "/konsole/")
    assert konsole.driver.find_elements(By.ID, "login"), konsole.driver.current_url
    assert not konsole.driver.find_elements(By.ID, "nav-externe")
"""


def test_each_konsole_scenario_starts_signed_out_without_cookies(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", browser=FEATURE)
    pytester.makepyfile(test_browser='from pytest_bdd import scenarios\n\nscenarios("browser.feature")\n')
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8") + STEPS)
    pytester.makeini("[pytest]\nmarkers =\n    konsole\nfilterwarnings = error\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-p", "no:xdist", timeout=180)
    result.assert_outcomes(passed=2)
