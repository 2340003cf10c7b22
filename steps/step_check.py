"""A scenario with a step that no definition matches fails at collection, before any step runs.

pytest-bdd finds out only when the scenario reaches the step, in English, after the earlier steps
ran. Here every collected scenario's steps (outline rows rendered) are matched against the step
definitions visible to it while its module is collected; a miss turns the module's collection into
an error naming the feature file and line, with up to three close matches from the catalogue.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator
from typing import Any

import pytest
from pytest_bdd.scenario import find_fixturedefs_for_step, scenario_wrapper_template_registry

from steps import catalogue
from steps.step_lookup import step_definitions


def undefined_steps(item: pytest.Item) -> list[tuple[Any, Any]]:
    """The (feature, step) pairs of this scenario item that no step definition matches."""
    function = getattr(item, "obj", None)
    template = scenario_wrapper_template_registry.get(function) if function is not None else None
    if template is None:
        return []
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get("_pytest_bdd_example", {}) if callspec is not None else {}
    scenario = template.render(example)
    known = _global_steps(item.session)
    manager = item.session._fixturemanager
    return [
        (scenario.feature, step)
        for step in scenario.steps
        if not known(step) and next(iter(find_fixturedefs_for_step(step, manager, item)), None) is None
    ]


GLOBAL_KEY = pytest.StashKey[Callable[[Any], bool]]()


def _global_steps(session: pytest.Session) -> Callable[[Any], bool]:
    """A cached matcher over the step definitions every test sees (conftest plugins); pytest-bdd's own
    lookup walks every fixture name per step, too slow to run for every step of every scenario."""
    if GLOBAL_KEY in session.stash:
        return session.stash[GLOBAL_KEY]
    contexts = [context for _, context in step_definitions(session._fixturemanager, session)]
    seen: dict[tuple[str, str], bool] = {}

    def known(step: Any) -> bool:
        key = (step.type, step.name)
        if key not in seen:
            seen[key] = any(c.type in (None, step.type) and c.parser.is_matching(step.name) for c in contexts)
        return seen[key]

    session.stash[GLOBAL_KEY] = known
    return known


def message(rootpath: Any, misses: list[tuple[Any, Any]]) -> str:
    """German: each undefined step with file:line, and "Meinten Sie: …" with up to three close matches."""
    entries = catalogue.catalogue()
    lines = []
    for feature, step in misses:
        where = os.path.relpath(feature.filename, rootpath)
        lines.append(f"{where}:{step.line_number}: Schritt ohne Definition: {step.keyword.strip()} {step.name}")
        close = catalogue.suggestions(step.name, entries)
        if close:
            lines.append("  Meinten Sie: " + close[0].gherkin)
            lines += [f"           oder: {other.gherkin}" for other in close[1:]]
        else:
            lines.append("  Kein ähnlicher Schritt im Katalog (kundenapp-sim steps).")
    return "\n".join(lines)


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    """Collecting a test module fails when one of its scenarios uses a step without definition."""
    report = yield
    if not isinstance(collector, pytest.Module) or not report.passed:
        return report
    misses: dict[tuple[str, int], tuple[Any, Any]] = {}
    for item in report.result:
        if isinstance(item, pytest.Item):
            for feature, step in undefined_steps(item):
                misses.setdefault((feature.filename, step.line_number), (feature, step))
    if misses:
        report.outcome = "failed"
        report.longrepr = message(collector.config.rootpath, [misses[key] for key in sorted(misses)])
        report.result = []
    return report
