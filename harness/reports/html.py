"""The HTML report (pytest-html): Feature → Szenario → steps, as QA reads it.

pytest-html draws the table and the row; this module renders what goes inside a row (every Gherkin
step with status and duration, the failing step with its message, full-height phone screens, page
source, the replay command, the full traceback one click away), names the row by its German
title and gives pytest-html's hooks their German table. Images are embedded here rather than as
pytest-html image extras, whose gallery crops them.
"""

from __future__ import annotations

import html
from typing import Any

import pytest
from pytest_html import extras as html_extras  # type: ignore[import-untyped]

from harness.reports.record import ScenarioRecord, Shot, StepRecord

TITLE = "Kunden-App E2E"
ROW_ATTR = "kundenapp_row"  # attributes on a call-phase report; they travel from xdist workers
TAGS_ATTR = "kundenapp_tags"
STATUS_LABEL = {"passed": "bestanden", "failed": "fehlgeschlagen", "skipped": "übersprungen"}
STYLE = """
<style>
.ka-scenario{font-family:Helvetica,Arial,sans-serif;margin:6px 0 12px;color:#222}
.ka-scenario td,.col-testId .ka-title{color:#222}
.ka-head{font-size:15px;margin-bottom:6px}
.ka-tag{display:inline-block;background:#e8eef7;color:#234;border-radius:3px;padding:1px 6px;margin:0 3px 0 0;
font-size:12px}
table.ka-steps{border-collapse:collapse;width:100%;margin:4px 0}
table.ka-steps td{border-bottom:1px solid #e6e6e6;padding:4px 8px;vertical-align:top;text-align:left}
table.ka-steps td.ka-status{width:130px;white-space:nowrap;font-weight:bold}
table.ka-steps td.ka-duration{width:80px;white-space:nowrap;color:#555;text-align:right}
tr.ka-step-passed td.ka-status{color:#1a7f37}
tr.ka-step-failed td{background:#fdecea}
tr.ka-step-failed td.ka-status{color:#b3261e}
tr.ka-step-skipped td{color:#888}
tr.ka-step td.ka-duration{color:#555}
.ka-keyword{font-weight:bold}
.ka-failure{border-left:4px solid #b3261e;padding:6px 10px;margin:0 0 8px;background:#fff7f6}
.ka-message{font-size:15px;color:#b3261e;white-space:pre-wrap;margin-bottom:6px}
.ka-replay code{background:#f3f3f3;padding:2px 5px;user-select:all}
.ka-phones{display:flex;flex-wrap:wrap;gap:16px;margin-top:8px}
.ka-phones figure,.ka-filmstrip figure{margin:0}
.ka-phones img{height:auto;max-width:none;border:1px solid #ccc;display:block}
.ka-phones figcaption,.ka-filmstrip figcaption{font-size:12px;color:#333;margin-top:3px;max-width:360px}
.ka-filmstrip{display:flex;gap:10px;overflow-x:auto;padding:6px 0;margin-top:6px}
.ka-filmstrip img{height:320px;width:auto;border:1px solid #ccc;display:block}
.ka-scenario details{margin:4px 0}
.ka-scenario pre{white-space:pre-wrap;background:#f6f6f6;padding:6px;font-size:12px}
.logwrapper:not(:has(.log)){display:none}
</style>
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def duration_text(seconds: float) -> str:
    """Milliseconds below a second, seconds with one decimal above."""
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def tags_html(tags: list[str]) -> str:
    """The scenario's tags (area, case, platform) as small labels."""
    return "".join(f'<span class="ka-tag">@{_e(tag)}</span>' for tag in tags)


def row_title(record: ScenarioRecord) -> str:
    """The table cell naming the row: German feature and scenario title (outline rows by their values)."""
    return f'{_e(record.feature)}: <span class="ka-title">{_e(record.display_title)}</span>'


def _figure(shot: Shot, caption: str) -> str:
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


def add_to_report(report: pytest.TestReport, record: ScenarioRecord, filmstrip: bool, traceback: str | None) -> None:
    """The row's content (an extra pytest-html shows), its German name and its tags, on the call-phase report."""
    extras = list(getattr(report, "extras", []))
    extras.append(html_extras.html(scenario_html(record, filmstrip, traceback)))
    report.extras = extras  # type: ignore[attr-defined]  # pytest-html reads this attribute
    setattr(report, ROW_ATTR, row_title(record))
    setattr(report, TAGS_ATTR, tags_html(record.tags))


# ------------------------------------------------------------------ pytest-html's hooks: title, rows, tags
def report_title(report: Any) -> None:
    report.title = TITLE


def results_summary(prefix: list[str]) -> None:
    prefix.append(STYLE)


def table_header(cells: list[str]) -> None:
    cells[1] = '<th class="sortable" data-column-type="testId">Szenario</th>'
    cells.insert(2, "<th>Tags</th>")


def table_row(report: pytest.TestReport, cells: list[str]) -> None:
    row = getattr(report, ROW_ATTR, None)
    if row is not None:
        cells[1] = f'<td class="col-testId">{row}</td>'
    cells.insert(2, f'<td class="col-tags">{getattr(report, TAGS_ATTR, "")}</td>')


def table_html(report: pytest.TestReport, data: list[str]) -> None:
    """A passing scenario's row shows its steps, without pytest-html's empty "No log output captured." box."""
    if getattr(report, ROW_ATTR, None) is not None and report.passed and data == ["No log output captured."]:
        data.clear()
