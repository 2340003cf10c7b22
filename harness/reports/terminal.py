"""The terminal under ``-n``: pytest-bdd's ``--gherkin-terminal-reporter`` with the German titles there too.

pytest-bdd's terminal reporter prints "Funktionalität: …" and "Szenario: … PASSED" from the scenario
data it keeps beside each test report; that data stays on the xdist worker, so under ``-n`` the
controller falls back to test ids (``test_der_kunde_findet_die_einladung_im_ordner_ordner_…``).
The scenario record travels with the report (:mod:`harness.reports.cucumber`), so on the
controller it is handed to the reporter in the shape pytest-bdd gives it. The scenario is named by
its German title with the outline row's values, as in the other reports (serial runs too).
"""

from __future__ import annotations

import pytest
from pytest_bdd.reporting import ReportContext, ScenarioReportDict, test_report_context_registry

from harness.reports.cucumber import RECORD_ATTR
from harness.reports.record import FAILING, ScenarioRecord

FEATURE_KEYWORD = "Funktionalität"  # the suites' feature files are German (# language: de)


def scenario_data(record: ScenarioRecord) -> ScenarioReportDict:
    """The record as pytest-bdd's scenario data (what its terminal reporter reads)."""
    return {
        "keyword": "Szenariogrundriss" if record.example else "Szenario",
        "name": record.display_title,
        "line_number": record.line,
        "tags": record.tags,
        "description": "",
        "feature": {
            "keyword": FEATURE_KEYWORD,
            "name": record.feature,
            "filename": record.feature_file,
            "rel_filename": record.feature_file,
            "language": "de",
            "line_number": 1,
            "description": "",
            "tags": [],
        },
        "steps": [
            {
                "name": step.text,
                "type": "",
                "keyword": step.keyword,
                "line_number": step.line,
                "failed": step.status in FAILING,
                "duration": step.duration,
            }
            for step in record.steps
        ],
    }


def describe(report: pytest.TestReport) -> None:
    """Before the terminal prints a scenario's line: its German title with the outline row's values, and on an xdist
    controller (where pytest-bdd has no data of its own for the report) the whole scenario, from the record."""
    data = getattr(report, RECORD_ATTR, None)
    if data is None:
        return
    record = ScenarioRecord.from_dict(data)
    context = test_report_context_registry.get(report)
    if context is None:
        test_report_context_registry[report] = ReportContext(scenario=scenario_data(record), name=report.nodeid)
    else:
        context.scenario["name"] = record.display_title
