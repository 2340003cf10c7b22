"""``python -m bench soak``: the suite again and again against one standing ``kundenapp-sim serve``.

Starts one ``serve`` process on free loopback ports and runs the feature suites against it with
``--target remote`` (a shared backend, as a nightly on Grid uses) ``--runs`` times in a row. After
each run it prints the server's resident memory (VmRSS from /proc), the per-scenario time and what
the backend still holds (brokers of failed scenarios, login-attempt counters), then
the RSS growth from run 2 to the last run (target <= 5 %). Bounded; stops the server by itself.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

import httpx

from bench.sessions_bench import fresh_serve_process
from bench.suite_bench import with_selection

ROOT = Path(__file__).resolve().parent.parent
TARGET_GROWTH = 0.05


def rss_kib(pid: int) -> int:
    """The process's resident set size in KiB."""
    match = re.search(r"^VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.MULTILINE)
    if match is None:
        raise RuntimeError(f"no VmRSS for process {pid}")
    return int(match.group(1))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench soak", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="suite runs against the one server (default 20)")
    parser.epilog = "Other arguments go to pytest as they are (default selection: tests/e2e)."
    ns, pytest_args = parser.parse_known_args(argv)
    if ns.runs < 2:
        parser.error("--runs must be at least 2")
    selection = with_selection(pytest_args)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_XDIST", "PYTEST_CURRENT"))}
    rss: list[int] = []
    with fresh_serve_process() as (process, appium_url, backend_url):
        print(f"serve PID {process.pid}: RSS beim Start {rss_kib(process.pid) / 1024:.1f} MiB")
        for run in range(1, ns.runs + 1):
            command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
            command += ["--target", "remote", "--appium-url", appium_url, "--backend-url", backend_url, *selection]
            done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
            summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
            scenarios = sum(int(n) for n in re.findall(r"(\d+) (?:passed|failed|skipped|error)", summary)) or 1
            seconds = re.search(r" in ([\d.]+)s", summary)
            per = f"{1000 * float(seconds.group(1)) / scenarios:.0f} ms je Szenario" if seconds else "?"
            rss.append(rss_kib(process.pid))
            state = httpx.get(f"{backend_url}/test/v1/export", timeout=60).json()
            left = f"übrig {len(state['brokers'])} Makler, {len(state['attempts'])} Versuchszähler"
            print(f"Lauf {run:2}: {summary.strip('= ')}; {per}; RSS {rss[-1] / 1024:.1f} MiB; {left}", flush=True)
            if done.returncode != 0:
                sys.stderr.write(done.stdout[-3000:])
                return 1
    growth = (rss[-1] - rss[1]) / rss[1]
    print(f"RSS-Wachstum von Lauf 2 bis {ns.runs}: {100 * growth:+.1f} % (Ziel <= {100 * TARGET_GROWTH:.0f} %)")
    return 0 if growth <= TARGET_GROWTH else 1
