"""Login: Makler-ID, Passwort vergessen, deactivation and reactivation."""

from __future__ import annotations

from tests.backend.conftest import PASSWORD, Tenant, error_code

NEW_PASSWORD = "Neu!Passwort9"


def test_login_returns_opaque_tokens_of_256_bits(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    body = tenant.login(email).json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 900
    for token in (body["access_token"], body["refresh_token"]):
        assert len(token) >= 43  # 32 random bytes, URL-safe base64


def test_login_without_or_with_wrong_makler_id_fails(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    missing = tenant.http.post("/app/v1/login", json={"email": email, "password": PASSWORD})
    assert missing.status_code == 422 and error_code(missing) == "validation_error"
    assert "makler_id" in str(missing.json()["error"]["details"])
    wrong = tenant.login(email, makler_id="MK999999")
    assert wrong.status_code == 401 and error_code(wrong) == "invalid_credentials"
    assert tenant.login(email, makler_id=tenant.makler_id.lower()).status_code == 200


def test_makler_id_is_shown_in_konto_kundenapp(tenant: Tenant) -> None:
    r = tenant.http.get("/admin/v1/konto/kundenapp", headers=tenant.admin)
    assert r.status_code == 200
    assert r.json()["makler_id"] == tenant.makler_id
    assert tenant.makler_id in r.json()["app_link"]


def test_forgot_password_mail_resets_and_old_password_fails(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    r = tenant.http.post("/app/v1/password/forgot", json={"email": email, "makler_id": tenant.makler_id})
    assert r.status_code == 202
    token = tenant.link_token(email, "reset")
    r = tenant.http.post("/app/v1/password/reset", json={"token": token, "password": NEW_PASSWORD})
    assert r.status_code == 200
    assert tenant.login(email, PASSWORD).status_code == 401
    assert tenant.login(email, NEW_PASSWORD).status_code == 200
    reused = tenant.http.post("/app/v1/password/reset", json={"token": token, "password": "Noch#Eins123"})
    assert reused.status_code == 400 and error_code(reused) == "invalid_token"


def test_reset_link_expires_after_an_hour(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    tenant.http.post("/app/v1/password/forgot", json={"email": email, "makler_id": tenant.makler_id})
    token = tenant.link_token(email, "reset")
    tenant.advance(3601)
    r = tenant.http.post("/app/v1/password/reset", json={"token": token, "password": NEW_PASSWORD})
    assert r.status_code == 400 and error_code(r) == "invalid_token"
    assert tenant.login(email, PASSWORD).status_code == 200


def test_reset_enforces_the_password_rules_without_using_up_the_link(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    tenant.http.post("/app/v1/password/forgot", json={"email": email, "makler_id": tenant.makler_id})
    token = tenant.link_token(email, "reset")
    weak = tenant.http.post("/app/v1/password/reset", json={"token": token, "password": "schwach"})
    assert weak.status_code == 422 and error_code(weak) == "password_policy"
    assert (
        tenant.http.post("/app/v1/password/reset", json={"token": token, "password": NEW_PASSWORD}).status_code == 200
    )


def test_deactivated_account_cannot_log_in_and_reset_does_not_help(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    (account,) = tenant.externe("aktiv")
    r = tenant.http.post(f"/admin/v1/externe/{account['id']}/deactivate", headers=tenant.admin)
    assert r.status_code == 200 and r.json()["state"] == "deaktiviert"
    r = tenant.login(email)
    assert r.status_code == 403 and error_code(r) == "account_deactivated"
    tenant.http.post("/app/v1/password/forgot", json={"email": email, "makler_id": tenant.makler_id})
    token = tenant.link_token(email, "reset")
    assert (
        tenant.http.post("/app/v1/password/reset", json={"token": token, "password": NEW_PASSWORD}).status_code == 200
    )
    assert error_code(tenant.login(email, NEW_PASSWORD)) == "account_deactivated"
    assert [e["id"] for e in tenant.externe("deaktiviert")] == [account["id"]]
    r = tenant.http.post(f"/admin/v1/externe/{account['id']}/reactivate", headers=tenant.admin)
    assert r.status_code == 200 and r.json()["state"] == "aktiv"
    assert tenant.login(email, NEW_PASSWORD).status_code == 200


def test_deactivation_ends_a_running_session(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    headers = tenant.bearer(email)
    assert tenant.http.get("/app/v1/me", headers=headers).status_code == 200
    (account,) = tenant.externe("aktiv")
    tenant.http.post(f"/admin/v1/externe/{account['id']}/deactivate", headers=tenant.admin)
    r = tenant.http.get("/app/v1/me", headers=headers)
    assert r.status_code == 401 and error_code(r) == "unauthorized"
    tenant.http.post(f"/admin/v1/externe/{account['id']}/reactivate", headers=tenant.admin)
    assert tenant.http.get("/app/v1/me", headers=headers).status_code == 401  # revoked, not paused


def test_state_changes_that_do_not_fit_are_conflicts(tenant: Tenant) -> None:
    tenant.active_account()
    (account,) = tenant.externe("aktiv")
    for action in ("activate", "reactivate"):
        r = tenant.http.post(f"/admin/v1/externe/{account['id']}/{action}", headers=tenant.admin)
        assert r.status_code == 409 and error_code(r) == "conflict"
    r = tenant.http.post("/admin/v1/externe/999999/deactivate", headers=tenant.admin)
    assert r.status_code == 404
