"""The remembered step lookup picks the same definitions pytest-bdd would, module by module."""

from __future__ import annotations

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

pytest_plugins = ["steps.step_lookup"]


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
