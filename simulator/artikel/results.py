"""A run's scenarios as Cucumber JSON says them: name, place, tags, result and the phones they started.

Reads any Cucumber JSON (this harness's, a Grid nightly's, an older run's): a scenario failed when a
step failed, was undefined or ambiguous; passed when every step passed; otherwise it did not run
(skipped). The phones come from the scenario's ``after`` hook the harness writes
(``PHONES_EMBEDDING``); a file without them leaves the builds unknown.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

PHONES_EMBEDDING = "kundenapp-telefone"  # name of the after hook's JSON embedding: [{platform, os, build}]
Result = Literal["passed", "failed", "skipped"]
_FAILED = {"failed", "undefined", "ambiguous"}


class ResultsError(ValueError):
    """A file that is no Cucumber JSON; the message says where and what (German)."""


@dataclass(frozen=True)
class Phone:
    """A phone a scenario started: ``Android``/``iOS``, OS version, app build (None: not known)."""

    platform: str
    os: str
    build: str | None


@dataclass(frozen=True)
class ScenarioRun:
    """One scenario (an outline row counts as one) of a run."""

    feature: str
    name: str
    location: str  # feature file:line
    tags: frozenset[str]
    result: Result
    duration: float  # seconds
    phones: tuple[Phone, ...]

    @property
    def platforms(self) -> tuple[str, ...]:
        """``android``/``ios`` from the phones, else from the platform tags."""
        from_phones = {phone.platform.lower() for phone in self.phones}
        return tuple(sorted(from_phones or {tag for tag in self.tags if tag in ("android", "ios")}))


def read(path: Path) -> list[ScenarioRun]:
    """Every scenario of a Cucumber JSON file; ResultsError for anything else."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ResultsError(f"{path}: nicht lesbar ({exc.strerror or exc})") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResultsError(f"{path}: kein JSON ({exc})") from exc
    if not isinstance(data, list):
        raise ResultsError(f"{path}: keine Cucumber-JSON-Datei (erwartet eine Liste von Funktionalitäten)")
    runs = []
    for number, feature in enumerate(data, start=1):
        runs += _feature(path, number, feature)
    return runs


def _feature(path: Path, number: int, feature: Any) -> list[ScenarioRun]:
    where = f"{path}: Funktionalität {number}"
    if not isinstance(feature, dict) or not isinstance(feature.get("elements", []), list):
        raise ResultsError(f"{where}: kein Objekt mit „elements“")
    feature_tags = _tags(feature.get("tags", []), where)
    runs = []
    for element in feature.get("elements", []):
        if not isinstance(element, dict) or element.get("type", "scenario") != "scenario":
            continue  # a Background element carries no result of its own
        steps = element.get("steps", [])
        if not isinstance(steps, list):
            raise ResultsError(f"{where}: „steps“ ist keine Liste")
        statuses = [_status(step, where) for step in steps]
        runs.append(
            ScenarioRun(
                feature=str(feature.get("name") or feature.get("uri", "")),
                name=str(element.get("name", "")),
                location=f"{feature.get('uri', '')}:{element.get('line', '')}",
                tags=frozenset(feature_tags | _tags(element.get("tags", []), where)),
                result=_result(statuses),
                duration=sum(_duration(step) for step in steps) / 1e9,
                phones=_phones(element.get("after", []), where),
            )
        )
    return runs


def _tags(tags: Any, where: str) -> set[str]:
    if not isinstance(tags, list) or not all(isinstance(t, dict) and isinstance(t.get("name"), str) for t in tags):
        raise ResultsError(f"{where}: „tags“ ist keine Liste von {{name: …}}")
    return {str(tag["name"]).removeprefix("@") for tag in tags}


def _status(step: Any, where: str) -> str:
    result = step.get("result") if isinstance(step, dict) else None
    if not isinstance(result, dict) or not isinstance(result.get("status"), str):
        raise ResultsError(f"{where}: ein Schritt ohne „result.status“")
    return str(result["status"])


def _duration(step: dict[str, Any]) -> float:
    value = step["result"].get("duration", 0)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _result(statuses: list[str]) -> Result:
    if any(status in _FAILED for status in statuses):
        return "failed"
    if statuses and all(status == "passed" for status in statuses):
        return "passed"
    return "skipped"


def _phones(hooks: Any, where: str) -> tuple[Phone, ...]:
    if not isinstance(hooks, list):
        return ()
    for hook in hooks:
        for embedding in hook.get("embeddings", []) if isinstance(hook, dict) else []:
            if not isinstance(embedding, dict) or embedding.get("name") != PHONES_EMBEDDING:
                continue
            try:
                phones = json.loads(base64.b64decode(str(embedding.get("data", "")), validate=True))
                return tuple(
                    Phone(str(p["platform"]), str(p["os"]), None if p["build"] is None else str(p["build"]))
                    for p in phones
                )
            except (ValueError, TypeError, KeyError) as exc:
                raise ResultsError(f"{where}: „{PHONES_EMBEDDING}“ unlesbar ({exc})") from exc
    return ()
