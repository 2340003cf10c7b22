"""The report files: the reports folder holds exactly one run, and the screens are kept as PNG files too.

At start the previous run's reports (JUnit, HTML, Cucumber JSON, ``artikel.html``, ``screenshots/``) are moved aside;
at the end they are deleted, or put back when no test ran: a ``-m`` with an unknown marker (exit
code 4 under ``--strict-markers``), a selection that matches nothing (exit code 5), a collection
that ends in an error. So a mistyped selection never replaces last night's reports with empty ones.
"""

from __future__ import annotations

import base64
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness.reports.artikel import page_path
from harness.reports.cucumber import parts_dir
from harness.reports.record import ScenarioRecord

ASIDE = ".vorheriger-lauf"  # hidden folder next to each report while the run is going


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


@dataclass(eq=False)  # registered as a plugin, so hashable by identity
class ReportFiles:
    """The paths this run writes reports to."""

    targets: list[Path]
    moved: list[tuple[Path, Path]] = field(default_factory=list)
    ran: bool = False  # a test started (an xdist controller hears of every test its workers start)

    def pytest_runtest_logstart(self) -> None:
        self.ran = True

    def set_aside(self) -> None:
        """Move the previous run's reports aside (a leftover from a killed run is dropped first)."""
        for target in self.targets:
            aside = target.parent / ASIDE / target.name
            if aside.exists():
                _remove(aside)
            if target.exists():
                aside.parent.mkdir(parents=True, exist_ok=True)
                target.replace(aside)
                self.moved.append((target, aside))

    def finish(self) -> None:
        """Drop the previous reports, or restore them when this run ran no test."""
        if not self.ran:
            for target in self.targets:
                _remove(target)
        for target, aside in self.moved:
            if self.ran:
                _remove(aside)
            else:
                aside.replace(target)
        for folder in {target.parent / ASIDE for target in self.targets}:
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


FILES_KEY = pytest.StashKey[ReportFiles]()


def report_targets(config: pytest.Config, cucumber: str | None) -> list[Path]:
    """Every file and folder this run's reports go to (JUnit, HTML with its screenshots and assets, Cucumber JSON
    with the article page beside it, Allure's results)."""
    targets = []
    html = config.getoption("htmlpath", None)
    for path in (config.option.xmlpath, html, cucumber):
        if path:
            targets.append(Path(path).resolve())
    if html:
        targets.append(Path(html).resolve().parent / "screenshots")
        if not config.getoption("self_contained_html", False):
            targets.append(Path(html).resolve().parent / "assets")
    if cucumber:
        targets += [parts_dir(cucumber), page_path(cucumber)]
    if allure := getattr(config.option, "allure_report_dir", None):
        targets.append(Path(allure).resolve())
    return targets


def set_aside(config: pytest.Config, cucumber: str | None) -> None:
    """At the start of a run (not on an xdist worker): move the previous run's reports aside, and listen for a test
    that starts."""
    files = ReportFiles(report_targets(config, cucumber))
    files.set_aside()
    config.stash[FILES_KEY] = files
    config.pluginmanager.register(files, "kundenapp-report-files")


KEPT_NOTE = "Kein Test gelaufen – die Berichte des vorigen Laufs bleiben unverändert."


def finish(config: pytest.Config) -> None:
    """At the end of a run: drop the previous reports, or restore them when no test ran and say so.

    Said here rather than in the terminal summary, which a run stopped before its session started
    (a ``-m`` refused under ``-n``) never writes.
    """
    files = config.stash.get(FILES_KEY, None)
    if files is None:
        return
    files.finish()
    terminal = config.pluginmanager.get_plugin("terminalreporter")
    if not files.ran and files.targets and terminal is not None:
        terminal.write_line(KEPT_NOTE)


def save_screenshots(item: pytest.Item, record: ScenarioRecord, every_step: bool) -> None:
    """Keep the screens next to the HTML report as files too (``screenshots/`` holds only this run's)."""
    html_path = item.config.getoption("htmlpath", None)
    if not html_path:
        return
    shots = [(n, s) for n, step in enumerate(record.steps, 1) for s in step.shots if s.png]
    if not shots or (record.failed_step is None and not every_step):
        return
    folder = Path(html_path).resolve().parent / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in item.nodeid)[-150:]
    for number, shot in shots:
        phone = shot.label.split(" (")[0].replace(" ", "")
        (folder / f"{name}-schritt{number}-{phone}.png").write_bytes(base64.b64decode(shot.png or ""))
