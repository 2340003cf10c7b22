"""``artikel.html`` from a run's Cucumber JSON: each passage with its cases, their scenarios and results per platform
and build, the summary line, passages no scenario checks, the version matrix; the same through
``kundenapp-sim artikel``; everything escaped; no pytest needed."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from lxml import html as lxml_html

from simulator.artikel.page import write
from simulator.artikel.results import PHONES_EMBEDDING, read
from simulator.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _phones(*phones: tuple[str, str, str]) -> list[dict[str, Any]]:
    data = [{"platform": p, "os": o, "build": b} for p, o, b in phones]
    embedding = {
        "mime_type": "application/json",
        "name": PHONES_EMBEDDING,
        "data": base64.b64encode(json.dumps(data).encode()).decode(),
    }
    return [{"match": {"location": "x"}, "result": {"status": "passed", "duration": 0}, "embeddings": [embedding]}]


def _scenario(
    name: str, line: int, tags: list[str], statuses: list[str], phones: list[dict[str, Any]]
) -> dict[str, Any]:
    steps = [
        {
            "keyword": "Dann ",
            "name": f"Schritt {i}",
            "line": line + i,
            "match": {"location": ""},
            "result": {"status": status, "duration": 1_500_000_000},
        }
        for i, status in enumerate(statuses, start=1)
    ]
    return {
        "keyword": "Szenario",
        "id": name,
        "name": name,
        "line": line,
        "description": "",
        "type": "scenario",
        "tags": [{"name": t, "line": line - 1} for t in tags],
        "steps": steps,
        "after": phones,
    }


def cucumber(tmp_path: Path) -> Path:
    """A small run: unusable-memory on 3.5.2 (affected, passed) and 4.0.0 (fixed, failed on iOS), spam passed,
    an undefined step in reg-email, a scenario that did not run; a title with markup."""
    feature = {
        "keyword": "Funktionalität",
        "uri": "features/app_nutzung/app_nutzung.feature",
        "name": "Nicht nutzbar",
        "id": "x",
        "line": 2,
        "description": "",
        "language": "de",
        "tags": [{"name": "app_nutzung", "line": 1}],
        "elements": [
            _scenario(
                "Hängt <b>3.5.2</b>",
                10,
                ["unusable_memory", "android"],
                ["passed", "passed"],
                _phones(("Android", "14", "3.5.2")),
            ),
            _scenario(
                "Erholt sich 4.0.0",
                20,
                ["unusable_memory", "ios"],
                ["passed", "failed", "skipped"],
                _phones(("iOS", "17.4", "4.0.0")),
            ),
        ],
    }
    other = {
        "keyword": "Funktionalität",
        "uri": "features/allgemein/spam.feature",
        "name": "Spam",
        "id": "y",
        "line": 2,
        "description": "",
        "language": "de",
        "tags": [{"name": "@allgemein", "line": 1}],
        "elements": [
            _scenario("Im Spam", 5, ["@spam", "@android"], ["passed"], _phones(("Android", "14", "4.0.0"))),
            _scenario("Tippfehler", 9, ["reg_email", "android"], ["passed", "undefined"], []),
            _scenario("Übersprungen", 13, ["reg_password", "ios"], ["skipped"], []),
        ],
    }
    path = tmp_path / "cucumber.json"
    path.write_text(json.dumps([feature, other]), encoding="utf-8")
    return path


def test_the_page_shows_each_passage_with_its_cases_results_and_the_summary(tmp_path: Path) -> None:
    page = write(cucumber(tmp_path), tmp_path / "artikel.html")
    assert page.summary == "3 von 14 Fällen geprüft, 5 Szenarien, 2 fehlgeschlagen, 1 nicht gelaufen"
    text = (tmp_path / "artikel.html").read_text(encoding="utf-8")
    assert "Hängt &lt;b&gt;3.5.2&lt;/b&gt;" in text and "<b>3.5.2</b>" not in text  # escaped
    tree = lxml_html.fromstring(text)
    assert tree.get_element_by_id("zusammenfassung").text_content() == page.summary

    def passage(start: str) -> Any:
        (found,) = [p for p in tree.find_class("passage") if p.text_content().strip().startswith(start)]
        return found

    memory = passage("Bitte den Kunden die App komplett zu schließen")
    assert "r-failed" in memory.get("class")
    summary = " ".join(memory.xpath(".//summary")[0].text_content().split())
    assert summary == "unusable-memory fehlgeschlagen 2 Szenarien Android 3.5.2: ✓ 1 iOS 4.0.0: ✗ 1"
    spam = passage("Sollte Dein Kunde die Einladungsemail nicht")
    assert "r-passed" in spam.get("class") and "Im Spam" in spam.text_content()
    assert "r-failed" in passage("Die E-Mail Adresse").get("class")  # an undefined step fails its scenario
    assert "r-skipped" in passage("Das Passwort").get("class")  # nicht gelaufen
    assert "nicht gelaufen" in passage("Das Passwort").text_content()
    assert "r-skipped" in passage("Als Admin hast Du").get("class")  # no scenario of reg-activate in this run
    assert "unchecked" in passage("Hier gibts die Anleitung").get("class")
    assert "von keinem Szenario geprüft" in passage("Hier gibts die Anleitung").text_content()
    steps = [r.text_content().strip() for r in tree.find_class("rung") if r.text_content().strip()]
    assert steps == ["Schritt 1", "Schritt 2"] + ["Schritt 1", "Schritt 2", "Schritt 3"] + [
        f"Schritt {n}" for n in range(1, 5)
    ]


def test_the_version_matrix_says_where_the_run_saw_a_case_affected_and_fixed(tmp_path: Path) -> None:
    write(cucumber(tmp_path), tmp_path / "artikel.html")
    tree = lxml_html.fromstring((tmp_path / "artikel.html").read_text(encoding="utf-8"))
    tables = {t.get("data-case"): t for t in tree.find_class("matrix")}
    assert list(tables) == ["unusable-memory", "unusable-session", "shared-restart", "shared-relogin"]
    rows = {
        row[0].text_content(): [cell.text_content() for cell in row[1:]]
        for row in tables["unusable-memory"].xpath(".//tbody/tr")
    }
    assert rows["3.5.2"] == ["betroffen", "betroffen (1)", "nicht geprüft"]  # expected, Android, iOS
    assert rows["4.0.0"] == ["behoben", "nicht geprüft", "fehlgeschlagen (1)"]
    assert rows["3.6.0"] == ["behoben", "nicht geprüft", "nicht geprüft"]
    assert list(rows)[:3] == ["3.0.0", "3.5.0", "3.5.2"]  # every release, oldest first


def test_the_command_renders_the_same_page_and_refuses_what_is_no_cucumber_json(tmp_path: Path) -> None:
    source = cucumber(tmp_path)
    write(source, tmp_path / "direkt.html")
    result = CliRunner().invoke(main, ["artikel", "--cucumber", str(source)])
    assert result.exit_code == 0, result.output
    assert (
        result.output == f"Artikel geschrieben: {tmp_path / 'artikel.html'} – 3 von 14 Fällen geprüft, "
        "5 Szenarien, 2 fehlgeschlagen, 1 nicht gelaufen\n"
    )
    assert (tmp_path / "artikel.html").read_bytes() == (tmp_path / "direkt.html").read_bytes()

    (tmp_path / "kaputt.json").write_text("{nicht json", encoding="utf-8")
    (tmp_path / "objekt.json").write_text('{"features": []}', encoding="utf-8")
    (tmp_path / "schritt.json").write_text('[{"elements": [{"steps": [{"result": {}}]}]}]', encoding="utf-8")
    for name, message in (
        ("fehlt.json", "nicht lesbar"),
        ("kaputt.json", "kein JSON"),
        ("objekt.json", "keine Cucumber-JSON-Datei"),
        ("schritt.json", "ein Schritt ohne „result.status“"),
    ):
        refused = CliRunner().invoke(
            main, ["artikel", "--cucumber", str(tmp_path / name), "-o", str(tmp_path / "x.html")]
        )
        assert refused.exit_code == 2, (name, refused.output)
        assert refused.stderr.startswith("Fehler: ") and message in refused.stderr, refused.stderr
        assert "Traceback" not in refused.output
    assert not (tmp_path / "x.html").exists()


def test_the_page_needs_no_pytest(tmp_path: Path) -> None:
    """The command renders any run's page where only the simulator is installed (a CI job after a Grid nightly)."""
    source = cucumber(tmp_path)
    program = (
        "import sys\n"
        "sys.modules['pytest'] = sys.modules['_pytest'] = sys.modules['pytest_bdd'] = None\n"
        "from pathlib import Path\n"
        "from simulator.artikel.page import write\n"
        f"print(write(Path({str(source)!r}), Path({str(tmp_path / 'ohne.html')!r})).summary)\n"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("3 von 14 Fällen geprüft")


def test_an_older_runs_json_without_phones_reads_with_unknown_builds(tmp_path: Path) -> None:
    source = cucumber(tmp_path)
    data = json.loads(source.read_text(encoding="utf-8"))
    for feature in data:
        for element in feature["elements"]:
            del element["after"]
    source.write_text(json.dumps(data), encoding="utf-8")
    runs = read(source)
    assert [run.phones for run in runs] == [()] * 5
    assert runs[0].platforms == ("android",)  # from the tag
    write(source, tmp_path / "artikel.html")
    assert re.search(r"Android Build unbekannt: <span class=\"ok\">✓ 1", (tmp_path / "artikel.html").read_text())
