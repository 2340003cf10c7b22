"""The installs cannot drift: uv.lock lies within pyproject.toml's ranges, and constraints-lowest.txt holds exactly the
lowest version pyproject.toml allows of every dependency (what `make test-lowest` installs)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent


def requirements(pyproject: Path) -> list[Requirement]:
    """Every dependency of the project, its extras' included."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    listed = [*project["dependencies"], *(d for extra in project["optional-dependencies"].values() for d in extra)]
    return [Requirement(line) for line in listed]


def floors(pyproject: Path) -> dict[str, Version]:
    """The lowest version each dependency allows (its ``>=``); a dependency without one is a finding of its own."""
    found = {}
    for requirement in requirements(pyproject):
        lows = [Version(spec.version) for spec in requirement.specifier if spec.operator == ">="]
        assert lows, f"{requirement}: no lowest version in pyproject.toml"
        found[canonicalize_name(requirement.name)] = max(lows)
    return found


def pinned(constraints: Path) -> dict[str, Version]:
    pins = {}
    for line in constraints.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = Version(version)
    return pins


def test_the_lowest_constraints_are_the_floors_of_pyproject() -> None:
    assert pinned(ROOT / "constraints-lowest.txt") == floors(ROOT / "pyproject.toml")


def test_a_floor_raised_in_pyproject_alone_is_found(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pyproject.write_text(text.replace('"pytest-bdd>=9.0.1,<10"', '"pytest-bdd>=9.1,<10"'), encoding="utf-8")
    differs = {
        name
        for name, version in floors(pyproject).items()
        if pinned(ROOT / "constraints-lowest.txt").get(name) != version
    }
    assert differs == {"pytest-bdd"}


def test_the_lock_file_lies_within_the_ranges_of_pyproject() -> None:
    locked = {
        canonicalize_name(package["name"]): package["version"]
        for package in tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))["package"]
    }
    outside = [
        f"{requirement.name} {locked.get(canonicalize_name(requirement.name))} not in {requirement.specifier}"
        for requirement in requirements(ROOT / "pyproject.toml")
        if locked.get(canonicalize_name(requirement.name)) not in requirement.specifier
    ]
    assert outside == []
