"""``python -m fidelity [--latency-ms N] [--jobs N] [CASE ...]``: the fidelity table of the documented cases.

Each case runs in its own pytest process (own embedded simulator and backend, so a backend switch
touches no other case), several at a time. A scenario is *caught* when it fails at a ``Dann`` step
with its mechanism off. Exit code 0 when every scenario of every switched case is caught.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from fidelity.switches import SWITCHES, Switch
from simulator.registry import CASE_IDS

ROOT = Path(__file__).resolve().parent.parent
STEP_TIMEOUT_S = 3  # a page object's wait: the scenarios are expected to fail, quickly


@dataclass(frozen=True)
class Row:
    """One scenario of one case with its mechanism off."""

    case: str
    scenario: str
    caught: bool
    where: str  # the failing step, or why the scenario does not count as caught


@dataclass(frozen=True)
class CaseRun:
    """One case's pytest run with its mechanism off."""

    rows: list[Row]
    problem: str  # why no scenario ran, else empty
    seconds: float


def _run_case(case: str, switch: Switch, latency_ms: int, folder: Path) -> CaseRun:
    started = time.monotonic()
    log = folder / f"{case}.jsonl"
    command = [
        sys.executable, "-m", "pytest", "tests/e2e", "-m", case, "-q", "--no-header", "-p", "no:cacheprovider",
        "-p", "fidelity.plugin", "--fidelity-log", str(log), "--latency-ms", str(latency_ms), "--screenshots", "none",
    ]  # fmt: skip
    command += [arg for name, mode in switch.backend.items() for arg in ("--mechanism", f"{name}={mode}")]
    if switch.behaviours:
        caps = folder / f"{case}.caps.json"
        caps.write_text(json.dumps({"kundenapp:behaviours": switch.behaviours}), encoding="utf-8")
        command += ["--caps", str(caps)]
    timeout = STEP_TIMEOUT_S + latency_ms / 50  # latency 150 ms: 6 s, as every backend answer is that late
    env = {**os.environ, "KUNDENAPP_STEP_TIMEOUT": str(timeout)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    rows = []
    for line in lines:
        entry = json.loads(line)
        example = entry["nodeid"].rpartition("[")[2].rstrip("]") if entry["nodeid"].endswith("]") else ""
        if example:  # a Szenariogrundriss: name the example
            entry["scenario"] = f"{entry['scenario']} [{example}]"
        if entry["outcome"] == "passed":
            rows.append(Row(case, entry["scenario"], False, "grün trotz abgeschaltetem Mechanismus"))
        elif entry["outcome"] == "skipped":
            rows.append(Row(case, entry["scenario"], False, "übersprungen"))
        elif entry["step_type"] == "then":
            rows.append(Row(case, entry["scenario"], True, f"{entry['step']}: {entry['message']}"))
        else:
            rows.append(Row(case, entry["scenario"], False, f"scheitert vor dem Symptom: {entry['step']}"))
    problem = "" if rows else f"keine Szenarien gelaufen (pytest {done.returncode}): {done.stdout[-500:]}"
    return CaseRun(rows, problem, time.monotonic() - started)


def _table(rows: Sequence[Row]) -> str:
    width_case = max([len("Fall"), *(len(row.case) for row in rows)])
    width_scenario = min(70, max([len("Szenario"), *(len(row.scenario) for row in rows)]))
    lines = [f"{'Fall':<{width_case}}  {'Szenario':<{width_scenario}}  gefangen  Schritt"]
    for row in rows:
        scenario = row.scenario if len(row.scenario) <= width_scenario else row.scenario[: width_scenario - 1] + "…"
        mark = "ja" if row.caught else "NEIN"
        lines.append(f"{row.case:<{width_case}}  {scenario:<{width_scenario}}  {mark:<8}  {row.where[:110]}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the cases, print the table and the summary line; 1 when a scenario was not caught."""
    parser = argparse.ArgumentParser(prog="python -m fidelity", description=__doc__)
    parser.add_argument("cases", nargs="*", help=f"case ids (default: all: {', '.join(SWITCHES)})")
    parser.add_argument("--latency-ms", type=int, default=0, help="the app's simulated network latency")
    parser.add_argument("--jobs", type=int, default=4, help="cases run at the same time")
    args = parser.parse_args(argv)
    unknown = [case for case in args.cases if case not in SWITCHES]
    if unknown:
        parser.error(f"unbekannte Fälle: {', '.join(unknown)}; bekannt: {', '.join(SWITCHES)}")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    cases = args.cases or list(SWITCHES)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="fidelity-") as tmp, ThreadPoolExecutor(args.jobs) as pool:
        results = list(pool.map(lambda case: _run_case(case, SWITCHES[case], args.latency_ms, Path(tmp)), cases))
    rows = [row for run in results for row in run.rows]
    problems = [f"{case}: {run.problem}" for case, run in zip(cases, results, strict=True) if run.problem]
    mode = f"Latenz {args.latency_ms} ms" if args.latency_ms else "Standard"
    print(f"Fidelity ({mode}): jeder Fall mit abgeschaltetem Mechanismus")
    for case, run in zip(cases, results, strict=True):
        print(f"  {case}: {SWITCHES[case].describe()} – {len(run.rows)} Szenarien, {run.seconds:.0f} s")
    print()
    print(_table(rows))
    caught = sum(row.caught for row in rows)
    print()
    for problem in problems:
        print(f"FEHLER {problem}")
    print(
        f"Fidelity ({mode}): {caught} von {len(rows)} Szenarien gefangen, {len(rows) - caught} nicht; "
        f"{len(cases)} von {len(CASE_IDS)} Fällen geprüft; {time.monotonic() - started:.0f} s"
    )
    return 0 if rows and caught == len(rows) and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
