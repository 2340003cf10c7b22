"""The registry (simulator/registry.py) is the one list of case ids and behaviour names: everyone else agrees."""

from __future__ import annotations

import tomllib
from pathlib import Path

from simulator.app.behaviours import REGISTRY as APP_REGISTRY
from simulator.app.builds import RELEASES as APP_RELEASES
from simulator.backend.behaviours import BEHAVIOURS as BACKEND_REGISTRY
from simulator.registry import APP_BEHAVIOURS, BACKEND_BEHAVIOURS, CASE_IDS, FIXED_IN, RELEASES, marker
from simulator.tools.cases import CASES, NEEDS_PHONE
from simulator.world.checks import release

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
AREAS = {"allgemein", "registrierung", "login", "app_nutzung", "geteilte_vertraege"}
NOT_CASES = AREAS | {"fehlerberichte", "android", "ios", "konsole", "browser", "grid", "inspector"}


def markers() -> list[str]:
    return list(tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]["markers"])


def test_pyproject_declares_exactly_the_registry_case_ids_as_markers() -> None:
    case_markers = [m for m in markers() if m not in NOT_CASES]
    assert case_markers == [marker(case) for case in CASE_IDS]


def test_the_diagnosis_describes_every_registered_case_in_the_article_order() -> None:
    assert tuple(CASES) == CASE_IDS
    assert set(NEEDS_PHONE) <= set(CASE_IDS)


def test_app_and_backend_implement_exactly_the_registered_behaviours() -> None:
    assert tuple(APP_REGISTRY) == APP_BEHAVIOURS
    assert tuple(BACKEND_REGISTRY) == BACKEND_BEHAVIOURS
    assert APP_RELEASES is RELEASES


def test_world_files_name_releases_as_the_app_reads_them() -> None:
    assert release("3.6") == "3.6.0"
    assert release("3.10.0.0") == "3.10.0"
    assert release("3.7.0") is None


def test_every_behaviour_is_fixed_in_a_released_build_the_app_and_backend_apply() -> None:
    assert set(FIXED_IN) == {*APP_BEHAVIOURS, *BACKEND_BEHAVIOURS} and set(FIXED_IN.values()) <= set(RELEASES)
    assert {name: b.fixed_in for name, b in APP_REGISTRY.items()} == {n: FIXED_IN[n] for n in APP_BEHAVIOURS}
    assert {name: b.fixed_in for name, b in BACKEND_REGISTRY.items()} == {n: FIXED_IN[n] for n in BACKEND_BEHAVIOURS}


def test_a_case_says_how_to_close_the_app_exactly_when_its_remedy_closes_it() -> None:
    closes = {case.id for case in CASES.values() if any("komplett" in step for step in case.remedy)}
    assert {case.id for case in CASES.values() if case.close_completely} == closes
