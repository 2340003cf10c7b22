"""The bug-report loop as a property of every example world: serve -> snapshot -> serve the snapshot -> same symptom.

A world is served on a simulator (backend and phones), a snapshot is taken of that running
simulator over HTTP (``GET /test/v1/export`` and ``GET /kundenapp/v1/phones``), and the snapshot
is served on a fresh simulator. On both, the world's phone is connected with the capabilities
``serve --world`` prints and driven through the same steps with the Appium client; it must show
the same page source, and ``diagnose`` must name the same cases for the world and its snapshot.
The snapshot is taken once before the phone connects (what ``serve --world`` left) and once
while the session holds the phone after the steps (the app's process and memory included).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from appium import webdriver
from appium.options.common.base import AppiumOptions
from appium.webdriver.common.appiumby import AppiumBy
from appium.webdriver.webdriver import WebDriver

from simulator.caps import APP_ID
from simulator.client import BackendClient, PhonesClient
from simulator.embedded import Simulator
from simulator.tools.run import Started, diagnose_world, start
from simulator.world.load import apply_after_start
from simulator.world.parse import parse
from simulator.world.schema import World
from simulator.world.snapshot import snapshot, to_yaml
from tests.world.conftest import WORLD_FILES, account_of, example


@dataclass
class Served:
    """A world served on its own simulator, its phone connected through the Appium client."""

    sim: Simulator
    started: Started
    driver: WebDriver | None = None

    def connect(self) -> WebDriver:
        (caps,) = self.started.capabilities
        self.driver = webdriver.Remote(self.sim.appium_url, options=AppiumOptions().load_capabilities(caps))
        return self.driver

    def snapshot(self) -> World:
        """The running simulator as a world file, read back as a file is."""
        with BackendClient(self.sim.backend_url) as backend, PhonesClient(self.sim.appium_url) as phones:
            return parse(to_yaml(snapshot(backend, phones.phones())), "snapshot.yaml")


Serve = Callable[[World], Served]


@pytest.fixture()
def serve() -> Iterator[Serve]:
    """Serve worlds on fresh simulators; everything is stopped after the test."""
    running: list[Served] = []

    def serving(world: World) -> Served:
        sim = Simulator().start()
        running.append(Served(sim, start(sim, world)))
        return running[-1]

    yield serving
    for served in running:
        if served.driver is not None:
            served.driver.quit()
        served.sim.stop()


def steps(served: Served) -> str:
    """Connect, let the broker share what the world shares after the app's start, background and resume the
    app, open Verträge where there is one: the page source the person then sees."""
    driver = served.connect()
    with BackendClient(served.sim.backend_url) as backend:
        apply_after_start(backend, served.started.loaded)
    driver.background_app(0)
    driver.activate_app(APP_ID)
    tabs = driver.find_elements(AppiumBy.ACCESSIBILITY_ID, "tab_contracts")
    if tabs:
        tabs[0].click()
    return str(driver.page_source)


def cases(world: World) -> list[tuple[str, str]]:
    """What ``diagnose --world`` names for the phone's owner: case and certainty, in the article's order."""
    return [(f.case, f.certainty) for f in diagnose_world(world, account_of(world)).findings]


@pytest.mark.parametrize("path", WORLD_FILES, ids=lambda p: p.stem)
def test_a_snapshot_before_the_phone_connects_serves_the_same_symptom(serve: Serve, path: Path) -> None:
    world = example(path.stem)
    first = serve(world)
    taken = first.snapshot()
    assert cases(taken) == cases(world)
    assert steps(serve(taken)) == steps(first)


@pytest.mark.parametrize("path", WORLD_FILES, ids=lambda p: p.stem)
def test_a_snapshot_of_the_running_app_serves_the_same_symptom(serve: Serve, path: Path) -> None:
    world = example(path.stem)
    first = serve(world)
    shown = steps(first)
    taken = first.snapshot()  # the session still holds the phone: the app's process and memory count
    assert cases(taken) == cases(world)
    assert steps(serve(taken)) == shown
