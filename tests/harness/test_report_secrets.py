"""No secret in any report: a failing phone scenario and a failing Makler-Konsole scenario run with every report on
(HTML, JUnit, Cucumber JSON, Allure, screenshots of every step); every file under the reports folder is scanned,
base64 attachments decoded, for the scenario brokers' live API keys, the Konsole's CSRF token and session cookie and
the mailed links' tokens."""

from __future__ import annotations

import base64
import binascii
import json
import re
from pathlib import Path

import pytest

from harness.reports import secrets
from simulator.client import Broker, Mail
from steps.context import Notes

ROOT = Path(__file__).resolve().parents[2]
FEATURE = """# language: de
@registrierung
Funktionalität: Geheimnisse
  Grundlage:
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"
    Und "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0
    Und der Makler hat "Peter Vater" zur Kunden-App eingeladen

  @reg_email @android
  Szenario: Am Telefon rot
    Dann der Makler sieht "Peter Vater" unter Externe → Aktive

  @reg_activate @android @konsole
  Szenario: In der Makler-Konsole rot
    Wenn der Makler in der Makler-Konsole Administration → Konto → Kundenapp öffnet
    Dann die Makler-Konsole zeigt "Peter Vater" unter Externe → Aktive
"""

# Loaded into the suite's run with -p: writes down the live secrets of each scenario, outside the reports folder.
PROBE = """
import json
import re
from pathlib import Path

import pytest

SEEN = Path(__file__).parent / "secrets.jsonl"


@pytest.hookimpl(trylast=True)
def pytest_bdd_after_scenario(request, feature, scenario):
    broker = request.getfixturevalue("scenario_broker")
    found = {"api_key": broker.broker.api_key}
    mails = broker.api.mailbox(request.getfixturevalue("cast").get().email)
    found["links"] = [link for mail in mails for link in mail.links if "token=" in link]
    if "konsole" in scenario.tags:
        browser = request.getfixturevalue("konsole_browser")
        found["csrf"] = re.findall(r'name="csrf" value="([^"]+)"', browser.page_source)
        found["cookies"] = [cookie["value"] for cookie in browser.get_cookies()]
    with SEEN.open("a", encoding="utf-8") as out:
        out.write(json.dumps(found) + "\\n")
"""

BASE64 = re.compile(rb"[A-Za-z0-9+/]{24,}={0,2}")


def _readable(data: bytes) -> bytes:
    """A file's bytes and the decoded form of every base64 run in it (Cucumber embeds page sources that way)."""
    parts = [data]
    for run in BASE64.findall(data):
        try:
            parts.append(base64.b64decode(run + b"=" * (-len(run) % 4)))
        except (binascii.Error, ValueError):
            continue
    return b"\n".join(parts)


def test_no_report_file_holds_a_live_key_token_or_csrf_token(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", geheimnisse=FEATURE)
    pytester.makepyfile(
        test_geheimnisse='from pytest_bdd import scenarios\n\nscenarios("geheimnisse.feature")\n', secrets_probe=PROBE
    )
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    markers = "\n    ".join(("registrierung", "reg_email", "reg_activate", "android", "konsole"))
    pytester.makeini(f"[pytest]\nmarkers =\n    {markers}\nfilterwarnings = error\n")
    pytester.syspathinsert()
    reports = pytester.path / "reports"
    result = pytester.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        "-p",
        "secrets_probe",
        f"--junitxml={reports}/junit.xml",
        f"--cucumberjson={reports}/cucumber.json",
        f"--html={reports}/e2e.html",
        "--self-contained-html",
        f"--alluredir={reports}/allure",
        "--screenshots",
        "all",
        "-rA",
        timeout=300,
    )
    result.assert_outcomes(failed=2)
    seen = [json.loads(line) for line in (pytester.path / "secrets.jsonl").read_text(encoding="utf-8").splitlines()]
    secrets = {"API-Schlüssel": [s["api_key"] for s in seen]}
    secrets["Link-Token"] = [link.split("token=", 1)[1].split("&")[0] for s in seen for link in s["links"]]
    konsole = next(s for s in seen if "csrf" in s)
    secrets["CSRF-Token"] = konsole["csrf"]
    secrets["Konsole-Cookie"] = konsole["cookies"]
    # every kind but the link tokens was seen, so the scan below can find it (an invitation link may carry none)
    assert all(values for kind, values in secrets.items() if kind != "Link-Token"), secrets
    assert len(secrets["API-Schlüssel"]) == 2

    files = [path for path in reports.rglob("*") if path.is_file()]
    assert {p.name for p in files} >= {"junit.xml", "cucumber.json", "e2e.html"}
    assert any(p.name.endswith("-result.json") for p in files) and any(p.suffix == ".png" for p in files)
    page_sources = [p for p in files if "Seitenquelltext" in p.read_text(encoding="utf-8", errors="replace")]
    assert page_sources  # the failing Konsole step's page source is attached, just without its token
    leaks = [
        f"{path.relative_to(reports)}: {kind}"
        for path in files
        for kind, values in secrets.items()
        if any(value.encode() in _readable(path.read_bytes()) for value in values)
    ]
    assert leaks == [], leaks
    # still there, masked: the Konsole's page source and the broker in Allure's step parameters
    texts = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in files if p.suffix in (".xml", ".json")}
    assert any('name="csrf" value="…***"' in text for text in texts.values())
    assert any("api_key='…***'" in text for name, text in texts.items() if name.endswith("-result.json"))


def test_what_the_harness_hands_to_pytest_and_allure_masks_keys_and_tokens() -> None:
    broker = Broker("MK123456", "geheimer-schluessel", "Makler", "0123", "Weg 1", 7)
    assert repr(broker) == (
        "Broker(makler_id='MK123456', api_key='…***', name='Makler', phone='0123', address='Weg 1', seed=7)"
    )
    link = "kundenapp://passwort?token=geheimes-token&x=1"
    mail = Mail(1, "a@example.com", "Passwort", f"Link: {link}", "reset", "Posteingang", [link])
    assert "geheimes-token" not in repr(mail) and "token=…***&x=1" in repr(mail)
    notes = repr(Notes(reset_link=link))
    assert "geheimes-token" not in notes and "reset_link='kundenapp://passwort?token=…***" in notes
    source = (
        '<form><input type="hidden" name="csrf" value="geheim1"><input name="makler_id" value="MK1"></form>'
        '<a href="kundenapp://registrieren?a=1&amp;token=geheim2">Link</a>'
    )
    cleaned = secrets.page_source(source)
    assert "geheim" not in cleaned and 'name="makler_id" value="MK1"' in cleaned
