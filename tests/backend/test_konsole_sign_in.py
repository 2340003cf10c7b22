"""Makler-Konsole sign-in throttled per Makler-ID and client (simulator/backend/web/sign_in.py): a stranger's
failures never lock the owner's browser out, and guessing stays bounded however many addresses it uses."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from simulator.backend.throttle import ThrottlePolicy
from tests.backend.conftest import Tenant
from tests.backend.console_client import Console

WRONG = "kein-gueltiger-schluessel"


@pytest.fixture()
def browsers(backend_server: BackendThread) -> Iterator[list[Console]]:
    """Browsers made by a test, closed after it."""
    made: list[Console] = []
    yield made
    for browser in made:
        browser.close()


def _browser(server: BackendThread, made: list[Console], address: str | None = None) -> Console:
    browser = Console(server.url, address)
    made.append(browser)
    return browser


def _fail(browser: Console, makler_id: str, times: int) -> list[int]:
    return [browser.login(makler_id, WRONG).status_code for _ in range(times)]


def test_the_owners_browser_keeps_working_after_another_clients_five_failures(
    backend_server: BackendThread, browsers: list[Console], tenant: Tenant
) -> None:
    """The attack: anyone who knows the public Makler-ID types five wrong keys; the owner must still get in."""
    owner = _browser(backend_server, browsers)
    assert owner.login(tenant.makler_id, tenant.data["api_key"]).status_code == 303  # a known browser now
    stranger = _browser(backend_server, browsers)  # another browser at the same address, without the cookie
    assert _fail(stranger, tenant.makler_id, 5) == [401] * 5
    assert stranger.login(tenant.makler_id, tenant.data["api_key"]).status_code == 429  # the stranger waits
    assert owner.login(tenant.makler_id, tenant.data["api_key"]).status_code == 303


def test_a_new_browser_of_the_owner_at_another_address_is_not_locked_by_a_stranger(
    backend_server: BackendThread, browsers: list[Console], tenant: Tenant
) -> None:
    stranger = _browser(backend_server, browsers, "127.0.0.2")
    assert _fail(stranger, tenant.makler_id, 5) == [401] * 5
    assert stranger.login(tenant.makler_id, WRONG).status_code == 429
    owner = _browser(backend_server, browsers, "127.0.0.3")
    assert owner.login(tenant.makler_id, tenant.data["api_key"]).status_code == 303


def test_a_known_browser_has_its_own_limit_and_waits_like_anyone(
    backend_server: BackendThread, browsers: list[Console], tenant: Tenant
) -> None:
    """Someone at the owner's browser guessing is throttled too: 5 failures, then 15 minutes."""
    owner = _browser(backend_server, browsers)
    assert owner.login(tenant.makler_id, tenant.data["api_key"]).status_code == 303
    assert _fail(owner, tenant.makler_id, 5) == [401] * 5
    locked = owner.login(tenant.makler_id, tenant.data["api_key"])
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    other = _browser(backend_server, browsers, "127.0.0.4")  # the known browser's failures lock nobody else
    assert other.login(tenant.makler_id, tenant.data["api_key"]).status_code == 303
    tenant.advance(15 * 60 + 1)
    assert owner.login(tenant.makler_id, tenant.data["api_key"]).status_code == 303


def test_the_device_cookie_is_httponly_bound_to_the_konsole_and_to_its_makler_id(
    backend_server: BackendThread, browsers: list[Console], tenant: Tenant, http: httpx.Client
) -> None:
    owner = _browser(backend_server, browsers)
    response = owner.login(tenant.makler_id, tenant.data["api_key"])
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("konsole_geraet="))
    assert "HttpOnly" in cookie and "Path=/konsole" in cookie and "SameSite=lax" in cookie
    assert "Max-Age=7776000" in cookie  # 90 days
    # For another Makler-ID the cookie counts for nothing: its failures are the address's.
    other = Tenant(http, http.post("/test/v1/brokers", json={}).json())
    assert _fail(owner, other.makler_id, 5) == [401] * 5
    stranger = _browser(backend_server, browsers)  # same address, no cookie
    assert stranger.login(other.makler_id, other.data["api_key"]).status_code == 429


def test_a_device_cookie_expires_after_90_days(
    backend_server: BackendThread, browsers: list[Console], tenant: Tenant
) -> None:
    owner = _browser(backend_server, browsers, "127.0.0.5")
    assert owner.login(tenant.makler_id, tenant.data["api_key"]).status_code == 303
    tenant.advance(90 * 24 * 3600)
    stranger = _browser(backend_server, browsers, "127.0.0.5")
    assert _fail(stranger, tenant.makler_id, 5) == [401] * 5
    assert owner.login(tenant.makler_id, tenant.data["api_key"]).status_code == 429  # no longer known


@pytest.fixture(scope="module")
def low_ceiling() -> Iterator[BackendThread]:
    """A backend whose Makler-ID ceiling is 8 failures an hour (100 in production), to reach it quickly."""
    settings = Settings(kdf_profile="test", konsole_ceiling=ThrottlePolicy(limit=8, window=3600, lockout=3600))
    with BackendThread(settings) as server:
        yield server


def test_guessing_from_many_addresses_stops_at_the_makler_id_ceiling_and_the_owner_still_gets_in(
    low_ceiling: BackendThread, browsers: list[Console]
) -> None:
    with httpx.Client(base_url=low_ceiling.url) as http:
        tenant = Tenant(http, http.post("/test/v1/brokers", json={}).json())
        owner = _browser(low_ceiling, browsers, "127.0.0.10")
        assert owner.login(tenant.makler_id, tenant.data["api_key"]).status_code == 303
        # Four addresses, two failures each: no address reaches its own limit of five, together they reach eight.
        for n in range(4):
            assert _fail(_browser(low_ceiling, browsers, f"127.0.1.{n + 1}"), tenant.makler_id, 2) == [401, 401]
        fresh = _browser(low_ceiling, browsers, "127.0.2.1")
        refused = fresh.login(tenant.makler_id, tenant.data["api_key"])  # the right key: still no more guessing
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 15 * 60
        assert owner.login(tenant.makler_id, tenant.data["api_key"]).status_code == 303  # the known browser
        tenant.advance(3600 + 1)
        assert fresh.login(tenant.makler_id, tenant.data["api_key"]).status_code == 303
