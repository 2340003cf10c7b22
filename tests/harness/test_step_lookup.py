"""The remembered step lookup picks the same definitions pytest-bdd would, module by module."""

from __future__ import annotations

from pathlib import Path

import pytest

FEATURE = """\
Feature: Nachschlagen
  Scenario: Eins
    Given ein Schritt mit 1
    Then der Wert ist "{seen}"

  Scenario: Zwei
    Given ein Schritt mit 2
    Then der Wert ist "{seen}"
"""

CONFTEST = """\
import pytest
from pytest_bdd import given, parsers, then

from harness.bdd import step_lookup


def pytest_configure(config):
    step_lookup.install(config)


def pytest_unconfigure(config):
    step_lookup.uninstall()


@pytest.fixture
def box():
    return {}


@given(parsers.parse("ein Schritt mit {n:d}"))
def _(box, n):
    box["seen"] = f"global {n}"


@then(parsers.parse('der Wert ist "{expected}"'))
def _(box, expected):
    assert box["seen"] == expected
"""

# the same step text as the conftest's, overridden in one module only
OVERRIDE = """\
from pytest_bdd import given, parsers, scenarios

scenarios("lokal.feature")


@given(parsers.parse("ein Schritt mit {n:d}"))
def _(box, n):
    box["seen"] = f"lokal {n}"
"""


def test_a_step_overridden_in_one_module_is_looked_up_per_module(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST)
    for name, word in (("global_", "global"), ("lokal", "lokal")):
        text = FEATURE.replace('"{seen}"', f'"{word} 1"', 1).replace('"{seen}"', f'"{word} 2"')
        pytester.makefile(".feature", **{name: text})
    # the global module runs first, so a lookup kept without its module would give "global" to the local one
    pytester.makepyfile(
        test_a_global='from pytest_bdd import scenarios\n\nscenarios("global_.feature")\n', test_b_lokal=OVERRIDE
    )
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:xdist")
    result.assert_outcomes(passed=4)


COMPARE = """\
from pytest_bdd.scenario import scenario_wrapper_template_registry


def pytest_collection_finish(session):
    from harness.bdd import step_lookup

    remembered = step_lookup.remembered(session.config)
    compared = 0
    for item in session.items:
        template = scenario_wrapper_template_registry.get(getattr(item, "obj", None))
        if template is None:
            continue
        callspec = getattr(item, "callspec", None)
        scenario = template.render(callspec.params.get("_pytest_bdd_example", {}) if callspec else {})
        manager = session._fixturemanager
        for step in scenario.steps:
            original = list(step_lookup._ORIGINAL(step=step, fixturemanager=manager, node=item))
            assert list(remembered(step, manager, item)) == original, (item.nodeid, step.name)
            assert original, (item.nodeid, step.name)
            compared += 1
    print(f"compared {compared} steps")
"""


def test_the_lookup_finds_what_pytest_bdd_finds_for_every_step_of_the_suite(pytester: pytest.Pytester) -> None:
    root = Path(__file__).resolve().parents[2]
    pytester.makepyfile(compare_lookup=COMPARE)
    pytester.syspathinsert()
    result = pytester.runpytest_subprocess(
        "--collect-only",
        "-q",
        "-p",
        "compare_lookup",
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(root),
        "-c",
        str(root / "pyproject.toml"),
        str(root / "tests" / "e2e"),
    )
    assert result.ret == 0, result.stdout.str()[-2000:]
    result.stdout.re_match_lines([r"compared [1-9]\d{2,} steps"])
