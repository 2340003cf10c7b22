"""``artikel.html``: the help article as living documentation of one run.

Section by section and remedy step by remedy step, each passage with the documented cases that check
it (``simulator.registry.ARTICLE_PASSAGES``) and their scenarios with this run's result, per platform
and app build; passages no scenario checks say so. Below, the version matrix: for every case with a
version-tied defect (``FIXED_IN``), the builds and platforms on which the run saw it affected and fixed.
The same page comes from the harness at the end of a run and from ``kundenapp-sim artikel --cucumber``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from simulator.artikel.article import Passage, Section, article
from simulator.artikel.results import ScenarioRun, read
from simulator.registry import ARTICLE_TITLE, CASE_IDS, FIXED_IN, RELEASES, marker
from simulator.spec.versions import parse_version

RESULT_TEXT = {"passed": "bestanden", "failed": "fehlgeschlagen", "skipped": "nicht gelaufen"}
PLATFORM_TEXT = {"android": "Android", "ios": "iOS"}


@dataclass
class CaseView:
    """A documented case with the run's scenarios tagged with it."""

    case: str
    runs: list[ScenarioRun]

    @property
    def result(self) -> str:
        """bestanden, fehlgeschlagen or nicht gelaufen (no scenario of the case ran)."""
        results = {run.result for run in self.runs}
        if "failed" in results:
            return "failed"
        return "passed" if "passed" in results else "skipped"

    @property
    def counts(self) -> Counter[str]:
        return Counter(run.result for run in self.runs)

    @property
    def where(self) -> list[tuple[str, str, Counter[str]]]:
        """(platform, build, counts) of every platform and build the case's scenarios ran on, oldest build first."""
        found: dict[tuple[str, str], Counter[str]] = {}
        for run in self.runs:
            pairs = {(p.platform, p.build or "Build unbekannt") for p in run.phones}
            pairs = pairs or {(PLATFORM_TEXT[p], "Build unbekannt") for p in run.platforms}
            for pair in pairs:
                found.setdefault(pair, Counter())[run.result] += 1
        return [(p, b, c) for (p, b), c in sorted(found.items(), key=lambda item: (item[0][0], _key(item[0][1])))]


@dataclass
class Cell:
    """One build on one platform in the version matrix."""

    expected: str  # betroffen / behoben
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def seen(self) -> str:
        """What the run saw: the expected state (its scenarios passed), a failure, or nothing."""
        if self.counts["failed"]:
            return "fehlgeschlagen"
        return self.expected if self.counts["passed"] else "nicht geprüft"


@dataclass
class MatrixRow:
    build: str
    cells: dict[str, Cell]


@dataclass
class Matrix:
    """A case with a version-tied defect: the builds before ``fixed_in`` have it."""

    case: str
    fixed_in: str
    rows: list[MatrixRow]


@dataclass
class Page:
    """Everything the template shows."""

    title: str
    source: str
    when: str
    sections: list[Section]
    cases: dict[str, CaseView]
    matrices: list[Matrix]
    runs: list[ScenarioRun]

    @property
    def summary(self) -> str:
        """ "14 von 14 Fällen geprüft, 62 Szenarien, alle bestanden"."""
        checked = sum(1 for view in self.cases.values() if view.counts["passed"] or view.counts["failed"])
        counts = Counter(run.result for run in self.runs)
        scenarios = f"{len(self.runs)} Szenario" if len(self.runs) == 1 else f"{len(self.runs)} Szenarien"
        if counts["failed"]:
            verdict = f"{counts['failed']} fehlgeschlagen"
        elif counts["passed"]:
            verdict = "alle bestanden" if counts["passed"] == len(self.runs) else f"{counts['passed']} bestanden"
        else:
            verdict = "keines gelaufen"
        if counts["skipped"]:
            verdict += f", {counts['skipped']} nicht gelaufen"
        return f"{checked} von {len(self.cases)} Fällen geprüft, {scenarios}, {verdict}"

    def cases_of(self, passage: Passage) -> list[CaseView]:
        """The documented cases that check a passage, with their scenarios."""
        return [self.cases[case] for case in passage.cases]

    @staticmethod
    def result_of(views: list[CaseView]) -> str:
        """A passage's result: failed if one of its cases failed, passed if one passed, else not run."""
        results = {view.result for view in views}
        return "failed" if "failed" in results else "passed" if "passed" in results else "skipped"

    @property
    def failed(self) -> bool:
        return any(run.result == "failed" for run in self.runs)


def _key(build: str) -> tuple[int, tuple[int, ...], str]:
    try:
        return 0, parse_version(build, strict=False), build
    except ValueError:
        return 1, (), build


def matrices(cases: dict[str, CaseView]) -> list[Matrix]:
    """Per case with a version-tied defect: every released build (and any other the run used) on both platforms."""
    result = []
    for case in CASE_IDS:
        fixed_in = FIXED_IN.get(marker(case))
        if fixed_in is None:
            continue
        view = cases[case]
        builds = sorted({*RELEASES, *(b for _, b, _ in view.where)}, key=_key)
        rows = []
        for build in builds:
            known = _key(build)[0] == 0
            affected = known and _key(build)[1] < parse_version(fixed_in, strict=False)
            expected = ("betroffen" if affected else "behoben") if known else "unbekannt"
            cells = {platform: Cell(expected) for platform in PLATFORM_TEXT.values()}
            for platform, where_build, counts in view.where:
                if where_build == build and platform in cells:
                    cells[platform].counts.update(counts)
            rows.append(MatrixRow(build, cells))
        result.append(Matrix(case, fixed_in, rows))
    return result


def build_page(runs: list[ScenarioRun], source: str, when: datetime.datetime) -> Page:
    """The page of one run."""
    cases = {case: CaseView(case, [run for run in runs if marker(case) in run.tags]) for case in CASE_IDS}
    return Page(
        title=ARTICLE_TITLE,
        source=source,
        when=when.strftime("%d.%m.%Y %H:%M"),
        sections=article(),
        cases=cases,
        matrices=matrices(cases),
        runs=runs,
    )


def render(page: Page) -> str:
    """The page as HTML (Jinja2, every value escaped)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape  # only when a page is written

    environment = Environment(
        loader=PackageLoader("simulator.artikel", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    template = environment.get_template("artikel.html")
    return template.render(page=page, result_text=RESULT_TEXT, platforms=list(PLATFORM_TEXT.values()))


def write(cucumber: Path, output: Path) -> Page:
    """Read a run's Cucumber JSON and write its page (ResultsError for a file that is no Cucumber JSON)."""
    runs = read(cucumber)
    when = datetime.datetime.fromtimestamp(cucumber.stat().st_mtime).astimezone()
    page = build_page(runs, cucumber.name, when)
    output.write_text(render(page), encoding="utf-8")
    return page
