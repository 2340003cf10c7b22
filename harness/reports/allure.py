"""Allure: the screens, page sources and the seed of a step, attached to the running Allure step.

Only with ``--alluredir`` (allure-pytest-bdd draws the scenario and its steps itself); the hooks
that call this run before Allure closes the step (``tryfirst``).
"""

from __future__ import annotations

import base64

import pytest

from harness.reports.record import Shot


def attach(config: pytest.Config, shots: list[Shot], seed: int | None, replay: str | None = None) -> None:
    """The same screens, page sources and seed as the other reports, on the running Allure step."""
    if not getattr(config.option, "allure_report_dir", None):
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
