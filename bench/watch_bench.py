"""Watch mode: the time from saving a step file to the printed result, for the scenarios of a selection.

``python -m bench.watch_bench [--runs N] [pytest args]`` copies the suite (features, steps, the e2e
test modules, conftest, world files) into a temporary directory, starts ``python -m harness.watch``
there, and saves ``steps/login_steps.py`` N times (a comment line changes), each time once the
previous result line is printed. It reports each run's wall time from the save to its result line
as this process reads it, next to the time the watcher printed, and the load average.
"""

from __future__ import annotations

import argparse
import os
import queue
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("features", "steps", "tests/__init__.py", "tests/e2e", "conftest.py", "pyproject.toml", "examples/worlds")
DEFAULT_ARGS = ["tests/e2e/test_login.py", "-k", "passwort_vergessen_hilft_nicht"]
EDITED = Path("steps/login_steps.py")
RESULT = re.compile(r"^(?:\d+ Szenarien )?bestanden in (\d+,\d) s|^fehlgeschlagen in (\d+,\d) s")
START_S = 180.0
RUN_S = 60.0


def _copy_suite(into: Path) -> None:
    for name in COPIED:
        source, target = ROOT / name, into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target)


def _lines(process: subprocess.Popen[str]) -> queue.Queue[tuple[float, str]]:
    """The watcher's lines, each with the moment (monotonic) it was read."""
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout

    def read() -> None:
        with stdout:
            for line in stdout:
                lines.put((time.monotonic(), line))

    threading.Thread(target=read, daemon=True).start()
    return lines


def _result(lines: queue.Queue[tuple[float, str]], timeout: float) -> tuple[float, str]:
    """When the next result line arrived, and the time the watcher printed in it."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            when, line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise SystemExit(f"no result line within {timeout} s") from None
        print(line, end="", file=sys.stderr)
        if (found := RESULT.match(line)) is not None:
            return when, (found.group(1) or found.group(2)).replace(",", ".")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    options, pytest_args = parser.parse_known_args(argv)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_") and k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory(prefix="watch-bench-") as where:
        project = Path(where)
        _copy_suite(project)
        load_before = os.getloadavg()
        process = subprocess.Popen(
            [sys.executable, "-m", "harness.watch", *(pytest_args or DEFAULT_ARGS)],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        lines = _lines(process)
        try:
            started = time.monotonic()
            first, _ = _result(lines, START_S)
            print(f"Start bis erstes Ergebnis: {first - started:.2f} s")
            edited = project / EDITED
            original = edited.read_text(encoding="utf-8")
            walls, printed = [], []
            for run in range(options.runs):
                edited.write_text(f"{original}\n# watch-bench {run}\n", encoding="utf-8")
                saved = time.monotonic()
                done, shown = _result(lines, RUN_S)
                walls.append(done - saved)
                printed.append(float(shown))
                print(f"Lauf {run + 1}: {done - saved:.3f} s vom Speichern bis zur Ergebniszeile (Watcher: {shown} s)")
        finally:
            os.killpg(process.pid, signal.SIGINT)
            process.wait(RUN_S)
        load_after = os.getloadavg()
    print(
        f"Median {statistics.median(walls):.3f} s, min {min(walls):.3f} s, max {max(walls):.3f} s "
        f"({len(walls)} Läufe); Watcher-Angabe Median {statistics.median(printed):.1f} s"
    )
    print(f"Load average vorher {load_before[0]:.2f}, nachher {load_after[0]:.2f} (1 min), {os.cpu_count()} Kerne")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
