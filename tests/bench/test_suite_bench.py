"""``python -m bench suite`` measures a real run: the probe sees the scenario's commands and calls."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SELECTION = "einmal or neues_passwort"  # two scenarios: the first counts as start-up, the second against its floor


def test_the_suite_bench_reports_the_scenarios_commands_calls_and_floor_ratio() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "suite", "--serial-only", "tests/e2e/test_login.py", "-k", SELECTION],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    scenarios = int(re.search(r"seriell: (\d+) Szenarien", done.stdout).group(1))  # type: ignore[union-attr]
    per = re.search(r"je Szenario: ([\d.]+) WebDriver-Befehle, ([\d.]+) Backend-Aufrufe", done.stdout)
    assert scenarios >= 1
    assert per is not None and float(per.group(1)) > 0 and float(per.group(2)) > 0, done.stdout
    assert "Start bis erster Test (main): " in done.stdout
    ratio = re.search(
        r"Verhältnis zum Boden \((\d+) Telefon-Szenarien, [^)]*\): Median ([\d.]+)x, p95 ([\d.]+)x", done.stdout
    )
    assert ratio is not None and int(ratio.group(1)) == scenarios - 1, done.stdout
    assert 0 < float(ratio.group(2)) <= float(ratio.group(3)), done.stdout
    assert "Client: Serialisierung" in done.stdout and "Harness, pytest, Steps" in done.stdout
    # the simulator runs in a process of its own: its side (the app's backend calls) is still each scenario's
    app = re.search(r"([\d.]+) Backend-Aufrufe \(App\)", done.stdout)
    assert app is not None and float(app.group(1)) > 0, done.stdout
