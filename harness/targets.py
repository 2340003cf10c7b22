"""Where the app runs: the embedded simulator (started here) or a remote Appium server, device farm or Grid hub
with a shared backend.

Options: ``--target embedded|remote``, ``--appium-url``, ``--caps FILE``, ``--backend-url``,
``--test-api-token`` (the key of a shared backend's test control; or ``KUNDENAPP_TEST_API_TOKEN``),
``--latency-ms`` (the app's simulated network latency), ``--log-requests`` (the embedded
simulator's request log), ``--simulator-in-process``. A remote target is checked before the first
test (``preflight``). The embedded simulator runs in a process of its own, shared by xdist workers
(:mod:`harness.simulator_process`), unless it is kept in the test process.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from harness import simulator_process
from simulator.caps import Capabilities
from simulator.client.probe import WrongPlace, require, with_scheme
from simulator.grid.status import hub_nodes
from simulator.spec.test_control import TOKEN_ENV, TOKEN_HEADER

SIMULATOR_BUILD = "kundenapp-sim"  # build.name in a simulator's /status (and the marker in Grid node stereotypes)
SIMULATOR_STEREOTYPE = "kundenapp:simulator"
PREFLIGHT_TIMEOUT_S = 5.0


def add_options(group: pytest.OptionGroup) -> None:
    """The target's command-line options."""
    group.addoption("--target", choices=("embedded", "remote"), default="embedded", help="where the app runs")
    group.addoption("--appium-url", default=None, help="Appium server / device farm / Grid hub (remote target)")
    group.addoption("--caps", default=None, help="JSON file with capabilities to merge (remote target)")
    group.addoption("--backend-url", default=None, help="shared backend with admin + test-control API")
    group.addoption(
        "--test-api-token",
        default=None,
        metavar="TOKEN",
        help=f"the key of the shared backend's test control (or {TOKEN_ENV}); never in a report or replay command",
    )
    group.addoption("--latency-ms", type=int, default=0, help="simulated network latency of the app")
    group.addoption(
        "--log-requests",
        action="store_true",
        help="log every WebDriver command of the embedded simulator (shown with a failed scenario's captured log); "
        "keeps the simulator in the test process",
    )
    group.addoption(
        "--simulator-in-process",
        action="store_true",
        help="run the embedded simulator in the test process (a breakpoint in the app or the backend), "
        "not in a process of its own that xdist workers share",
    )


def read_caps(config: pytest.Config) -> Capabilities:
    """``--caps FILE`` as a JSON object; a usage error naming the file and the problem otherwise."""
    name = config.getoption("caps")
    if not name:
        return {}
    try:
        caps = json.loads(Path(name).read_text(encoding="utf-8"))
    except OSError as exc:
        raise pytest.UsageError(f"--caps {name}: Datei nicht lesbar ({exc.strerror or exc})") from exc
    except json.JSONDecodeError as exc:
        where = f"Zeile {exc.lineno}, Spalte {exc.colno}: {exc.msg}"
        raise pytest.UsageError(f"--caps {name}: kein gültiges JSON ({where})") from exc
    if not isinstance(caps, dict):
        raise pytest.UsageError(f"--caps {name}: muss ein JSON-Objekt sein, ist {type(caps).__name__}")
    return caps


def control_key(config: pytest.Config) -> str | None:
    """The key of the remote backend's test control: ``--test-api-token``, else the environment variable."""
    return config.getoption("test_api_token") or os.environ.get(TOKEN_ENV) or None


def _test_control_problem(url: str, key: str | None) -> str | None:
    """None when the backend's test control answers (with the key, if given), else what to do (German)."""
    where = f"{url.rstrip('/')}/test/v1/clock"
    try:
        response = httpx.get(where, timeout=PREFLIGHT_TIMEOUT_S, headers={TOKEN_HEADER: key} if key else {})
    except httpx.HTTPError as exc:
        return f"{where} nicht erreichbar: {exc}"
    if response.status_code == 401:
        remedy = "der gegebene passt nicht" if key else f"--test-api-token TOKEN oder {TOKEN_ENV} setzen"
        return f"{where} verlangt den Schlüssel der Test-Steuerung ({remedy})"
    if response.status_code != 200:
        return (
            f"{where} antwortet {response.status_code}. Das Backend mit Test-Steuerung starten "
            "(kundenapp-sim backend, ohne --no-test-api) oder --backend-url korrigieren."
        )
    return None


def preflight(config: pytest.Config) -> None:
    """Before the first test: bad options or an unreachable remote target stop the run with one usage error."""
    if hasattr(config, "workerinput"):  # xdist workers: the controller has checked already
        return
    read_caps(config)
    if config.getoption("target") != "remote":
        return
    appium_url, backend_url = config.getoption("appium_url"), config.getoption("backend_url")
    missing = [name for name, value in (("--appium-url", appium_url), ("--backend-url", backend_url)) if not value]
    if missing:
        raise pytest.UsageError(f"--target remote braucht --appium-url und --backend-url (fehlt: {', '.join(missing)})")
    try:  # the same check as every kundenapp-sim command's: swapped or unreachable URLs are named
        require(appium_url, "appium", "--appium-url")
        backend_url = require(backend_url, "backend", "--backend-url")
    except WrongPlace as exc:
        raise pytest.UsageError(f"--target remote: {exc}") from exc
    problem = _test_control_problem(backend_url, control_key(config))
    if problem is not None:
        raise pytest.UsageError(f"--target remote: {problem}")


@dataclass(frozen=True)
class Target:
    """Where phones and the backend are."""

    kind: str
    appium_url: str
    backend_url: str
    caps: Capabilities
    latency_ms: int
    remote_simulator: bool = False  # a remote that answers as kundenapp-sim (direct, or every Grid node)
    grid_hub: bool = False  # a Selenium Grid hub: its /status names the node of each session
    test_api_token: str | None = field(default=None, repr=False)  # a remote backend's key: never in a repr

    @property
    def simulated(self) -> bool:
        """True when simulator-only controls (``kundenapp:`` scripts) are available."""
        return self.kind == "embedded" or self.remote_simulator


def answers_as_simulator(appium_url: str) -> bool:
    """Whether the remote is a kundenapp-sim ``serve`` (its /status build), or a Grid hub whose every
    node relays to one (the marker ``kundenapp-sim grid-node`` writes into the stereotypes)."""
    try:
        value = httpx.get(appium_url.rstrip("/") + "/status", timeout=10).json().get("value", {})
    except (httpx.HTTPError, ValueError, AttributeError):
        return False  # not reachable or not WebDriver: the first session will say why
    if not isinstance(value, dict):
        return False
    build = value.get("build")
    if isinstance(build, dict) and build.get("name") == SIMULATOR_BUILD:
        return True
    slots = [slot for node in value.get("nodes") or [] for slot in node.get("slots") or []]
    return bool(slots) and all((slot.get("stereotype") or {}).get(SIMULATOR_STEREOTYPE) for slot in slots)


def start(config: pytest.Config) -> Iterator[Target]:
    """The run's target for the session (fixture ``target``): the embedded simulator runs while it is used."""
    caps = read_caps(config)  # checked in preflight
    latency = int(config.getoption("latency_ms"))
    if config.getoption("target") == "remote":
        appium_url = with_scheme(config.getoption("appium_url"), "--appium-url")  # checked in preflight
        backend_url = with_scheme(config.getoption("backend_url"), "--backend-url")
        grid_hub = hub_nodes(appium_url) is not None
        simulator = answers_as_simulator(appium_url)
        yield Target("remote", appium_url, backend_url, caps, latency, simulator, grid_hub, control_key(config))
        return
    if not simulator_process.in_process(config):
        urls = simulator_process.urls(config)
        yield Target("embedded", urls.appium_url, urls.backend_url, caps, latency)
        return
    from simulator.embedded import Simulator  # only the embedded mode starts the simulator in-process

    with Simulator(log_requests=bool(config.getoption("log_requests"))) as sim:
        yield Target("embedded", sim.appium_url, sim.backend_url, caps, latency)


def require_simulator(target: Target, what: str) -> None:
    """Skip a simulator-only step on a remote target, saying why."""
    if not target.simulated:
        pytest.skip(f"{what}: nur im Simulator möglich (--target remote)")
