"""Read a world file: YAML with line numbers, schema validation, and errors that name the field and line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from simulator.world.checks import consistency
from simulator.world.messages import german
from simulator.world.schema import World

Loc = tuple[str | int, ...]


class Loader(yaml.SafeLoader):
    """SafeLoader that keeps ``17.4`` or ``3.10`` as text: nothing in a world is a float that text cannot be."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:float"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Problem:
    """One error in a world file: where (field path, line) and what."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"Zeile {self.line}, " if self.line is not None else ""
        return f"{where}{self.path or '(Datei)'}: {self.message}"


class WorldError(Exception):
    """A world file that cannot be used; ``problems`` name field path and line."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        count = f"{len(problems)} Fehler"
        super().__init__(f"{source}: ungültige Welt-Datei ({count})\n" + "\n".join(f"  {p}" for p in problems))


def dotted(loc: Loc) -> str:
    """``("brokers", 0, "makler_id")`` -> ``brokers[0].makler_id``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _lines(node: yaml.Node, loc: Loc, into: dict[Loc, int], duplicates: list[Problem]) -> None:
    """Record the line of every path; keys point at the key's line (where a typo is)."""
    into.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                duplicates.append(Problem(dotted((*loc, name)), key.start_mark.line + 1, "Schlüssel kommt doppelt vor"))
            seen.add(name)
            into[(*loc, name)] = key.start_mark.line + 1
            _lines(value, (*loc, name), into, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*loc, index), into, duplicates)


def line_of(lines: dict[Loc, int], loc: Loc) -> int | None:
    """The line of a path, or of its nearest ancestor present in the file (e.g. for a missing field)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _clean(loc: tuple[Any, ...]) -> Loc:
    """Pydantic locations without its own tags (``function-after[...]``)."""
    return tuple(p for p in loc if isinstance(p, int) or not re.match(r"^[\w-]+\[.*\]$", str(p)))


def parse(text: str, source: str = "<welt>") -> World:
    """Validate a world given as YAML text; WorldError with field paths and lines."""
    try:
        node = yaml.compose(text, Loader=Loader)
        data = yaml.load(text, Loader=Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise WorldError(source, [Problem("", line, f"YAML-Syntaxfehler: {exc.problem or exc}")]) from exc
    except yaml.YAMLError as exc:
        raise WorldError(source, [Problem("", None, f"YAML-Fehler: {exc}")]) from exc
    lines: dict[Loc, int] = {}
    duplicates: list[Problem] = []
    if node is not None:
        _lines(node, (), lines, duplicates)
    if duplicates:
        raise WorldError(source, duplicates)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise WorldError(source, [Problem("", 1, "die Datei muss ein Abschnitt mit Schlüsseln sein (z. B. brokers:)")])
    try:
        world = World.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = _clean(error["loc"])
            problems.append(Problem(dotted(loc), line_of(lines, loc), german(error, loc)))
        raise WorldError(source, problems) from exc
    found = [Problem(dotted(loc), line_of(lines, loc), message) for loc, message in consistency(world)]
    if found:
        raise WorldError(source, found)
    return world


def read(path: str | Path) -> World:
    """Read and validate a world file."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WorldError(str(path), [Problem("", None, f"Datei nicht lesbar: {exc}")]) from exc
    return parse(text, str(path))
