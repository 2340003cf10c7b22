"""The suite against a shared backend whose test control demands its key (``--test-api-token``): the scenarios
run, and the key shows up in no report, attachment, replay command or console line (docs/backend-api.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from simulator.embedded import Simulator

ROOT = Path(__file__).resolve().parents[2]
KEY = "schluessel-der-test-steuerung-0123456789"
FEATURE = """# language: de
@registrierung
Funktionalität: Gemeinsames Backend mit Schlüssel
  Grundlage:
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"
    Und "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0

  @reg_email @android
  Szenario: Grün über die Test-Steuerung mit Schlüssel
    Angenommen der Makler hat "Peter Vater" zur Kunden-App eingeladen
    Dann der Makler sieht "Peter Vater" unter Externe → Eingeladene

  @spam @android
  Szenario: Absichtlich rot
    Dann der Makler sieht "Peter Vater" unter Externe → Aktive
"""


@pytest.fixture(scope="module")
def remote() -> Iterator[tuple[Simulator, BackendThread]]:
    """A kundenapp-sim as the remote Appium server and a keyed backend as the suite's shared one."""
    with Simulator() as sim, BackendThread(Settings(kdf_profile="test", test_api_token=KEY)) as keyed:
        yield sim, keyed


def test_a_keyed_remote_backend_runs_the_scenarios_and_no_report_carries_its_key(
    pytester: pytest.Pytester, remote: tuple[Simulator, BackendThread]
) -> None:
    sim, keyed = remote
    pytester.makefile(".feature", schluessel=FEATURE)
    pytester.makepyfile(test_schluessel='from pytest_bdd import scenarios\n\nscenarios("schluessel.feature")\n')
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    markers = "\n    ".join(("registrierung", "reg_email", "spam", "android"))
    pytester.makeini(f"[pytest]\nmarkers =\n    {markers}\nfilterwarnings = error\n")
    out = pytester.path / "out"
    result = pytester.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        "--target",
        "remote",
        "--appium-url",
        sim.appium_url,
        "--backend-url",
        keyed.url,
        "--test-api-token",
        KEY,
        f"--junitxml={out}/junit.xml",
        f"--cucumberjson={out}/cucumber.json",
        f"--html={out}/e2e.html",
        "--self-contained-html",
        "--alluredir",
        str(out / "allure"),
        timeout=180,
    )
    result.assert_outcomes(passed=1, failed=1)
    console = result.stdout.str() + result.stderr.str()
    assert "Wiederholen mit:" in console and f"--backend-url {keyed.url}" in console
    assert KEY not in console
    files = [f for f in out.rglob("*") if f.is_file()]
    assert len(files) > 4  # the reports and Allure's results were written
    leaking = [str(f) for f in files if KEY.encode() in f.read_bytes()]
    assert leaking == []
