"""Allure results read Bereich → Funktionalität → Szenario: epic and parent suite = the feature file's folder,
feature and suite = the Funktionalität, story = the documented case; platforms stay tags (also under ``-n``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEATURE = """# language: de
@registrierung
Funktionalität: Registrieren mit der eingeladenen Adresse
  @reg_email @android
  Szenario: Android-Kunde
    Angenommen ein Makler, der die Kunden-App anbietet

  @reg_password @reg_email @ios
  Szenario: iPhone-Kunde
    Angenommen ein Makler, der die Kunden-App anbietet
"""


def test_allure_labels_give_bereich_funktionalitaet_and_the_documented_case(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", **{"features/registrierung/adresse": FEATURE})
    pytester.makepyfile(
        test_adresse='from pytest_bdd import scenarios\n\nscenarios("features/registrierung/adresse.feature")\n'
    )
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    markers = "\n    ".join(("registrierung", "reg_email", "reg_password", "android", "ios"))
    pytester.makeini(f"[pytest]\nmarkers =\n    {markers}\nfilterwarnings = error\n")
    for workers in ([], ["-n", "2"]):  # the second run's results replace the first's (one run per folder)
        result = pytester.runpytest_subprocess(
            "-p", "no:cacheprovider", "--strict-markers", "--alluredir", "reports/allure", *workers, timeout=180
        )
        result.assert_outcomes(passed=2)
    written = [json.loads(p.read_text(encoding="utf-8")) for p in (pytester.path / "reports/allure").glob("*.json")]
    assert sorted(r["name"] for r in written if "labels" in r) == ["Android-Kunde", "iPhone-Kunde"]  # not four
    results = {r["name"]: r for r in written if "labels" in r}
    funktionalitaet = "Registrieren mit der eingeladenen Adresse"
    for name, platform, cases in (
        ("Android-Kunde", "android", ["reg-email"]),
        ("iPhone-Kunde", "ios", ["reg-email", "reg-password"]),
    ):
        labels: dict[str, list[str]] = {}
        for entry in results[name]["labels"]:
            labels.setdefault(entry["name"], []).append(entry["value"])
        assert labels["epic"] == ["registrierung"] and labels["parentSuite"] == ["registrierung"]
        assert labels["feature"] == [funktionalitaet] and labels["suite"] == [funktionalitaet]
        assert labels["story"] == cases  # in the registry's order of the documented cases
        assert platform in labels["tag"] and "registrierung" in labels["tag"]


def test_allure_3_writes_its_report_under_reports_with_the_tree_the_labels_give() -> None:
    """The repository's Allure 3 configuration (``make allure-report``) keeps the report out of the repository root
    and groups by the labels the harness sets for Bereich and Funktionalität."""
    config = (ROOT / "allurerc.mjs").read_text(encoding="utf-8")
    assert 'output: "reports/allure-report"' in config
    assert 'groupBy: ["parentSuite", "suite"]' in config
    assert "allure@$(ALLURE_VERSION) generate reports/allure\n" in (ROOT / "Makefile").read_text(encoding="utf-8")
