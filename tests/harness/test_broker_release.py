"""A passed scenario's broker is released from a shared backend; a failed one's stays for a look."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx

from simulator.embedded import Simulator

FEATURE = """# language: de
Funktionalität: Aufräumen
  @reg_email
  Szenario: Grün eins
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"
    Und "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Dann zeigt die App die Anmeldung

  @makler_id
  Szenario: Grün zwei, mit einer Welt-Datei
    Angenommen die Ausgangslage aus "makler_id.yaml"
    Dann ist bei der Anmeldung die Makler-ID "MK204740" eingetragen

  @spam
  Szenario: Absichtlich rot
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"
    Und "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Dann der Makler sieht "Peter Vater" unter Externe → Aktive
"""
ROOT = Path(__file__).resolve().parents[2]


def test_only_the_failed_scenarios_broker_stays_on_a_shared_backend(tmp_path: Path) -> None:
    (tmp_path / "aufraeumen.feature").write_text(FEATURE, encoding="utf-8")
    (tmp_path / "test_aufraeumen.py").write_text(
        'from pytest_bdd import scenarios\n\nscenarios("aufraeumen.feature")\n', encoding="utf-8"
    )
    (tmp_path / "conftest.py").write_text((ROOT / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    with Simulator() as sim:
        remote = ["--target", "remote", "--appium-url", sim.appium_url, "--backend-url", sim.backend_url]
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *remote],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        brokers = httpx.get(f"{sim.backend_url}/test/v1/export").json()["brokers"]
    assert "1 failed, 2 passed" in result.stdout, result.stdout[-3000:]
    assert len(brokers) == 1, [b["makler_id"] for b in brokers]
    assert [c["name"] for c in brokers[0]["customers"]] == ["Peter Vater"]
