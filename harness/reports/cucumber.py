"""Cucumber JSON that consumers such as Jenkins' cucumber-reports read: complete under xdist, with screens.

pytest-bdd's own writer marks every step after a failing one ``failed``, carries no screenshot and,
under ``-n``, writes an empty file (it runs on the xdist controller, which never sees the scenario
data). This writer takes the steps from the scenario record instead: later steps are ``skipped``,
the failing step embeds each phone's PNG (base64, ``image/png``) and the seed with the replay
command; the scenario's tags include its Beispiele block's, and an ``after`` hook names the phones it
started (platform, OS, build), which ``kundenapp-sim artikel`` reads. Each xdist worker writes its own
part; the controller merges the parts and removes them.
"""

from __future__ import annotations

import base64
import json
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import NotRequired, TypedDict, cast

import pytest
from pytest_bdd.cucumber_json import (
    FeatureElementDict,
    LogBDDCucumberJSON,
    MatchElementDict,
    ResultElementDict,
    ScenarioElementDict,
    StepElementDict,
)
from pytest_bdd.reporting import test_report_context_registry

from harness.reports.record import FAILING, ScenarioRecord, Status, StepRecord
from simulator.artikel.results import PHONES_EMBEDDING

PARTS_DIR = "cucumber-parts"
RECORD_ATTR = "kundenapp_record"  # the scenario record (plain data) on a call-phase test report
CUCUMBER_KEY = pytest.StashKey[str]()


def parts_dir(path: str) -> Path:
    """Where the xdist workers put their parts, next to the requested file."""
    return Path(path).resolve().parent / PARTS_DIR


class Embedding(TypedDict):
    """An attachment of a step (Cucumber JSON ``embeddings``): base64 data with its MIME type."""

    mime_type: str
    data: str
    name: str


class CucumberResult(TypedDict):
    """A step's result; ``undefined`` too (pytest-bdd's own writer knows passed, failed and skipped only)."""

    status: Status
    duration: int  # nanoseconds
    error_message: NotRequired[str]


class CucumberStep(TypedDict):
    """pytest-bdd's Cucumber JSON step, with the screens and the output of the failing step."""

    keyword: str
    name: str
    line: int
    match: MatchElementDict
    result: CucumberResult
    embeddings: NotRequired[list[Embedding]]
    output: NotRequired[list[str]]


def _embedding(mime_type: str, data: str, name: str) -> Embedding:
    return {"mime_type": mime_type, "data": data, "name": name}


def _text(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def step_json(record: ScenarioRecord, step: StepRecord, location: str) -> CucumberStep:
    """One step as Cucumber JSON, with its screens as embeddings (and the seed on the failing step)."""
    result: CucumberResult = {"status": step.status, "duration": int(step.duration * 1e9)}
    embeddings = [_embedding("image/png", shot.png, shot.label) for shot in step.shots if shot.png]
    output = []
    if step.status in FAILING:
        replay = f"Wiederholen mit: {record.replay}" if record.replay else ""
        result["error_message"] = "\n\n".join(part for part in (step.message or "", replay) if part)
        output = [line for line in (f"Faker-Seed: {record.seed}" if record.seed is not None else "", replay) if line]
        if output:
            embeddings.append(_embedding("text/plain", _text("\n".join(output)), "Faker-Seed"))
        embeddings += [
            _embedding("application/xml", _text(shot.source), f"Seitenquelltext {shot.label}")
            for shot in step.shots
            if shot.source
        ]
    data: CucumberStep = {
        "keyword": f"{step.keyword} ",
        "name": step.text,
        "line": step.line,
        "match": {"location": location},
        "result": result,
    }
    if embeddings:
        data["embeddings"] = embeddings
    if output:
        data["output"] = output
    return data


class Hook(TypedDict):
    """A hook of a scenario (Cucumber JSON ``before``/``after``): where, its result, what it attached."""

    match: MatchElementDict
    result: ResultElementDict
    output: list[str]
    embeddings: list[Embedding]


class CucumberScenario(ScenarioElementDict):
    """pytest-bdd's Cucumber JSON scenario, with an ``after`` hook naming the phones it started."""

    after: NotRequired[list[Hook]]


def phones_hook(record: ScenarioRecord, location: str) -> Hook:
    """The phones the scenario started, as an ``after`` hook: one line each for a person, JSON for
    ``kundenapp-sim artikel`` (``simulator.artikel.results.PHONES_EMBEDDING``), which reads platform and build."""
    phones = [asdict(phone) for phone in record.phones]
    lines = [
        f"Telefon {number}: {p['platform']} {p['os']}, Kunden-App {p['build'] or 'unbekannt'}"
        for number, p in enumerate(phones, start=1)
    ]
    return {
        "match": {"location": location},
        "result": {"status": "passed", "duration": 0},
        "output": lines,
        "embeddings": [_embedding("application/json", _text(json.dumps(phones)), PHONES_EMBEDDING)],
    }


class CucumberWriter(LogBDDCucumberJSON):
    """pytest-bdd's Cucumber JSON writer with the steps taken from the scenario record."""

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = getattr(report, RECORD_ATTR, None)
        context = test_report_context_registry.get(report)
        if data is None or context is None or report.when != "call":
            super().pytest_runtest_logreport(report)
            return
        record = ScenarioRecord.from_dict(data)
        if not context.scenario["steps"]:  # no step ran (an undefined one): pytest-bdd's writer would leave it out
            context.scenario["steps"] = [
                {
                    "name": s.text,
                    "type": "",
                    "keyword": s.keyword,
                    "line_number": s.line,
                    "failed": False,
                    "duration": 0,
                }
                for s in record.steps
            ]
        super().pytest_runtest_logreport(report)
        elements = self.features[context.scenario["feature"]["filename"]]["elements"]
        location = f"{record.feature_file}:{record.line}"
        element = cast(CucumberScenario, elements[-1])
        steps = [step_json(record, step, location) for step in record.steps]
        element["steps"] = cast(list[StepElementDict], steps)  # the same keys; a status pytest-bdd does not know
        element["name"] = record.display_title
        element["tags"] = [{"name": tag, "line": record.line - 1} for tag in record.tags]  # with the Beispiele block's
        element["after"] = [phones_hook(record, location)]


def merge_parts(target: str) -> None:
    """On the xdist controller: merge the workers' parts into ``target`` and remove the parts."""
    parts = parts_dir(target)
    if not parts.exists():
        return
    features: dict[str, FeatureElementDict] = {}
    for part in sorted(parts.glob("*.json")):
        written: list[FeatureElementDict] = json.loads(part.read_text(encoding="utf-8"))
        for feature in written:
            merged = features.setdefault(feature["uri"], {**feature, "elements": []})
            merged["elements"].extend(feature["elements"])
    for feature in features.values():
        feature["elements"].sort(key=lambda element: (element["line"], element["id"]))
    Path(target).write_text(json.dumps(list(features.values()), indent=1, ensure_ascii=False), "utf-8")
    shutil.rmtree(parts)


def xdist_controller(config: pytest.Config) -> bool:
    """True on the controller of an xdist run (which sees no scenario data, only the workers' reports)."""
    return not hasattr(config, "workerinput") and config.getoption("dist", "no") != "no"


def configure(config: pytest.Config) -> str | None:
    """Replace pytest-bdd's Cucumber writer (its configure is trylast) by ours; returns the file it writes.

    On an xdist worker ours writes the worker's part; on the controller the parts are merged at the end.
    """
    cucumber: str | None = config.option.cucumber_json_path
    if not cucumber:
        return None
    worker = getattr(config, "workerinput", None)
    if worker is not None:
        parts_dir(cucumber).mkdir(parents=True, exist_ok=True)
        part = parts_dir(cucumber) / f"{worker['workerid']}.json"
        config.pluginmanager.register(CucumberWriter(str(part)), "kundenapp-cucumber")
        return cucumber
    config.stash[CUCUMBER_KEY] = cucumber
    config.option.cucumber_json_path = None  # pytest-bdd's own writer stays off; ours replaces it
    if not xdist_controller(config):
        config.pluginmanager.register(CucumberWriter(cucumber), "kundenapp-cucumber")
    return cucumber


def finish(config: pytest.Config) -> None:
    """On an xdist controller: merge the workers' parts (after every writer is done)."""
    cucumber = config.stash.get(CUCUMBER_KEY, None)
    if cucumber and xdist_controller(config):
        merge_parts(cucumber)
