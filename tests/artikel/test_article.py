"""The help article and the registry's passages fit together, and every case and section has scenarios.

The mapping is ``simulator.registry.ARTICLE_PASSAGES``; the article's text is ``simulator/artikel/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gherkin.parser import Parser
from gherkin.pickles.compiler import Compiler

from simulator.artikel import article as article_module
from simulator.artikel.article import ArticleError, article, article_text, cut, parse
from simulator.registry import ARTICLE_PASSAGES, ARTICLE_SECTIONS, CASE_IDS, marker

FEATURES = Path(__file__).resolve().parents[2] / "features"


def scenario_tags() -> list[set[str]]:
    """The tags of every scenario the suite runs (an outline once per Beispiele row, its block's tags too)."""
    found = []
    for feature in sorted(FEATURES.rglob("*.feature")):
        document = Parser().parse(feature.read_text(encoding="utf-8"))
        for pickle in Compiler().compile({**document, "uri": str(feature)}):
            found.append({tag["name"].removeprefix("@") for tag in pickle["tags"]})
    return found


def test_the_article_is_read_section_by_section_and_step_by_step() -> None:
    sections = article()
    assert [s.heading for s in sections] == list(ARTICLE_SECTIONS)
    steps = {s.heading: [b.number for b in s.blocks if b.number is not None] for s in sections}
    assert steps[ARTICLE_SECTIONS[2]] == [1, 2] and steps[ARTICLE_SECTIONS[3]] == [1, 2, 3]
    assert steps[ARTICLE_SECTIONS[4]] == [1, 2, 3, 4]
    registration = sections[1].blocks[0].passages
    assert [p.cases for p in registration] == [("reg-email",), ("reg-password",)]
    assert registration[1].bullets[0] == "mind. 8 Stellen" and len(registration[1].bullets) == 5
    login_1 = sections[2].blocks[0]
    assert [p.cases for p in login_1.passages] == [("makler-id",), ("login-reset",)]
    assert login_1.passages[1].text.endswith("kann ein neues Passwort festlegen.")  # the step's second paragraph


def test_every_case_and_every_section_has_a_passage_and_the_sentences_without_one_are_few() -> None:
    passages = [p for s in article() for b in s.blocks for p in b.passages]
    assert {case for p in passages for case in p.cases} == set(CASE_IDS)
    assert {section for section, _, _ in ARTICLE_PASSAGES} == set(ARTICLE_SECTIONS)
    unchecked = [p.text for p in passages if not p.cases]
    assert unchecked == ["Hier gibts die Anleitung", "War diese Antwort hilfreich für dich?"]


def test_every_documented_case_has_scenarios_in_the_features() -> None:
    tags = scenario_tags()
    without = [case for case in CASE_IDS if not any(marker(case) in found for found in tags)]
    assert without == [], f"Fälle ohne Szenario: {without}"


def test_a_passage_the_article_does_not_have_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    wrong = (*ARTICLE_PASSAGES, ("Allgemein", "Bitte starte das Telefon neu", ("update-os",)))
    monkeypatch.setattr(article_module, "ARTICLE_PASSAGES", wrong)
    with pytest.raises(ArticleError, match="„Bitte starte das Telefon neu“ steht nicht am Satzanfang"):
        cut(parse(article_text()))
    twice = (*ARTICLE_PASSAGES, (ARTICLE_SECTIONS[2], "Sollte", ("login-reset",)))
    monkeypatch.setattr(article_module, "ARTICLE_PASSAGES", twice)
    with pytest.raises(ArticleError, match="„Sollte“ steht 2-mal"):
        cut(parse(article_text()))
    same = (*ARTICLE_PASSAGES, (ARTICLE_SECTIONS[3], "Sollte", ("unusable-session",)))
    monkeypatch.setattr(article_module, "ARTICLE_PASSAGES", same)
    with pytest.raises(ArticleError, match="„Sollte“ beginnt dieselbe Stelle wie ein anderer Eintrag"):
        cut(parse(article_text()))


def test_text_before_the_first_heading_is_refused() -> None:
    with pytest.raises(ArticleError, match="vor der ersten Überschrift"):
        parse("Einleitung ohne Überschrift\n\nAllgemein\n")
