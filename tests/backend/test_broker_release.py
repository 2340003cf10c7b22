"""Releasing a finished scenario's tenant (DELETE /test/v1/brokers/{makler_id}): everything it owns goes."""

from __future__ import annotations

import httpx

from tests.backend.conftest import Tenant, error_code


def test_releasing_a_broker_removes_its_data_and_leaves_others_alone(http: httpx.Client, tenant: Tenant) -> None:
    other = Tenant(http, http.post("/test/v1/brokers", json={}).json())
    _, other_email = other.active_account("Anna Vater")
    customer, email = tenant.active_account("Peter Vater")
    tenant.contract(customer["id"], "KFZ-1")
    assert tenant.login(email, "falsch!Pass1").status_code == 401  # leaves a throttle row behind
    tenant.advance(7200)
    assert http.get(f"/test/v1/mailbox/{email}").json()["messages"]

    assert http.delete(f"/test/v1/brokers/{tenant.makler_id.lower()}").status_code == 204

    assert http.get("/admin/v1/customers", headers=tenant.admin).status_code == 401
    assert http.get(f"/test/v1/mailbox/{email}").json()["messages"] == []
    export = http.get("/test/v1/export").json()
    assert tenant.makler_id not in {b["makler_id"] for b in export["brokers"]}
    assert tenant.makler_id not in {a["makler_id"] for a in export["attempts"]}
    assert tenant.login(email, "Sicher!2026").status_code == 401
    now = http.get("/test/v1/clock").json()["now"]
    assert http.get("/test/v1/clock", params={"makler_id": tenant.makler_id}).json()["now"] - now < 60
    assert http.get("/admin/v1/customers", headers=other.admin).status_code == 200
    assert other.login(other_email).status_code == 200
    assert http.get(f"/test/v1/mailbox/{other_email}").json()["messages"]


def test_releasing_an_unknown_broker_is_a_404(http: httpx.Client, tenant: Tenant) -> None:
    assert http.delete(f"/test/v1/brokers/{tenant.makler_id}").status_code == 204
    again = http.delete(f"/test/v1/brokers/{tenant.makler_id}")
    assert again.status_code == 404
    assert error_code(again) == "not_found"
