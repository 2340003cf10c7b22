"""Security (docs/backend-api.md, OWASP ASVS): no enumeration, throttling, token handling, server-side revocation."""

from __future__ import annotations

import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import httpx

from simulator.backend.server import BackendThread
from simulator.backend.services import Services
from simulator.backend.settings import Settings
from tests.backend.conftest import PASSWORD, Tenant, error_code


def _timed(call: object) -> float:
    start = time.perf_counter()
    call()  # type: ignore[operator]
    return time.perf_counter() - start


def test_login_answers_the_same_for_unknown_account_and_wrong_password(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    wrong_password = tenant.login(email, "Falsch!123")
    unknown = tenant.login(tenant.email(), "Falsch!123")
    unknown_broker = tenant.login(email, makler_id="MK000001")
    bodies = {(r.status_code, r.text) for r in (wrong_password, unknown, unknown_broker)}
    assert len(bodies) == 1
    assert wrong_password.status_code == 401 and error_code(wrong_password) == "invalid_credentials"


def test_login_time_does_not_tell_whether_the_account_exists() -> None:
    """With the production KDF a skipped verification would be ~30x faster; both paths must run it."""
    with BackendThread(Settings(kdf_profile="production")) as server:
        with httpx.Client(base_url=server.url) as http:
            tenant = Tenant(http, http.post("/test/v1/brokers", json={}).json())
            _, email = tenant.active_account()
            stranger = tenant.email()
            known = [_timed(lambda i=i: tenant.login(email, f"Falsch!{i}a")) for i in range(4)]
            unknown = [_timed(lambda i=i: tenant.login(stranger, f"Falsch!{i}a")) for i in range(4)]
    assert statistics.median(unknown) > statistics.median(known) / 3


def test_parallel_wrong_logins_cannot_slip_past_the_limit(tenant: Tenant, backend_server: BackendThread) -> None:
    _, email = tenant.active_account()

    def attempt(i: int) -> int:
        with httpx.Client(base_url=backend_server.url) as http:
            body = {"email": email, "password": f"Falsch!{i}a", "makler_id": tenant.makler_id}
            return http.post("/app/v1/login", json=body).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(attempt, range(16)))
    assert statuses.count(401) == 5 and statuses.count(429) == 11
    assert [tenant.login(email, "Falsch!x1").status_code for _ in range(3)] == [429] * 3  # the lock holds


def test_registering_again_cannot_take_over_an_unconfirmed_account(tenant: Tenant) -> None:
    email = tenant.email()
    tenant.invite(tenant.customer("Erika Muster", email)["id"])
    tenant.register(email, PASSWORD)  # the owner of the mailbox
    owners_link = tenant.link_token(email, "confirmation")
    tenant.register(email, "Angreifer!666")  # someone else who knows the address
    assert tenant.http.post("/app/v1/register/confirm", json={"token": owners_link}).status_code == 200
    intruder = tenant.login(email, "Angreifer!666")  # refused as on any address one registered (no oracle)
    assert intruder.status_code == 403 and error_code(intruder) == "account_not_confirmed"
    assert tenant.login(email, PASSWORD).status_code == 200
    intruders_link = tenant.link_token(email, "confirmation")  # still in the owner's mailbox
    assert intruders_link != owners_link
    assert tenant.http.post("/app/v1/register/confirm", json={"token": intruders_link}).status_code == 400


def test_a_reset_spends_every_older_reset_link(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    body = {"email": email, "makler_id": tenant.makler_id}
    tenant.http.post("/app/v1/password/forgot", json=body)
    first = tenant.link_token(email, "reset")
    tenant.http.post("/app/v1/password/forgot", json=body)
    second = tenant.link_token(email, "reset")
    assert (
        tenant.http.post("/app/v1/password/reset", json={"token": second, "password": "Neu!Passwort9"}).status_code
        == 200
    )
    old = tenant.http.post("/app/v1/password/reset", json={"token": first, "password": "Alt!Passwort9"})
    assert old.status_code == 400 and error_code(old) == "invalid_token"
    assert tenant.login(email, "Neu!Passwort9").status_code == 200


def test_forgot_password_answers_the_same_for_everyone(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    known = tenant.http.post("/app/v1/password/forgot", json={"email": email, "makler_id": tenant.makler_id})
    unknown = tenant.http.post("/app/v1/password/forgot", json={"email": tenant.email(), "makler_id": tenant.makler_id})
    assert (known.status_code, known.text) == (unknown.status_code, unknown.text) == (202, known.text)


def test_repeated_login_failures_are_throttled_with_retry_after(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    statuses = [tenant.login(email, "Falsch!123").status_code for _ in range(5)]
    assert statuses == [401] * 5
    locked = tenant.login(email, PASSWORD)  # even the right password waits
    assert locked.status_code == 429 and error_code(locked) == "too_many_attempts"
    assert 0 < int(locked.headers["Retry-After"]) <= 900
    tenant.advance(901)
    assert tenant.login(email, PASSWORD).status_code == 200


def test_unknown_accounts_are_throttled_exactly_like_known_ones(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    stranger = tenant.email()
    known = [tenant.login(email, "Falsch!123").status_code for _ in range(6)]
    unknown = [tenant.login(stranger, "Falsch!123").status_code for _ in range(6)]
    assert known == unknown == [401] * 5 + [429]


def test_forgot_password_is_throttled(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    body = {"email": email, "makler_id": tenant.makler_id}
    statuses = [tenant.http.post("/app/v1/password/forgot", json=body).status_code for _ in range(6)]
    assert statuses == [202] * 5 + [429]
    assert len(tenant.http.get(f"/test/v1/mailbox/{email}", params={"kind": "reset"}).json()["messages"]) == 5


def test_tokens_and_links_are_stored_only_as_hashes(tenant: Tenant, backend_server: BackendThread) -> None:
    _, email = tenant.active_account()
    tokens = tenant.login(email).json()
    tenant.http.post("/app/v1/password/forgot", json={"email": email, "makler_id": tenant.makler_id})
    link = tenant.link_token(email, "reset")
    backend: Services = backend_server.app.state.backend
    with backend.store.tx() as db:
        # the mailboxes belong to the fake mail providers, not to the backend's own storage
        dump = "\n".join(line for line in db.iterdump() if not line.startswith('INSERT INTO "messages"'))
    for secret in (tokens["access_token"], tokens["refresh_token"], link, tenant.data["api_key"], PASSWORD):
        assert secret not in dump
    assert "$argon2id$" in dump


def test_access_token_expires_and_refresh_rotates(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    tokens = tenant.login(email).json()
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert tenant.http.get("/app/v1/me", headers=auth).status_code == 200
    tenant.advance(901)
    assert tenant.http.get("/app/v1/me", headers=auth).status_code == 401
    rotated = tenant.http.post("/app/v1/token/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert rotated.status_code == 200
    new = rotated.json()
    assert new["refresh_token"] != tokens["refresh_token"]
    assert tenant.http.get("/app/v1/me", headers={"Authorization": f"Bearer {new['access_token']}"}).status_code == 200


def test_tokens_live_exactly_their_lifetimes_on_a_stopped_clock(tenant: Tenant) -> None:
    """Access token 15 minutes, session (refresh) 30 days from the login: valid one second before, not at the end."""
    _, email = tenant.active_account()
    assert tenant.http.post("/test/v1/clock/stop", json={"makler_id": tenant.makler_id}).status_code == 200
    tokens = tenant.login(email).json()
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    tenant.advance(15 * 60 - 1)
    assert tenant.http.get("/app/v1/me", headers=auth).status_code == 200
    tenant.advance(1)
    assert tenant.http.get("/app/v1/me", headers=auth).status_code == 401
    tenant.advance(30 * 24 * 3600 - 15 * 60 - 1)  # one second before the session's end: a refresh still works
    refreshed = tenant.http.post("/app/v1/token/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 200, refreshed.text
    tenant.advance(1)  # the rotated refresh token ends with its session, 30 days after the login
    ended = tenant.http.post("/app/v1/token/refresh", json={"refresh_token": refreshed.json()["refresh_token"]})
    assert ended.status_code == 400 and error_code(ended) == "invalid_token"


def test_reusing_a_rotated_refresh_token_revokes_the_session(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    first = tenant.login(email).json()
    second = tenant.http.post("/app/v1/token/refresh", json={"refresh_token": first["refresh_token"]}).json()
    replay = tenant.http.post("/app/v1/token/refresh", json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 400 and error_code(replay) == "invalid_token"
    assert (
        tenant.http.get("/app/v1/me", headers={"Authorization": f"Bearer {second['access_token']}"}).status_code == 401
    )
    assert tenant.http.post("/app/v1/token/refresh", json={"refresh_token": second["refresh_token"]}).status_code == 400


def test_logout_revokes_access_and_refresh_server_side(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    tokens = tenant.login(email).json()
    auth = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert tenant.http.post("/app/v1/logout", headers=auth).status_code == 204
    assert tenant.http.get("/app/v1/me", headers=auth).status_code == 401
    assert tenant.http.post("/app/v1/token/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 400


def test_password_reset_ends_running_sessions(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    auth = tenant.bearer(email)
    tenant.http.post("/app/v1/password/forgot", json={"email": email, "makler_id": tenant.makler_id})
    token = tenant.link_token(email, "reset")
    tenant.http.post("/app/v1/password/reset", json={"token": token, "password": "Neu!Passwort9"})
    assert tenant.http.get("/app/v1/me", headers=auth).status_code == 401


def test_admin_api_needs_the_brokers_own_key(tenant: Tenant, http: httpx.Client) -> None:
    assert http.get("/admin/v1/customers").status_code == 401
    assert http.get("/admin/v1/customers", headers={"X-API-Key": "falsch"}).status_code == 401
    assert http.get("/admin/v1/customers", headers=tenant.admin).status_code == 200


def test_app_api_needs_a_bearer_token(http: httpx.Client) -> None:
    for headers in ({}, {"Authorization": "Bearer falsch"}, {"Authorization": "Basic eDp5"}):
        r = http.get("/app/v1/customers", headers=headers)
        assert r.status_code == 401 and error_code(r) == "unauthorized"
        assert r.headers["WWW-Authenticate"] == "Bearer"
