"""What a scenario did, step by step: keyword, text, status, duration, message, and the phones' screens.

Filled from pytest-bdd's step hooks while the scenario runs, read by every report (HTML, JUnit,
Cucumber JSON, Allure). Screens are kept as ``--screenshots`` says: ``failing`` (default) keeps the
failing step's screens and the ones of the step before it, ``all`` every step's, ``none`` none.
"""

from __future__ import annotations

import os
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, TypedDict, cast

import pytest
from pytest_bdd.parser import Feature, Scenario, Step

from harness.reports import secrets

Status = Literal["passed", "failed", "skipped", "undefined"]  # undefined: no step definition (Cucumber's word)
FAILING: tuple[Status, ...] = ("failed", "undefined")  # the statuses that fail a scenario
ScreenshotMode = Literal["failing", "all", "none"]
SCREENSHOT_MODES: tuple[ScreenshotMode, ...] = ("failing", "all", "none")


@dataclass
class Shot:
    """One phone's screen after a step: its label, the PNG (base64) and, for the failing step, the page source."""

    label: str
    png: str | None = None
    source: str | None = None
    error: str | None = None  # why there is no screenshot (session already gone)
    kept: int | None = None  # a simulator's kept screen (kundenapp: keepScreen), drawn only if needed


@dataclass
class PhoneRecord:
    """A phone the scenario started: platform, OS version and app build (None: no app, or not known)."""

    platform: str
    os: str
    build: str | None


@dataclass
class StepRecord:
    """One Gherkin step of the scenario and how it went."""

    keyword: str
    text: str
    line: int
    status: Status = "skipped"  # steps after a failure never run
    duration: float = 0.0
    message: str | None = None
    shots: list[Shot] = field(default_factory=list)
    started: float | None = None


@dataclass
class ScenarioRecord:
    """A scenario's run, for the reports."""

    feature: str
    feature_file: str
    title: str
    line: int
    tags: list[str]
    example: dict[str, str]
    steps: list[StepRecord]
    seed: int | None = None
    replay: str | None = None
    phones: list[PhoneRecord] = field(default_factory=list)

    @property
    def display_title(self) -> str:
        """The German title a person reads: the scenario, and for outline rows their example values."""
        if not self.example:
            return self.title
        return f"{self.title} [{' | '.join(self.example.values())}]"

    @property
    def failed_step(self) -> StepRecord | None:
        """The step that failed (or had no definition), if one did."""
        return next((step for step in self.steps if step.status in FAILING), None)

    def to_dict(self) -> RecordData:
        """Plain data (travels with the test report from an xdist worker to the controller)."""
        return cast(RecordData, asdict(self))  # asdict: the fields above, recursively; RecordData spells them out

    @classmethod
    def from_dict(cls, data: RecordData) -> ScenarioRecord:
        """The inverse of :meth:`to_dict`."""
        steps = [
            StepRecord(
                step["keyword"],
                step["text"],
                step["line"],
                step["status"],
                step["duration"],
                step["message"],
                [Shot(**shot) for shot in step["shots"]],
                step["started"],
            )
            for step in data["steps"]
        ]
        return cls(
            data["feature"],
            data["feature_file"],
            data["title"],
            data["line"],
            data["tags"],
            data["example"],
            steps,
            data["seed"],
            data["replay"],
            [PhoneRecord(**phone) for phone in data["phones"]],
        )


class ShotData(TypedDict):
    """A ``Shot`` as plain data."""

    label: str
    png: str | None
    source: str | None
    error: str | None


class StepData(TypedDict):
    """A ``StepRecord`` as plain data."""

    keyword: str
    text: str
    line: int
    status: Status
    duration: float
    message: str | None
    shots: list[ShotData]
    started: float | None


class PhoneData(TypedDict):
    """A ``PhoneRecord`` as plain data."""

    platform: str
    os: str
    build: str | None


class RecordData(TypedDict):
    """A ``ScenarioRecord`` as plain data (``to_dict``), as it travels from an xdist worker to the controller."""

    feature: str
    feature_file: str
    title: str
    line: int
    tags: list[str]
    example: dict[str, str]
    steps: list[StepData]
    seed: int | None
    replay: str | None
    phones: list[PhoneData]


RECORD_KEY = pytest.StashKey[ScenarioRecord]()


def _example_tags(item: pytest.Item) -> set[str]:
    """The tags of the Beispiele block an outline row comes from (pytest-bdd makes them the row's marks)."""
    callspec = getattr(item, "callspec", None)
    return {mark.name for mark in callspec.marks} if callspec is not None else set()


def start(item: pytest.Item, feature: Feature, scenario: Scenario, example: dict[str, str]) -> ScenarioRecord:
    """A new record for the scenario about to run (every step still ``skipped``)."""
    steps = [StepRecord(step.keyword.strip(), step.name, step.line_number) for step in scenario.steps]
    record = ScenarioRecord(
        feature=feature.name or feature.rel_filename,
        feature_file=os.path.relpath(feature.filename, item.config.rootpath),
        title=scenario.name,
        line=scenario.line_number,
        tags=sorted(scenario.tags | feature.tags | _example_tags(item)),
        example=dict(example),
        steps=steps,
    )
    item.stash[RECORD_KEY] = record
    return record


def step_of(record: ScenarioRecord, step: Step) -> StepRecord:
    """The record of a running pytest-bdd step (matched by its line in the feature file)."""
    for entry in record.steps:
        if entry.line == step.line_number and entry.text == step.name:
            return entry
    raise LookupError(f"step {step.name!r} (line {step.line_number}) is not part of {record.title!r}")


def begin(entry: StepRecord) -> None:
    """The step starts now."""
    entry.started = time.perf_counter()


def finish(entry: StepRecord, status: Status, message: str | None = None) -> None:
    """The step ended with ``status``."""
    if entry.started is not None:
        entry.duration = time.perf_counter() - entry.started
    entry.status = status
    entry.message = message


def failure_message(exc: BaseException) -> str:
    """The message a person reads: an assertion's own (German) text, otherwise the exception named."""
    text = str(exc).strip()
    if isinstance(exc, AssertionError) and text:
        own, explained, _ = text.partition("\nassert ")  # pytest appends its introspection to a given message
        return own.strip() if explained else text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def phones_of(drivers: list[Any]) -> list[PhoneRecord]:
    """The phones among a scenario's drivers (browsers have no ``platformName`` of a phone), as their sessions say:
    a simulator names the installed build (``kundenapp:appVersion``), another device the ``appium:app`` it got."""
    phones = []
    for driver in drivers:
        caps = getattr(driver, "capabilities", None) or {}
        platform = str(caps.get("platformName", ""))
        if platform.lower() not in ("android", "ios"):
            continue
        os_version = caps.get("appium:platformVersion", caps.get("platformVersion", ""))
        build = caps.get("kundenapp:appVersion") if simulated(driver) else caps.get("appium:app", caps.get("app"))
        name = "iOS" if platform.lower() == "ios" else "Android"
        phones.append(PhoneRecord(name, str(os_version), str(build) if build else None))
    return phones


def simulated(driver: Any) -> bool:
    """True for a phone of the simulator (its session answers with ``kundenapp:`` capabilities)."""
    caps = getattr(driver, "capabilities", None) or {}
    return "kundenapp:backendUrl" in caps


def capture(drivers: list[Any], labels: list[str], with_source: bool, keep: bool = False) -> list[Shot]:
    """Every phone's screen now (and page source when asked); a phone that cannot answer says why.

    ``keep``: a simulator's phone only keeps its screen (one cheap command) and draws it when
    ``draw_kept`` asks, i.e. when the next step fails; other phones and browsers take the
    screenshot now, as a real device must.
    """
    shots = []
    for driver, label in zip(drivers, labels, strict=True):
        try:
            if keep and simulated(driver):
                shots.append(Shot(label, kept=int(driver.execute_script("kundenapp: keepScreen", {}))))
                continue
            png = driver.get_screenshot_as_base64()
            source = secrets.page_source(driver.page_source) if with_source else None
        except Exception as exc:  # a session the scenario ended itself must not hide the result
            shots.append(Shot(label, error=f"kein Bildschirmfoto: {type(exc).__name__}: {exc}".strip()))
            continue
        shots.append(Shot(label, png=png, source=source))
    return shots


def draw_kept(drivers: list[Any], shots: list[Shot]) -> None:
    """Draw the kept screens of ``shots`` (in the order of ``drivers``, which only grows) into PNGs."""
    for driver, shot in zip(drivers, shots, strict=False):
        if shot.kept is None:
            continue
        try:
            shot.png = str(driver.execute_script("kundenapp: keptScreenshot", {"screen": shot.kept}))
        except Exception as exc:  # the phone was quit in the failing step: say so instead of a screen
            shot.error = f"kein Bildschirmfoto: {type(exc).__name__}: {exc}".strip()
        shot.kept = None


def keep_screens(record: ScenarioRecord, entry: StepRecord, mode: ScreenshotMode) -> None:
    """After a passing step: ``all`` keeps every step's screens, ``failing`` only the latest step's."""
    if mode == "failing":
        for other in record.steps:
            if other is not entry:
                other.shots = []
