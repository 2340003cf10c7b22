"""A misspelt step fails its scenario, not the run: status ``undefined`` in Cucumber JSON, a JUnit failure and an HTML
row naming feature file:line, the step and "Meinten Sie: …"; every other scenario runs, the exit code is 1."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.harness.test_reports import _html_rows, _run

ROOT = Path(__file__).resolve().parents[2]
MISSPELT = """# language: de
Funktionalität: Tippfehler
  Szenario: Ein Schritt ohne Definition
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"
    Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldt
    Dann ist er in der App angemeldet

  Szenario: Ohne Tippfehler
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"
"""
OTHER = """# language: de
Funktionalität: Andere Datei
  Szenario: Läuft trotzdem
    Angenommen ein Makler, der die Kunden-App anbietet
"""
UNDEFINED = "Ein Schritt ohne Definition"
WHERE = "tippfehler.feature:6  Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldt"
HINT = "Meinten Sie: Wenn er/sie sich mit E-Mail, Passwort und Makler-ID anmeldet"


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["seriell", "xdist"])
def test_a_misspelt_step_fails_its_scenario_and_every_other_scenario_runs(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, workers: list[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # the summary line whole, as a CI log shows it
    pytester.makefile(".feature", tippfehler=MISSPELT, andere=OTHER)
    pytester.makepyfile(
        test_tippfehler='from pytest_bdd import scenarios\n\nscenarios("tippfehler.feature")\n',
        test_andere='from pytest_bdd import scenarios\n\nscenarios("andere.feature")\n',
    )
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    out = pytester.path / "out"
    result = _run(pytester, *workers)
    result.assert_outcomes(passed=2, failed=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([f"FAILED *test_ein_schritt_ohne_definition - {WHERE} – Schritt ohne Definition.*"])
    assert "Step definition is not found" not in result.stdout.str()

    features = json.loads((out / "cucumber.json").read_text(encoding="utf-8"))
    scenarios = {e["name"]: e for f in features for e in f["elements"]}
    assert sorted(scenarios) == [UNDEFINED, "Läuft trotzdem", "Ohne Tippfehler"]
    steps = scenarios[UNDEFINED]["steps"]
    # no step ran: the scenario cannot pass, so its phones are never started (Cucumber: skipped, undefined)
    assert [s["result"]["status"] for s in steps] == ["skipped", "skipped", "undefined", "skipped"]
    assert HINT in steps[2]["result"]["error_message"]
    assert [s["result"]["status"] for s in scenarios["Ohne Tippfehler"]["steps"]] == ["passed", "passed"]

    junit = ET.parse(out / "junit.xml").getroot()
    cases = {case.get("name"): case for case in junit.iter("testcase")}
    failure = cases[UNDEFINED].find("failure")
    assert failure is not None and failure.get("message", "").startswith(f"{WHERE} – Schritt ohne Definition.")
    assert HINT in failure.get("message", "")
    assert cases["Ohne Tippfehler"].find("failure") is None

    row = _html_rows((out / "e2e.html").read_text(encoding="utf-8"))[UNDEFINED]
    assert 'data-status="undefined"' in row and "undefiniert" in row
    assert "tippfehler.feature:3" in row and "anmeldt" in row and HINT in row
