"""What the HTML report's head says about the whole run: one entry per scenario, gathered where reports arrive.

An :class:`Overview` is registered on the process that writes the HTML report (the xdist controller
under ``-n``); it keeps each scenario's area, Funktionalität, tags, outcome, duration and phones from
the call-phase reports (the scenario record travels on them from the workers). From these come the
summary per Funktionalität, the filter lists (area, case, platform) and the environment's platforms
and builds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

import pytest

from harness.reports.cucumber import RECORD_ATTR
from harness.reports.record import RecordData
from simulator.registry import CASE_IDS, marker

PLATFORMS = ("android", "ios")
CASE_TAGS = tuple(marker(case) for case in CASE_IDS)
OVERVIEW_KEY = pytest.StashKey["Overview"]()


def area_of(feature_file: str) -> str:
    """The area a scenario belongs to: the folder of its feature file (``features/login/…`` -> ``login``)."""
    parent = PurePath(feature_file).parent
    return parent.name if parent.name not in ("", "features") else "–"


@dataclass
class Entry:
    """One scenario of the run as the head of the report needs it."""

    feature: str
    area: str
    tags: list[str]
    outcome: str  # passed, failed, skipped
    duration: float
    phones: list[tuple[str, str, str | None]]  # platform, OS version, build


@dataclass
class FeatureSummary:
    """Counts of one Funktionalität."""

    area: str
    feature: str
    counts: Counter[str] = field(default_factory=Counter)
    duration: float = 0.0


@dataclass(eq=False)  # a plugin: pytest 8.4 keeps each in a set, so it hashes by identity
class Overview:
    """Every scenario of the run whose call-phase report arrived here, and the errors before a first step."""

    entries: list[Entry] = field(default_factory=list)
    without_steps: int = 0  # setup failed before the scenario began (no record): shown as a count

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data: RecordData | None = getattr(report, RECORD_ATTR, None)
        if report.when == "call" and data is not None:
            phones = [(p["platform"], p["os"], p["build"]) for p in data["phones"]]
            entry = Entry(
                data["feature"], area_of(data["feature_file"]), data["tags"], report.outcome, report.duration, phones
            )
            self.entries.append(entry)
        elif report.when == "setup" and report.failed:
            self.without_steps += 1

    def features(self) -> list[FeatureSummary]:
        """One summary per Funktionalität, in the order of areas and features (failing ones are not hidden)."""
        summaries: dict[tuple[str, str], FeatureSummary] = {}
        for entry in self.entries:
            summary = summaries.setdefault((entry.area, entry.feature), FeatureSummary(entry.area, entry.feature))
            summary.counts[entry.outcome] += 1
            summary.duration += entry.duration
        return [summaries[key] for key in sorted(summaries)]

    def areas(self) -> list[str]:
        return sorted({entry.area for entry in self.entries})

    def cases(self) -> list[str]:
        """The case tags of the run's scenarios, in the help article's order."""
        seen = {tag for entry in self.entries for tag in entry.tags}
        return [tag for tag in CASE_TAGS if tag in seen]

    def platforms(self) -> list[str]:
        seen = {tag for entry in self.entries for tag in entry.tags}
        return [tag for tag in PLATFORMS if tag in seen]

    def phones(self) -> list[str]:
        """Every platform with its OS versions the run's phones had: ``Android 14, 16``."""
        versions: dict[str, set[str]] = {}
        for entry in self.entries:
            for platform, os_version, _ in entry.phones:
                versions.setdefault(platform, set()).add(os_version)
        return [f"{name} {', '.join(sorted(found, key=_version_key))}" for name, found in sorted(versions.items())]

    def builds(self) -> list[str]:
        """Every app build the run's phones started with, oldest first."""
        found = {build for entry in self.entries for _, _, build in entry.phones if build}
        return sorted(found, key=_version_key)


def _version_key(text: str) -> tuple[tuple[int, ...], str]:
    numbers = []
    for piece in text.split("."):
        if not piece.isdigit():
            break
        numbers.append(int(piece))
    return tuple(numbers), text


def register(config: pytest.Config) -> None:
    """On the process that writes the HTML report (not on an xdist worker): gather the run's scenarios."""
    if config.getoption("htmlpath", None) and not hasattr(config, "workerinput"):
        overview = Overview()
        config.stash[OVERVIEW_KEY] = overview
        config.pluginmanager.register(overview, "kundenapp-overview")


def of(config: pytest.Config) -> Overview:
    """The run's overview (an empty one when none was registered)."""
    return config.stash.get(OVERVIEW_KEY, None) or Overview()
