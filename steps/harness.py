"""Run modes, the scenario's own broker (Faker seed) and phones driven through the Appium client.

Options: ``--target embedded|remote``, ``--appium-url``, ``--caps FILE``, ``--backend-url``,
``--latency-ms`` (the app's simulated network latency), ``--seed`` (replay a scenario's Faker data),
``--log-requests`` (the embedded simulator's request log).
"""

from __future__ import annotations

import functools
import json
import logging
import random
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from appium import webdriver
from appium.options.common.base import AppiumOptions
from faker import Faker

from simulator.caps import Capabilities
from simulator.caps import capabilities as phone_capabilities
from simulator.client import BackendClient, Broker, BrokerAdmin
from simulator.client.probe import WrongPlace, require, with_scheme
from simulator.grid.status import hub_nodes
from steps import grid_sessions

SEED_KEY = pytest.StashKey[int]()
DRIVERS_KEY = pytest.StashKey[list[Any]]()
FAILED_KEY = pytest.StashKey[bool]()
SIMULATOR_ONLY = "nur im Simulator möglich (--target remote)"
SIMULATOR_BUILD = "kundenapp-sim"  # build.name in a simulator's /status (and the marker in Grid node stereotypes)
SIMULATOR_STEREOTYPE = "kundenapp:simulator"
LOG = logging.getLogger(__name__)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kundenapp", "Kunden-App E2E")
    group.addoption("--target", choices=("embedded", "remote"), default="embedded", help="where the app runs")
    group.addoption("--appium-url", default=None, help="Appium server / device farm / Grid hub (remote target)")
    group.addoption("--caps", default=None, help="JSON file with capabilities to merge (remote target)")
    group.addoption("--backend-url", default=None, help="shared backend with admin + test-control API")
    group.addoption("--latency-ms", type=int, default=0, help="simulated network latency of the app")
    group.addoption("--seed", type=int, default=None, help="Faker seed to replay a scenario's data")
    group.addoption(
        "--log-requests",
        action="store_true",
        help="log every WebDriver command of the embedded simulator (shown with a failed scenario's captured log)",
    )


PREFLIGHT_TIMEOUT_S = 5.0


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


def _answers(url: str, path: str) -> str | None:
    """None when ``url + path`` answers 200, else what went wrong (German)."""
    try:
        response = httpx.get(url.rstrip("/") + path, timeout=PREFLIGHT_TIMEOUT_S)
    except httpx.HTTPError as exc:
        return f"nicht erreichbar: {exc}"
    return None if response.status_code == 200 else f"antwortet {response.status_code}"


def pytest_sessionstart(session: pytest.Session) -> None:
    """Before the first test: bad options or an unreachable remote target stop the run with one usage error."""
    config = session.config
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
    problem = _answers(backend_url, "/test/v1/clock")
    if problem is not None:
        raise pytest.UsageError(
            f"--target remote: {backend_url}/test/v1/clock {problem}. Das Backend mit Test-Steuerung starten "
            "(kundenapp-sim backend, ohne --no-test-api) oder --backend-url korrigieren."
        )


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


@pytest.fixture(scope="session")
def target(pytestconfig: pytest.Config) -> Iterator[Target]:
    """The embedded simulator (started here) or a remote Appium server plus a shared backend."""
    caps = read_caps(pytestconfig)  # checked in pytest_sessionstart
    latency = int(pytestconfig.getoption("latency_ms"))
    if pytestconfig.getoption("target") == "remote":
        appium_url = with_scheme(pytestconfig.getoption("appium_url"), "--appium-url")  # checked at session start
        backend_url = with_scheme(pytestconfig.getoption("backend_url"), "--backend-url")
        grid_hub = hub_nodes(appium_url) is not None
        yield Target("remote", appium_url, backend_url, caps, latency, answers_as_simulator(appium_url), grid_hub)
        return
    from simulator.embedded import Simulator  # only the embedded mode starts the simulator in-process

    with Simulator(log_requests=bool(pytestconfig.getoption("log_requests"))) as sim:
        yield Target("embedded", sim.appium_url, sim.backend_url, caps, latency)


@pytest.fixture(scope="session")
def backend_api(target: Target) -> Iterator[BackendClient]:
    """The backend's test-control API."""
    with BackendClient(target.backend_url) as api:
        yield api


@dataclass
class ScenarioBroker:
    """The scenario's own broker (a tenant of the backend), the backend's API and the Faker data of its people."""

    api: BackendClient
    broker: Broker
    admin: BrokerAdmin
    fake: Faker
    seed: int
    more_brokers: list[str] = field(default_factory=list)  # Makler-IDs loaded from world files

    def email(self, name: str, domain: str = "example.com") -> str:
        """A unique address for a person of this scenario, at the given mail domain."""
        local = self.fake.unique.user_name()
        return f"{local}.{self.broker.makler_id.lower()}@{domain}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Remember a failed set-up or step, so the scenario's broker is kept for a look afterwards."""
    report: pytest.TestReport = yield
    if report.failed:
        item.stash[FAILED_KEY] = True
    return report


@functools.cache
def _faker() -> Faker:
    return Faker("de_DE")


def seeded_faker(seed: int) -> Faker:
    """The process's one Faker (de_DE), reseeded: the same data for a seed as a fresh Faker gives
    (so a replay with ``--seed`` sees what the failed run saw); building one costs more than a step."""
    fake = _faker()
    fake.seed_instance(seed)
    fake.unique.clear()
    return fake


@pytest.fixture()
def scenario_broker(request: pytest.FixtureRequest, backend_api: BackendClient) -> Iterator[ScenarioBroker]:
    """A fresh broker with Faker data (de_DE); the seed is printed when the scenario fails.

    A passed scenario's broker is released afterwards (a standing backend keeps its memory flat
    over a nightly); a failed one's is kept, so its state can still be looked at.
    """
    seed = request.config.getoption("seed")
    seed = int(seed) if seed is not None else random.randrange(2**31)  # noqa: S311 - test data, not secrets
    request.node.stash[SEED_KEY] = seed
    fake = seeded_faker(seed)
    broker = backend_api.create_broker(seed)
    scenario_broker = ScenarioBroker(backend_api, broker, backend_api.admin(broker), fake, seed)
    yield scenario_broker
    if not request.node.stash.get(FAILED_KEY, False):
        for makler_id in (broker.makler_id, *scenario_broker.more_brokers):
            backend_api.delete_broker(makler_id)


PhoneFactory = Callable[..., webdriver.Remote]


def capabilities(target: Target, platform: str, app_version: str, os_version: str | None) -> Capabilities:
    """Capabilities for one phone: Android (UiAutomator2) or iOS (XCUITest), merged with ``--caps``."""
    caps = phone_capabilities(platform, app_version, os_version)
    if target.simulated:
        caps["kundenapp:latencyMs"] = target.latency_ms
        # A simulator gives a session that names no device a private phone: the phones of one scenario
        # and of parallel workers on one serve (Grid) never ask for the same device, so none is refused.
        del caps["appium:deviceName"]
    if target.kind == "embedded":
        # The embedded server lives and dies with this test process, and the phones fixture quits every
        # session: Appium's 60 s newCommandTimeout would only end the phone of someone paused at a
        # breakpoint. Against serve or Grid the default stays, so a lost worker's phones free their slots.
        caps["appium:newCommandTimeout"] = 0
    if target.remote_simulator:
        caps["kundenapp:backendUrl"] = target.backend_url  # the phones use the suite's backend, not the serve's
    caps.update({k: v for k, v in target.caps.items() if k != "platformName" or platform == "android"})
    return caps


@pytest.fixture()
def phones(request: pytest.FixtureRequest, target: Target) -> Iterator[PhoneFactory]:
    """Start phones (Appium sessions); all are quit after the scenario."""
    drivers: list[webdriver.Remote] = []
    request.node.stash[DRIVERS_KEY] = drivers

    def start(
        platform: str = "android",
        app_version: str = "4.0.0",
        os_version: str | None = None,
        extra_caps: Capabilities | None = None,
    ) -> webdriver.Remote:
        caps = {**capabilities(target, platform, app_version, os_version), **(extra_caps or {})}
        options = AppiumOptions().load_capabilities(caps)
        started = grid_sessions.start(lambda: webdriver.Remote(target.appium_url, options=options))
        driver = started.session
        if started.note is not None:  # in the scenario's captured log (HTML row) and as a JUnit property
            LOG.warning(started.note)
            request.node.user_properties.append(("sitzung", started.note))
        if target.grid_hub:
            grid_sessions.name_its_node(driver, target.appium_url)
        drivers.append(driver)
        return driver

    yield start
    for driver in drivers:
        try:
            driver.quit()
        except Exception:  # noqa: S110 - a session already gone must not hide the scenario's result
            pass


def require_simulator(target: Target, what: str) -> None:
    """Skip a simulator-only step on a remote target, saying why."""
    if not target.simulated:
        pytest.skip(f"{what}: {SIMULATOR_ONLY}")


def show_in_reports(node: pytest.Item, driver: object) -> None:
    """Add a browser (anything with ``get_screenshot_as_base64`` and ``page_source``) to the screens the
    reports take of this scenario, after its phones."""
    node.stash.setdefault(DRIVERS_KEY, []).append(driver)
