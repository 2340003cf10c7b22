"""The watch mode (``python -m harness.watch``) on a small suite of its own in a temporary directory.

A real watcher each time: its simulator, its warm process, a forked run per saved change. The
suite's step asks the simulator's backend for a broker (so every run reaches the watcher's one
simulator) and checks a module constant, which the tests edit as a developer would.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import watchfiles

from harness.watch.child import Tally
from harness.watch.files import Suite, forget_bytecode, syntax_error
from harness.watch.loop import reason
from harness.watch.runs import Outcome

START_S = 120.0  # the watcher imports pytest, the harness and the simulator on a possibly loaded machine
RUN_S = 60.0

STEPS = '''\
"""Steps of the watch test's suite."""

import time
from pathlib import Path

from pytest_bdd import given, parsers, then

from wsteps.values import VALUE


@given("ein Makler")
def _(scenario_broker):
    assert scenario_broker.broker.makler_id
    deadline = time.monotonic() + 60
    while Path("halt").exists() and time.monotonic() < deadline:  # the test holds the run here while it saves
        time.sleep(0.01)


@then(parsers.parse("ist der Wert {value:d}"))
def _(value):
    assert VALUE == value, f"der Wert ist {VALUE}"
'''

FEATURE = """\
# language: de
Funktionalität: Beispiel

  Szenario: Der Wert stimmt
    Angenommen ein Makler
    Dann ist der Wert 1
"""


class Console:
    """The watcher's output, line by line, read while it runs."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        assert process.stdout is not None
        stdout = process.stdout

        def read() -> None:
            with stdout:
                for line in stdout:
                    self.lines.put(line.rstrip("\n"))
            self.lines.put(None)

        threading.Thread(target=read, daemon=True).start()

    def expect(self, pattern: str, timeout: float = RUN_S) -> list[str]:
        """The lines up to the first one matching ``pattern`` (that one included); fails at the deadline or the end."""
        deadline = time.monotonic() + timeout
        lines: list[str] = []
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"nach {timeout} s keine Zeile wie {pattern!r}; bisher:\n" + "\n".join(self.seen))
            if line is None:
                pytest.fail(f"Ausgabe endete ohne eine Zeile wie {pattern!r}; bisher:\n" + "\n".join(self.seen))
            self.seen.append(line)
            lines.append(line)
            if re.search(pattern, line):
                return lines

    def rest(self, timeout: float = RUN_S) -> list[str]:
        """Every line until the output ends."""
        deadline = time.monotonic() + timeout
        lines: list[str] = []
        while (line := self.lines.get(timeout=max(0.0, deadline - time.monotonic()))) is not None:
            self.seen.append(line)
            lines.append(line)
        return lines


@pytest.fixture()
def suite(tmp_path: Path) -> Path:
    """A project with one feature, one step module, its test module and conftest."""
    (tmp_path / "pytest.ini").write_text("[pytest]\nbdd_features_base_dir = features/\n", encoding="utf-8")
    (tmp_path / "conftest.py").write_text(
        'pytest_plugins = ["harness.plugin", "wsteps.value_steps"]\n', encoding="utf-8"
    )
    (tmp_path / "wsteps").mkdir()
    (tmp_path / "wsteps" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "wsteps" / "value_steps.py").write_text(STEPS, encoding="utf-8")
    # what a step reads, as a page object: imported by the steps, not rewritten by pytest (Python's own bytecode cache)
    (tmp_path / "wsteps" / "values.py").write_text("VALUE = 1\n", encoding="utf-8")
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "beispiel.feature").write_text(FEATURE, encoding="utf-8")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_beispiel.py").write_text(
        'from pytest_bdd import scenarios\n\nscenarios("beispiel.feature")\n', encoding="utf-8"
    )
    return tmp_path


def _start(suite: Path) -> subprocess.Popen[str]:
    # bytecode written, as on a developer's machine: a stale cache is what the watcher must not run
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_") and k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "harness.watch"]
    command += ["--watch", "wsteps", "--watch", "features", "--watch", "tests", "--watch", "conftest.py", "tests"]
    return subprocess.Popen(
        command,
        cwd=suite,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: Ctrl-C reaches it as a terminal's would
    )


@pytest.fixture()
def watcher(suite: Path) -> Iterator[tuple[subprocess.Popen[str], Console]]:
    """The watcher on ``suite``, after its first run passed; ended with Ctrl-C (its process group) after the test."""
    process = _start(suite)
    console = Console(process)
    try:
        console.expect(r"^bestanden in ", START_S)
        yield process, console
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(RUN_S)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _edit(file: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` and keep the file's modification time, as a save within the same second does."""
    before = file.stat()
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_an_edited_step_runs_as_edited_a_removed_one_is_gone_a_new_one_is_found(
    suite: Path, watcher: tuple[subprocess.Popen[str], Console]
) -> None:
    _, console = watcher
    steps = suite / "wsteps" / "value_steps.py"

    _edit(suite / "wsteps" / "values.py", "VALUE = 1", "VALUE = 2")  # same size and mtime: stale bytecode would run
    lines = console.expect(r"^fehlgeschlagen in ")
    assert lines[0] == "Änderung an wsteps/values.py — 1 Szenario läuft …"
    assert any("der Wert ist 2" in line for line in lines), lines
    assert lines[-1].endswith(": 1 von 1 Szenario")

    _edit(suite / "features" / "beispiel.feature", "ist der Wert 1", "ist der Wert 2")
    lines = console.expect(r"^bestanden in ")
    assert lines[0] == "Änderung an features/beispiel.feature — 1 Szenario läuft …"

    _edit(steps, '"ist der Wert {value:d}"', '"hat den Wert {value:d}"')  # the old step text is gone
    lines = console.expect(r"^fehlgeschlagen in ")  # the scenario fails as undefined, it does not stop the run
    assert lines[0] == "Änderung an wsteps/value_steps.py — 1 Szenario läuft …"
    assert any(line.endswith("  Dann ist der Wert 2") for line in lines), lines
    assert "Schritt ohne Definition." in lines and any("Meinten Sie: Dann hat den Wert" in line for line in lines)

    (suite / "wsteps" / "more_steps.py").write_text(
        'from pytest_bdd import parsers, then\n\n\n@then(parsers.parse("ist der Wert {value:d}"))\n'
        "def _(value):\n    assert value == 2\n",
        encoding="utf-8",
    )
    (suite / "conftest.py").write_text(
        'pytest_plugins = ["harness.plugin", "wsteps.value_steps", "wsteps.more_steps"]\n', encoding="utf-8"
    )
    lines = console.expect(r"^bestanden in ")
    assert "conftest.py" in lines[0] and "wsteps/more_steps.py (neu)" in lines[0], lines


def test_a_syntax_error_is_named_and_its_correction_runs(
    suite: Path, watcher: tuple[subprocess.Popen[str], Console]
) -> None:
    _, console = watcher
    steps = suite / "wsteps" / "value_steps.py"
    steps.write_text(STEPS.replace("def _(value):", "def _(value)"), encoding="utf-8")
    line = STEPS.splitlines().index("def _(value):") + 1
    lines = console.expect(rf"^  wsteps/value_steps\.py, Zeile {line}, Spalte 13: expected ':'$")
    assert lines[-2] == "Änderung an wsteps/value_steps.py — Syntaxfehler, kein Lauf bis zur Korrektur:"
    assert console.expect(r".") == ["    def _(value)"]

    steps.write_text(STEPS, encoding="utf-8")
    lines = console.expect(r"^bestanden in ")
    assert lines[0] == "Änderung an wsteps/value_steps.py — 1 Szenario läuft …"
    assert not any("Traceback" in line for line in console.seen)


def test_a_save_during_a_run_starts_one_more_run_after_it(
    suite: Path, watcher: tuple[subprocess.Popen[str], Console]
) -> None:
    _, console = watcher
    (suite / "halt").touch()  # the next run waits in its first step until the file is gone
    _edit(suite / "wsteps" / "values.py", "VALUE = 1", "VALUE = 2")
    assert console.expect(r"läuft …$") == ["Änderung an wsteps/values.py — 1 Szenario läuft …"]
    _edit(suite / "features" / "beispiel.feature", "ist der Wert 1", "ist der Wert 2")  # while the run waits
    (suite / "halt").unlink()
    assert console.expect(r"^fehlgeschlagen in ")[-1].endswith(": 1 von 1 Szenario")  # the value without the feature
    lines = console.expect(r"^bestanden in ")
    assert lines[0] == "Änderung an features/beispiel.feature — 1 Szenario läuft …"


def test_ctrl_c_ends_the_watcher_and_its_simulator_without_a_traceback(suite: Path) -> None:
    process = _start(suite)
    console = Console(process)
    appium = re.search(r"Appium (\S+),", console.expect(r"^Watch-Modus: Simulator läuft", START_S)[-1])
    assert appium is not None
    console.expect(r"^bestanden in ", START_S)

    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends: to the whole foreground group
    rest = console.rest()
    assert process.wait(RUN_S) == 0
    assert rest == ["Watch-Modus beendet, Simulator gestoppt."]
    with pytest.raises(httpx.ConnectError):
        httpx.get(appium.group(1) + "/status", timeout=5)


def test_a_result_line_says_what_ran_how_it_ended_and_how_long_it_took() -> None:
    assert Outcome(0, Tally(True, 1, 1, 0, 0), 0.42).line() == "bestanden in 0,4 s"
    assert Outcome(0, Tally(True, 3, 2, 0, 1), 1.25).line() == "3 Szenarien bestanden in 1,2 s (1 übersprungen)"
    assert Outcome(1, Tally(True, 3, 2, 1, 0), 0.5).line() == "fehlgeschlagen in 0,5 s: 1 von 3 Szenarien"
    assert Outcome(5, Tally(True, 0, 0, 0, 0), 0.3).line() == "kein Szenario ausgewählt (0,3 s)"
    assert Outcome(4, None, 0.3).line() == "Aufruf- oder Ladefehler (die Meldung steht oben), nach 0,3 s"
    assert Outcome(-15, None, 2.0).line() == "Lauf beendet durch Signal 15 nach 2,0 s"


def test_a_change_names_its_files_relative_to_the_project(tmp_path: Path) -> None:
    (tmp_path / "steps").mkdir()
    suite = Suite.find(tmp_path, ("steps",))
    changes = {(watchfiles.Change.modified, str(tmp_path / "steps" / f"s{n}.py")) for n in range(5)}
    assert reason(suite, changes) == "Änderungen an steps/s0.py, steps/s1.py, steps/s2.py und 2 weitere"
    assert reason(suite, {(watchfiles.Change.deleted, str(tmp_path / "steps" / "a.py"))}) == (
        "Änderung an steps/a.py (gelöscht)"
    )


def test_a_file_that_does_not_compile_is_named_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("x = 1\nif x\n    pass\n", encoding="utf-8")
    assert syntax_error(broken) == "Zeile 2, Spalte 5: expected ':'\n    if x"
    broken.write_text("x = 1\n", encoding="utf-8")
    assert syntax_error(broken) is None


def test_the_cached_bytecode_of_a_changed_file_is_forgotten_both_pythons_and_pytests(tmp_path: Path) -> None:
    module = tmp_path / "value_steps.py"
    module.write_text("VALUE = 1\n", encoding="utf-8")
    cache = tmp_path / "__pycache__"
    cache.mkdir()
    tag = sys.implementation.cache_tag
    kept = cache / f"value_steps_more.{tag}.pyc"  # another module whose name starts alike
    for name in (f"value_steps.{tag}.pyc", f"value_steps.{tag}-pytest-9.2.0.pyc", kept.name):
        (cache / name).write_bytes(b"")
    forget_bytecode(module)
    assert sorted(path.name for path in cache.iterdir()) == [kept.name]
