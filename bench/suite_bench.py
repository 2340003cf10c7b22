"""``python -m bench suite``: where the feature suites' time goes, serial and with ``-n 2``.

Runs the selected suites twice as child pytest processes with the probe plugin
(``bench/suite_probe.py``): once serial, once with ``-n N``. Prints per-scenario median / p95 /
max wall time, the share of scenario time spent in WebDriver commands, the harness's and steps'
backend calls, password hashing, sleeps inside condition waits and fixture set-up, the commands
and backend requests per scenario, each worker's start-up (process start to its first test),
and the speed-up of the whole run. Bounded: one run each; stops by itself.

The floor ratio: before each run the bench measures, in its own process, what one WebDriver
command (appium-python-client against the bare stdlib server of ``python -m bench``) and one
backend request (an ``httpx.Client`` against the same server) cost at least; a scenario's floor
is its commands × the first plus its backend requests (the harness's and the app's) × the second.
The report gives the ratio of each scenario's time to its floor (median and p95, phone scenarios;
Chromium answers the browser scenarios' commands, whose floor this is not) and splits what lies
above the floor by where it is spent (``bench/suite_probe.py`` times each side).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import server_probe

ROOT = Path(__file__).resolve().parent.parent
FLOOR_CALLS = 300


@dataclass(frozen=True)
class Floors:
    """The least one WebDriver command and one backend request cost on this machine now (seconds, medians)."""

    command: float
    request: float

    def of(self, sample: dict[str, Any]) -> float:
        """A scenario's floor: its commands and its backend requests at the bare server's cost."""
        requests = sample["backend_calls"] + sample["app_backend_calls"]
        return float(sample["webdriver_calls"] * self.command + requests * self.request)


def measure_floors(calls: int = FLOOR_CALLS) -> Floors:
    """Both floors against the bare stdlib server of ``python -m bench``, interleaved call by call."""
    import httpx
    from appium import webdriver

    from bench.webdriver_bench import floor_server, options

    with floor_server() as url, httpx.Client(base_url=url) as http:
        driver = webdriver.Remote(url, options=options())
        try:
            element = driver.create_web_element("1")
            commands, requests = [], []
            for index in range(calls + calls // 10):  # the first tenth warms up
                start = time.perf_counter()
                element.click()
                middle = time.perf_counter()
                http.get("/floor")
                end = time.perf_counter()
                if index >= calls // 10:
                    commands.append(middle - start)
                    requests.append(end - middle)
        finally:
            driver.quit()
    return Floors(statistics.median(commands), statistics.median(requests))


@dataclass(frozen=True)
class Run:
    """One pytest run: its wall time, the CPU time of all its processes, the probe's files, its exit code."""

    wall: float
    cpu: float
    parts: list[dict[str, Any]]
    code: int


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str], workers: int, switch_interval: float | None) -> Run:
    """Run pytest once (its workers and the simulator process count to its CPU time: each is waited for)."""
    with tempfile.TemporaryDirectory(prefix="bench-suite-") as out:
        command = [sys.executable, "-m", "pytest", "-p", "bench.suite_probe", "-q", "-p", "no:cacheprovider"]
        command += (["-n", str(workers)] if workers > 1 else ["-p", "no:xdist"]) + args
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_XDIST", "PYTEST_CURRENT"))}
        env["BENCH_SUITE_OUT"] = out
        if switch_interval is not None:
            env["BENCH_SWITCH_INTERVAL"] = str(switch_interval)
        start, cpu = time.perf_counter(), _children_cpu()
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
        if done.returncode != 0:
            sys.stderr.write(done.stdout[-3000:] + done.stderr[-2000:])
        parts = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(out).glob("*.json"))]
        parts = [part for part in parts if "samples" in part]
        _add_server_side(parts, server_probe.per_session(Path(out)))
        return Run(wall, cpu, parts, done.returncode)


def _add_server_side(parts: list[dict[str, Any]], per_session: dict[str, dict[str, float]]) -> None:
    """Each scenario's share of the simulator's side: the sums over the sessions it started."""
    for sample in (s for part in parts for s in part["samples"]):
        for name in server_probe.FIELDS:
            sample[name] = sum(per_session.get(session, {}).get(name, 0.0) for session in sample["sessions"])


def with_selection(args: list[str]) -> list[str]:
    """The pytest arguments with ``tests/e2e`` first unless they name a path or node id themselves."""
    named = any((ROOT / arg.split("::")[0]).exists() for arg in args if not arg.startswith("-"))
    return args if named else ["tests/e2e", *args]


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of the values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _floor_report(samples: list[dict[str, Any]], floors: Floors) -> None:
    """The phone scenarios against their floor, and where the time above it goes."""
    phone = [s for s in samples if not s["browser"] and floors.of(s) > 0]
    print(
        f"   Boden (gemessen vor dem Lauf): WebDriver-Befehl {floors.command * 1000:.3f} ms, "
        f"Backend-Anfrage {floors.request * 1000:.3f} ms"
    )
    if not phone:
        return
    ratios = [s["wall"] / floors.of(s) for s in phone]
    print(
        f"   Verhältnis zum Boden ({len(phone)} Telefon-Szenarien, ohne das erste je Prozess): "
        f"Median {statistics.median(ratios):.2f}x, "
        f"p95 {percentile(ratios, 0.95):.2f}x"
    )
    wall = sum(s["wall"] for s in phone)
    floor = sum(floors.of(s) for s in phone)
    commands = sum(s["webdriver_calls"] for s in phone) * floors.command
    app_requests = sum(s["app_backend_calls"] for s in phone) * floors.request
    harness_requests = sum(s["backend_calls"] for s in phone) * floors.request
    webdriver, server, dispatch = (sum(s[k] for s in phone) for k in ("webdriver", "server", "dispatch"))
    app_backend, backend = sum(s["app_backend"] for s in phone), sum(s["backend"] for s in phone)
    above = (
        ("Client: Serialisierung, HTTP, GIL (Befehl - Server)", webdriver - server - commands if server else None),
        ("Server: Lesen, Antworten (ohne Dispatch)", server - dispatch if server else None),
        ("App und WebDriver-Routen (Dispatch - Backend)", dispatch - app_backend if dispatch else None),
        ("Backend-Aufrufe der App über dem Boden", app_backend - app_requests),
        ("Backend-Aufrufe von Harness/Steps über dem Boden", backend - harness_requests),
        ("Harness, pytest, Steps (ohne Befehle und Anfragen)", wall - webdriver - backend),
    )
    slowest = sorted(phone, key=lambda s: s["wall"] / floors.of(s), reverse=True)[:3]
    named = ", ".join(f"{s['nodeid'].rsplit('::', 1)[-1]} {s['wall'] / floors.of(s):.1f}x" for s in slowest)
    print(f"   am weitesten darüber: {named}")
    print(f"   über dem Boden: {wall - floor:.2f} s von {wall:.2f} s, davon")
    for label, seconds in above:
        if seconds is not None:
            print(f"     {label:<52} {seconds:7.2f} s  {100 * seconds / wall:5.1f} %")


def _report(title: str, run: Run, floors: Floors) -> None:
    samples = [s for p in run.parts for s in p["samples"]]
    print(
        f"\n== {title}: {len(samples)} Szenarien, Laufzeit gesamt {run.wall:.2f} s, "
        f"CPU-Zeit aller Prozesse {run.cpu:.2f} s (Last {os.getloadavg()[0]:.1f})"
    )
    if not samples:
        print("   keine Szenarien gelaufen")
        return
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
    # the first scenario of each process carries its start-up (reported below), not a scenario's cost
    _floor_report([s for part in run.parts for s in part["samples"][1:]], floors)
    for part in run.parts:
        if part["startup"] is not None and part["samples"]:
            # Session fixtures (the simulator's start) and late imports land in the first scenario: what it takes
            # longer than the median is start-up too.
            extra = max(0.0, part["samples"][0]["wall"] - statistics.median(s["wall"] for s in part["samples"]))
            print(
                f"   Start bis erster Test ({part['worker']}): {part['startup']:.2f} s, "
                f"mit dem Mehr des ersten Szenarios (Simulator-Start, späte Importe) {part['startup'] + extra:.2f} s"
            )
    failed = [s["nodeid"] for s in samples if not s["passed"]]
    if failed:
        print(f"   FEHLGESCHLAGEN: {len(failed)}: {', '.join(failed[:5])}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench suite", description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--workers", type=int, default=2, help="workers of the parallel run (default 2)")
    parser.add_argument("--serial-only", action="store_true", help="skip the parallel run")
    parser.add_argument(
        "--switch-interval",
        type=float,
        default=None,
        metavar="SECONDS",
        help="sys.setswitchinterval in the test processes (the GIL experiment; Python's default 0.005)",
    )
    parser.epilog = "Other arguments go to pytest as they are (default selection: tests/e2e)."
    ns, pytest_args = parser.parse_known_args(argv)
    if ns.workers < 2 and not ns.serial_only:
        parser.error("-n must be at least 2 (or use --serial-only)")
    args = with_selection(pytest_args)
    floors = measure_floors()
    serial = _run(args, 1, ns.switch_interval)
    _report("seriell", serial, floors)
    if ns.serial_only:
        return 0 if serial.code == 0 else 1
    floors = measure_floors()
    parallel = _run(args, ns.workers, ns.switch_interval)
    _report(f"-n {ns.workers}", parallel, floors)
    print(f"\nBeschleunigung -n {ns.workers} gegenüber seriell (ganzer Lauf): {serial.wall / parallel.wall:.2f}x")
    return 0 if serial.code == parallel.code == 0 else 1
