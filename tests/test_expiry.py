"""``--expire-idle``: a standing simulator releases idle brokers, sessions and phones, and nothing in use.

Time moves through the test-control clock (``POST /test/v1/clock/advance``), never by sleeping;
each test sweeps once by hand, so no background sweep races the assertions.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from appium import webdriver
from appium.options.common.base import AppiumOptions
from selenium.common.exceptions import InvalidSessionIdException

from simulator.backend.services import Services
from simulator.caps import APP_ID
from simulator.embedded import Simulator, capabilities
from simulator.expiry import Expiry, parse_idle

IDLE = 30 * 60.0
PASSWORD = "Sicher!2026"
OWNED = ("customers", "externals", "registrations", "messages", "app_settings")


@pytest.fixture()
def sim() -> Iterator[Simulator]:
    with Simulator() as running:
        yield running


@pytest.fixture()
def http(sim: Simulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.backend_url, timeout=10) as client:
        yield client


@pytest.fixture()
def expiry(sim: Simulator) -> Expiry:
    return Expiry(IDLE, backend=own_backend(sim), sessions=sim.webdriver.store, phones=sim.phones)


def own_backend(sim: Simulator) -> Services:
    assert sim.backend is not None
    backend: Services = sim.backend.app.state.backend
    return backend


def advance(http: httpx.Client, seconds: float) -> None:
    """Everyone's time (the clock idleness is measured on) moves forward."""
    assert http.post("/test/v1/clock/advance", json={"seconds": seconds}).status_code == 200


def new_broker(http: httpx.Client) -> dict[str, Any]:
    answer = http.post("/test/v1/brokers", json={})
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def active_account(http: httpx.Client, broker: dict[str, Any]) -> str:
    """An invited, registered, confirmed and logged-in customer (mails, links, a session); its e-mail."""
    admin = {"X-API-Key": broker["api_key"]}
    email = f"kunde.{broker['makler_id'].lower()}@example.com"
    customer = http.post("/admin/v1/customers", json={"name": "Max", "kind": "person", "email": email}, headers=admin)
    assert http.post(f"/admin/v1/customers/{customer.json()['id']}/invitation", json={}, headers=admin).is_success
    app = {"X-Platform": "android", "X-App-Version": "4.0.0"}
    body = {"email": email, "makler_id": broker["makler_id"], "password": PASSWORD}
    assert http.post("/app/v1/register", json=body, headers=app).status_code == 202
    mail = http.get(f"/test/v1/mailbox/{email}/latest", params={"kind": "confirmation"}).json()
    token = mail["links"][0].split("token=")[1]
    assert http.post("/app/v1/register/confirm", json={"token": token}).status_code == 200
    assert http.post("/app/v1/login", json={**body, "password": "falsch!Pass1"}, headers=app).status_code == 401
    login = http.post("/app/v1/login", json=body, headers=app)
    assert login.status_code == 200, login.text
    return email


def rows_of(sim: Simulator, makler_id: str) -> dict[str, int]:
    """How many rows the broker owns per table (links and sessions through its accounts), and its throttle rows."""
    with own_backend(sim).store.tx() as db:
        broker = db.execute("SELECT id FROM brokers WHERE makler_id = ?", (makler_id,)).fetchone()
        broker_id = broker["id"] if broker else -1
        counts = {
            t: db.execute(f"SELECT COUNT(*) FROM {t} WHERE broker_id = ?", (broker_id,)).fetchone()[0] for t in OWNED
        }
        for table in ("links", "sessions"):
            counts[table] = db.execute(
                f"SELECT COUNT(*) FROM {table} WHERE external_id IN (SELECT id FROM externals WHERE broker_id = ?)",
                (broker_id,),
            ).fetchone()[0]
        counts["throttle"] = db.execute(
            "SELECT COUNT(*) FROM throttle WHERE instr(key, ?) > 0", (makler_id,)
        ).fetchone()[0]
        counts["brokers"] = 1 if broker else 0
    return counts


def phone(sim: Simulator, makler_id: str | None = None, command_timeout: float = 0) -> webdriver.Remote:
    """An Appium session; with a Makler-ID the app opens the broker's invitation link (it remembers the ID).

    ``appium:newCommandTimeout`` 0 by default: these sessions end by --expire-idle alone.
    """
    caps = {**capabilities("android"), "appium:newCommandTimeout": command_timeout}
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
    if makler_id is not None:
        link = f"kundenapp://einladung?makler_id={makler_id}"
        driver.execute_script("mobile: deepLink", {"url": link, "package": APP_ID})
    return driver


def test_an_idle_broker_goes_with_everything_it_owns_and_an_active_one_stays(
    sim: Simulator, http: httpx.Client, expiry: Expiry
) -> None:
    idle, active = new_broker(http), new_broker(http)
    email = active_account(http, idle)
    active_account(http, active)
    before = rows_of(sim, idle["makler_id"])
    assert all(before[t] > 0 for t in ("customers", "externals", "messages", "links", "sessions", "throttle"))

    advance(http, IDLE - 60)
    customers = http.get("/admin/v1/customers", headers={"X-API-Key": active["api_key"]})
    assert customers.status_code == 200  # the active broker's office is at work
    advance(http, 120)
    assert expiry.sweep().brokers == [idle["makler_id"]]

    assert rows_of(sim, idle["makler_id"]) == dict.fromkeys(before, 0)
    assert http.get("/admin/v1/customers", headers={"X-API-Key": idle["api_key"]}).status_code == 401
    assert http.get(f"/test/v1/mailbox/{email}").json()["messages"] == []
    assert rows_of(sim, active["makler_id"])["sessions"] == 1
    assert http.get("/admin/v1/customers", headers={"X-API-Key": active["api_key"]}).status_code == 200


@pytest.mark.parametrize("surface", ["admin", "app", "test-control", "test-control-body", "konsole"])
def test_any_surface_naming_the_broker_keeps_it(
    sim: Simulator, http: httpx.Client, expiry: Expiry, surface: str
) -> None:
    broker = new_broker(http)
    advance(http, IDLE - 60)
    if surface == "admin":
        answer = http.get("/admin/v1/settings/app", headers={"X-API-Key": broker["api_key"]})
    elif surface == "app":
        answer = http.get("/app/v1/config", params={"platform": "ios", "makler_id": broker["makler_id"].lower()})
    elif surface == "test-control":
        answer = http.get("/test/v1/clock", params={"makler_id": broker["makler_id"]})
    elif surface == "test-control-body":  # the Makler-ID in the JSON body
        answer = http.post("/test/v1/faults", json={"makler_id": broker["makler_id"], "latency_ms": 0})
    else:
        page = http.get("/konsole/anmelden")
        csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
        form = {"makler_id": broker["makler_id"], "api_key": broker["api_key"], "csrf": csrf}
        assert http.post("/konsole/anmelden", data=form).status_code == 303
        advance(http, 30)
        answer = http.get("/konsole/konto/kundenapp")
    assert answer.status_code == 200, answer.text
    advance(http, 120)
    assert expiry.sweep().brokers == []
    advance(http, IDLE)
    assert expiry.sweep().brokers == [broker["makler_id"]]


def test_a_brokers_own_time_travel_never_makes_it_idle(sim: Simulator, http: httpx.Client, expiry: Expiry) -> None:
    broker = new_broker(http)
    moved = http.post("/test/v1/clock/advance", json={"seconds": 48 * 3600, "makler_id": broker["makler_id"]})
    assert moved.status_code == 200
    assert expiry.sweep().brokers == []
    assert rows_of(sim, broker["makler_id"])["brokers"] == 1


def test_a_broker_whose_phone_is_in_use_stays(sim: Simulator, http: httpx.Client, expiry: Expiry) -> None:
    broker = new_broker(http)
    driver = phone(sim, broker["makler_id"])
    try:
        advance(http, IDLE - 60)
        assert driver.page_source  # the scenario still drives its phone; the backend heard nothing
        advance(http, 120)
        swept = expiry.sweep()
        assert swept.brokers == [] and swept.sessions == []
        assert rows_of(sim, broker["makler_id"])["brokers"] == 1
    finally:
        driver.quit()


def test_an_idle_session_ends_its_phone_is_released_then_forgotten(
    sim: Simulator, http: httpx.Client, expiry: Expiry
) -> None:
    broker = new_broker(http)
    driver = phone(sim, broker["makler_id"])
    session_id = driver.session_id
    assert len(sim.phones.in_use()) == 1
    advance(http, IDLE + 1)
    swept = expiry.sweep()
    assert swept.sessions == [session_id]
    assert swept.brokers == [broker["makler_id"]]  # no phone in use names it any more
    assert sim.phones.in_use() == []
    with pytest.raises(InvalidSessionIdException, match=r"ended after 1800 s without a command \(--expire-idle\)"):
        driver.page_source  # noqa: B018 - the command itself is the check
    released = sim.phones.keys()
    assert len(released) == 1  # released, kept for a noReset session within the window
    advance(http, IDLE + 1)
    assert expiry.sweep().phones == released
    assert sim.phones.keys() == []


def test_the_command_timeout_ends_a_session_long_before_expire_idle_on_the_same_clock(
    sim: Simulator, http: httpx.Client, expiry: Expiry
) -> None:
    """Appium's default 60 s ends the session and releases its phone; --expire-idle then finds nothing of it."""
    driver = phone(sim, command_timeout=60)
    advance(http, 59)
    assert driver.page_source  # a command: the 60 s start again
    advance(http, 59)
    assert sim.webdriver.store.end_timed_out() == []
    advance(http, 2)
    assert sim.webdriver.store.end_timed_out() == [driver.session_id]
    assert sim.phones.in_use() == []
    with pytest.raises(InvalidSessionIdException, match="New Command Timeout of 60 seconds expired"):
        driver.page_source  # noqa: B018 - the command itself is the check
    advance(http, IDLE)
    assert expiry.sweep().sessions == []


def test_a_quit_phone_is_forgotten_after_the_window(sim: Simulator, http: httpx.Client, expiry: Expiry) -> None:
    broker = new_broker(http)
    phone(sim, broker["makler_id"]).quit()
    key = sim.phones.keys()
    assert len(key) == 1
    advance(http, IDLE - 60)
    assert expiry.sweep().phones == []
    advance(http, 120)
    assert expiry.sweep().phones == key
    assert sim.phones.keys() == []
    caps = {**capabilities("android"), "appium:noReset": True, "appium:newCommandTimeout": 0}
    again = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
    try:  # a fresh phone: the forgotten one's storage (the remembered Makler-ID) is gone
        assert [p.storage.makler_id for p in sim.phones.in_use()] == [None]
    finally:
        again.quit()


def test_touches_under_unknown_makler_ids_and_stale_throttle_rows_do_not_pile_up(
    sim: Simulator, http: httpx.Client, expiry: Expiry
) -> None:
    body = {"email": "wer@example.com", "password": PASSWORD, "makler_id": "MK-GIBTSNICHT"}
    assert http.post("/app/v1/login", json=body, headers={"X-Platform": "android"}).status_code == 401
    assert "MK-GIBTSNICHT" in own_backend(sim).activity.last
    assert rows_of(sim, "MK-GIBTSNICHT")["throttle"] == 1
    assert expiry.sweep().brokers == []
    assert "MK-GIBTSNICHT" not in own_backend(sim).activity.last
    assert rows_of(sim, "MK-GIBTSNICHT")["throttle"] == 1  # its window is still open: it still counts
    advance(http, own_backend(sim).settings.throttle.window + 1)
    expiry.sweep()
    assert rows_of(sim, "MK-GIBTSNICHT")["throttle"] == 0


def test_the_background_sweep_releases_an_idle_broker(sim: Simulator, http: httpx.Client) -> None:
    broker = new_broker(http)
    advance(http, IDLE + 1)
    sweeper = Expiry(IDLE, backend=own_backend(sim), interval=0.01).start()
    try:
        deadline = time.monotonic() + 10
        while rows_of(sim, broker["makler_id"])["brokers"] and time.monotonic() < deadline:
            time.sleep(0.01)  # polling the condition the sweeper brings about
    finally:
        sweeper.stop()
    assert rows_of(sim, broker["makler_id"])["brokers"] == 0


@pytest.mark.parametrize(("text", "seconds"), [("30m", 1800.0), ("90s", 90.0), ("2h", 7200.0), (" 5M ", 300.0)])
def test_durations(text: str, seconds: float) -> None:
    assert parse_idle(text) == seconds


@pytest.mark.parametrize("text", ["0", "off", "OFF"])
def test_off(text: str) -> None:
    assert parse_idle(text) is None


@pytest.mark.parametrize("text", ["30", "0m", "-5m", "1.5h", "30 minutes", "", "m"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match="--expire-idle"):
        parse_idle(text)


def test_serve_mode_sweeps_its_own_backend_and_a_shared_backend_mode_only_its_phones() -> None:
    with Simulator(expire_idle=IDLE) as own, httpx.Client(base_url=own.backend_url, timeout=10) as http:
        assert own.expiry is not None and own.expiry.backend is own_backend(own)
        broker = new_broker(http)
        advance(http, IDLE + 1)
        own.expiry.sweep()  # the background sweep may have been first: either way the broker is gone
        assert rows_of(own, broker["makler_id"])["brokers"] == 0
        with Simulator(backend_url=own.backend_url, expire_idle=IDLE) as node:
            assert node.expiry is not None and node.expiry.backend is None  # the shared backend sweeps itself
            assert node.clock is not own.clock
    with Simulator() as embedded:
        assert embedded.expiry is None  # embedded test runs: nothing expires
