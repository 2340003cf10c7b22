"""Every documented case (simulator/registry.py) has a scenario, and every area runs on both platforms."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from simulator.registry import CASE_IDS, marker

FEATURES = Path(__file__).resolve().parents[2] / "features"
CASES = [marker(case) for case in CASE_IDS]
AREAS = ("allgemein", "registrierung", "login", "app_nutzung", "geteilte_vertraege")


def _scenario_tags() -> list[tuple[Path, set[str]]]:
    """The tags of each scenario; an outline's once per Beispiele block, with the block's own tags (e.g. @ios)."""
    found = []
    for feature in sorted(FEATURES.rglob("*.feature")):
        feature_tags: set[str] = set()
        pending: set[str] = set()
        scenario: set[str] = set()
        blocks = 0  # Beispiele blocks of the current outline so far
        for line in feature.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if text.startswith("@"):
                pending |= {t.lstrip("@") for t in text.split()}
            elif text.startswith("Funktionalität:"):
                feature_tags, pending = pending, set()
            elif re.match(r"(Szenario|Szenariogrundriss|Beispiel):", text):
                scenario, pending, blocks = feature_tags | pending, set(), 0
                found.append((feature, scenario))
            elif text.startswith("Beispiele"):
                if blocks == 0:
                    found.pop()  # the outline's rows are tagged by their blocks
                found.append((feature, scenario | pending))
                pending, blocks = set(), blocks + 1
    return found


def test_every_documented_case_tags_a_scenario() -> None:
    tagged = {tag for _, tags in _scenario_tags() for tag in tags}
    assert [case for case in CASES if case not in tagged] == []


def test_every_scenario_names_its_case_and_platform() -> None:
    for feature, tags in _scenario_tags():
        assert tags & set(CASES), f"{feature.name}: scenario without case id ({tags})"
        assert tags & {"android", "ios"}, f"{feature.name}: scenario without platform ({tags})"


def test_each_area_runs_on_android_and_ios() -> None:
    platforms: dict[str, set[str]] = defaultdict(set)
    for _, tags in _scenario_tags():
        for area in tags & set(AREAS):
            platforms[area] |= tags & {"android", "ios"}
    assert {area: platforms[area] for area in AREAS} == {area: {"android", "ios"} for area in AREAS}
