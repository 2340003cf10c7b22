"""Allure: Bereich → Funktionalität → Szenario, and the screens, page sources and the seed of a step.

Only with ``--alluredir`` (allure-pytest-bdd draws the scenario and its steps itself). Each scenario
is labelled as Allure's trees read it: epic = Bereich (the feature file's folder, ``features/login/``),
feature = Funktionalität, story = each documented case its tags name; the same as parent suite and
suite, so Allure 2 (Behaviors and Suites) and Allure 3 (whose tree groups by suites) both show
Bereich → Funktionalität → Szenario. Every tag (platform, case, area) stays an Allure tag. The hooks
that attach run before Allure closes the step (``tryfirst``).
"""

from __future__ import annotations

import base64
import os

import pytest

from harness.bdd.step_check import scenario_template
from harness.reports.overview import area_of
from harness.reports.record import Shot
from simulator.registry import CASE_IDS, marker


def enabled(config: pytest.Config) -> bool:
    """Allure results are written (``--alluredir``)."""
    return bool(getattr(config.option, "allure_report_dir", None))


def label(items: list[pytest.Item]) -> None:
    """With ``--alluredir``: every collected scenario labelled (:func:`label_scenario`)."""
    if items and enabled(items[0].config):
        for item in items:
            label_scenario(item)


def label_scenario(item: pytest.Item) -> None:
    """Bereich, Funktionalität and the documented cases of a collected scenario as Allure labels (the marker that
    ``@allure.epic`` and its kin put on a test)."""
    template = scenario_template(item)
    if template is None:
        return
    tags = {mark.name for mark in item.iter_markers()}
    area = area_of(os.path.relpath(template.feature.filename, item.config.rootpath))  # the HTML report's Bereich
    labels = [("epic", area), ("parentSuite", area)]
    labels += [("feature", template.feature.name), ("suite", template.feature.name)]
    labels += [("story", case) for case in CASE_IDS if marker(case) in tags]
    for kind, value in labels:
        item.add_marker(pytest.mark.allure_label(value, label_type=kind))


def attach(config: pytest.Config, shots: list[Shot], seed: int | None, replay: str | None = None) -> None:
    """The same screens, page sources and seed as the other reports, on the running Allure step."""
    if not enabled(config):
        return
    import allure  # only present with allure-pytest-bdd, only needed with --alluredir

    for shot in shots:
        if shot.png:
            allure.attach(base64.b64decode(shot.png), name=shot.label, attachment_type=allure.attachment_type.PNG)
        if shot.source:
            allure.attach(shot.source, name=f"Seitenquelltext {shot.label}", attachment_type=allure.attachment_type.XML)
    if seed is not None:
        text = f"Faker-Seed: {seed}\nWiederholen mit: {replay}"
        allure.attach(text, name="Faker-Seed", attachment_type=allure.attachment_type.TEXT)
