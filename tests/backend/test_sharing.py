"""Geteilte Verträge: who sees which customers and contracts."""

from __future__ import annotations

import httpx

from tests.backend.conftest import Tenant, error_code


def _chips(tenant: Tenant, headers: dict[str, str]) -> list[str]:
    r = tenant.http.get("/app/v1/customers", headers=headers)
    assert r.status_code == 200, r.text
    return [c["name"] for c in r.json()["customers"]]


def _family(tenant: Tenant) -> tuple[str, dict[str, str], dict[str, int]]:
    """Father with an active account, plus company, wife and child as further customers of the broker."""
    father, email = tenant.active_account("Peter Vater")
    ids = {"Vater": father["id"]}
    for name in ("Vater GmbH", "Anna Vater", "Kind Vater"):
        ids[name] = tenant.customer(name, kind="firma" if "GmbH" in name else "person")["id"]
        tenant.contract(ids[name], f"V-{name}")
    return email, tenant.bearer(email), ids


def test_own_customer_only_until_contacts_are_shared(tenant: Tenant) -> None:
    email, headers, ids = _family(tenant)
    assert _chips(tenant, headers) == ["Peter Vater"]
    tenant.contact(ids["Anna Vater"], email, kundenportal=True)
    tenant.contact(ids["Vater GmbH"], email.upper(), kundenportal=True)  # e-mail compared without case
    assert _chips(tenant, headers) == ["Peter Vater", "Vater GmbH", "Anna Vater"]


def test_contact_without_email_other_email_or_portal_off_is_not_shared(tenant: Tenant) -> None:
    email, headers, ids = _family(tenant)
    no_mail = tenant.contact(ids["Anna Vater"], None, kundenportal=True)
    tenant.contact(ids["Vater GmbH"], "jemand.anders@example.com", kundenportal=True)
    portal_off = tenant.contact(ids["Kind Vater"], email, kundenportal=False)
    assert _chips(tenant, headers) == ["Peter Vater"]
    url = f"/admin/v1/customers/{ids['Anna Vater']}/contacts/{no_mail['id']}"
    assert tenant.http.patch(url, json={"email": email}, headers=tenant.admin).status_code == 200
    url = f"/admin/v1/customers/{ids['Kind Vater']}/contacts/{portal_off['id']}"
    assert tenant.http.patch(url, json={"kundenportal": True}, headers=tenant.admin).json()["kundenportal"] is True
    assert _chips(tenant, headers) == ["Peter Vater", "Anna Vater", "Kind Vater"]


def test_contracts_of_unshared_customers_are_not_found(tenant: Tenant) -> None:
    _, headers, ids = _family(tenant)
    r = tenant.http.get(f"/app/v1/customers/{ids['Anna Vater']}/contracts", headers=headers)
    assert r.status_code == 404 and error_code(r) == "not_found"
    contract_id = tenant.http.get(f"/admin/v1/customers/{ids['Anna Vater']}/contracts", headers=tenant.admin).json()[
        "contracts"
    ][0]["id"]
    assert tenant.http.get(f"/app/v1/contracts/{contract_id}", headers=headers).status_code == 404


def test_revoking_a_share_hides_contracts_at_once(tenant: Tenant) -> None:
    email, headers, ids = _family(tenant)
    contact = tenant.contact(ids["Anna Vater"], email)
    r = tenant.http.get(f"/app/v1/customers/{ids['Anna Vater']}/contracts", headers=headers)
    assert [c["number"] for c in r.json()["contracts"]] == ["V-Anna Vater"]
    contract_id = r.json()["contracts"][0]["id"]
    detail = tenant.http.get(f"/app/v1/contracts/{contract_id}", headers=headers)
    assert detail.status_code == 200 and detail.json()["insurer"] == "Allianz"
    url = f"/admin/v1/customers/{ids['Anna Vater']}/contacts/{contact['id']}"
    tenant.http.patch(url, json={"kundenportal": False}, headers=tenant.admin)
    assert tenant.http.get(f"/app/v1/contracts/{contract_id}", headers=headers).status_code == 404
    assert tenant.http.get(f"/app/v1/customers/{ids['Anna Vater']}/contracts", headers=headers).status_code == 404


def test_removing_a_contact_ends_the_share(tenant: Tenant) -> None:
    email, headers, ids = _family(tenant)
    contact = tenant.contact(ids["Kind Vater"], email)
    assert "Kind Vater" in _chips(tenant, headers)
    url = f"/admin/v1/customers/{ids['Kind Vater']}/contacts/{contact['id']}"
    assert tenant.http.delete(url, headers=tenant.admin).status_code == 204
    assert _chips(tenant, headers) == ["Peter Vater"]


def test_older_app_keeps_the_scope_of_its_login_until_relogin(tenant: Tenant) -> None:
    """Geteilte Verträge 3-4: affected app versions need Abmelden and a new login."""
    email, _, ids = _family(tenant)
    old = tenant.bearer(email, **{"X-App-Version": "3.5.2"})
    new = tenant.bearer(email, **{"X-App-Version": "4.0.0"})
    contact = tenant.contact(ids["Anna Vater"], email)
    assert _chips(tenant, old) == ["Peter Vater"]
    assert _chips(tenant, new) == ["Peter Vater", "Anna Vater"]
    # refreshing the token is not a new login: the scope stays
    assert tenant.http.post("/app/v1/logout", headers=old).status_code == 204
    relogged = tenant.bearer(email, **{"X-App-Version": "3.5.2"})
    assert _chips(tenant, relogged) == ["Peter Vater", "Anna Vater"]
    # revoking still takes effect at once for the fixed scope
    url = f"/admin/v1/customers/{ids['Anna Vater']}/contacts/{contact['id']}"
    tenant.http.patch(url, json={"kundenportal": False}, headers=tenant.admin)
    assert _chips(tenant, relogged) == ["Peter Vater"]


def test_customers_of_another_broker_are_never_visible(tenant: Tenant, http: httpx.Client) -> None:
    email, headers, _ = _family(tenant)
    other = Tenant(http, http.post("/test/v1/brokers", json={}).json())
    foreign = other.customer("Fremd")
    other.contact(foreign["id"], email)
    other.contract(foreign["id"], "F-1")
    assert _chips(tenant, headers) == ["Peter Vater"]
    assert tenant.http.get(f"/app/v1/customers/{foreign['id']}/contracts", headers=headers).status_code == 404
    r = tenant.http.get(f"/admin/v1/customers/{foreign['id']}", headers=tenant.admin)
    assert r.status_code == 404
