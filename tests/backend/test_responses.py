"""The typed answers of the app and admin API: OpenAPI shows their shape, the JSON keeps its keys and order."""

from __future__ import annotations

import httpx

from tests.backend.conftest import Tenant


def _schema(spec: dict[str, object], path: str, method: str, status: str) -> dict[str, object]:
    paths = spec["paths"]
    assert isinstance(paths, dict)
    content = paths[path][method]["responses"][status]["content"]["application/json"]["schema"]
    assert isinstance(content, dict)
    return content


def test_openapi_shows_the_main_answers(http: httpx.Client) -> None:
    spec = http.get("/openapi.json").json()
    refs = {
        ("/app/v1/login", "post", "200"): "Tokens",
        ("/app/v1/token/refresh", "post", "200"): "Tokens",
        ("/app/v1/config", "get", "200"): "AppConfig",
        ("/app/v1/me", "get", "200"): "Me",
        ("/app/v1/broker", "get", "200"): "BrokerContact",
        ("/app/v1/register", "post", "202"): "Message",
        ("/admin/v1/externe", "get", "200"): "Externals",
        ("/admin/v1/customers/{customer_id}/invitation", "post", "201"): "External",
        ("/admin/v1/externe/{external_id}/activate", "post", "200"): "ExternalChanged",
        ("/admin/v1/customers", "get", "200"): "Customers",
        ("/admin/v1/customers", "post", "201"): "Customer",
        ("/admin/v1/customers/{customer_id}/contracts", "post", "201"): "Contract",
        ("/admin/v1/customers/{customer_id}/contacts", "get", "200"): "Contacts",
        ("/admin/v1/customers/{customer_id}/contacts/{contact_id}", "patch", "200"): "Contact",
    }
    for (path, method, status), name in refs.items():
        assert _schema(spec, path, method, status) == {"$ref": f"#/components/schemas/{name}"}, path
    tokens = spec["components"]["schemas"]["Tokens"]
    assert list(tokens["properties"]) == ["access_token", "refresh_token", "token_type", "expires_in"]
    assert set(tokens["required"]) == set(tokens["properties"])
    changed = spec["components"]["schemas"]["ExternalChanged"]
    assert changed["properties"]["password"]["enum"] == ["adopted", "link_sent"]
    assert "password" not in changed["required"] and "message" not in changed["required"]


def test_the_answers_keep_their_keys_in_order(tenant: Tenant) -> None:
    customer, email = tenant.active_account()
    login = tenant.login(email)
    assert list(login.json()) == ["access_token", "refresh_token", "token_type", "expires_in"]
    assert login.content.startswith(b'{"access_token":"')
    auth = tenant.bearer(email)
    me = tenant.http.get("/app/v1/me", headers=auth)
    assert (
        me.content
        == (
            f'{{"name":"Max Mustermann","email":"{email}","makler_id":"{tenant.makler_id}",'
            f'"customer_id":{customer["id"]}}}'
        ).encode()
    )
    config = tenant.http.get("/app/v1/config", params={"makler_id": tenant.makler_id}, headers=tenant.app_headers)
    assert list(config.json()) == ["min_app_version", "min_os_version", "latest_app_version"]
    listed = tenant.http.get("/admin/v1/externe", headers=tenant.admin).json()["externe"]
    assert [list(entry) for entry in listed] == [["id", "email", "customer_id", "state", "registered", "name"]]
    other = tenant.customer("Erika Musterfrau", tenant.email())
    invited = tenant.invite(other["id"])
    assert list(invited) == ["id", "email", "customer_id", "state", "registered"]
    activated = tenant.http.post(f"/admin/v1/externe/{invited['id']}/activate", headers=tenant.admin).json()
    assert activated == {**invited, "state": "aktiv", "password": "link_sent", "message": activated["message"]}
    assert list(activated)[-2:] == ["password", "message"]
    deactivated = tenant.http.post(f"/admin/v1/externe/{invited['id']}/deactivate", headers=tenant.admin).json()
    assert "password" not in deactivated and deactivated["state"] == "deaktiviert"


def test_the_customer_answers_keep_their_keys_in_order(tenant: Tenant) -> None:
    customer = tenant.customer("Max Mustermann", None)
    assert list(customer) == ["id", "name", "kind", "email"] and customer["email"] is None
    contract = tenant.contract(customer["id"], "HR-1", ["Police.pdf"])
    assert list(contract) == ["id", "customer_id", "number", "insurer", "line", "premium", "documents"]
    assert contract["documents"] == ["Police.pdf"]
    contact = tenant.contact(customer["id"], None, kundenportal=False)
    assert contact == {
        "id": contact["id"],
        "customer_id": customer["id"],
        "name": "Kontakt",
        "email": None,
        "kundenportal": False,
    }
    assert list(contact) == ["id", "customer_id", "name", "email", "kundenportal"]
