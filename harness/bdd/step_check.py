"""Steps that no definition matches (or that several match): found before any step runs, reported as Cucumber does.

pytest-bdd finds an undefined step only when the scenario reaches it, in English, after the earlier
steps ran. Here every collected scenario's steps (outline rows rendered) are matched against the
step definitions visible to it while its module is collected. A scenario with an undefined step
does not start: it fails with the steps' status ``undefined`` (the others ``skipped``), its message
names the feature file and line and offers up to three close matches from the step catalogue
("Meinten Sie: …"); every other scenario runs. :func:`findings` does the same for whole feature
files without a pytest session (``python -m steps --check``, ``make check``), and names ambiguous
steps too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytest_bdd.feature import get_features
from pytest_bdd.parser import Feature, Scenario, ScenarioTemplate, Step
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
    seen: dict[tuple[str, str], list[StepFunctionContext]] = field(default_factory=dict)
    entries: list[catalogue.CatalogueStep] | None = None

    def matching(self, step: Step) -> list[StepFunctionContext]:
        """The definitions whose keyword and text match ``step``."""
        key = (step.type, step.name)
        if key not in self.seen:
            self.seen[key] = [
                c for c in self.contexts if c.type in (None, step.type) and c.parser.is_matching(step.name)
            ]
        return self.seen[key]

    def known(self, step: Step) -> bool:
        return bool(self.matching(step))

    def hint(self, step: Step) -> str:
        """German: "Schritt ohne Definition." and the close matches of the step catalogue."""
        if self.entries is None:
            self.entries = catalogue.catalogue(self.contexts)
        close = catalogue.suggestions(step.name, self.entries)
        if not close:
            return "Schritt ohne Definition. Kein ähnlicher Schritt im Katalog (python -m steps)."
        lines = ["Schritt ohne Definition.", f"Meinten Sie: {close[0].gherkin}"]
        lines += [f"       oder: {other.gherkin}" for other in close[1:]]
        return "\n".join(lines)


GLOBAL_KEY = pytest.StashKey[GlobalSteps]()
UNDEFINED_KEY = pytest.StashKey["Undefined"]()


@dataclass(frozen=True)
class Undefined:
    """A collected scenario that cannot run: the rendered scenario and its steps without definition."""

    scenario: Scenario
    steps: tuple[Step, ...]


def global_steps(session: pytest.Session) -> GlobalSteps:
    """The session's :class:`GlobalSteps`, gathered once."""
    if GLOBAL_KEY not in session.stash:
        contexts = [context for _, context in step_definitions(fixture_manager(session), session)]
        session.stash[GLOBAL_KEY] = GlobalSteps(contexts)
    return session.stash[GLOBAL_KEY]


def hint(session: pytest.Session, step: Step) -> str:
    """The German message of an undefined step, with "Meinten Sie: …"."""
    return global_steps(session).hint(step)


def scenario_template(item: pytest.Item) -> ScenarioTemplate | None:
    """The Gherkin scenario (outline) a test item runs, or None for a test that is no scenario."""
    function = getattr(item, "obj", None)
    return scenario_wrapper_template_registry.get(function) if function is not None else None


def is_scenario(item: pytest.Item) -> bool:
    """Whether the item runs a Gherkin scenario (pytest-bdd made its test function)."""
    return scenario_template(item) is not None


def undefined_steps(item: pytest.Item) -> Undefined | None:
    """The steps of this scenario item that no step definition matches (None when all are defined)."""
    template = scenario_template(item)
    if template is None:
        return None
    scenario = template.render(outline_ids.example_of(item))
    known = global_steps(item.session)
    manager = fixture_manager(item.session)
    missing = tuple(
        step
        for step in scenario.steps
        if not known.known(step) and next(iter(find_fixturedefs_for_step(step, manager, item)), None) is None
    )
    return Undefined(scenario, missing) if missing else None


def check(collector: pytest.Collector, report: pytest.CollectReport) -> pytest.CollectReport:
    """Note on each collected scenario item whether it has a step without definition (it fails when it runs)."""
    if not isinstance(collector, pytest.Module) or not report.passed:
        return report
    for item in report.result:
        if isinstance(item, pytest.Item) and (undefined := undefined_steps(item)) is not None:
            item.stash[UNDEFINED_KEY] = undefined
    return report


def fail_undefined(item: pytest.Function) -> None:
    """A scenario with an undefined step fails without running a step, as pytest-bdd's hooks tell it.

    The scenario's hooks see what they see when pytest-bdd meets an undefined step (``before_scenario``,
    ``step_func_lookup_error`` for each undefined step, ``after_scenario``), so every report draws it;
    then the test fails with the German message.
    """
    undefined = item.stash.get(UNDEFINED_KEY, None)
    if undefined is None:
        return
    request = item.funcargs["request"]  # a pytest-bdd scenario function asks for it
    scenario, hook = undefined.scenario, item.ihook
    messages = [
        f"{location(item.config.rootpath, scenario.feature, step)}\n{hint(item.session, step)}"
        for step in undefined.steps
    ]
    hook.pytest_bdd_before_scenario(request=request, feature=scenario.feature, scenario=scenario)
    try:
        for step, message in zip(undefined.steps, messages, strict=True):
            hook.pytest_bdd_step_func_lookup_error(
                request=request,
                feature=scenario.feature,
                scenario=scenario,
                step=step,
                exception=UndefinedStepError(message),
            )
    finally:
        hook.pytest_bdd_after_scenario(request=request, feature=scenario.feature, scenario=scenario)
    pytest.fail(messages[0], pytrace=False)


class UndefinedStepError(Exception):
    """A step without definition (what the scenario hooks are told)."""


def location(rootpath: Path, feature: Feature, step: Step) -> str:
    """``features/…/x.feature:33  Dann sieht er …``: where the step is, and the step as written."""
    return f"{os.path.relpath(feature.filename, rootpath)}:{step.line_number}  {step.keyword.strip()} {step.name}"


# ------------------------------------------------------------------ the same check over feature files, no session
@dataclass(frozen=True)
class Finding:
    """An undefined or ambiguous step of a feature file."""

    file: str
    line: int
    keyword: str
    text: str
    problem: str  # German, several lines: what is wrong and what would fit

    def __str__(self) -> str:
        return f"{self.file}:{self.line}  {self.keyword} {self.text}\n" + "\n".join(
            f"  {line}" for line in self.problem.splitlines()
        )


def _definition(context: StepFunctionContext) -> str:
    func = context.step_func
    return f"{func.__module__}:{func.__code__.co_firstlineno} ({catalogue.readable(context.parser)[0]})"


def findings(features_dir: Path, contexts: Iterable[StepFunctionContext], rootpath: Path) -> list[Finding]:
    """Every step of the feature files under ``features_dir`` (outline rows rendered) that no definition, or more
    than one, matches; each step line once."""
    steps = GlobalSteps(list(contexts))
    found: dict[tuple[str, int], Finding] = {}
    for feature in get_features([str(features_dir)]):
        where = os.path.relpath(feature.filename, rootpath)
        for template in feature.scenarios.values():
            examples = [ctx for ex in template.examples for ctx in ex.as_contexts()] or [{}]
            for example in examples:
                for step in template.render(example).steps:
                    key = (where, step.line_number)
                    if key in found:
                        continue
                    matching = {id(c.step_func): c for c in steps.matching(step)}
                    if not matching:
                        problem = steps.hint(step)
                    elif len(matching) > 1:
                        problem = "Mehrdeutig: passt auf mehrere Definitionen:\n" + "\n".join(
                            f"  {_definition(c)}" for c in matching.values()
                        )
                    else:
                        continue
                    found[key] = Finding(where, step.line_number, step.keyword.strip(), step.name, problem)
    return [found[key] for key in sorted(found)]
