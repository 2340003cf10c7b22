"""pytest plugin of ``make fidelity``: switch backend mechanisms, record where each scenario failed.

Loaded with ``-p fidelity.plugin``; ``--mechanism NAME=MODE`` (repeatable) switches the backend's
test-only mechanisms before the first scenario, ``--fidelity-log FILE`` receives one JSON line per
scenario: node id, case tags, outcome and the step that failed.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator
from pathlib import Path

import httpx
import pytest
from pytest_bdd.parser import Scenario, Step

FAILURE = pytest.StashKey[dict[str, str]]()
SCENARIO = pytest.StashKey[str]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fidelity", "make fidelity")
    group.addoption("--mechanism", action="append", default=[], help="backend mechanism NAME=MODE (off, inverted)")
    group.addoption("--fidelity-log", default=None, help="JSON lines file with each scenario's outcome")


@pytest.fixture(scope="session", autouse=True)
def _fidelity_mechanisms(request: pytest.FixtureRequest) -> Iterator[None]:
    """Switch the backend's mechanisms once, before the first scenario."""
    specs: list[str] = request.config.getoption("mechanism")
    if specs:
        target = request.getfixturevalue("target")
        with httpx.Client(base_url=target.backend_url, timeout=10) as http:
            for spec in specs:
                name, _, mode = spec.partition("=")
                answer = http.put(f"/test/v1/mechanisms/{name}", json={"mode": mode})
                if answer.status_code != 200:
                    raise pytest.UsageError(f"--mechanism {spec}: {answer.status_code} {answer.text}")
    yield


@pytest.hookimpl
def pytest_bdd_before_scenario(request: pytest.FixtureRequest, scenario: Scenario) -> None:
    """Remember the scenario's German title."""
    request.node.stash[SCENARIO] = str(scenario.name)


@pytest.hookimpl
def pytest_bdd_step_error(request: pytest.FixtureRequest, step: Step, exception: Exception) -> None:
    """Remember the failing step (given / when / then) and the first line of its message."""
    message = (str(exception).strip().splitlines() or [type(exception).__name__])[0][:200]
    request.node.stash[FAILURE] = {"type": str(step.type), "step": f"{step.keyword} {step.name}", "message": message}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """One JSON line per scenario into ``--fidelity-log``."""
    report = yield
    path = item.config.getoption("fidelity_log")
    if path and (report.when == "call" or (report.failed and report.when == "setup")):
        failed = item.stash.get(FAILURE, {})
        line = {
            "nodeid": item.nodeid,
            "scenario": item.stash.get(SCENARIO, item.name),
            "tags": sorted(marker.name for marker in item.iter_markers()),
            "outcome": report.outcome,
            "step_type": failed.get("type"),
            "step": failed.get("step"),
            "message": failed.get("message", ""),
        }
        with Path(path).open("a", encoding="utf-8") as log:
            log.write(json.dumps(line, ensure_ascii=False) + "\n")
    return report
