"""The E2E reports: Cucumber JSON complete under xdist, and a failing step's screenshot in the HTML report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FEATURE = """# language: de
Funktionalität: Berichte
  Grundlage:
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"
    Und "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0

  @reg_email
  Szenario: Eins
    Dann zeigt die App die Anmeldung

  @reg_password
  Szenario: Zwei
    Dann zeigt die App die Anmeldung

  @makler_id
  Szenario: Drei
    Dann zeigt die App die Anmeldung

  @spam
  Szenario: Absichtlich rot
    Dann der Makler sieht "Peter Vater" unter Externe → Aktive
"""


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "berichte.feature").write_text(FEATURE, encoding="utf-8")
    (tmp_path / "test_berichte.py").write_text(
        'from pytest_bdd import scenarios\n\nscenarios("berichte.feature")\n', encoding="utf-8"
    )
    root_conftest = Path(__file__).resolve().parents[2] / "conftest.py"
    (tmp_path / "conftest.py").write_text(root_conftest.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cucumber_json_is_complete_under_xdist_and_the_failure_has_a_screenshot(tmp_path: Path) -> None:
    result = _run(
        tmp_path,
        "-n",
        "2",
        "--cucumberjson=out/cucumber.json",
        "--html=out/e2e.html",
        "--self-contained-html",
        "--junitxml=out/junit.xml",
    )
    assert result.returncode == 1, result.stdout[-2000:]  # exactly the deliberate failure
    assert "1 failed, 3 passed" in result.stdout
    features = json.loads((tmp_path / "out" / "cucumber.json").read_text(encoding="utf-8"))
    scenarios = {e["name"]: e for f in features for e in f["elements"]}
    assert sorted(scenarios) == ["Absichtlich rot", "Drei", "Eins", "Zwei"]
    assert {t["name"] for e in scenarios.values() for t in e["tags"]} == {
        "reg_email",
        "reg_password",
        "makler_id",
        "spam",
    }
    statuses = [s["result"]["status"] for s in scenarios["Absichtlich rot"]["steps"]]
    assert statuses[-1] == "failed"
    html = (tmp_path / "out" / "e2e.html").read_text(encoding="utf-8")
    assert "data:image/png;base64,iVBOR" in html  # the phone's screenshot is embedded
    assert "Seitenquelltext" in html and "--seed" in html
    assert list((tmp_path / "out" / "screenshots").glob("*.png"))
    assert "failures" in (tmp_path / "out" / "junit.xml").read_text(encoding="utf-8")
