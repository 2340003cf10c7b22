"""The step catalogue agrees with the step registry, covers every step the features use, and docs/steps.md is current
(a misspelt step: test_undefined_steps.py)."""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

import pytest
from pytest_bdd import given, parsers
from pytest_bdd.compat import get_fixture_names, getfixturedefs
from pytest_bdd.feature import get_features
from pytest_bdd.steps import step_function_context_registry

import steps
from harness import catalogue
from harness.bdd import step_check
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
  Szenariogrundriss: Ein Schritt ohne Definition
    Angenommen ein Makler, der die Kunden-App anbietet
    Und der Kunde "<name>"
    Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldt
    Dann ist er in der App angemeldet

    Beispiele:
      | name        |
      | Peter Vater |
      | Anna Vater  |
"""


def test_python_m_steps_check_lists_each_undefined_step_once_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--check"]) == 0  # the suite's own features
    assert capsys.readouterr().out == "Alle Schritte der 13 Feature-Dateien haben genau eine Definition.\n"

    (tmp_path / "tippfehler.feature").write_text(MISSPELT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["--check", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "tippfehler.feature:6  Wenn er sich mit E-Mail, Passwort und Makler-ID anmeldt",  # once, not per row
        "  Schritt ohne Definition.",
        "  Meinten Sie: Wenn er/sie sich mit E-Mail, Passwort und Makler-ID anmeldet",
        "         oder: Wenn er/sie sich mit E-Mail und Passwort anmeldet, ohne die Makler-ID einzutippen",
        "         oder: Wenn er/sie sich ohne Makler-ID anmeldet",
        "1 Schritte ohne eindeutige Definition in 1 Feature-Dateien.",
    ]
    assert main(["--check", str(tmp_path / "fehlt")]) == 2


def test_a_step_two_definitions_match_is_ambiguous(tmp_path: Path) -> None:
    """As the name step was before it refused quotes: ``der Kunde "{name}"`` also matched the step with the domain."""

    @given(parsers.parse('der Kunde "{name}"'))
    def greedy(name: str) -> None:
        """Zu gierig."""

    steps = ['Angenommen der Kunde "Peter" mit einer E-Mail-Adresse bei "example.com"', 'Und der Kunde "Anna"']
    text = "# language: de\nFunktionalität: F\n  Szenario: S\n" + "".join(f"    {step}\n" for step in steps)
    (tmp_path / "zwei.feature").write_text(text, encoding="utf-8")
    mine = next(c for c in step_function_context_registry.values() if c.step_func is greedy)
    contexts = [*catalogue.definitions(AREAS), mine]
    found = step_check.findings(tmp_path, contexts, tmp_path)
    assert [(f.line, f.problem.splitlines()[0]) for f in found] == [
        (4, "Mehrdeutig: passt auf mehrere Definitionen:"),
        (5, "Mehrdeutig: passt auf mehrere Definitionen:"),
    ]
    assert "steps.common_steps:" in found[0].problem and "test_catalogue:" in found[0].problem
