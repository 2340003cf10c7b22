"""pytest-bdd's step lookup, remembered per test module.

For every step of every scenario pytest-bdd walks all fixture names and tries each step
definition's parser on the step text (``find_fixturedefs_for_step``): about a hundred fixture
look-ups per step, a good part of a fast scenario's time. Which definitions match a step text
cannot change while a session runs, and which are visible depends only on the test module, so
the answer is kept per (module, step type, step text). The original function stays in use for
anything else (the undefined-step check calls it directly).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import Any

import pytest

# importlib: the package re-exports a function named ``scenario`` over the module's name
bdd_scenario = importlib.import_module("pytest_bdd.scenario")

_ORIGINAL = bdd_scenario.find_fixturedefs_for_step
_KEY = pytest.StashKey[dict[tuple[str, str, str], list[Any]]]()


def _module(node: pytest.Item) -> str:
    """The node id of the test module (fixture visibility is decided per module and its conftests)."""
    return node.nodeid.split("::", 1)[0]


def remembered(config: pytest.Config) -> Any:
    """A find_fixturedefs_for_step that answers each (module, type, text) once."""
    cache = config.stash.setdefault(_KEY, {})

    def find_fixturedefs_for_step(step: Any, fixturemanager: Any, node: Any) -> Iterable[Any]:
        key = (_module(node), str(step.type), str(step.name))
        found = cache.get(key)
        if found is None:
            found = cache[key] = list(_ORIGINAL(step=step, fixturemanager=fixturemanager, node=node))
        return list(found)

    return find_fixturedefs_for_step


def pytest_configure(config: pytest.Config) -> None:
    bdd_scenario.find_fixturedefs_for_step = remembered(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    bdd_scenario.find_fixturedefs_for_step = _ORIGINAL
