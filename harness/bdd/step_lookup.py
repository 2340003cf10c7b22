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
from collections.abc import Callable, Iterable

import pytest
from _pytest.fixtures import FixtureDef, FixtureManager
from pytest_bdd.compat import get_fixture_names, getfixturedefs
from pytest_bdd.parser import Step
from pytest_bdd.steps import StepFunctionContext, StepNamePrefix, step_function_context_registry

StepLookup = Callable[[Step, FixtureManager, pytest.Item], Iterable[FixtureDef[object]]]
Definition = tuple[FixtureDef[object], StepFunctionContext]

# importlib: the package re-exports a function named ``scenario`` over the module's name
bdd_scenario = importlib.import_module("pytest_bdd.scenario")
_ORIGINAL: StepLookup = bdd_scenario.find_fixturedefs_for_step
_STEPS = pytest.StashKey[dict[str, list[Definition]]]()
_MATCHES = pytest.StashKey[dict[tuple[str, str, str], list[FixtureDef[object]]]]()


def fixture_manager(session: pytest.Session) -> FixtureManager:
    """pytest's fixture manager of the session (private, but what pytest-bdd's lookup itself is given)."""
    manager: FixtureManager = session._fixturemanager
    return manager


def _module(node: pytest.Item | pytest.Session) -> str:
    """The node id of the test module (fixture visibility is decided per module and its conftests)."""
    return str(node.nodeid).split("::", 1)[0]


def step_definitions(fixturemanager: FixtureManager, node: pytest.Item | pytest.Session) -> list[Definition]:
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


def remembered(config: pytest.Config) -> StepLookup:
    """A find_fixturedefs_for_step over each module's step definitions, gathered once."""
    steps = config.stash.setdefault(_STEPS, {})
    matches = config.stash.setdefault(_MATCHES, {})

    def find_fixturedefs_for_step(
        step: Step, fixturemanager: FixtureManager, node: pytest.Item
    ) -> Iterable[FixtureDef[object]]:
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


def install(config: pytest.Config) -> None:
    """pytest-bdd looks steps up through :func:`remembered` for this session."""
    setattr(bdd_scenario, "find_fixturedefs_for_step", remembered(config))  # noqa: B010 - module seen as Any


def uninstall() -> None:
    """pytest-bdd's own lookup again (a pytester run in the same process starts from it)."""
    setattr(bdd_scenario, "find_fixturedefs_for_step", _ORIGINAL)  # noqa: B010
