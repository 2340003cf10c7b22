"""Every internal of pytest, pytest-bdd or junitxml the harness relies on, checked where it is used: a new release that
renames, moves or changes one fails here, naming it, instead of somewhere in a report.

The behaviour behind them is tested where it shows: the step lookup in test_step_lookup.py, the
catalogue in test_catalogue.py, undefined steps in test_undefined_steps.py, outline-row ids in test_ids.py, JUnit
names and Cucumber JSON in test_reports.py.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from weakref import WeakKeyDictionary

import pytest
from _pytest import junitxml
from _pytest.fixtures import FixtureManager
from pytest_bdd import compat, cucumber_json, gherkin_terminal_reporter, parser, reporting, steps

from harness.bdd import outline_ids, step_lookup
from harness.reports import cucumber

bdd_scenario = importlib.import_module("pytest_bdd.scenario")


def parameters(function: object) -> list[str]:
    assert callable(function)
    return list(inspect.signature(function).parameters)


def test_the_step_lookup_it_replaces_has_the_signature_it_replaces_it_with(pytestconfig: pytest.Config) -> None:
    """pytest-bdd calls ``find_fixturedefs_for_step(step=…, fixturemanager=…, node=…)`` by keyword."""
    original = step_lookup._ORIGINAL
    assert original.__module__ == "pytest_bdd.scenario" and original.__name__ == "find_fixturedefs_for_step"
    assert parameters(original) == ["step", "fixturemanager", "node"]
    assert parameters(step_lookup.remembered(pytestconfig)) == parameters(original)


CONFTEST = """\
from harness.bdd import step_lookup

calls = []


def pytest_configure(config):
    lookup = step_lookup.remembered(config)

    def counted(step, fixturemanager, node):
        calls.append(step.name)
        return lookup(step, fixturemanager, node)

    setattr(step_lookup.bdd_scenario, "find_fixturedefs_for_step", counted)


def pytest_unconfigure(config):
    step_lookup.uninstall()


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(f"lookups: {len(calls)}")
"""


def test_pytest_bdd_looks_steps_up_through_the_module_attribute_the_harness_replaces(
    pytester: pytest.Pytester,
) -> None:
    """If pytest-bdd held its own reference to the function, the replacement would silently never run."""
    pytester.makeconftest(CONFTEST + '\nfrom pytest_bdd import given\n\n\n@given("ein Schritt")\ndef _():\n    pass\n')
    pytester.makefile(".feature", eins="Feature: F\n  Scenario: S\n    Given ein Schritt\n")
    pytester.makepyfile(test_eins='from pytest_bdd import scenarios\n\nscenarios("eins.feature")\n')
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:xdist")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["lookups: 1"])


def test_the_fixture_registry_readers_of_pytest_bdd() -> None:
    """Every step definition visible to a node: the names of all fixtures, and the definitions a node sees."""
    assert parameters(compat.get_fixture_names) == ["fixturemanager"]
    assert parameters(compat.getfixturedefs) == ["fixturemanager", "fixturename", "node"]
    assert steps.StepNamePrefix.step_def.value  # step definitions are fixtures with this prefix
    assert isinstance(steps.step_function_context_registry, WeakKeyDictionary)  # step function -> its context


def test_a_step_can_set_a_fixture_for_the_steps_after_it() -> None:
    """The world-file step makes the world's broker the scenario's with pytest-bdd's own target-fixture helper
    (steps/world_steps.py); its behaviour is tested by every scenario that starts from a world file."""
    assert parameters(compat.inject_fixture) == ["request", "arg", "value"]
    assert "inject_fixture" in compat.__all__


def test_the_session_hands_out_its_fixture_manager(request: pytest.FixtureRequest) -> None:
    assert isinstance(step_lookup.fixture_manager(request.session), FixtureManager)


def test_a_scenario_function_leads_to_its_template_and_its_example_row() -> None:
    """The undefined-step check renders each collected scenario item from these."""
    assert isinstance(bdd_scenario.scenario_wrapper_template_registry, WeakKeyDictionary)
    assert parameters(parser.ScenarioTemplate.render) == ["self", "context"]
    assert outline_ids.EXAMPLE_ARG in inspect.getsource(bdd_scenario)  # the parametrized argument of outline rows


def test_junitxml_lets_a_plugin_rename_a_testcase() -> None:
    """JUnit testcases get their German titles through junitxml's writer in the config's stash."""
    assert isinstance(junitxml.xml_key, pytest.StashKey)
    assert parameters(junitxml.LogXML.node_reporter) == ["self", "report"]
    assert parameters(junitxml._NodeReporter.add_attribute) == ["self", "name", "value"]


def test_pytest_bdds_cucumber_writer_can_be_extended_and_replaced() -> None:
    """The Cucumber writer takes over pytest-bdd's: its option, its per-feature data, its report context."""
    writer = cucumber_json.LogBDDCucumberJSON("unused.json")
    assert writer.features == {} and parameters(writer.pytest_runtest_logreport) == ["report"]
    assert issubclass(cucumber.CucumberWriter, cucumber_json.LogBDDCucumberJSON)
    assert isinstance(reporting.test_report_context_registry, WeakKeyDictionary)  # test report -> scenario data
    assert parameters(cucumber_json.add_options) == ["parser"]
    assert 'dest="cucumber_json_path"' in inspect.getsource(cucumber_json.add_options)
    # a scenario none of whose steps ran (an undefined one) is given its steps, which pytest-bdd's writer needs
    fields = {"name", "type", "keyword", "line_number", "failed", "duration"}
    assert set(reporting.StepReportDict.__annotations__) == fields


def test_pytest_htmls_page_has_the_sentences_and_tables_the_german_report_replaces() -> None:
    """harness/reports/html.py replaces pytest-html's fixed English sentences, names its outcomes, sets its header,
    fills pytest-metadata's dict (its environment table) and keeps the English outcome in the result cell, which
    pytest-html's filter reads: each of these must still be where it was."""
    import pytest_html
    from pytest_html import basereport, report_data
    from pytest_metadata.plugin import metadata_key

    from harness.reports import html

    template = (Path(pytest_html.__file__).parent / "resources" / "index.jinja2").read_text(encoding="utf-8")
    for english, _ in html.TRANSLATIONS:
        assert english in template, english
    rendered = template.replace("{{ date }}", "01-Jan-2026").replace("{{ time }}", "12:00:00")
    assert html.GENERATED.search(rendered.replace("{{ version }}", "4.2.0"))
    assert basereport._format_duration(312) == "00:05:12" and basereport._format_duration(0.068) == "68 ms"
    source = inspect.getsource(report_data.ReportData.__init__)
    for outcome in html.OUTCOME_LABEL:
        assert f'"{outcome}": {{"label"' in source, outcome
    assert '<th class="sortable" data-column-type="result">Result</th>' in source
    assert "{'tests' if plural else 'test'} took {duration}." in inspect.getsource(basereport.BaseReport._run_count)
    assert "data[name_match.group(1)] = data_match.group(1)" in inspect.getsource(basereport.BaseReport._hydrate_data)
    environment = inspect.getsource(basereport.BaseReport._generate_environment)
    assert "self._config.stash[metadata_key]" in environment and "return metadata" in environment  # the same dict
    assert metadata_key.__class__ is pytest.StashKey


def test_a_scenario_that_cannot_run_tells_the_hooks_what_pytest_bdd_tells_them() -> None:
    """An undefined step is reported through pytest-bdd's own hooks, with the arguments pytest-bdd passes."""
    source = inspect.getsource(bdd_scenario._execute_scenario)
    assert "pytest_bdd_step_func_lookup_error(" in source and "pytest_bdd_before_scenario(" in source
    # a scenario function asks for ``request``, which the undefined-step check hands to the hooks
    assert "def scenario_wrapper(request: FixtureRequest" in inspect.getsource(bdd_scenario)


def test_pytest_bdds_terminal_reporter_reads_the_scenario_beside_the_report() -> None:
    """Under -n the harness hands it the scenario (harness/reports/terminal.py) in the shape it reads."""
    assert parameters(reporting.ReportContext) == ["scenario", "name"]
    source = inspect.getsource(gherkin_terminal_reporter.GherkinTerminalReporter.pytest_runtest_logreport)
    assert "test_report_context_registry[report].scenario" in source
    assert 'scenario["name"]' in source and 'scenario["feature"]["name"]' in source
