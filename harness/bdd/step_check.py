"""A scenario with a step that no definition matches fails at collection, before any step runs.

pytest-bdd finds out only when the scenario reaches the step, in English, after the earlier steps
ran. Here every collected scenario's steps (outline rows rendered) are matched against the step
definitions visible to it while its module is collected; a miss turns the module's collection into
an error naming the feature file and line, with up to three close matches from the step catalogue.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_bdd.parser import Feature, ScenarioTemplate, Step
from pytest_bdd.scenario import find_fixturedefs_for_step, scenario_wrapper_template_registry
from pytest_bdd.steps import StepFunctionContext

from harness import catalogue
from harness.bdd import outline_ids
from harness.bdd.step_lookup import fixture_manager, step_definitions


@dataclass
class GlobalSteps:
    """The step definitions every test sees (conftest plugins), with a cached match per step text: pytest-bdd's
    own lookup walks every fixture name per step, too slow to run for every step of every scenario."""

    contexts: list[StepFunctionContext]
    seen: dict[tuple[str, str], bool] = field(default_factory=dict)

    def known(self, step: Step) -> bool:
        key = (step.type, step.name)
        if key not in self.seen:
            self.seen[key] = any(c.type in (None, step.type) and c.parser.is_matching(step.name) for c in self.contexts)
        return self.seen[key]


GLOBAL_KEY = pytest.StashKey[GlobalSteps]()


def global_steps(session: pytest.Session) -> GlobalSteps:
    """The session's :class:`GlobalSteps`, gathered once."""
    if GLOBAL_KEY not in session.stash:
        contexts = [context for _, context in step_definitions(fixture_manager(session), session)]
        session.stash[GLOBAL_KEY] = GlobalSteps(contexts)
    return session.stash[GLOBAL_KEY]


def _template(item: pytest.Item) -> ScenarioTemplate | None:
    function = getattr(item, "obj", None)
    return scenario_wrapper_template_registry.get(function) if function is not None else None


def is_scenario(item: pytest.Item) -> bool:
    """Whether the item runs a Gherkin scenario (pytest-bdd made its test function)."""
    return _template(item) is not None


def undefined_steps(item: pytest.Item) -> list[tuple[Feature, Step]]:
    """The (feature, step) pairs of this scenario item that no step definition matches."""
    template = _template(item)
    if template is None:
        return []
    scenario = template.render(outline_ids.example_of(item))
    known = global_steps(item.session)
    manager = fixture_manager(item.session)
    return [
        (scenario.feature, step)
        for step in scenario.steps
        if not known.known(step) and next(iter(find_fixturedefs_for_step(step, manager, item)), None) is None
    ]


def message(rootpath: Path, misses: list[tuple[Feature, Step]], known: list[StepFunctionContext]) -> str:
    """German: each undefined step with file:line, and "Meinten Sie: …" with up to three close matches among the
    ``known`` step definitions."""
    entries = catalogue.catalogue(known)
    lines = []
    for feature, step in misses:
        where = os.path.relpath(feature.filename, rootpath)
        lines.append(f"{where}:{step.line_number}: Schritt ohne Definition: {step.keyword.strip()} {step.name}")
        close = catalogue.suggestions(step.name, entries)
        if close:
            lines.append("  Meinten Sie: " + close[0].gherkin)
            lines += [f"           oder: {other.gherkin}" for other in close[1:]]
        else:
            lines.append("  Kein ähnlicher Schritt im Katalog (python -m steps).")
    return "\n".join(lines)


def check(collector: pytest.Collector, report: pytest.CollectReport) -> pytest.CollectReport:
    """Collecting a test module fails when one of its scenarios uses a step without definition."""
    if not isinstance(collector, pytest.Module) or not report.passed:
        return report
    misses: dict[tuple[str, int], tuple[Feature, Step]] = {}
    for item in report.result:
        if isinstance(item, pytest.Item):
            for feature, step in undefined_steps(item):
                misses.setdefault((feature.filename, step.line_number), (feature, step))
    if misses:
        report.outcome = "failed"
        known = global_steps(collector.session).contexts
        report.longrepr = message(collector.config.rootpath, [misses[key] for key in sorted(misses)], known)
        report.result = []
    return report
