"""A whole scenario's set-up: fresh broker, invitation, registration, confirmation, login.

Measured twice in one run (target: a whole scenario <= 250 ms, bench/README.md): through the emulated app,
driven by appium-python-client exactly as the Gherkin steps do, and as a baseline the same
flow straight against the backend's HTTP API (no app, no WebDriver). Bounded; stops by itself.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import httpx
from appium import webdriver
from appium.options.common.base import AppiumOptions

from simulator.client import BackendClient
from simulator.embedded import DEFAULT_APP_ID as APP_ID
from simulator.embedded import Simulator, capabilities
from steps.screens.auth import ConfirmScreen, LoginScreen, RegisterScreen
from steps.screens.main import MainScreen

TARGET_MS = 250.0
PASSWORD = "Sicher!2026"


def _through_the_app(sim: Simulator, api: BackendClient, index: int) -> None:
    broker = api.create_broker()
    admin = api.admin(broker)
    email = f"bench{index}@example.com"
    customer = admin.create_customer("Peter Vater", email)
    admin.invite(customer.id)
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(capabilities("android")))
    try:
        register = RegisterScreen(driver).open_from_login()
        register.fill(email, broker.makler_id, PASSWORD)
        register.submit()
        register.confirmation()
        link = api.latest_mail(email, "confirmation").links[0]
        driver.execute_script("mobile: deepLink", {"url": link, "package": APP_ID})
        ConfirmScreen(driver).outcome()
        driver.terminate_app(APP_ID)
        driver.activate_app(APP_ID)
        LoginScreen(driver).login(email, PASSWORD, broker.makler_id)
        main = MainScreen(driver).wait_shown()
        main.open_tab("Verträge")
        main.wait(lambda d: main.chips(), "Kunden geladen")
    finally:
        driver.quit()


def _straight_to_the_backend(http: httpx.Client, index: int) -> None:
    broker = http.post("/test/v1/brokers", json={}).json()
    admin = {"X-API-Key": broker["api_key"]}
    email = f"direct{index}@example.com"
    customer = http.post("/admin/v1/customers", json={"name": "Peter Vater", "email": email}, headers=admin).json()
    http.post(f"/admin/v1/customers/{customer['id']}/invitation", json={}, headers=admin)
    body = {"email": email, "makler_id": broker["makler_id"], "password": PASSWORD}
    http.post("/app/v1/register", json=body)
    link = http.get(f"/test/v1/mailbox/{email}/latest", params={"kind": "confirmation"}).json()["links"][0]
    http.post("/app/v1/register/confirm", json={"token": link.split("token=")[1]})
    tokens = http.post("/app/v1/login", json=body).json()
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    for path in ("/app/v1/me", "/app/v1/broker", "/app/v1/customers"):
        http.get(path, headers=auth)


def _measure(run: Callable[[int], None], rounds: int) -> list[float]:
    samples = []
    for index in range(rounds):
        start = time.perf_counter()
        run(index)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench scenario", description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    with Simulator() as sim, BackendClient(sim.backend_url) as api, httpx.Client(base_url=sim.backend_url) as http:
        _through_the_app(sim, api, -1)  # warm-up: imports, first connections
        app = _measure(lambda i: _through_the_app(sim, api, i), args.rounds)
        direct = _measure(lambda i: _straight_to_the_backend(http, i), args.rounds)
    print("Scenario bench: fresh broker, invite, register, confirm, log in (ms)")
    print(f"{'flow':40} {'median':>8} {'p95':>8}")
    for name, samples in (("through the app (Appium client)", app), ("baseline: backend HTTP API only", direct)):
        p95 = statistics.quantiles(samples, n=20)[-1]
        print(f"{name:40} {statistics.median(samples):8.1f} {p95:8.1f}")
    ratio = statistics.median(app) / statistics.median(direct)
    print(
        f"ratio app/baseline {ratio:.1f}; target: median <= {TARGET_MS:.0f} ms -> "
        f"{'met' if statistics.median(app) <= TARGET_MS else 'NOT met'}"
    )
    return 0
