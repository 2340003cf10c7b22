"""``python -m simulator.grid [--nodes N] [--jar JAR] -- PYTEST ARGS``: the E2E suite through a local Grid.

What ``make e2e-grid`` runs: hub, N relay nodes, N serves sharing one backend, then
``pytest tests/e2e --target remote --appium-url HUB --backend-url BACKEND …``; everything is
stopped afterwards. Prints the suite's wall time and how many sessions each node's serve ran.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from simulator.grid.cluster import DEFAULT_JAR, GridError, local_grid
from simulator.grid.node_config import FeatureFileError, suite_versions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulator.grid", description=__doc__)
    parser.add_argument("--jar", type=Path, default=DEFAULT_JAR, help="selenium-server jar (make grid-jar)")
    parser.add_argument("--nodes", type=int, default=2, help="relay nodes, each with its own serve")
    parser.add_argument("--max-sessions", type=int, default=2, help="sessions per node")
    parser.add_argument("--logs", type=Path, default=Path("reports/grid"), help="component logs and node TOMLs")
    parser.add_argument("pytest_args", nargs="*", help="after --: more pytest arguments (-n 2, -m …)")
    args = parser.parse_args(argv)
    if args.nodes < 1 or args.max_sessions < 1:
        parser.error("--nodes and --max-sessions must be at least 1")
    try:
        versions = suite_versions(Path("features"), Path("examples/worlds"))
        with local_grid(args.jar, versions, nodes=args.nodes, max_sessions=args.max_sessions, logs=args.logs) as grid:
            print(f"Grid bereit: Hub {grid.hub_url}, {args.nodes} Relay-Knoten, Backend {grid.backend_url}", flush=True)
            command = [
                sys.executable, "-m", "pytest", "tests/e2e", "--target", "remote",
                "--appium-url", grid.hub_url, "--backend-url", grid.backend_url, *args.pytest_args,
            ]  # fmt: skip
            started = time.perf_counter()
            code = subprocess.run(command, check=False).returncode  # noqa: S603 - our own interpreter and args
            wall = time.perf_counter() - started
            spread = " / ".join(str(count) for count in grid.sessions_per_serve())
            print(f"E2E über Grid: {wall:.1f} s Laufzeit, Sitzungen je Knoten: {spread} (Logs: {grid.logs})")
            return code
    except (GridError, FeatureFileError) as error:
        print(f"Grid: {error}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
