"""A scenario's reports from one record: filled step by step, turned into HTML, JUnit, Cucumber JSON and Allure.

While a scenario runs, pytest-bdd's step hooks fill a :class:`~harness.reports.record.ScenarioRecord`
(every step with status and duration, the phones' screens as ``--screenshots`` says). When the
scenario's report is made, the record becomes: the HTML row's content and German title, the JUnit
testcase name, properties (seed, replay command) and failure message, the Cucumber JSON steps with
embeddings, and Allure attachments on the failing step. The terminal and every report show a short
traceback (the project's frames only); the HTML report keeps the full one a click away.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.parser import Feature, Scenario, Step

from harness.bdd import outline_ids
from harness.phones import DRIVERS_KEY, OWNERS_KEY
from harness.reports import allure, cucumber, files, html, junit, record
from harness.reports.record import SCREENSHOT_MODES, ScenarioRecord, ScreenshotMode, StepRecord
from harness.scenario_broker import SEED_KEY

REPLAYED_OPTIONS = ("target", "appium_url", "backend_url", "caps", "latency_ms")  # harness options kept in a replay


def add_options(group: pytest.OptionGroup) -> None:
    """The reports' command-line option."""
    group.addoption(
        "--screenshots",
        choices=SCREENSHOT_MODES,
        default="failing",
        help="screens in the reports: of the failing step and the step before it (default), of every step, or none",
    )


def screenshot_mode(config: pytest.Config) -> ScreenshotMode:
    mode: ScreenshotMode = config.getoption("screenshots")
    return mode


def _record(request: pytest.FixtureRequest) -> ScenarioRecord | None:
    item: pytest.Item = request.node
    return item.stash.get(record.RECORD_KEY, None)


# ------------------------------------------------------------------ the record, step by step
def scenario_starts(request: pytest.FixtureRequest, feature: Feature, scenario: Scenario) -> None:
    record.start(request.node, feature, scenario, outline_ids.example_of(request.node))


def step_starts(request: pytest.FixtureRequest, step: Step) -> None:
    if (scenario := _record(request)) is not None:
        record.begin(record.step_of(scenario, step))


def step_passed(request: pytest.FixtureRequest, step: Step) -> None:
    """The step passed: its screens are taken (or kept) as ``--screenshots`` says."""
    if (scenario := _record(request)) is None:
        return
    entry = record.step_of(scenario, step)
    record.finish(entry, "passed")
    mode = screenshot_mode(request.config)
    if mode != "none":
        entry.shots = _capture(request, with_source=False, keep=mode == "failing")
        record.keep_screens(scenario, entry, mode)
        if mode == "all":
            allure.attach(request.config, entry.shots, seed=None)


def step_failed(request: pytest.FixtureRequest, step: Step, exception: BaseException) -> None:
    """The step failed: its screens with page sources, and the kept screens of the step before are drawn."""
    if (scenario := _record(request)) is None:
        return
    entry = record.step_of(scenario, step)
    record.finish(entry, "failed", record.failure_message(exception))
    if screenshot_mode(request.config) != "none":
        entry.shots = _capture(request, with_source=True)
        for earlier in scenario.steps:  # the step before's screens, kept by the simulator until now
            record.draw_kept(request.node.stash.get(DRIVERS_KEY, []), earlier.shots)
    seed = request.node.stash.get(SEED_KEY, None)
    allure.attach(request.config, entry.shots, seed=seed, replay=_replay(request.node))


def step_undefined(request: pytest.FixtureRequest, step: Step, message: str) -> None:
    """The step has no definition: ``undefined`` with the German hint ("Meinten Sie: …"); nothing ran, no screens."""
    if (scenario := _record(request)) is not None:
        record.finish(record.step_of(scenario, step), "undefined", message)


def _capture(request: pytest.FixtureRequest, with_source: bool, keep: bool = False) -> list[record.Shot]:
    drivers: list[Any] = request.node.stash.get(DRIVERS_KEY, [])
    return record.capture(drivers, phone_labels(drivers, request.node.stash.get(OWNERS_KEY, {})), with_source, keep)


def phone_labels(drivers: list[Any], owners: dict[int, str]) -> list[str]:
    """ "Telefon 1 (Peter Vater, Android 14, kundenapp-3.5.2.apk)": whose phone, which OS and build."""
    labels = []
    for index, driver in enumerate(drivers, start=1):
        if (own := getattr(driver, "kundenapp_label", None)) is not None:  # the Makler-Konsole's browser
            labels.append(str(own))
            continue
        caps = getattr(driver, "capabilities", None) or {}
        details = [
            owners.get(id(driver), ""),
            f"{caps.get('platformName', '')} {caps.get('appium:platformVersion', caps.get('platformVersion', ''))}",
            str(caps.get("appium:app", caps.get("app", ""))),
        ]
        described = ", ".join(part.strip() for part in details if part.strip())
        labels.append(f"Telefon {index} ({described})" if described else f"Telefon {index}")
    return labels


def _replay(item: pytest.Item) -> str | None:
    seed = item.stash.get(SEED_KEY, None)
    return replay_command(item.config, item.nodeid, seed) if seed is not None else None


def replay_command(config: pytest.Config, nodeid: str, seed: int) -> str:
    """The exact command that runs this one scenario again with the same Faker data (from the rootdir)."""
    python = Path(sys.executable)
    try:
        shown = str(python.relative_to(config.rootpath))
    except ValueError:
        shown = str(python)
    args = [shown, "-m", "pytest", nodeid, "--seed", str(seed)]
    for name in REPLAYED_OPTIONS:
        value = config.getoption(name)
        if value not in (None, 0, "embedded"):
            args += [f"--{name.replace('_', '-')}", str(value)]
    return shlex.join(args)


# ------------------------------------------------------------------ the scenario's test report
def before_report(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    """Before the call-phase report is made: the seed, the replay command (also as JUnit properties) and the phones."""
    scenario = item.stash.get(record.RECORD_KEY, None)
    if call.when != "call" or scenario is None:
        return
    seed = item.stash.get(SEED_KEY, None)
    scenario.seed, scenario.replay = seed, _replay(item)
    scenario.phones = record.phones_of(item.stash.get(DRIVERS_KEY, []))
    if seed is not None and ("seed", str(seed)) not in item.user_properties:
        item.user_properties += [("seed", str(seed)), ("replay", scenario.replay or "")]


def fill_report(item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport) -> None:
    """Turn the record into the reports' content: extras, title, short traceback, record, screenshot files."""
    scenario = item.stash.get(record.RECORD_KEY, None)
    if report.when != "call" or scenario is None:
        return
    _mark_stopped_step(scenario, report)
    full_traceback = _shorten_traceback(item, call, report, scenario) if report.failed else None
    if report.failed and scenario.replay:
        report.sections.append(("Faker-Seed", f"Wiederholen mit: {scenario.replay}"))
    every_step = screenshot_mode(item.config) == "all"
    html.add_to_report(report, scenario, every_step, full_traceback)
    setattr(report, junit.TITLE_ATTR, scenario.display_title)
    setattr(report, cucumber.RECORD_ATTR, scenario.to_dict())
    files.save_screenshots(item, scenario, every_step)


def _mark_stopped_step(scenario: ScenarioRecord, report: pytest.TestReport) -> None:
    """A step that called ``pytest.skip`` (remote target) started but never finished: it is the skipped one."""
    for entry in scenario.steps:
        if entry.started is not None and entry.status == "skipped" and entry.duration == 0.0:
            record.finish(entry, "skipped", _skip_reason(report))


def _skip_reason(report: pytest.TestReport) -> str | None:
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    return None


def _shorten_traceback(
    item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport, scenario: ScenarioRecord
) -> str | None:
    """Show only the project's frames; return the full traceback for the HTML report (none for a failure that has
    no traceback, such as an undefined step), and let the crash line name the failing step."""
    full: str | None = report.longreprtext
    excinfo = call.excinfo
    if excinfo is not None and isinstance(excinfo.value, pytest.fail.Exception) and not excinfo.value.pytrace:
        full = None
    elif excinfo is not None and item.config.getoption("tbstyle") == "auto":
        report.longrepr = excinfo.getrepr(style="short", tbfilter=_project_frames)
    _name_the_step(report, scenario)
    return full


def crash_line(scenario: ScenarioRecord, step: StepRecord) -> str:
    """``features/…/x.feature:68  Dann sieht er … – <German message>``: the terminal's summary line and JUnit's
    failure message, so a CI log says which Gherkin step failed (the same text may stand on several lines)."""
    where = f"{scenario.feature_file}:{step.line}  {step.keyword} {step.text}"
    return f"{where} – {step.message}" if step.message else where


def _name_the_step(report: pytest.TestReport, scenario: ScenarioRecord) -> None:
    failed = scenario.failed_step
    crash = getattr(report.longrepr, "reprcrash", None)
    if failed is not None and crash is not None:
        crash.message = crash_line(scenario, failed)


def _project_frames(excinfo: pytest.ExceptionInfo[BaseException]) -> Any:
    """Frames of the steps, the harness and the features' glue, without pytest, pytest-bdd, pluggy or Selenium."""
    traceback = excinfo.traceback.filter(excinfo)
    own = traceback.filter(lambda entry: "site-packages" not in str(entry.path))
    return own if len(own) else traceback[-1:]
