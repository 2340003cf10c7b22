"""What the Telefone page shows of an element (simulator/webdriver/telefone_inspector.py): every locator it offers
finds exactly that element through the real Appium client, and the tree names every node by a short one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from appium import webdriver
from appium.options.common.base import AppiumOptions
from appium.webdriver.common.appiumby import AppiumBy

from simulator.caps import capabilities
from simulator.embedded import Simulator
from simulator.tools.run import start
from simulator.webdriver import telefone_inspector as inspector
from simulator.webdriver.find import STRATEGIES
from simulator.webdriver.session import Session
from tests.world.conftest import example


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with Simulator() as running:
        yield running


def _session(sim: Simulator, driver: webdriver.Remote) -> Session:
    return sim.webdriver.store.get(driver.session_id)


def _every_locator_finds_exactly_its_element(sim: Simulator, driver: webdriver.Remote) -> int:
    view = _session(sim, driver).view()
    checked = 0
    for node in view.tree.walk():
        offered = inspector.locators(view, node)
        assert offered, f"no locator for {node.key}"
        assert len({locator.using for locator in offered}) == len(offered)  # one per strategy
        assert {locator.using for locator in offered} <= set(STRATEGIES[view.platform])
        for locator in offered:
            found = driver.find_elements(locator.using, locator.value)
            assert len(found) == 1, (node.key, locator)
            assert found[0].rect == dict(zip(("x", "y", "width", "height"), view.rects[node.key], strict=True))
            checked += 1
    return checked


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_every_offered_locator_finds_exactly_its_element_on_the_login(sim: Simulator, platform: str) -> None:
    caps = capabilities(platform, "4.0.0")
    del caps["appium:deviceName"]
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
    try:
        assert _every_locator_finds_exactly_its_element(sim, driver) > 30
        view = _session(sim, driver).view()
        email = view.nodes[next(n.key for n in view.tree.walk() if n.id == "login_email")]
        strategies = [locator.using for locator in inspector.locators(view, email)]
        wanted = {
            "android": ["accessibility id", "id", "xpath", "css selector", "-android uiautomator"],
            "ios": ["accessibility id", "id", "xpath", "css selector", "-ios predicate string", "-ios class chain"],
        }
        assert strategies == wanted[platform]
    finally:
        driver.quit()


def test_elements_that_share_an_id_get_locators_by_text_or_position(sim: Simulator) -> None:
    (caps,) = start(sim, example("healthy")).capabilities
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
    try:
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "tab_contracts").click()
        assert len(driver.find_elements(AppiumBy.ACCESSIBILITY_ID, "customer_chip")) == 2
        assert _every_locator_finds_exactly_its_element(sim, driver) > 30
        view = _session(sim, driver).view()
        anna = next(n for n in view.tree.walk() if n.id == "customer_chip" and n.text == "Anna Vater")
        assert inspector.best(view, anna) == inspector.Locator(
            "xpath", '//android.widget.CompoundButton[@text="Anna Vater"]'
        )
    finally:
        driver.quit()


def test_the_tree_names_every_node_by_a_short_locator_not_its_absolute_path(sim: Simulator) -> None:
    caps = capabilities("android", "4.0.0")
    del caps["appium:deviceName"]
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
    try:
        rows = inspector.rows(_session(sim, driver).view())
        assert all(row.locator is not None for row in rows)
        xpaths = [row.locator.value for row in rows if row.locator is not None and row.locator.using == "xpath"]
        assert xpaths and all(x.startswith("//") and "/hierarchy" not in x for x in xpaths)
        by_id = {row.node.id: row.locator for row in rows if row.node.id}
        assert by_id["login_submit"] == inspector.Locator("accessibility id", "login_submit")
    finally:
        driver.quit()
