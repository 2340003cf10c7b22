"""The step catalogue agrees with the step registry, covers every step the features use, and docs/steps.md is current;
a misspelt step fails at collection, before any step runs, with file:line and "Meinten Sie: …"."""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

import pytest
from pytest_bdd.compat import get_fixture_names, getfixturedefs
from pytest_bdd.feature import get_features
from pytest_bdd.steps import step_function_context_registry

import steps
from harness import catalogue
from steps import AREAS
from steps.__main__ import main

ROOT = Path(__file__).resolve().parents[2]


def _catalogue() -> list[catalogue.CatalogueStep]:
    return catalogue.catalogue(catalogue.definitions(AREAS), AREAS)


def _feature_steps() -> list[tuple[str, int, str, str]]:
    """Every step of every feature file (outline rows rendered): file, line, type, text."""
    found = []
    for feature in get_features([str(ROOT / "features")]):
        for template in feature.scenarios.values():
            examples = [ctx for ex in template.examples for ctx in ex.as_contexts()] or [{}]
            for example in examples:
                for step in template.render(example).steps:
                    found.append((feature.rel_filename, step.line_number, step.type, step.name))
    return found


def test_the_catalogue_lists_exactly_the_steps_pytest_knows(request: pytest.FixtureRequest) -> None:
    manager = request.session._fixturemanager
    registered = {
        (context.type, context.parser.name)
        for name in get_fixture_names(manager)
        for fixturedef in getfixturedefs(manager, name, request.node) or ()
        if (context := step_function_context_registry.get(fixturedef.func)) is not None
        and context.step_func.__module__.startswith("steps.")
    }
    listed = {(context.type, context.parser.name) for context in catalogue.definitions(AREAS)}
    assert listed == registered


def test_every_module_with_step_definitions_is_one_of_the_areas() -> None:
    for module in pkgutil.walk_packages(steps.__path__, "steps."):
        importlib.import_module(module.name)
    defining = {
        context.step_func.__module__
        for context in step_function_context_registry.values()
        if context.step_func.__module__.startswith("steps.")
    }
    assert defining == set(AREAS)


def test_every_step_the_features_use_is_in_the_catalogue() -> None:
    definitions = catalogue.definitions(AREAS)
    missing = [
        f"{path}:{line}: {text}"
        for path, line, kind, text in _feature_steps()
        if not any(d.type in (None, kind) and d.parser.is_matching(text) for d in definitions)
    ]
    assert len(_feature_steps()) > 100 and missing == []


def test_every_step_has_a_one_line_german_docstring() -> None:
    undocumented = [f"{e.module}:{e.line} {e.gherkin}" for e in _catalogue() if len(e.doc) < 10]
    assert undocumented == []


def test_docs_steps_md_is_current() -> None:
    current = (ROOT / "docs" / "steps.md").read_text(encoding="utf-8")
    assert current == catalogue.as_markdown(_catalogue()), "docs/steps.md is stale: run `make docs-steps`"


def test_python_m_steps_prints_the_catalogue_grouped_by_area(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    text = capsys.readouterr().out
    assert text.index("Registrierung") < text.index("Login: Passwort vergessen")
    assert '  Wenn er/sie sich mit dem Passwort "{password}" anmeldet\n      Meldet sich mit diesem Passwort' in text
    assert main(["--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    checklist = next(e for e in entries if e["text"].startswith("zeigt die Checkliste die Regel "))
    assert checklist["keyword"] == "Dann" and checklist["placeholders"] == ["rule", "state"]
    assert checklist["area"] == "Registrierung" and checklist["doc"].startswith("Prüft")


MISSPELT = """# language: de
Funktionalität: Tippfehler
  Szenario: Ein Schritt ohne Definition
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "Peter Vater"
    Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldt
    Dann ist er in der App angemeldet
"""


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["seriell", "xdist"])
def test_a_misspelt_step_fails_at_collection_with_suggestions(pytester: pytest.Pytester, workers: list[str]) -> None:
    pytester.makefile(".feature", tippfehler=MISSPELT)
    pytester.makepyfile(test_tippfehler='from pytest_bdd import scenarios\n\nscenarios("tippfehler.feature")\n')
    pytester.makeconftest((ROOT / "conftest.py").read_text(encoding="utf-8"))
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", *workers, timeout=120)
    assert result.ret in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.TESTS_FAILED)  # xdist says 1, pytest 2
    result.stdout.fnmatch_lines(
        [
            "*tippfehler.feature:6: Schritt ohne Definition: Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldt",
            "*Meinten Sie: Wenn er/sie sich mit E-Mail, Passwort und Makler-ID anmeldet",
        ]
    )
    assert "passed" not in result.stdout.str().splitlines()[-1]  # no scenario ran, not even its first steps
    assert "Step definition is not found" not in result.stdout.str()
