"""docs/fehlerbericht.md tells the truth: its commands, its Python and its YAML run against a served world.

Every ``console`` block runs in bash (``$ `` lines are commands, the lines after them what they
print; a line ending in ``…`` is a prefix) and every ``python`` block runs as is, each against a
fresh simulator that serves ``examples/worlds/shared_relogin.yaml`` on free ports, which replace the
defaults the page shows (``:8081`` backend, ``:4723`` Appium). In the Python, ``expr  # [...] – …``
is an assertion of what ``expr`` gives. A ``yaml`` block says what it shows in the comment above it
(a world file, or an excerpt of a file a command writes). The page's list of what ``diagnose --url``
cannot see is the code's (``NEEDS_PHONE``), and every version it names next to a behaviour is the
registry's (``FIXED_IN``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.embedded import Simulator
from simulator.registry import FIXED_IN
from simulator.tools.cases import NEEDS_PHONE
from simulator.tools.run import Started, start
from simulator.world.parse import parse, read
from tests.world.conftest import EXAMPLES

ROOT = EXAMPLES.parents[1]
PAGE = ROOT / "docs" / "fehlerbericht.md"
SERVED = EXAMPLES / "shared_relogin.yaml"
BACKEND, APPIUM = "http://127.0.0.1:8081", "http://127.0.0.1:4723"
FENCE = re.compile(r"(?:<!-- (?P<marker>[^>]*) -->\n)?```(?P<kind>\w+)\n(?P<text>.*?)```", re.S)
ASSERTED = re.compile(r"^(?P<indent>\s*)(?P<expr>[^#\n]+?)\s+#\s*(?P<value>\[[^\]]*\])\s+–.*$", re.M)


@dataclass(frozen=True)
class Block:
    """One fenced block of the page: its kind, the marker comment above it, its text, its line."""

    kind: str
    marker: str
    text: str
    line: int

    def __str__(self) -> str:
        return f"{self.kind}@{self.line}"


def blocks(kind: str) -> list[Block]:
    page = PAGE.read_text(encoding="utf-8")
    return [
        Block(m["kind"], m["marker"] or "", m["text"], page.count("\n", 0, m.start("text")) + 1)
        for m in FENCE.finditer(page)
        if m["kind"] == kind
    ]


@pytest.fixture()
def served() -> Iterator[tuple[Simulator, Started]]:
    """The page's running example: shared_relogin.yaml served on a fresh simulator."""
    with Simulator() as sim:
        yield sim, start(sim, read(SERVED))


def on(sim: Simulator, text: str) -> str:
    """The page's default URLs as this simulator's."""
    return text.replace(BACKEND, sim.backend_url).replace(APPIUM, sim.appium_url)


def run_console(block: Block, sim: Simulator, where: Path) -> tuple[str, str]:
    """Run a console block in bash in ``where``: (what it printed, what the page says it prints)."""
    commands, expected = [], []
    for line in on(sim, block.text).splitlines():
        if line.startswith("$ "):
            commands.append(line[2:])
        else:
            expected.append(line)
    (where / "examples").symlink_to(EXAMPLES.parent, target_is_directory=True)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(
        ["bash", "-c", "\n".join(commands)],
        cwd=where,
        env={**env, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
        check=False,
    )
    return done.stdout, "\n".join(expected) + "\n"


def matches(printed: str, expected: str) -> bool:
    """Line by line equal; an expected line ending in ``…`` is a prefix (an API key, a time)."""
    got, want = printed.splitlines(), expected.splitlines()
    return len(got) == len(want) and all(
        g.startswith(w[:-1]) if w.endswith("…") else g == w for g, w in zip(got, want, strict=True)
    )


@pytest.mark.parametrize("block", blocks("console"), ids=str)
def test_every_command_prints_what_the_page_shows(
    block: Block, served: tuple[Simulator, Started], tmp_path: Path
) -> None:
    sim, _ = served
    printed, expected = run_console(block, sim, tmp_path)
    assert matches(printed, expected), f"docs/fehlerbericht.md Zeile {block.line}:\n{printed}"


@pytest.mark.parametrize("block", blocks("python"), ids=str)
def test_the_python_shell_session_shows_symptom_and_remedy(block: Block, served: tuple[Simulator, Started]) -> None:
    sim, started = served
    code = ASSERTED.sub(
        lambda m: f"{m['indent']}assert ({m['expr']}) == {m['value']}, {m['expr']!r}", on(sim, block.text)
    )
    assert code.count("assert (") == len(ASSERTED.findall(block.text)) > 0
    namespace: dict[str, Any] = {}
    exec(compile(code, f"docs/fehlerbericht.md:{block.line}", "exec"), namespace)
    (printed,) = started.capabilities
    assert namespace["caps"] == printed  # the snippet's caps are what serve --world prints


@pytest.mark.parametrize("block", [b for b in blocks("yaml") if b.marker.startswith("world: ")], ids=str)
def test_a_world_shown_is_the_file(block: Block) -> None:
    path = ROOT / block.marker.removeprefix("world: ")
    assert parse(block.text, "docs/fehlerbericht.md") == read(path)


@pytest.mark.parametrize("block", [b for b in blocks("yaml") if b.marker.startswith("excerpt: ")], ids=str)
def test_an_excerpt_shown_is_in_the_file_the_command_writes(
    block: Block, served: tuple[Simulator, Started], tmp_path: Path
) -> None:
    name = block.marker.removeprefix("excerpt: ")
    (writer,) = [b for b in blocks("console") if f"-o {name}" in b.text]
    run_console(writer, served[0], tmp_path)
    written = yaml.safe_load((tmp_path / name).read_text(encoding="utf-8"))
    shown = yaml.safe_load(block.text)
    assert {key: written[key] for key in shown} == shown


def test_every_block_that_runs_nothing_says_what_it_shows() -> None:
    for block in blocks("yaml"):
        assert block.marker.startswith(("world: ", "excerpt: ")), f"yaml@{block.line} ohne <!-- world: / excerpt: -->"


def test_the_list_of_what_diagnose_url_cannot_see_is_the_codes() -> None:
    page = PAGE.read_text(encoding="utf-8")
    listed = re.search(r"<!-- unseen: [^>]*-->\n(.*?)<!-- /unseen -->", page, re.S)
    assert listed is not None
    items = re.findall(r"^- `([\w-]+)`: (.+)$", listed.group(1), re.M)
    assert dict(items) == dict(NEEDS_PHONE) and [case for case, _ in items] == list(NEEDS_PHONE)


def test_every_version_next_to_a_behaviour_is_the_registrys() -> None:
    """In the prose and tables (what the blocks print comes from the code and is run above)."""
    checked = 0
    prose = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), PAGE.read_text(encoding="utf-8"))
    for number, line in enumerate(prose.splitlines(), 1):
        named = [b for b in FIXED_IN if b in line or b.replace("_", "-") in line]
        for version in re.findall(r"\b(?:vor|ab) (\d+\.\d+\.\d+)", line):
            assert len(named) == 1, f"Zeile {number}: welches Verhalten meint {version}? {line}"
            assert version == FIXED_IN[named[0]], f"Zeile {number}: {named[0]} ist ab {FIXED_IN[named[0]]} behoben"
            checked += 1
    assert checked >= 5


def test_the_scenario_shown_is_one_of_the_suite() -> None:
    features = [p.read_text(encoding="utf-8") for p in (ROOT / "features" / "fehlerberichte").glob("*.feature")]
    for block in blocks("gherkin"):
        assert any(block.text in feature for feature in features), f"gherkin@{block.line} steht in keiner Feature-Datei"
