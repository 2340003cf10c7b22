"""The HTML report reads German and scans quickly: labels, environment, one duration format, the summary per
Funktionalität, filters by area, case and platform, and thumbnails that open at full size (in headless Chromium).

The tiny suite of test_reports.py: three scenarios pass, "Absichtlich rot" fails.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.wait import WebDriverWait

from harness.browser import chromium_session, require_chromium
from harness.reports.html import duration_text, translate
from simulator.artikel.page import write
from tests.harness.test_reports import RED, _html_rows, _run, suite

__all__ = ["suite"]  # the fixture, used by name

ENGLISH = (
    "Environment",
    "Summary",
    "(Un)check",
    "Show all details",
    "Hide all details",
    "tests took",
    "Report generated",
    ">Result<",
    ">Duration<",
    ">Links<",
    "No results found",
    "No log output captured",
    "(hide details)",
)
DURATION = re.compile(r"^\d+,\d{1,2} s$")


def _data(page: str) -> dict[str, object]:
    blob = re.search(r'data-jsonblob="([^"]*)"', page)
    assert blob
    data: dict[str, object] = json.loads(html_lib.unescape(blob.group(1)))
    return data


def _visible_template(page: str) -> str:
    """The page without pytest-html's script and data: what the template itself writes."""
    page = re.sub(r"<script>.*?</script>", "", page, flags=re.S)
    page = re.sub(r"<style[^>]*>.*?</style>", "", page, flags=re.S)
    return re.sub(r'data-jsonblob="[^"]*"', "", page)


def test_the_report_speaks_german_shows_the_runs_environment_and_one_duration_format(suite: pytest.Pytester) -> None:
    _run(suite).assert_outcomes(passed=3, failed=1)
    page = (suite.path / "out" / "e2e.html").read_text(encoding="utf-8")
    template = _visible_template(page)
    for english in ENGLISH:
        assert english not in template, english
    assert "<h2>Umgebung</h2>" in page and "<h2>Übersicht</h2>" in page
    assert re.search(r'<p class="run-count">4 Szenarien in \d+,\d s\.</p>', page)
    assert re.findall(r"<th[^>]*>([^<]*)</th>", page.split('id="results-table-head"')[1])[:4] == [
        "Ergebnis",
        "Szenario",
        "Tags",
        "Dauer",
    ]

    data = _data(page)
    environment = data["environment"]
    assert isinstance(environment, dict)
    assert set(environment) == {"Ziel", "Plattformen", "App-Builds", "Seed", "Bildschirmfotos", "Git-Commit", "Datum"}
    assert environment["Ziel"].startswith("eingebettet")
    assert environment["Plattformen"] == "Android 14" and environment["App-Builds"] == "4.0.0"
    assert environment["Git-Commit"].startswith("unbekannt")  # pytester's folder is no git work tree
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d.*", environment["Datum"])

    tests = [test for tests in data["tests"].values() for test in tests]  # type: ignore[union-attr]
    labels = {re.search(r'data-label="([^"]*)">(\w+)<', t["resultsTableRow"][0]).groups() for t in tests}
    assert labels == {("bestanden", "Passed"), ("fehlgeschlagen", "Failed")}  # German shown, pytest-html's kept
    durations = [re.sub(r"<[^>]+>", "", t["resultsTableRow"][3]) for t in tests]
    red = _html_rows(page)[RED]
    durations += re.findall(r'class="ka-duration">([^<]+)<', red)
    assert len(durations) == 8 and all(DURATION.match(d) for d in durations), durations


def test_the_summary_per_funktionalitaet_and_the_filters_list_what_ran(suite: pytest.Pytester) -> None:
    _run(suite).assert_outcomes(passed=3, failed=1)
    page = (suite.path / "out" / "e2e.html").read_text(encoding="utf-8")
    summary = page[page.index('<table class="ka-features">') :].split("</table>")[0]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", summary)
    assert cells[1:5] == ["Berichte prüfen", "3", "1", ""]  # Funktionalität, passed, failed, skipped
    options = dict(re.findall(r'<select data-ka-filter="(\w+)">(.*?)</select>', page))
    assert re.findall(r'value="(\w+)"', options["case"]) == ["spam", "reg_email", "reg_password"]  # article order
    assert re.findall(r'value="(\w+)"', options["platform"]) == ["android"]
    red = next(
        t
        for tests in _data(page)["tests"].values()
        for t in tests
        if RED in "".join(t["resultsTableRow"])  # type: ignore[union-attr]
    )
    assert 'data-cases="spam" data-platforms="android"' in red["resultsTableRow"][2]


def test_the_translation_leaves_the_rows_and_the_script_alone() -> None:
    page = (
        '<h2>Environment</h2><p class="run-count">62 tests took 00:05:12.</p>'
        '<div data-jsonblob="Environment Summary"></div><script>"Summary"</script>'
    )
    translated = translate(page)
    assert translated.startswith('<h2>Umgebung</h2><p class="run-count">62 Szenarien in 312,0 s.</p>')
    assert translated.endswith('<div data-jsonblob="Environment Summary"></div><script>"Summary"</script>')
    assert [duration_text(s) for s in (0.068, 1.25, 312.04)] == ["0,07 s", "1,2 s", "312,0 s"]


@pytest.mark.browser
def test_in_chromium_the_filters_hide_rows_and_a_thumbnail_opens_at_full_size(suite: pytest.Pytester) -> None:
    _run(suite).assert_outcomes(passed=3, failed=1)
    report = Path(suite.path / "out" / "e2e.html").as_uri()
    with chromium_session(require_chromium()) as browser:
        browser.set_window_size(1400, 1000)
        browser.get(report)

        def rows() -> list[str]:
            bodies = browser.find_elements(By.CSS_SELECTOR, "#results-table tbody.results-table-row")
            return [b.find_element(By.CSS_SELECTOR, ".ka-title").text for b in bodies if b.is_displayed()]

        assert len(rows()) == 4
        shown = browser.execute_script(
            "return getComputedStyle(document.querySelector('tbody.failed td.col-result'), '::before').content"
        )
        assert shown == '"fehlgeschlagen"'
        Select(browser.find_element(By.CSS_SELECTOR, 'select[data-ka-filter="case"]')).select_by_value("spam")
        assert rows() == [RED]
        assert browser.find_element(By.CSS_SELECTOR, ".ka-filter-count").text == "1 von 4 Zeilen"
        Select(browser.find_element(By.CSS_SELECTOR, 'select[data-ka-filter="case"]')).select_by_value("")
        assert len(rows()) == 4

        failing = browser.find_element(By.CSS_SELECTOR, "tbody.failed")
        thumbnail = failing.find_element(By.CSS_SELECTOR, "img.ka-screen")
        assert thumbnail.size["height"] <= 242  # a thumbnail (240 px and its border), not the whole screen
        thumbnail.click()
        lightbox = browser.find_element(By.ID, "ka-lightbox")
        WebDriverWait(browser, 5).until(lambda _: lightbox.is_displayed())
        full = lightbox.find_element(By.TAG_NAME, "img")
        natural = browser.execute_script("return arguments[0].naturalHeight", full)
        assert full.size["height"] > 240 and natural > 240
        assert "Telefon 1 (Peter Vater" in lightbox.text
        browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
        WebDriverWait(browser, 5).until(lambda _: not lightbox.is_displayed())


def test_a_run_writes_the_article_page_beside_its_cucumber_json_the_same_as_the_command(
    suite: pytest.Pytester,
) -> None:
    _run(suite, "-n", "2").assert_outcomes(passed=3, failed=1)
    out = suite.path / "out"
    page = (out / "artikel.html").read_text(encoding="utf-8")
    summary = re.search(r'id="zusammenfassung">([^<]*)<', page)
    assert summary and summary.group(1) == "3 von 14 Fällen geprüft, 4 Szenarien, 1 fehlgeschlagen"
    assert "Android 4.0.0: " in page  # the phones of the scenarios, from the Cucumber JSON's after hooks
    features = json.loads((out / "cucumber.json").read_text(encoding="utf-8"))
    red = next(e for f in features for e in f["elements"] if e["name"] == RED)
    assert red["after"][0]["output"] == ["Telefon 1: Android 14, Kunden-App 4.0.0"]
    row = next(e for f in features for e in f["elements"] if e["name"] == "Beispiele mit Umlauten [Prüfung]")
    assert {t["name"] for t in row["tags"]} >= {"reg_password", "android", "registrierung"}  # the Beispiele block's
    write(out / "cucumber.json", suite.path / "wieder.html")
    assert (suite.path / "wieder.html").read_text(encoding="utf-8") == page
