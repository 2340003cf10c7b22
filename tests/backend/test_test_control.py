"""Test-control API: tenants from a seed, clock, fault injection, session breaking, reset."""

from __future__ import annotations

import httpx
from faker import Faker

from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from tests.backend.conftest import Tenant, error_code


def test_broker_from_a_seed_replays_its_faker_data(http: httpx.Client) -> None:
    first = http.post("/test/v1/brokers", json={"seed": 4711}).json()
    second = http.post("/test/v1/brokers", json={"seed": 4711}).json()
    assert first["seed"] == second["seed"] == 4711
    assert (first["name"], first["phone"], first["address"]) == (second["name"], second["phone"], second["address"])
    assert first["makler_id"] != second["makler_id"]  # tenants stay apart even when replayed
    assert first["api_key"] != second["api_key"]
    random = http.post("/test/v1/brokers", json={}).json()
    assert isinstance(random["seed"], int)


def test_a_seed_gives_the_data_a_fresh_faker_gives_whatever_was_created_before(http: httpx.Client) -> None:
    fake = Faker("de_DE")
    fake.seed_instance(4712)
    expected = {
        "name": f"{fake.last_name()} Versicherungsmakler {fake.company_suffix()}",
        "phone": fake.phone_number(),
        "address": fake.address().replace("\n", ", "),
    }
    http.post("/test/v1/brokers", json={"seed": 99})
    created = http.post("/test/v1/brokers", json={"seed": 4712}).json()
    assert {key: created[key] for key in expected} == expected


def test_broker_with_chosen_makler_id_and_minimums(http: httpx.Client) -> None:
    body = {"makler_id": "mk-test-1", "min_versions": {"ios": {"min_os_version": "16"}}}
    created = http.post("/test/v1/brokers", json=body).json()
    assert created["makler_id"] == "MK-TEST-1"
    settings = http.get("/admin/v1/settings/app", headers={"X-API-Key": created["api_key"]}).json()
    assert settings["ios"]["min_os_version"] == "16"
    again = http.post("/test/v1/brokers", json=body)
    assert again.status_code == 409


def test_clock_advances_per_broker_without_moving_others(http: httpx.Client, tenant: Tenant) -> None:
    other = http.post("/test/v1/brokers", json={}).json()["makler_id"]
    before = http.get("/test/v1/clock", params={"makler_id": tenant.makler_id}).json()["now"]
    other_before = http.get("/test/v1/clock", params={"makler_id": other}).json()["now"]
    tenant.advance(86400)
    after = http.get("/test/v1/clock", params={"makler_id": tenant.makler_id}).json()["now"]
    other_after = http.get("/test/v1/clock", params={"makler_id": other}).json()["now"]
    assert 86400 <= after - before < 86400 + 60
    assert other_after - other_before < 60
    assert http.post("/test/v1/clock/advance", json={"seconds": -1}).status_code == 422


def test_a_stopped_clock_stands_until_advanced_and_is_released_with_its_broker(
    http: httpx.Client, tenant: Tenant
) -> None:
    stopped = http.post("/test/v1/clock/stop", json={"makler_id": tenant.makler_id.lower()})
    assert stopped.status_code == 200
    at = stopped.json()["now"]
    assert http.get("/test/v1/clock", params={"makler_id": tenant.makler_id}).json()["now"] == at
    tenant.advance(3599)
    assert http.get("/test/v1/clock", params={"makler_id": tenant.makler_id}).json()["now"] == at + 3599
    assert http.post("/test/v1/clock/stop", json={"makler_id": "MK-NOBODY"}).status_code == 404
    assert http.post("/test/v1/clock/stop", json={}).status_code == 422
    assert http.delete(f"/test/v1/brokers/{tenant.makler_id}").status_code == 204
    assert http.get("/test/v1/clock", params={"makler_id": tenant.makler_id}).json()["now"] < at + 60  # wall time


def test_outage_for_a_number_of_requests_then_recovery(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    auth = tenant.bearer(email)
    r = tenant.http.post("/test/v1/faults", json={"makler_id": tenant.makler_id, "outage_requests": 2})
    assert r.status_code == 200
    statuses = [tenant.http.get("/app/v1/customers", headers=auth).status_code for _ in range(3)]
    assert statuses == [503, 503, 200]


def test_outage_for_a_time_window_follows_the_brokers_clock(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    auth = tenant.bearer(email)
    tenant.http.post("/test/v1/faults", json={"makler_id": tenant.makler_id, "outage_seconds": 600})
    r = tenant.http.get("/app/v1/me", headers=auth)
    assert r.status_code == 503 and error_code(r) == "service_unavailable"
    login = tenant.login(email)
    assert login.status_code == 503  # the login is part of the app API too
    tenant.advance(601)
    assert tenant.login(email).status_code == 200


def test_outage_of_one_broker_leaves_others_alone(http: httpx.Client, tenant: Tenant) -> None:
    other = Tenant(http, http.post("/test/v1/brokers", json={}).json())
    _, email = other.active_account()
    tenant.http.post("/test/v1/faults", json={"makler_id": tenant.makler_id, "outage_requests": 5})
    assert other.login(email).status_code == 200
    assert tenant.http.delete("/test/v1/faults", params={"makler_id": tenant.makler_id}).status_code == 204


def test_latency_fault_delays_answers(tenant: Tenant) -> None:
    import time

    tenant.http.post("/test/v1/faults", json={"makler_id": tenant.makler_id, "latency_ms": 150})
    start = time.perf_counter()
    r = tenant.http.get("/app/v1/config", headers={"X-Makler-ID": tenant.makler_id})
    assert r.status_code == 200
    assert time.perf_counter() - start >= 0.15
    tenant.http.delete("/test/v1/faults", params={"makler_id": tenant.makler_id})


def test_invalidating_sessions_breaks_access_and_refresh(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    tokens = tenant.login(email).json()
    r = tenant.http.post("/test/v1/sessions/invalidate", json={"makler_id": tenant.makler_id, "email": email})
    assert r.json() == {"revoked": 1}
    assert (
        tenant.http.get("/app/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}).status_code == 401
    )
    assert tenant.http.post("/app/v1/token/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 400
    assert tenant.login(email).status_code == 200  # a new login works


def test_reset_wipes_everything() -> None:
    with BackendThread(Settings(kdf_profile="test")) as server:
        with httpx.Client(base_url=server.url) as http:
            tenant = Tenant(http, http.post("/test/v1/brokers", json={}).json())
            tenant.customer("Erika Muster")
            http.post("/test/v1/faults", json={"outage_requests": 100})
            assert http.post("/test/v1/reset").status_code == 204
            assert http.get("/admin/v1/customers", headers=tenant.admin).status_code == 401
            assert http.get("/app/v1/config").status_code == 200  # the global outage is gone


def test_test_control_api_is_absent_outside_simulator_mode() -> None:
    with BackendThread(Settings(kdf_profile="test", test_api=False)) as server:
        with httpx.Client(base_url=server.url) as http:
            assert http.post("/test/v1/brokers", json={}).status_code == 404
            paths = http.get("/openapi.json").json()["paths"]
            assert not any(p.startswith("/test/") for p in paths)


def test_openapi_lists_all_three_surfaces(http: httpx.Client) -> None:
    paths = http.get("/openapi.json").json()["paths"]
    for prefix in ("/app/v1/", "/admin/v1/", "/test/v1/"):
        assert any(p.startswith(prefix) for p in paths), prefix


def test_the_export_leaves_password_hashes_out_unless_asked(tenant: Tenant) -> None:
    """Test control on a shared backend: a plain export shows whether an account has a password, not its hash."""
    tenant.active_account()
    plain = tenant.http.get("/test/v1/export", params={"makler_id": tenant.makler_id})
    assert plain.status_code == 200
    assert "$argon2" not in plain.text and "password_hash" not in plain.text
    (external,) = plain.json()["brokers"][0]["customers"][0]["externals"]
    assert external["registered"] is True
    asked = tenant.http.get("/test/v1/export", params={"makler_id": tenant.makler_id, "include": "password_hashes"})
    (external,) = asked.json()["brokers"][0]["customers"][0]["externals"]
    assert external["password_hash"].startswith("$argon2id$")
    wrong = tenant.http.get("/test/v1/export", params={"makler_id": tenant.makler_id, "include": "api_keys"})
    assert wrong.status_code == 422
