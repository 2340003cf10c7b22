"""The E2E reports, from one scenario that fails on purpose (a temporary feature file run through pytester).

HTML: German title, every step with its status, the failing step with its message, full-height PNG and
replay command. JUnit: German name, seed property, the assertion as message. Cucumber JSON: complete
under ``-n 2``, ``skipped`` after the failure, the PNG embedded.
"""

from __future__ import annotations

import base64
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
FEATURE = """# language: de
@registrierung
Funktionalität: Berichte prüfen
  Grundlage:
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"
    Und "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0

  @reg_email @android
  Szenario: Grün ohne Umlaut-Escapes
    Dann zeigt die App die Anmeldung

  @reg_password
  Szenariogrundriss: Beispiele mit Umlauten
    Dann zeigt die App die Anmeldung

    @android
    Beispiele:
      | fall       |
      | Prüfung    |
      | Überprüfung |

  @spam @android
  Szenario: Absichtlich rot
    Dann der Makler sieht "Peter Vater" unter Externe → Aktive
    Und zeigt die App die Anmeldung
"""
RED = "Absichtlich rot"


@pytest.fixture()
def suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """A tiny E2E suite with the project's own conftest (harness, reports, steps)."""
    monkeypatch.setenv("COLUMNS", "200")  # a summary line long enough for the failing step and its message
    pytester.makefile(".feature", berichte=FEATURE)
    pytester.makepyfile(test_berichte='from pytest_bdd import scenarios\n\nscenarios("berichte.feature")\n')
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    markers = "\n    ".join(("registrierung", "reg_email", "reg_password", "spam", "android"))
    pytester.makeini(f"[pytest]\nmarkers =\n    {markers}\nfilterwarnings = error\n")
    return pytester


def _run(suite: pytest.Pytester, *args: str) -> pytest.RunResult:
    out = suite.path / "out"
    return suite.runpytest_subprocess(
        "-p",
        "no:cacheprovider",
        f"--junitxml={out}/junit.xml",
        f"--cucumberjson={out}/cucumber.json",
        f"--html={out}/e2e.html",
        "--self-contained-html",
        *args,
        timeout=180,
    )


def _html_rows(html: str) -> dict[str, str]:
    """Each row's own blob of the report data (pytest-html keeps rows as JSON in the page), by German title."""
    blob = re.search(r'data-jsonblob="([^"]*)"', html)
    assert blob, "pytest-html report without its data blob"
    import html as html_lib

    data = json.loads(html_lib.unescape(blob.group(1)))
    rows = {}
    for tests in data["tests"].values():
        for test in tests:
            cells = "".join(test["resultsTableRow"])
            title = re.search(r'class="ka-title">([^<]*)<', cells)
            assert title, cells
            extras = "".join(e["content"] for e in test["extras"])
            rows[html_lib.unescape(title.group(1))] = cells + extras + test["log"]
    return rows


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["seriell", "xdist"])
def test_a_failing_scenario_reads_at_a_glance_in_every_report(suite: pytest.Pytester, workers: list[str]) -> None:
    result = _run(suite, "--gherkin-terminal-reporter", "-v", *workers)
    result.assert_outcomes(passed=3, failed=1)
    out = suite.path / "out"

    rows = _html_rows((out / "e2e.html").read_text(encoding="utf-8"))
    title = "Kunden-App E2E"
    assert title in (out / "e2e.html").read_text(encoding="utf-8")
    assert sorted(rows) == [
        "Absichtlich rot",
        "Beispiele mit Umlauten [Prüfung]",
        "Beispiele mit Umlauten [Überprüfung]",
        "Grün ohne Umlaut-Escapes",
    ]
    red = rows[RED]
    assert "Berichte prüfen" in red and "@spam" in red and "@android" in red
    assert "@android" in rows["Beispiele mit Umlauten [Prüfung]"]  # the tag of its Beispiele block
    statuses = re.findall(r'class="ka-step ka-step-\w+" data-status="(\w+)"', red)
    assert statuses == ["passed", "passed", "passed", "failed", "skipped"]
    failure = red[red.index('data-status="failed"') :]
    assert failure.index("ka-failure") < failure.index('data-status="skipped"')  # directly under the failing step
    assert "Peter Vater nicht unter Aktive" in failure.split('data-status="skipped"')[0]
    replay = re.search(r"Wiederholen mit: <code>([^<]*)</code>", red)
    assert replay and "--seed" in replay.group(1) and "test_berichte.py::test_absichtlich_rot" in replay.group(1)
    phone = r'<img class="ka-screen" alt="Telefon 1 \(Peter Vater, Android 14[^"]*" src="data:image/png;base64,([^"]+)"'
    png = re.search(phone, red)
    assert png, "the failing step shows Peter's phone, labelled"
    width, height = Image.open(io.BytesIO(base64.b64decode(png.group(1)))).size
    assert height > width  # the whole phone screen, not a crop of its middle
    assert 'id="ka-lightbox"' in (out / "e2e.html").read_text(encoding="utf-8")  # a thumbnail opens at full size
    assert "Seitenquelltext Telefon 1" in red and "Vollständiger Traceback" in red
    assert "call_fixture_func" not in red.split("Vollständiger Traceback")[0]  # pytest internals only behind the click
    assert "\\xfc" not in "".join(rows.values()) and "\\xdc" not in "".join(rows.values())

    junit = ET.parse(out / "junit.xml").getroot()
    cases = {case.get("name"): case for case in junit.iter("testcase")}
    assert RED in cases and "Beispiele mit Umlauten [Überprüfung]" in cases
    props = {p.get("name"): p.get("value") for p in cases[RED].iter("property")}
    assert props["seed"].isdigit() and props["replay"] == replay.group(1).replace("&#x27;", "'")
    failure_xml = cases[RED].find("failure")
    step = 'berichte.feature:25  Dann der Makler sieht "Peter Vater" unter Externe → Aktive'
    assert failure_xml is not None and failure_xml.get("message", "").startswith(f"{step} – Peter Vater nicht unter")

    features = json.loads((out / "cucumber.json").read_text(encoding="utf-8"))
    scenarios = {e["name"]: e for f in features for e in f["elements"]}
    assert len(scenarios) == 4  # complete, also under -n 2
    steps = scenarios[RED]["steps"]
    assert [s["result"]["status"] for s in steps] == ["passed", "passed", "passed", "failed", "skipped"]
    embeddings = {e["mime_type"]: e for e in steps[3]["embeddings"]}
    assert base64.b64decode(embeddings["image/png"]["data"]).startswith(b"\x89PNG")
    assert f"Faker-Seed: {props['seed']}" in base64.b64decode(embeddings["text/plain"]["data"]).decode()
    assert steps[3]["result"]["error_message"].startswith("Peter Vater nicht unter Aktive")
    assert not (out / "cucumber-parts").exists()  # the workers' parts are merged and gone
    assert [p.name for p in (out / "screenshots").iterdir()] != []

    result.stdout.fnmatch_lines(["*Wiederholen mit: *--seed*", f"FAILED *test_absichtlich_rot - {step} – Peter Vat*"])
    assert "call_fixture_func" not in result.stdout.str()  # the terminal shows the short traceback too
    # German titles in the terminal, outline rows with their values, under -n too
    result.stdout.fnmatch_lines(["*Funktionalität: Berichte prüfen", "*Szenario: Absichtlich rot FAILED*"])
    assert "    Szenariogrundriss: Beispiele mit Umlauten [Überprüfung] PASSED" in result.stdout.lines


def test_screenshots_all_keeps_every_steps_screen_as_a_filmstrip(suite: pytest.Pytester) -> None:
    result = _run(suite, "--screenshots", "all", "-k", "grün or rot")
    result.assert_outcomes(passed=1, failed=1)
    out = suite.path / "out"
    green = _html_rows((out / "e2e.html").read_text(encoding="utf-8"))["Grün ohne Umlaut-Escapes"]
    strip = green[green.index('class="ka-filmstrip"') :]
    captions = re.findall(r"<figcaption>([^<]*)</figcaption>", strip)
    phone = "Telefon 1 (Peter Vater, Android 14, kundenapp-4.0.0.apk)"
    assert captions == [  # the two steps after the phone started, each with Peter's phone
        f"3. Und &quot;Peter Vater&quot; hat ein Android-Telefon mit der Kunden-App 4.0.0 – {phone}",
        f"4. Dann zeigt die App die Anmeldung – {phone}",
    ]
    saved = sorted(p.name for p in (out / "screenshots").iterdir())
    assert len([name for name in saved if "grün" in name]) == 2


def test_screenshots_failing_shows_the_failing_step_and_the_one_before_and_none_shows_none(
    suite: pytest.Pytester,
) -> None:
    _run(suite, "-k", "rot").assert_outcomes(failed=1)
    red = _html_rows((suite.path / "out" / "e2e.html").read_text(encoding="utf-8"))[RED]
    captions = re.findall(r"<figcaption>([^<]*)</figcaption>", red)
    assert [c.split(" – ")[1] for c in captions] == ["beim Fehler", "nach dem Schritt davor"]
    # both are drawn screens (the one before was kept by the simulator and drawn at the failure), not notes
    shown = re.findall(r'<img class="ka-screen" alt="([^"]*)" src="data:image/png;base64,', red)
    assert [alt.split(" – ")[1] for alt in shown] == ["beim Fehler", "nach dem Schritt davor"]
    assert "ka-filmstrip" not in red

    _run(suite, "-k", "rot", "--screenshots", "none").assert_outcomes(failed=1)
    red = _html_rows((suite.path / "out" / "e2e.html").read_text(encoding="utf-8"))[RED]
    assert "<img" not in red and "Peter Vater nicht unter Aktive" in red
    assert not (suite.path / "out" / "screenshots").exists()  # the previous run's screens went with it


def test_a_run_that_selects_no_test_keeps_the_previous_reports(suite: pytest.Pytester) -> None:
    _run(suite, "-k", "rot").assert_outcomes(failed=1)
    out = suite.path / "out"
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert {Path("e2e.html"), Path("junit.xml"), Path("cucumber.json")} <= set(before)

    typo = _run(suite, "-m", "registirung")
    assert typo.ret == pytest.ExitCode.NO_TESTS_COLLECTED
    typo.stdout.fnmatch_lines(["*Kein Test gelaufen – die Berichte des vorigen Laufs bleiben unverändert.*"])
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in out.iterdir()) == [
        "artikel.html",
        "cucumber.json",
        "e2e.html",
        "junit.xml",
        "screenshots",
    ]


def test_allure_results_hold_the_steps_and_the_failing_steps_attachments(suite: pytest.Pytester) -> None:
    result = _run(suite, "-k", "rot", "-n", "2", "--alluredir", "out/allure")
    result.assert_outcomes(failed=1)
    allure = suite.path / "out" / "allure"
    results = [json.loads(p.read_text(encoding="utf-8")) for p in allure.glob("*-result.json")]
    assert [r["name"] for r in results] == [RED] and results[0]["status"] == "failed"
    steps = results[0]["steps"]
    assert [(s["name"], s["status"]) for s in steps] == [
        ("Angenommen ein Makler, der die Kunden-App anbietet", "passed"),
        ('Und der Kunde "Peter Vater" mit einer E-Mail-Adresse bei "example.com"', "passed"),
        ('Und "Peter Vater" hat ein Android-Telefon mit der Kunden-App 4.0.0', "passed"),
        ('Dann der Makler sieht "Peter Vater" unter Externe → Aktive', "failed"),
        ("Und zeigt die App die Anmeldung", "skipped"),
    ]
    assert all(not s.get("attachments") for s in steps[:3])  # screens of passing steps stay out (--screenshots failing)
    attached = {a["type"]: a for a in steps[3]["attachments"]}
    assert set(attached) == {"image/png", "application/xml", "text/plain"}
    assert (allure / attached["image/png"]["source"]).read_bytes().startswith(b"\x89PNG")
    assert attached["image/png"]["name"].startswith("Telefon 1 (Peter Vater")
    seed = (allure / attached["text/plain"]["source"]).read_text(encoding="utf-8")
    assert seed.startswith("Faker-Seed: ") and "--seed" in seed
    assert steps[3]["statusDetails"]["message"].startswith("AssertionError: Peter Vater nicht unter Aktive")
