"""pytest-bdd's step lookup, with the step definitions visible to a module gathered once.

For every step of every scenario pytest-bdd walks all fixture names, asks pytest which of their
definitions the test sees, and tries each step definition's parser on the step text
(``find_fixturedefs_for_step``): about a hundred fixture look-ups per step, a good part of a fast
scenario's time. Which step definitions a test sees depends only on its module (and that
module's conftests), and they do not change while the session runs: here they are gathered once
per module, in pytest-bdd's order, and each step text is matched against that list (and its
answer kept). The original function stays in use for anything else (the undefined-step check
calls it directly).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

import pytest
from pytest_bdd.compat import get_fixture_names, getfixturedefs
from pytest_bdd.steps import StepNamePrefix, step_function_context_registry

# importlib: the package re-exports a function named ``scenario`` over the module's name
bdd_scenario = importlib.import_module("pytest_bdd.scenario")
_ORIGINAL = bdd_scenario.find_fixturedefs_for_step
_STEPS = pytest.StashKey[dict[str, list[tuple[Any, Any]]]]()
_MATCHES = pytest.StashKey[dict[tuple[str, str, str], list[Any]]]()


def _module(node: Any) -> str:
    """The node id of the test module (fixture visibility is decided per module and its conftests)."""
    return str(node.nodeid).split("::", 1)[0]


def step_definitions(fixturemanager: Any, node: Any) -> list[tuple[Any, Any]]:
    """(fixturedef, step context) of every step definition visible to ``node``, in pytest-bdd's order."""
    found = []
    for name in get_fixture_names(fixturemanager=fixturemanager):
        if not name.startswith(StepNamePrefix.step_def.value):  # only step definitions carry a step context
            continue
        for fixturedef in getfixturedefs(fixturemanager, name, node) or []:
            context = step_function_context_registry.get(fixturedef.func)
            if context is not None:
                found.append((fixturedef, context))
    return found


def remembered(config: pytest.Config) -> Any:
    """A find_fixturedefs_for_step over each module's step definitions, gathered once."""
    steps = config.stash.setdefault(_STEPS, {})
    matches = config.stash.setdefault(_MATCHES, {})

    def find_fixturedefs_for_step(step: Any, fixturemanager: Any, node: Any) -> Iterable[Any]:
        module = _module(node)
        key = (module, str(step.type), str(step.name))
        found = matches.get(key)
        if found is None:
            if module not in steps:
                steps[module] = step_definitions(fixturemanager, node)
            found = matches[key] = [
                fixturedef
                for fixturedef, context in steps[module]
                if (context.type is None or context.type == step.type) and context.parser.is_matching(step.name)
            ]
        return list(found)

    return find_fixturedefs_for_step


def pytest_configure(config: pytest.Config) -> None:
    setattr(bdd_scenario, "find_fixturedefs_for_step", remembered(config))  # noqa: B010 - module seen as Any


def pytest_unconfigure(config: pytest.Config) -> None:
    setattr(bdd_scenario, "find_fixturedefs_for_step", _ORIGINAL)  # noqa: B010
