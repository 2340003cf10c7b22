"""``python -m bench suite``: where the feature suites' time goes, serial and with ``-n 2``.

Runs the selected suites twice as child pytest processes with the probe plugin
(``bench/suite_probe.py``): once serial, once with ``-n N``. Prints per-scenario median / p95 /
max wall time, the share of scenario time spent in WebDriver commands, the harness's and steps'
backend calls, password hashing, sleeps inside condition waits and fixture set-up, the commands
and backend requests per scenario, each worker's start-up (process start to its first test),
and the speed-up of the whole run. Bounded: one run each; stops by itself.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _run(args: list[str], workers: int) -> tuple[float, list[dict[str, Any]], int]:
    """Run pytest once; return its wall time, the per-process probe files and its exit code."""
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as out:
        command = [sys.executable, "-m", "pytest", "-p", "bench.suite_probe", "-q", "-p", "no:cacheprovider"]
        command += (["-n", str(workers)] if workers > 1 else ["-p", "no:xdist"]) + args
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_XDIST", "PYTEST_CURRENT"))}
        env["BENCH_SUITE_OUT"] = out
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            sys.stderr.write(done.stdout[-3000:] + done.stderr[-2000:])
        parts = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(out).glob("*.json"))]
        return wall, parts, done.returncode


def with_selection(args: list[str]) -> list[str]:
    """The pytest arguments with ``tests/e2e`` first unless they name a path or node id themselves."""
    named = any((ROOT / arg.split("::")[0]).exists() for arg in args if not arg.startswith("-"))
    return args if named else ["tests/e2e", *args]


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of the values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _report(title: str, wall: float, parts: list[dict[str, Any]]) -> dict[str, float]:
    samples = [s for p in parts for s in p["samples"]]
    print(f"\n== {title}: {len(samples)} Szenarien, Laufzeit gesamt {wall:.2f} s")
    if not samples:
        print("   keine Szenarien gelaufen")
        return {"wall": wall}
    walls = [s["wall"] * 1000 for s in samples]
    total = sum(s["wall"] for s in samples)
    print(
        f"   Szenario: Median {statistics.median(walls):.1f} ms, p95 {percentile(walls, 0.95):.1f} ms, "
        f"max {max(walls):.1f} ms; Testzeit Summe {total:.2f} s"
    )
    rows = (
        ("WebDriver-Befehle (Client-Sicht)", "webdriver"),
        ("  darin: Backend-Aufrufe der App", "app_backend"),
        ("Backend-Aufrufe von Harness/Steps", "backend"),
        ("Passwort-Hashing (KDF)", "hashing"),
        ("Schlafen in Warte-Bedingungen", "wait_sleep"),
        ("Harness-Aufbau (Fixture-Setup)", "setup"),
    )
    for label, key in rows:
        seconds = sum(s[key] for s in samples)
        print(f"   {label:<36} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")
    per = len(samples)
    print(
        f"   je Szenario: {sum(s['webdriver_calls'] for s in samples) / per:.1f} WebDriver-Befehle, "
        f"{sum(s['backend_calls'] for s in samples) / per:.1f} Backend-Aufrufe (Harness/Steps), "
        f"{sum(s['app_backend_calls'] for s in samples) / per:.1f} Backend-Aufrufe (App), "
        f"{sum(s['hashing_calls'] for s in samples) / per:.1f} KDF-Läufe"
    )
    for part in parts:
        if part["startup"] is not None:
            print(f"   Start bis erster Test ({part['worker']}): {part['startup']:.2f} s")
    failed = [s["nodeid"] for s in samples if not s["passed"]]
    if failed:
        print(f"   FEHLGESCHLAGEN: {len(failed)}: {', '.join(failed[:5])}")
    return {"wall": wall, "median_ms": statistics.median(walls), "test_time": total}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench suite", description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--workers", type=int, default=2, help="workers of the parallel run (default 2)")
    parser.add_argument("--serial-only", action="store_true", help="skip the parallel run")
    parser.epilog = "Other arguments go to pytest as they are (default selection: tests/e2e)."
    ns, pytest_args = parser.parse_known_args(argv)
    if ns.workers < 2 and not ns.serial_only:
        parser.error("-n must be at least 2 (or use --serial-only)")
    args = with_selection(pytest_args)
    wall, parts, code = _run(args, 1)
    serial = _report("seriell", wall, parts)
    if ns.serial_only:
        return 0 if code == 0 else 1
    wall_n, parts_n, code_n = _run(args, ns.workers)
    _report(f"-n {ns.workers}", wall_n, parts_n)
    print(f"\nBeschleunigung -n {ns.workers} gegenüber seriell (ganzer Lauf): {serial['wall'] / wall_n:.2f}x")
    return 0 if code == code_n == 0 else 1
