"""The reports folder holds exactly one run: this run's files, or the previous run's if this one ran nothing.

At start the previous run's reports (JUnit, HTML, Cucumber JSON, ``screenshots/``) are moved aside;
at the end they are deleted, or put back when the run selected no test (exit code 5, e.g. a ``-m``
typo), so a mistyped selection never replaces last night's reports with empty ones.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

ASIDE = ".vorheriger-lauf"  # hidden folder next to each report while the run is going


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


@dataclass
class ReportFiles:
    """The paths this run writes reports to."""

    targets: list[Path]
    moved: list[tuple[Path, Path]] = field(default_factory=list)

    def set_aside(self) -> None:
        """Move the previous run's reports aside (a leftover from a killed run is dropped first)."""
        for target in self.targets:
            aside = target.parent / ASIDE / target.name
            if aside.exists():
                _remove(aside)
            if target.exists():
                aside.parent.mkdir(parents=True, exist_ok=True)
                target.replace(aside)
                self.moved.append((target, aside))

    def finish(self, ran_tests: bool) -> None:
        """Drop the previous reports, or restore them when this run ran no test."""
        if not ran_tests:
            for target in self.targets:
                _remove(target)
        for target, aside in self.moved:
            if ran_tests:
                _remove(aside)
            else:
                aside.replace(target)
        for folder in {target.parent / ASIDE for target in self.targets}:
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
