"""The export a snapshot reads: sessions by tag, what remains of faults, and why a registration was refused."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from simulator.spec.tokens import tag_of
from tests.backend.conftest import PASSWORD, Tenant


def _export(tenant: Tenant) -> dict[str, Any]:
    answer = tenant.http.get("/test/v1/export", params={"makler_id": tenant.makler_id})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _sessions(tenant: Tenant, email: str) -> list[dict[str, Any]]:
    return [
        s
        for c in _export(tenant)["brokers"][0]["customers"]
        for x in c["externals"]
        if x["email"] == email
        for s in x["sessions"]
    ]


def test_a_session_is_named_by_the_tag_of_its_newest_refresh_token(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    tokens = tenant.login(email).json()
    (session,) = _sessions(tenant, email)
    assert session["tag"] == tag_of(tokens["refresh_token"])
    assert tokens["refresh_token"] not in str(_export(tenant)) and len(session["tag"]) == 16
    refreshed = tenant.http.post("/app/v1/token/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 200, refreshed.text
    (session,) = _sessions(tenant, email)
    assert session["tag"] == tag_of(refreshed.json()["refresh_token"])  # the phone holds the new one now


def test_faults_are_exported_with_what_remains_of_them(tenant: Tenant, http: httpx.Client) -> None:
    fault = {"makler_id": tenant.makler_id, "outage_requests": 3, "outage_seconds": 60, "latency_ms": 0}
    assert http.post("/test/v1/faults", json=fault).status_code == 200
    config = {"platform": "android", "makler_id": tenant.makler_id}
    assert tenant.http.get("/app/v1/config", params=config).status_code == 503  # one request used
    tenant.advance(20)
    try:
        (listed,) = _export(tenant)["faults"]
        assert listed == {
            "makler_id": tenant.makler_id,
            "outage_requests": 2,
            "outage_seconds": pytest.approx(40, abs=1),  # the clock runs on meanwhile
            "latency_ms": 0,
        }
    finally:
        http.delete("/test/v1/faults", params={"makler_id": tenant.makler_id})
    assert _export(tenant)["faults"] == []


def test_a_refused_password_is_kept_with_the_attempt_without_counting_a_failure(tenant: Tenant) -> None:
    customer = tenant.customer()
    email = tenant.email()
    tenant.invite(customer["id"], email)
    assert tenant.register(email, "sommer2026").status_code == 422
    (attempt,) = [a for a in _export(tenant)["attempts"] if a["email"] == email]
    assert attempt == {
        "action": "register",
        "makler_id": tenant.makler_id,
        "email": email,
        "failures": 0,
        "locked": False,
        "refused": ["upper", "special"],
    }
    assert tenant.register(email, PASSWORD).status_code == 202
    (attempt,) = [a for a in _export(tenant)["attempts"] if a["email"] == email]
    assert (attempt["failures"], attempt["refused"]) == (1, ["upper", "special"])
