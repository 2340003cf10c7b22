"""Test-only mechanism switches (make fidelity), and the account-state check of a session on its own."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator.backend.server import BackendThread
from simulator.backend.services import Services
from tests.backend.conftest import Tenant, error_code


@pytest.fixture()
def switch(tenant: Tenant) -> Iterator[object]:
    yield None
    for name in tenant.http.get("/test/v1/mechanisms").json()["mechanisms"]:
        tenant.http.put(f"/test/v1/mechanisms/{name}", json={"mode": "normal"})


def test_mechanisms_are_listed_normal_and_unknown_ones_refused(tenant: Tenant, switch: object) -> None:
    listed = tenant.http.get("/test/v1/mechanisms").json()["mechanisms"]
    assert {m["mode"] for m in listed.values()} == {"normal"}
    assert "version_gate" in listed and listed["version_gate"]["what"]
    assert tenant.http.put("/test/v1/mechanisms/nope", json={"mode": "off"}).status_code == 404
    assert tenant.http.put("/test/v1/mechanisms/version_gate", json={"mode": "sometimes"}).status_code in (400, 422)


def test_version_gate_off_lets_an_old_app_in_until_reset(tenant: Tenant, switch: object) -> None:
    _, email = tenant.active_account()
    tenant.http.put("/admin/v1/settings/app", headers=tenant.admin, json={"android": {"min_app_version": "9.0.0"}})
    assert tenant.login(email).status_code == 426
    answer = tenant.http.put("/test/v1/mechanisms/version_gate", json={"mode": "off"}).json()
    assert answer["mechanisms"]["version_gate"] == "off"
    assert tenant.login(email).status_code == 200
    tenant.http.put("/test/v1/mechanisms/version_gate", json={"mode": "normal"})
    assert tenant.login(email).status_code == 426


def test_spam_filing_inverted_puts_authenticated_mail_into_spam(tenant: Tenant, switch: object) -> None:
    tenant.http.put("/test/v1/mechanisms/spam_filing", json={"mode": "inverted"})
    email = tenant.email("gmx.de")
    customer = tenant.customer(email=email)
    tenant.invite(customer["id"], email)
    folders = {m["folder"] for m in tenant.http.get(f"/test/v1/mailbox/{email}").json()["messages"]}
    assert folders and "INBOX" not in folders


def test_the_account_state_alone_ends_a_session_that_was_not_revoked(
    tenant: Tenant, backend_server: BackendThread
) -> None:
    """Deactivation revokes sessions; the state check in authenticate and refresh must hold on its own."""
    _, email = tenant.active_account()
    headers = tenant.bearer(email)
    refresh = tenant.login(email).json()["refresh_token"]
    backend: Services = backend_server.app.state.backend
    with backend.store.tx() as db:  # deactivated behind the sessions' back: nothing revoked
        db.execute("UPDATE externals SET state = 'deaktiviert' WHERE email_norm = ?", (email.lower(),))
    r = tenant.http.get("/app/v1/me", headers=headers)
    assert r.status_code == 401 and error_code(r) == "unauthorized"
    r = tenant.http.post("/app/v1/token/refresh", json={"refresh_token": refresh}, headers=tenant.app_headers)
    assert r.status_code in (400, 401), r.text


def test_makler_id_check_off_finds_the_account_under_any_makler_id(tenant: Tenant, switch: object) -> None:
    _, email = tenant.active_account()
    wrong = f"{tenant.makler_id}9"
    assert tenant.login(email, makler_id=wrong).status_code == 401
    assert tenant.register(email, makler_id=wrong).status_code == 202
    assert tenant.latest(email)["kind"] == "notice"  # no invitation under that Makler-ID
    tenant.http.put("/test/v1/mechanisms/makler_id_check", json={"mode": "off"})
    assert tenant.login(email, makler_id=wrong).status_code == 200
    forgot = {"email": email, "makler_id": wrong}
    assert tenant.http.post("/app/v1/password/forgot", json=forgot, headers=tenant.app_headers).status_code == 202
    assert tenant.latest(email)["kind"] == "reset"
    tenant.http.put("/test/v1/mechanisms/makler_id_check", json={"mode": "normal"})
    assert tenant.login(email, makler_id=wrong).status_code == 401


def test_invited_address_off_opens_an_account_for_an_uninvited_address(tenant: Tenant, switch: object) -> None:
    refused, opened = tenant.email(), tenant.email()
    assert tenant.register(refused).status_code == 202
    assert tenant.latest(refused)["kind"] == "notice"
    assert tenant.login(refused).status_code == 403  # "noch nicht bestätigt", as for every address
    tenant.http.put("/test/v1/mechanisms/invited_address", json={"mode": "off"})
    assert tenant.register(opened).status_code == 202
    token = tenant.link_token(opened, "confirmation")
    assert tenant.http.post("/app/v1/register/confirm", json={"token": token}).status_code == 200
    assert tenant.login(opened).status_code == 200
    assert opened in [e["email"] for e in tenant.externe("aktiv")]
    tenant.http.put("/test/v1/mechanisms/invited_address", json={"mode": "normal"})
    third = tenant.email()
    assert tenant.register(third).status_code == 202
    assert tenant.latest(third)["kind"] == "notice"
