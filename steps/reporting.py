"""Reports QA reads at a glance: HTML (pytest-html hooks), JUnit XML, Cucumber JSON and Allure, from one record.

While a scenario runs, pytest-bdd's step hooks fill a :class:`~steps.scenario_log.ScenarioRecord`
(every step with status and duration, the phones' screens as ``--screenshots`` says). When the
scenario's report is made, the record becomes: the HTML row's content and German title, the JUnit
testcase name, properties (seed, replay command) and failure message, the Cucumber JSON steps with
embeddings, and Allure attachments on the failing step. The terminal and every report show a short
traceback (the project's frames only); the HTML report keeps the full one a click away.
"""

from __future__ import annotations

import base64
import shlex
import sys
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest
from _pytest.junitxml import xml_key
from pytest_html import extras as html_extras  # type: ignore[import-untyped]

from steps import report_cucumber, report_html, scenario_log
from steps.harness import DRIVERS_KEY, SEED_KEY
from steps.report_files import ReportFiles
from steps.scenario_log import SCREENSHOT_MODES, ScenarioRecord, ScreenshotMode

FILES_KEY = pytest.StashKey[ReportFiles]()
CUCUMBER_KEY = pytest.StashKey[str]()
EXIT_KEY = pytest.StashKey[int]()
TITLE_ATTR = "kundenapp_title"  # attributes on a call-phase report; they travel from xdist workers
ROW_ATTR = "kundenapp_row"
TAGS_ATTR = "kundenapp_tags"
NO_TESTS_COLLECTED = 5
REPLAYED_OPTIONS = ("target", "appium_url", "backend_url", "caps", "latency_ms")  # harness options kept in a replay


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kundenapp", "Kunden-App E2E")
    group.addoption(
        "--screenshots",
        choices=SCREENSHOT_MODES,
        default="failing",
        help="screens in the reports: of the failing step and the step before it (default), of every step, or none",
    )


def _screenshot_mode(config: pytest.Config) -> ScreenshotMode:
    mode: ScreenshotMode = config.getoption("screenshots")
    return mode


def _xdist_controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput") and config.getoption("dist", "no") != "no"


def pytest_configure(config: pytest.Config) -> None:
    """Replace pytest-bdd's Cucumber writer (its configure is trylast) and set the previous reports aside."""
    cucumber = config.option.cucumber_json_path
    worker = getattr(config, "workerinput", None)
    if cucumber:
        if worker is not None:
            report_cucumber.parts_dir(cucumber).mkdir(parents=True, exist_ok=True)
            part = report_cucumber.parts_dir(cucumber) / f"{worker['workerid']}.json"
            config.pluginmanager.register(report_cucumber.CucumberWriter(str(part)), "kundenapp-cucumber")
        else:
            config.stash[CUCUMBER_KEY] = cucumber
            config.option.cucumber_json_path = None  # pytest-bdd's own writer stays off; ours replaces it
            if not _xdist_controller(config):
                config.pluginmanager.register(report_cucumber.CucumberWriter(cucumber), "kundenapp-cucumber")
    if worker is None:
        files = ReportFiles(_report_targets(config))
        files.set_aside()
        config.stash[FILES_KEY] = files


def pytest_sessionstart(session: pytest.Session) -> None:
    """Name JUnit testcases by their German titles (junitxml's writer exists once every plugin is configured)."""
    if (xml := session.config.stash.get(xml_key, None)) is not None:
        session.config.pluginmanager.register(JUnitNames(xml), "kundenapp-junit")


def _report_targets(config: pytest.Config) -> list[Path]:
    targets = []
    for path in (config.option.xmlpath, config.getoption("htmlpath", None), config.stash.get(CUCUMBER_KEY, None)):
        if path:
            targets.append(Path(path).resolve())
    if html := config.getoption("htmlpath", None):
        targets.append(Path(html).resolve().parent / "screenshots")
        if not config.getoption("self_contained_html", False):
            targets.append(Path(html).resolve().parent / "assets")
    if cucumber := config.stash.get(CUCUMBER_KEY, None):
        targets.append(report_cucumber.parts_dir(cucumber))
    return targets


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """On an xdist controller: merge the workers' Cucumber JSON parts (after every writer is done)."""
    config = session.config
    config.stash[EXIT_KEY] = int(exitstatus)
    cucumber = config.stash.get(CUCUMBER_KEY, None)
    if cucumber and _xdist_controller(config):
        report_cucumber.merge_parts(cucumber)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if FILES_KEY in config.stash and int(exitstatus) == NO_TESTS_COLLECTED:
        terminalreporter.write_line("Kein Test ausgewählt – die Berichte des vorigen Laufs bleiben unverändert.")


def pytest_unconfigure(config: pytest.Config) -> None:
    files = config.stash.get(FILES_KEY, None)
    if files is not None:
        files.finish(ran_tests=config.stash.get(EXIT_KEY, 0) != NO_TESTS_COLLECTED)


# ------------------------------------------------------------------ the scenario record, step by step
def _record(request: pytest.FixtureRequest) -> ScenarioRecord | None:
    item: pytest.Item = request.node
    return item.stash.get(scenario_log.RECORD_KEY, None)


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    callspec = getattr(request.node, "callspec", None)
    example = callspec.params.get("_pytest_bdd_example", {}) if callspec is not None else {}
    scenario_log.start(request.node, feature, scenario, example)


def pytest_bdd_before_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any) -> None:
    if (record := _record(request)) is not None:
        scenario_log.begin(scenario_log.step_of(record, step))


@pytest.hookimpl(tryfirst=True)  # attach to Allure's step while it is still open
def pytest_bdd_after_step(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func_args: dict[str, Any]
) -> None:
    if (record := _record(request)) is None:
        return
    entry = scenario_log.step_of(record, step)
    scenario_log.finish(entry, "passed")
    mode = _screenshot_mode(request.config)
    if mode != "none":
        entry.shots = _capture(request, step_func_args, with_source=False, keep=mode == "failing")
        scenario_log.keep_screens(record, entry, mode)
        if mode == "all":
            _allure_attach(request.config, entry.shots, seed=None)


@pytest.hookimpl(tryfirst=True)  # attach to Allure's step before it is closed as failed
def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func_args: dict[str, Any],
    exception: BaseException,
) -> None:
    if (record := _record(request)) is None:
        return
    entry = scenario_log.step_of(record, step)
    scenario_log.finish(entry, "failed", scenario_log.failure_message(exception))
    if _screenshot_mode(request.config) != "none":
        entry.shots = _capture(request, step_func_args, with_source=True)
        for earlier in record.steps:  # the step before's screens, kept by the simulator until now
            scenario_log.draw_kept(request.node.stash.get(DRIVERS_KEY, []), earlier.shots)
    _allure_attach(request.config, entry.shots, seed=request.node.stash.get(SEED_KEY, None), replay=_replay(request))


def _capture(
    request: pytest.FixtureRequest, step_args: dict[str, Any], with_source: bool, keep: bool = False
) -> list[scenario_log.Shot]:
    drivers: list[Any] = request.node.stash.get(DRIVERS_KEY, [])
    return scenario_log.capture(drivers, _phone_labels(drivers, step_args.get("cast")), with_source, keep)


def _phone_labels(drivers: list[Any], cast: Any) -> list[str]:
    """ "Telefon 1 (Peter Vater, Android 14, kundenapp-3.5.2.apk)": whose phone, which OS and build."""
    owners = {id(p.phone): name for name, p in getattr(cast, "people", {}).items() if p.phone is not None}
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


def _replay(request: pytest.FixtureRequest | pytest.Item) -> str | None:
    item = request.node if isinstance(request, pytest.FixtureRequest) else request
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


def _allure_attach(
    config: pytest.Config, shots: list[scenario_log.Shot], seed: int | None, replay: str | None = None
) -> None:
    """The same screens, page sources and seed on the running Allure step (only with ``--alluredir``)."""
    if not getattr(config.option, "allure_report_dir", None):
        return
    import allure  # only present with allure-pytest-bdd, only needed with --alluredir

    for shot in shots:
        if shot.png:
            allure.attach(base64.b64decode(shot.png), name=shot.label, attachment_type=allure.attachment_type.PNG)
        if shot.source:
            allure.attach(shot.source, name=f"Seitenquelltext {shot.label}", attachment_type=allure.attachment_type.XML)
    if seed is not None:
        text = f"Faker-Seed: {seed}\nWiederholen mit: {replay}"
        allure.attach(text, name="Faker-Seed", attachment_type=allure.attachment_type.TEXT)


# ------------------------------------------------------------------ the scenario's test report
@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    """Turn the record into the reports' content: extras, title, properties, short traceback, screenshot files."""
    record = item.stash.get(scenario_log.RECORD_KEY, None)
    if call.when == "call" and record is not None:
        seed = item.stash.get(SEED_KEY, None)
        record.seed, record.replay = seed, _replay(item)
        if seed is not None and ("seed", str(seed)) not in item.user_properties:
            item.user_properties += [("seed", str(seed)), ("replay", record.replay or "")]
    report: pytest.TestReport = yield
    if report.when != "call" or record is None:
        return report
    _mark_stopped_step(record, report)
    full_traceback = _shorten_traceback(item, call, report, record) if report.failed else None
    if report.failed and record.replay:
        report.sections.append(("Faker-Seed", f"Wiederholen mit: {record.replay}"))
    filmstrip = _screenshot_mode(item.config) == "all"
    extras = list(getattr(report, "extras", []))
    extras.append(html_extras.html(report_html.scenario_html(record, filmstrip, full_traceback)))
    report.extras = extras  # type: ignore[attr-defined]  # pytest-html reads this attribute
    setattr(report, TITLE_ATTR, record.display_title)
    setattr(report, ROW_ATTR, report_html.row_title(record))
    setattr(report, TAGS_ATTR, report_html.tags_html(record.tags))
    setattr(report, report_cucumber.RECORD_ATTR, record.to_dict())
    _save_screenshots(item, record)
    return report


def _mark_stopped_step(record: ScenarioRecord, report: pytest.TestReport) -> None:
    """A step that called ``pytest.skip`` (remote target) started but never finished: it is the skipped one."""
    for entry in record.steps:
        if entry.started is not None and entry.status == "skipped" and entry.duration == 0.0:
            scenario_log.finish(entry, "skipped", _skip_reason(report))


def _skip_reason(report: pytest.TestReport) -> str | None:
    if report.skipped and isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    return None


def _shorten_traceback(
    item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport, record: ScenarioRecord
) -> str | None:
    """Show only the project's frames and the German message; return the full traceback for the HTML report."""
    full = report.longreprtext
    if call.excinfo is None or item.config.getoption("tbstyle") != "auto":
        return full
    short = call.excinfo.getrepr(style="short", tbfilter=_project_frames)
    failed = record.failed_step
    if failed is not None and failed.message and getattr(short, "reprcrash", None) is not None:
        short.reprcrash.message = failed.message  # type: ignore[union-attr]  # JUnit's message, the summary line
    report.longrepr = short
    return full


def _project_frames(excinfo: pytest.ExceptionInfo[BaseException]) -> Any:
    """Frames of steps/ and features' glue, without pytest, pytest-bdd, pluggy or Selenium internals."""
    traceback = excinfo.traceback.filter(excinfo)
    own = traceback.filter(lambda entry: "site-packages" not in str(entry.path))
    return own if len(own) else traceback[-1:]


def _save_screenshots(item: pytest.Item, record: ScenarioRecord) -> None:
    """Keep the screens next to the reports as files too (``screenshots/`` holds only this run's)."""
    html_path = item.config.getoption("htmlpath", None)
    if not html_path:
        return
    shots = [(n, s) for n, step in enumerate(record.steps, 1) for s in step.shots if s.png]
    if not shots or (record.failed_step is None and _screenshot_mode(item.config) != "all"):
        return
    folder = Path(html_path).resolve().parent / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in item.nodeid)[-150:]
    for number, shot in shots:
        phone = shot.label.split(" (")[0].replace(" ", "")
        (folder / f"{name}-schritt{number}-{phone}.png").write_bytes(base64.b64decode(shot.png or ""))


# ------------------------------------------------------------------ pytest-html: title, row name, tags
def pytest_html_report_title(report: Any) -> None:
    report.title = report_html.TITLE


def pytest_html_results_summary(prefix: list[str], summary: list[str], postfix: list[str], session: Any) -> None:
    prefix.append(report_html.STYLE)


def pytest_html_results_table_header(cells: list[str]) -> None:
    cells[1] = '<th class="sortable" data-column-type="testId">Szenario</th>'
    cells.insert(2, "<th>Tags</th>")


def pytest_html_results_table_row(report: Any, cells: list[str]) -> None:
    row = getattr(report, ROW_ATTR, None)
    if row is not None:
        cells[1] = f'<td class="col-testId">{row}</td>'
    cells.insert(2, f'<td class="col-tags">{getattr(report, TAGS_ATTR, "")}</td>')


def pytest_html_results_table_html(report: Any, data: list[str]) -> None:
    """A passing scenario's row shows its steps, without pytest-html's empty "No log output captured." box."""
    if getattr(report, ROW_ATTR, None) is not None and report.passed and data == ["No log output captured."]:
        data.clear()


class JUnitNames:
    """JUnit testcases named by their German scenario title (set before junitxml records the testcase)."""

    def __init__(self, xml: Any) -> None:
        self.xml = xml

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        title = getattr(report, TITLE_ATTR, None)
        if title:
            self.xml.node_reporter(report).add_attribute("name", title)
