"""The harness as one pytest plugin: every hook and fixture of the suite, each handing on to the module that holds it.

The root conftest loads it (``pytest_plugins``). What a hook does is in :mod:`harness.targets`
(where the app runs), :mod:`harness.scenario_broker` (a broker per scenario), :mod:`harness.phones`,
:mod:`harness.browser`, :mod:`harness.reports` (HTML, JUnit, Cucumber JSON, Allure, files) and
:mod:`harness.bdd` (the glue around pytest-bdd: step lookup, step check, outline ids).
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

import pytest
from pytest_bdd.parser import Feature, Scenario, Step
from selenium import webdriver

from harness import browser, phones, scenario_broker, selection, simulator_process, targets
from harness.bdd import outline_ids, step_check, step_lookup
from harness.phones import PhoneFactory
from harness.reports import allure, artikel, cucumber, files, html, junit, overview, terminal
from harness.reports import scenario as reports
from harness.scenario_broker import ScenarioBroker
from harness.targets import Target
from simulator.client import BackendClient


# ------------------------------------------------------------------ options and the session
def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kundenapp", "Kunden-App E2E")
    targets.add_options(group)
    scenario_broker.add_options(group)
    reports.add_options(group)


def pytest_configure(config: pytest.Config) -> None:
    simulator_process.start_early(config)  # first: it starts while the rest of the run starts and collects
    step_lookup.install(config)
    written = cucumber.configure(config)
    overview.register(config)
    if not hasattr(config, "workerinput"):
        files.set_aside(config, written)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist starts its workers
def pytest_sessionstart(session: pytest.Session) -> None:
    selection.check(session.config)
    targets.preflight(session.config)
    junit.name_testcases(session.config)


@pytest.hookimpl(trylast=True)  # after every report writer is done
def pytest_sessionfinish(session: pytest.Session) -> None:
    cucumber.finish(session.config)
    artikel.write(session.config)


def pytest_unconfigure(config: pytest.Config) -> None:
    html.translate_file(config)  # pytest-html has written its page
    files.finish(config)
    step_lookup.uninstall()
    simulator_process.stop_at_end(config)


@pytest.hookimpl(optionalhook=True)  # an xdist hook: a worker is about to start
def pytest_configure_node(node: Any) -> None:
    simulator_process.hand_to_worker(node.config, node.workerinput)


# ------------------------------------------------------------------ collection
@pytest.hookimpl(tryfirst=True)
def pytest_pycollect_makeitem(collector: pytest.Collector, name: str, obj: object) -> None:
    outline_ids.rename_rows(obj)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    allure.label(items)


def pytest_collection_finish(session: pytest.Session) -> None:
    simulator_process.stop_unless_needed(session, any(step_check.is_scenario(item) for item in session.items))


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    return step_check.check(collector, report)


@pytest.hookimpl(tryfirst=True)  # before pytest-bdd runs the scenario's steps
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> None:
    step_check.fail_undefined(pyfuncitem)


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Iterator[Target]:
    """The embedded simulator (started here) or a remote Appium server plus a shared backend."""
    yield from targets.start(pytestconfig)


@pytest.fixture(scope="session")
def backend_api(target: Target) -> Iterator[BackendClient]:
    """The backend's test-control API (with its key, when a remote backend has one)."""
    with BackendClient(target.backend_url, test_api_token=target.test_api_token) as api:
        yield api


@pytest.fixture(name="scenario_broker")
def _scenario_broker(request: pytest.FixtureRequest, backend_api: BackendClient) -> ScenarioBroker:
    """A fresh broker with Faker data (de_DE); the seed is printed when the scenario fails."""
    return scenario_broker.make(request, backend_api)


@pytest.fixture(name="phones")
def _phones(request: pytest.FixtureRequest, target: Target) -> Iterator[PhoneFactory]:
    """Start phones (Appium sessions); all are quit after the scenario."""
    yield from phones.factory(request, target)


@pytest.fixture(scope="session")
def konsole_browser() -> Iterator[webdriver.Chrome]:
    """One headless Chromium per test process for the Makler-Konsole."""
    yield from browser.konsole_browsers()


# ------------------------------------------------------------------ a scenario's steps and its report
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Feature, scenario: Scenario) -> None:
    reports.scenario_starts(request, feature, scenario)


def pytest_bdd_before_step(request: pytest.FixtureRequest, step: Step) -> None:
    reports.step_starts(request, step)


@pytest.hookimpl(tryfirst=True)  # attach to Allure's step while it is still open
def pytest_bdd_after_step(request: pytest.FixtureRequest, step: Step) -> None:
    reports.step_passed(request, step)


@pytest.hookimpl(tryfirst=True)  # attach to Allure's step before it is closed as failed
def pytest_bdd_step_error(request: pytest.FixtureRequest, step: Step, exception: Exception) -> None:
    reports.step_failed(request, step, exception)


def pytest_bdd_step_func_lookup_error(request: pytest.FixtureRequest, step: Step) -> None:
    reports.step_undefined(request, step, step_check.hint(request.session, step))


@pytest.hookimpl(tryfirst=True)  # before the terminal prints the scenario's line
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    terminal.describe(report)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    reports.before_report(item, call)
    report = yield
    scenario_broker.note_failure(item, report)
    reports.fill_report(item, call, report)
    return report


# ------------------------------------------------------------------ pytest-html: German, filters, summary, rows
def pytest_html_report_title(report: Any) -> None:
    html.report_title(report)


def pytest_html_results_summary(
    prefix: list[str], summary: list[str], postfix: list[str], session: pytest.Session
) -> None:
    html.results_summary(session.config, prefix)


def pytest_html_results_table_header(cells: list[str]) -> None:
    html.table_header(cells)


def pytest_html_results_table_row(report: pytest.TestReport, cells: list[str]) -> None:
    html.table_row(report, cells)


def pytest_html_duration_format(duration: float) -> str:
    return html.duration_format(duration)


def pytest_html_results_table_html(report: pytest.TestReport, data: list[str]) -> None:
    html.table_html(report, data)
