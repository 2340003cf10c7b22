"""Admin API: customers, contracts, contacts, app settings (minimum versions) and the version gate."""

from __future__ import annotations

from tests.backend.conftest import Tenant, error_code


def test_customer_contract_and_contact_lifecycle(tenant: Tenant) -> None:
    customer = tenant.customer("Vater GmbH", kind="firma")
    assert tenant.http.get(f"/admin/v1/customers/{customer['id']}", headers=tenant.admin).json()["kind"] == "firma"
    contract = tenant.contract(customer["id"], "KFZ-1", documents=["Police.pdf"])
    listed = tenant.http.get(f"/admin/v1/customers/{customer['id']}/contracts", headers=tenant.admin).json()
    assert [c["documents"] for c in listed["contracts"]] == [["Police.pdf"]]
    assert tenant.http.delete(f"/admin/v1/contracts/{contract['id']}", headers=tenant.admin).status_code == 204
    assert tenant.http.delete(f"/admin/v1/contracts/{contract['id']}", headers=tenant.admin).status_code == 404
    contact = tenant.contact(customer["id"], None, kundenportal=False)
    assert contact["email"] is None and contact["kundenportal"] is False
    url = f"/admin/v1/customers/{customer['id']}/contacts/{contact['id']}"
    edited = tenant.http.patch(url, json={"email": "Chef@Example.com", "kundenportal": True}, headers=tenant.admin)
    assert edited.json()["email"] == "Chef@Example.com" and edited.json()["kundenportal"] is True
    cleared = tenant.http.patch(url, json={"email": ""}, headers=tenant.admin)
    assert cleared.json()["email"] is None
    listed = tenant.http.get(f"/admin/v1/customers/{customer['id']}/contacts", headers=tenant.admin).json()
    assert len(listed["contacts"]) == 1
    assert tenant.http.get("/admin/v1/customers", headers=tenant.admin).json()["customers"][0]["name"] == "Vater GmbH"


def test_invitation_needs_an_email_and_is_not_repeated_for_active_accounts(tenant: Tenant) -> None:
    without = tenant.customer("Ohne Mail")
    r = tenant.http.post(f"/admin/v1/customers/{without['id']}/invitation", json={}, headers=tenant.admin)
    assert r.status_code == 422
    _, email = tenant.active_account()
    customer_id = tenant.externe("aktiv")[0]["customer_id"]
    r = tenant.http.post(f"/admin/v1/customers/{customer_id}/invitation", json={"email": email}, headers=tenant.admin)
    assert r.status_code == 409
    assert tenant.http.post("/admin/v1/customers/999999/invitation", json={}, headers=tenant.admin).status_code == 404


def test_minimum_versions_gate_login_with_426(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    body = {"android": {"min_app_version": "3.6.0", "min_os_version": "12"}}
    settings = tenant.http.put("/admin/v1/settings/app", json=body, headers=tenant.admin).json()
    assert settings["android"] == {"min_app_version": "3.6.0", "min_os_version": "12"}
    assert settings["ios"]["min_app_version"] == "3.0.0"
    old_app = tenant.login(email, **{"X-App-Version": "3.5.2", "X-OS-Version": "14"})
    assert old_app.status_code == 426 and error_code(old_app) == "app_update_required"
    assert old_app.json()["error"]["minimum"] == "3.6.0"
    old_os = tenant.login(email, **{"X-App-Version": "3.5.2", "X-OS-Version": "11"})
    assert error_code(old_os) == "os_update_required"
    assert tenant.login(email, **{"X-App-Version": "3.6.0", "X-OS-Version": "12.0"}).status_code == 200
    ios = tenant.login(email, **{"X-Platform": "ios", "X-App-Version": "3.5.2", "X-OS-Version": "17.4"})
    assert ios.status_code == 200


def test_running_session_is_gated_after_the_minimum_rises(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    auth = tenant.bearer(email, **{"X-App-Version": "3.5.2"})
    assert tenant.http.get("/app/v1/me", headers=auth).status_code == 200
    tenant.http.put("/admin/v1/settings/app", json={"android": {"min_app_version": "4.0"}}, headers=tenant.admin)
    assert tenant.http.get("/app/v1/me", headers=auth).status_code == 426
    assert tenant.http.get("/app/v1/me", headers={**auth, "X-App-Version": "4.0.0"}).status_code == 200


def test_config_reports_minimums_of_the_makler_id(tenant: Tenant) -> None:
    tenant.http.put("/admin/v1/settings/app", json={"ios": {"min_os_version": "16"}}, headers=tenant.admin)
    r = tenant.http.get("/app/v1/config", params={"platform": "ios", "makler_id": tenant.makler_id})
    assert r.json()["min_os_version"] == "16"
    assert r.json()["latest_app_version"] == "4.0.0"
    gated = tenant.http.get(
        "/app/v1/config",
        params={"platform": "ios", "makler_id": tenant.makler_id},
        headers={"X-Platform": "ios", "X-OS-Version": "15.8"},
    )
    assert gated.status_code == 426 and error_code(gated) == "os_update_required"
    header_platform = tenant.http.get(
        "/app/v1/config",
        params={"makler_id": tenant.makler_id},
        headers={"X-Platform": "ios", "X-OS-Version": "15.8"},
    )
    assert error_code(header_platform) == "os_update_required"
    assert header_platform.json()["error"]["minimum"] == "16"  # the iOS minimum, not Android's
    default = tenant.http.get("/app/v1/config", params={"platform": "android"}).json()
    assert default["min_app_version"] == "3.0.0"


def test_app_data_for_the_tabs(tenant: Tenant) -> None:
    customer, email = tenant.active_account("Peter Vater")
    tenant.contract(customer["id"], "HR-1", documents=["Police.pdf", "Rechnung.pdf"])
    auth = tenant.bearer(email)
    me = tenant.http.get("/app/v1/me", headers=auth).json()
    assert me == {"name": "Peter Vater", "email": email, "makler_id": tenant.makler_id, "customer_id": customer["id"]}
    broker = tenant.http.get("/app/v1/broker", headers=auth).json()
    assert broker["name"] == tenant.data["name"] and broker["phone"] and broker["address"]
    contracts = tenant.http.get(f"/app/v1/customers/{customer['id']}/contracts", headers=auth).json()["contracts"]
    detail = tenant.http.get(f"/app/v1/contracts/{contracts[0]['id']}", headers=auth).json()
    assert detail["documents"] == [{"name": "Police.pdf"}, {"name": "Rechnung.pdf"}]
