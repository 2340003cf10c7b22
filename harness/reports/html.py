"""The HTML report (pytest-html), in German and made for scanning: Funktionalität → Szenario → steps.

pytest-html draws the table and the row; this module renders what goes inside a row (every Gherkin
step with status and duration, the failing step with its message, the phones' screens as thumbnails
that open at full size, page source, the replay command, the full traceback one click away), names
the row by its German title and gives pytest-html's hooks their German table: labels, one duration
format, the environment of the run (target, platforms, builds, seed, commit, date), filters by area,
case and platform next to pytest-html's by result, and a summary per Funktionalität.

pytest-html 4 has no translations: its few fixed English sentences are replaced in the written file
(:func:`translate_file`), each one checked by tests/harness/test_third_party_internals.py.
"""

from __future__ import annotations

import datetime
import html
import re
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from pytest_html import extras as html_extras  # type: ignore[import-untyped]

from harness.reports import overview
from harness.reports.overview import CASE_TAGS, PLATFORMS, Overview, area_of
from harness.reports.record import ScenarioRecord, Shot, StepRecord

TITLE = "Kunden-App E2E"
ROW_ATTR = "kundenapp_row"  # attributes on a call-phase report; they travel from xdist workers
TAGS_ATTR = "kundenapp_tags"
STATUS_LABEL = {
    "passed": "bestanden",
    "failed": "fehlgeschlagen",
    "skipped": "übersprungen",
    "undefined": "undefiniert",
}
OUTCOME_LABEL = {  # pytest-html's outcomes (filter boxes and result cells), in German
    "failed": "fehlgeschlagen",
    "passed": "bestanden",
    "skipped": "übersprungen",
    "xfailed": "erwartet fehlgeschlagen",
    "xpassed": "unerwartet bestanden",
    "error": "Fehler",
    "rerun": "wiederholt",
    "retried": "wiederholt",
}
HEADER = (  # pytest-html's table head: Result, Test, Duration, Links -> German, with the tags; no link column
    '<th class="sortable" data-column-type="result">Ergebnis</th>',
    '<th class="sortable" data-column-type="testId">Szenario</th>',
    "<th>Tags</th>",
    '<th class="sortable" data-column-type="duration">Dauer</th>',
)
NO_LOG = "No log output captured."
SCREENSHOTS_TEXT = {  # --screenshots, as the environment table says it
    "failing": "des fehlgeschlagenen Schritts und des Schritts davor (--screenshots failing)",
    "all": "jedes Schritts (--screenshots all)",
    "none": "keine (--screenshots none)",
}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def duration_text(seconds: float) -> str:
    """The one duration format of the report, for steps, scenarios and the run: seconds with a decimal comma."""
    text = f"{seconds:.2f}" if seconds < 1 else f"{seconds:.1f}"
    return f"{text.replace('.', ',')} s"


def tags_html(tags: list[str]) -> str:
    """The scenario's tags (area, case, platform) as small labels."""
    return "".join(f'<span class="ka-tag">@{_e(tag)}</span>' for tag in tags)


def row_title(record: ScenarioRecord) -> str:
    """The table cell naming the row: German feature and scenario title (outline rows by their values)."""
    return f'{_e(record.feature)}: <span class="ka-title">{_e(record.display_title)}</span>'


def _figure(shot: Shot, caption: str) -> str:
    """A screen as a thumbnail; a click shows it at full size (the page's script), the caption names phone and step."""
    if shot.png is None:
        return f"<figure><figcaption>{_e(caption)}: {_e(shot.error or 'kein Bildschirmfoto')}</figcaption></figure>"
    return (
        f'<figure><img class="ka-screen" alt="{_e(caption)}" src="data:image/png;base64,{shot.png}">'
        f"<figcaption>{_e(caption)}</figcaption></figure>"
    )


def _step_row(step: StepRecord) -> str:
    status = STATUS_LABEL[step.status]
    duration = duration_text(step.duration) if step.status != "skipped" else ""
    return (
        f'<tr class="ka-step ka-step-{step.status}" data-status="{step.status}" data-line="{step.line}">'
        f'<td class="ka-status">{_e(status)}</td>'
        f'<td><span class="ka-keyword">{_e(step.keyword)}</span> {_e(step.text)}</td>'
        f'<td class="ka-duration">{duration}</td></tr>'
    )


def _failure_block(record: ScenarioRecord, step: StepRecord, before: StepRecord | None) -> str:
    parts = [f'<div class="ka-message">{_e(step.message or "")}</div>']
    if record.replay:
        parts.append(f'<div class="ka-replay">Wiederholen mit: <code>{_e(record.replay)}</code></div>')
    figures = [_figure(shot, f"{shot.label} – beim Fehler") for shot in step.shots]
    if before is not None:
        figures += [_figure(shot, f"{shot.label} – nach dem Schritt davor") for shot in before.shots]
    if figures:
        parts.append(f'<div class="ka-phones">{"".join(figures)}</div>')
    for shot in step.shots:
        if shot.source is not None:
            summary = f"<summary>Seitenquelltext {_e(shot.label)}</summary>"
            parts.append(f"<details>{summary}<pre>{_e(shot.source)}</pre></details>")
    return f'<tr class="ka-failure-row"><td colspan="3"><div class="ka-failure">{"".join(parts)}</div></td></tr>'


def _filmstrip(record: ScenarioRecord) -> str:
    figures = [
        _figure(shot, f"{number}. {step.keyword} {step.text} – {shot.label}")
        for number, step in enumerate(record.steps, start=1)
        for shot in step.shots
    ]
    if not figures:
        return ""
    strip = "".join(figures)
    return f'<div class="ka-filmstrip-title">Bildschirme je Schritt</div><div class="ka-filmstrip">{strip}</div>'


def scenario_html(record: ScenarioRecord, filmstrip: bool, full_traceback: str | None) -> str:
    """A row's content: every step, the failure with its screens, filmstrip and full traceback when given."""
    rows = []
    failed = record.failed_step
    for index, step in enumerate(record.steps):
        rows.append(_step_row(step))
        if step is failed:
            before = record.steps[index - 1] if index > 0 and not filmstrip else None
            rows.append(_failure_block(record, step, before if before is not None and before.shots else None))
    keyword = "Szenariogrundriss" if record.example else "Szenario"
    head = (
        f'<div class="ka-head"><b>Funktionalität:</b> {_e(record.feature)} &nbsp; <b>{keyword}:</b> '
        f"{_e(record.display_title)} &nbsp; {tags_html(record.tags)}"
        f"<br><small>{_e(record.feature_file)}:{record.line}</small></div>"
    )
    parts = ['<div class="ka-scenario">', head, f'<table class="ka-steps">{"".join(rows)}</table>']
    if filmstrip:
        parts.append(_filmstrip(record))
    if full_traceback:
        parts.append(f"<details><summary>Vollständiger Traceback</summary><pre>{_e(full_traceback)}</pre></details>")
    parts.append("</div>")
    return "".join(parts)


def tags_cell(record: ScenarioRecord) -> str:
    """The row's tag cell, with the area, cases and platforms the page's filters read."""
    cases = " ".join(tag for tag in record.tags if tag in CASE_TAGS)
    platforms = " ".join(tag for tag in record.tags if tag in PLATFORMS)
    return (
        f'<td class="col-tags" data-area="{_e(area_of(record.feature_file))}" data-cases="{_e(cases)}" '
        f'data-platforms="{_e(platforms)}">{tags_html(record.tags)}</td>'
    )


def add_to_report(report: pytest.TestReport, record: ScenarioRecord, filmstrip: bool, traceback: str | None) -> None:
    """The row's content (an extra pytest-html shows), its German name and its tags, on the call-phase report."""
    extras = list(getattr(report, "extras", []))
    extras.append(html_extras.html(scenario_html(record, filmstrip, traceback)))
    report.extras = extras  # type: ignore[attr-defined]  # pytest-html reads this attribute
    setattr(report, ROW_ATTR, row_title(record))
    setattr(report, TAGS_ATTR, tags_cell(record))


# ------------------------------------------------------------------ pytest-html's hooks: title, head, rows
def report_title(report: Any) -> None:
    """The title, and German names for the outcomes of pytest-html's filter boxes."""
    report.title = TITLE
    for outcome, values in report.outcomes.items():
        values["label"] = OUTCOME_LABEL.get(outcome, values["label"])


def table_header(cells: list[str]) -> None:
    cells[:] = HEADER


def table_row(report: pytest.TestReport, cells: list[str]) -> None:
    """Result (German), Szenario, Tags, Dauer. The result cell keeps pytest-html's English outcome as its text,
    which its filter and sort read, and shows the German one (``data-label``, drawn by the page's style)."""
    result = re.sub(r"<[^>]+>", "", cells[0])
    german = OUTCOME_LABEL.get(result.lower(), result)
    row = getattr(report, ROW_ATTR, None)
    title = f'<td class="col-testId">{row}</td>' if row is not None else cells[1]
    tags = getattr(report, TAGS_ATTR, '<td class="col-tags" data-area="" data-cases="" data-platforms=""></td>')
    cells[:] = [f'<td class="col-result" data-label="{_e(german)}">{_e(result)}</td>', title, tags, cells[2]]


def duration_format(duration: float) -> str:
    """pytest-html's duration column in the report's one format."""
    return duration_text(duration)


def table_html(report: pytest.TestReport, data: list[str]) -> None:
    """A scenario's row shows its steps, without pytest-html's empty "No log output captured." box."""
    if getattr(report, ROW_ATTR, None) is not None and data == [NO_LOG]:
        data.clear()


def results_summary(config: pytest.Config, prefix: list[str]) -> None:
    """The head of the page: style and script, the environment's final values, filters, summary per Funktionalität."""
    run = overview.of(config)
    describe_environment(config, run)
    prefix.append(f"<style>{_asset('html_page.css')}</style>")
    prefix.append(_filters(run) + _feature_table(run) + _LIGHTBOX)
    prefix.append(f"<script>{_asset('html_page.js')}</script>")


_LIGHTBOX = (
    '<div id="ka-lightbox" class="ka-lightbox" hidden title="Klicken oder Esc: schließen">'
    '<figure><img alt=""><figcaption></figcaption></figure></div>'
)


def _asset(name: str) -> str:
    return resources.files("harness.reports").joinpath(name).read_text(encoding="utf-8")


def _select(name: str, label: str, values: list[str], everything: str) -> str:
    options = "".join(f'<option value="{_e(v)}">{_e("@" + v if name != "area" else v)}</option>' for v in values)
    return (
        f'<label>{_e(label)} <select data-ka-filter="{name}"><option value="">{_e(everything)}</option>'
        f"{options}</select></label>"
    )


def _filters(run: Overview) -> str:
    return (
        '<div class="ka-filters"><b>Filter:</b> '
        + _select("area", "Bereich", run.areas(), "alle Bereiche")
        + _select("case", "Fall", run.cases(), "alle Fälle")
        + _select("platform", "Plattform", run.platforms(), "alle Plattformen")
        + ' <span class="ka-filter-count" aria-live="polite"></span></div>'
    )


def _feature_table(run: Overview) -> str:
    rows = []
    for summary in run.features():
        failed = summary.counts["failed"]
        rows.append(
            f'<tr class="{"ka-feature-failed" if failed else "ka-feature-passed"}" data-area="{_e(summary.area)}">'
            f"<td>{_e(summary.area)}</td><td>{_e(summary.feature)}</td>"
            f'<td class="ka-num">{summary.counts["passed"]}</td><td class="ka-num ka-failed">{failed or ""}</td>'
            f'<td class="ka-num">{summary.counts["skipped"] or ""}</td>'
            f'<td class="ka-num">{duration_text(summary.duration)}</td></tr>'
        )
    if run.without_steps:
        rows.append(
            f'<tr class="ka-feature-failed"><td colspan="2">vor dem ersten Schritt abgebrochen (Aufbau)</td>'
            f'<td></td><td class="ka-num ka-failed">{run.without_steps}</td><td></td><td></td></tr>'
        )
    head = (
        "<tr><th>Bereich</th><th>Funktionalität</th><th>bestanden</th><th>fehlgeschlagen</th>"
        "<th>übersprungen</th><th>Dauer</th></tr>"
    )
    return (
        f'<table class="ka-features"><caption>Je Funktionalität</caption><thead>{head}</thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


# ------------------------------------------------------------------ the environment table
def describe_environment(config: pytest.Config, run: Overview) -> None:
    """pytest-html's environment table (pytest-metadata's dict, which it shows) holds what a reader needs to
    reproduce the run: target, platforms and builds, seed, commit, date — not the installed plugins."""
    from pytest_metadata.plugin import metadata_key  # type: ignore[import-untyped]  # pytest-html's own dependency

    metadata: dict[str, Any] = config.stash[metadata_key]
    metadata.clear()  # the same dict pytest-html renders at the end
    metadata.update(environment(config, run))


def environment(config: pytest.Config, run: Overview) -> dict[str, str]:
    """The environment's rows, German, every value escaped (pytest-html shows them as HTML)."""
    seed = config.getoption("seed", None)
    rows = {
        "Ziel": target_text(config),
        "Plattformen": ", ".join(run.phones()) or "keine Telefone gestartet",
        "App-Builds": ", ".join(run.builds()) or "keine",
        "Seed": f"{seed} (alle Szenarien)"
        if seed is not None
        else "je Szenario zufällig (ein fehlgeschlagenes nennt seinen mit dem Befehl zum Wiederholen)",
        "Bildschirmfotos": SCREENSHOTS_TEXT[config.getoption("screenshots", "failing")],
        "Git-Commit": git_commit(config.rootpath),
        "Datum": datetime.datetime.now().astimezone().strftime("%d.%m.%Y %H:%M:%S %Z").strip(),
    }
    return {key: _e(value) for key, value in rows.items()}


def _shown_url(url: str | None) -> str:
    """A URL without user and password (a remote's credentials never go into the report)."""
    if not url:
        return "–"
    parts = urlsplit(url if "://" in url else f"http://{url}")
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


def target_text(config: pytest.Config) -> str:
    """Where the app ran: embedded, or the remote Appium server / serve / Grid hub with its backend."""
    if config.getoption("target", "embedded") != "remote":
        return "eingebettet (Simulator und Backend im Testprozess)"
    appium = _shown_url(config.getoption("appium_url", None))
    backend = _shown_url(config.getoption("backend_url", None))
    return f"entfernt: Appium-URL {appium} (serve, Grid-Hub oder Gerätefarm), Backend {backend}"


def git_commit(root: Path) -> str:
    """The checked-out commit (``-dirty`` with uncommitted changes), or why it is not known."""
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty", "--abbrev=12"],  # noqa: S607 - git from PATH, as a person runs it
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unbekannt ({type(exc).__name__})"
    return done.stdout.strip() if done.returncode == 0 else "unbekannt (kein Git-Arbeitsverzeichnis)"


# ------------------------------------------------------------------ pytest-html's fixed English sentences
TRANSLATIONS = (
    ("<h2>Environment</h2>", "<h2>Umgebung</h2>"),
    ("<h2>Summary</h2>", "<h2>Übersicht</h2>"),
    ("(Un)check the boxes to filter the results.", "Nach Ergebnis filtern: Kästchen an- oder abwählen."),
    ("No results found. Check the filters.", "Kein Szenario passt zu den Filtern."),
    (">Show all details</button>", ">Alle Details zeigen</button>"),
    (">Hide all details</button>", ">Alle Details verbergen</button>"),
    (
        "There are still tests running. <br />Reload this page to get the latest results!",
        "Es laufen noch Szenarien. <br />Seite neu laden für den neuesten Stand.",
    ),
)
GENERATED = re.compile(r"<p>Report generated on .*? by <a [^>]*>pytest-html</a>\s*v([\w.]+)</p>", re.S)
RUN_COUNT = re.compile(r'<p class="run-count">(\d+) tests? took ([^<]*?)\.</p>')


def translate_file(config: pytest.Config) -> None:
    """After pytest-html wrote the report (not on an xdist worker): its fixed sentences in German."""
    path = config.getoption("htmlpath", None)
    if not path or hasattr(config, "workerinput") or not Path(path).is_file():
        return
    page = Path(path).read_text(encoding="utf-8")
    Path(path).write_text(translate(page), encoding="utf-8")


def translate(page: str) -> str:
    """pytest-html's page with its fixed English sentences in German (the data and the script are left alone)."""
    for english, german in TRANSLATIONS:
        page = page.replace(english, german)
    page = GENERATED.sub(lambda m: f"<p>Erstellt mit pytest-html {m.group(1)}.</p>", page)
    return RUN_COUNT.sub(_run_count, page)


def _run_count(match: re.Match[str]) -> str:
    count, took = int(match.group(1)), match.group(2)
    scenarios = "Szenario" if count == 1 else "Szenarien"
    return f'<p class="run-count">{count} {scenarios} in {duration_text(_seconds(took))}.</p>'


def _seconds(text: str) -> float:
    """pytest-html's run duration (``68 ms`` or ``00:05:12``) in seconds."""
    if text.endswith("ms"):
        return float(text.removesuffix("ms")) / 1000
    hours, minutes, seconds = (int(part) for part in text.split(":"))
    return hours * 3600 + minutes * 60 + seconds
