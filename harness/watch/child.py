"""One run in a process forked from the warm one: pytest in-process, with a small plugin that announces and counts."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection

import pytest


@dataclass(frozen=True)
class Tally:
    """What one run did, for the watcher's result line (sent back once pytest is done)."""

    announced: bool  # the run printed its "… läuft" line (collection got that far)
    selected: int
    passed: int
    failed: int
    skipped: int


def scenarios(count: int) -> str:
    """``1 Szenario``, ``3 Szenarien``."""
    return f"{count} Szenario" if count == 1 else f"{count} Szenarien"


class RunReport:
    """The plugin of one run: the line that says what runs, and each scenario's outcome."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self.announced = False
        self.selected = 0
        self.outcomes: dict[str, str] = {}  # node id -> passed / failed / skipped (a failed phase wins)

    @pytest.hookimpl(trylast=True)  # after pytest's own lines about collection
    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.selected = len(session.items)
        if session.testsfailed:  # pytest stops after collecting: its errors follow
            what = "Fehler beim Sammeln:"
        elif self.selected:
            what = f"{scenarios(self.selected)} {'läuft' if self.selected == 1 else 'laufen'} …"
        else:
            what = "kein Szenario ausgewählt"
        line = f"{self.reason} — {what}"
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(line)
        else:
            print(line, flush=True)
        self.announced = True

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed:
            self.outcomes[report.nodeid] = "failed"
        elif report.skipped and self.outcomes.get(report.nodeid) != "failed":
            self.outcomes[report.nodeid] = "skipped"
        elif report.when == "call" and report.passed:
            self.outcomes.setdefault(report.nodeid, "passed")

    def tally(self) -> Tally:
        counted = list(self.outcomes.values())
        return Tally(
            self.announced, self.selected, counted.count("passed"), counted.count("failed"), counted.count("skipped")
        )


def run_once(args: list[str], reason: str, results: Connection) -> None:
    """pytest with ``args``; the tally goes back through ``results``, pytest's exit code is the process's."""
    report = RunReport(reason)
    code = pytest.main(args, plugins=[report])
    results.send(report.tally())
    sys.exit(int(code))
