"""Test-control endpoints added for world files: brokers, accounts, sessions, recorded mails and attempts, export."""

from __future__ import annotations

import httpx
import pytest

from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from simulator.client import BackendClient, BackendError

KEY = "welt-admin-schluessel-0001"
PETER = "peter@example.com"


def broker(http: httpx.Client, **extra: object) -> dict[str, str]:
    body = {"makler_id": "MK100001", "phone": "0211 1", "address": "Königsallee 1, Düsseldorf", "api_key": KEY, **extra}
    created = http.post("/test/v1/brokers", json=body)
    assert created.status_code == 201, created.text
    return dict(created.json())


def customer(http: httpx.Client, name: str = "Peter") -> int:
    answer = http.post("/admin/v1/customers", json={"name": name}, headers={"X-API-Key": KEY})
    assert answer.status_code == 201, answer.text
    return int(answer.json()["id"])


def account(http: httpx.Client, customer_id: int, **extra: object) -> httpx.Response:
    body = {"makler_id": "MK100001", "customer_id": customer_id, "email": PETER, "password": "Sommer!2026", **extra}
    return http.put("/test/v1/externals", json=body)


def session(http: httpx.Client, app_version: str = "4.0.0") -> dict[str, str]:
    body = {"makler_id": "mk100001", "email": PETER, "app_version": app_version}
    answer = http.post("/test/v1/sessions", json=body)
    assert answer.status_code == 201, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def test_broker_with_contact_data_and_chosen_key(http: httpx.Client) -> None:
    created = broker(http)
    assert (created["phone"], created["address"], created["api_key"]) == ("0211 1", "Königsallee 1, Düsseldorf", KEY)
    konto = http.get("/admin/v1/konto/kundenapp", headers={"X-API-Key": KEY}).json()
    assert konto["makler_id"] == "MK100001"
    assert http.post("/test/v1/brokers", json={"api_key": "zu-kurz"}).status_code == 422
    taken = http.post("/test/v1/brokers", json={"api_key": KEY})
    assert (taken.status_code, taken.json()["error"]["code"]) == (409, "conflict")


def test_account_in_a_state_with_a_password(http: httpx.Client) -> None:
    broker(http)
    peter = customer(http)
    created = account(http, peter, state="eingeladen")
    assert created.status_code == 200, created.text
    assert created.json() | {"id": 0} == {
        "id": 0,
        "email": PETER,
        "customer_id": peter,
        "state": "eingeladen",
        "registered": True,
    }
    login = {"email": PETER, "password": "Sommer!2026", "makler_id": "MK100001"}
    assert http.post("/app/v1/login", json=login).json()["error"]["code"] == "account_not_confirmed"
    assert account(http, peter, password=None).json()["state"] == "aktiv"  # update keeps the password
    assert http.post("/app/v1/login", json=login).status_code == 200
    assert http.get("/test/v1/mailbox/" + PETER).json()["messages"] == []  # no mail sent
    assert account(http, 999).status_code == 404
    assert account(http, peter, makler_id="MK999999").status_code == 404
    assert account(http, peter, state="gesperrt").status_code == 422


def test_session_as_from_a_login_with_scope_fixed_for_old_builds(http: httpx.Client) -> None:
    broker(http)
    peter, anna = customer(http), customer(http, "Anna")
    account(http, peter)
    old, new = session(http, "3.5.0"), session(http, "4.0.0")
    contact = {"name": "Peter", "email": PETER, "kundenportal": True}
    http.post(f"/admin/v1/customers/{anna}/contacts", json=contact, headers={"X-API-Key": KEY})
    assert [c["name"] for c in http.get("/app/v1/customers", headers=old).json()["customers"]] == ["Peter"]
    assert [c["name"] for c in http.get("/app/v1/customers", headers=new).json()["customers"]] == ["Peter", "Anna"]
    account(http, peter, state="deaktiviert")
    assert http.get("/app/v1/me", headers=new).status_code == 401  # deactivation ended it
    assert http.get("/app/v1/me", headers=session(http)).status_code == 401  # born revoked
    missing = http.post("/test/v1/sessions", json={"makler_id": "MK100001", "email": "paul@example.com"})
    assert missing.status_code == 404


def test_recorded_mail_is_filed_verbatim_with_its_link(http: httpx.Client) -> None:
    broker(http)
    account(http, customer(http))
    mail = {
        "to": PETER,
        "kind": "reset",
        "subject": "Neues Passwort",
        "links": ["kundenapp://passwort-zuruecksetzen?token=abc"],
        "folder": "Junk",
        "makler_id": "MK100001",
        "link_state": "open",
    }
    filed = http.post("/test/v1/mailbox", json=mail).json()
    assert filed["folder"] == "Junk"
    assert filed["from"].endswith("<noreply@kundenapp.example>")
    reset = http.post("/app/v1/password/reset", json={"token": "abc", "password": "Herbst!2027"})
    assert reset.status_code == 200, reset.text
    http.post(
        "/test/v1/mailbox",
        json={**mail, "links": ["kundenapp://passwort-zuruecksetzen?token=def"], "link_state": "expired"},
    )
    expired = http.post("/app/v1/password/reset", json={"token": "def", "password": "Herbst!2027"})
    assert expired.json()["error"]["code"] == "invalid_token"
    states = [m["link_state"] for m in http.get("/test/v1/export").json()["mails"]]
    assert states == ["used", "expired"]


def test_recorded_attempts_lock_like_real_ones(http: httpx.Client) -> None:
    broker(http)
    account(http, customer(http))
    body = {"action": "login", "makler_id": "mk100001", "email": "Peter@Example.com", "failures": 0, "locked": True}
    assert http.post("/test/v1/attempts", json=body).status_code == 201
    login = {"email": PETER, "password": "Sommer!2026", "makler_id": "MK100001"}
    assert http.post("/app/v1/login", json=login).status_code == 429
    (attempt,) = http.get("/test/v1/export").json()["attempts"]
    assert attempt == {
        "action": "login",
        "makler_id": "MK100001",
        "email": PETER,
        "failures": 0,
        "locked": True,
        "refused": [],
    }


def test_export_of_one_broker(http: httpx.Client) -> None:
    broker(http)
    account(http, customer(http))
    http.post("/test/v1/brokers", json={"makler_id": "MK200002"})
    wrong = {"action": "login", "makler_id": "MK7", "email": PETER}
    other = {"action": "login", "makler_id": "MK7", "email": "paul@example.com"}
    http.post("/test/v1/attempts", json=wrong)
    http.post("/test/v1/attempts", json=other)
    everything = http.get("/test/v1/export").json()
    assert [b["makler_id"] for b in everything["brokers"]] == ["MK100001", "MK200002"]
    one = http.get("/test/v1/export", params={"makler_id": "mk100001"}).json()
    assert [b["makler_id"] for b in one["brokers"]] == ["MK100001"]
    assert [a["email"] for a in one["attempts"]] == [PETER]  # its customers' attempts under other Makler-IDs too
    (external,) = one["brokers"][0]["customers"][0]["externals"]
    assert external["sessions"] == [] and external["visible_customers"] == [one["brokers"][0]["customers"][0]["id"]]


def test_backend_without_test_control_is_named() -> None:
    with BackendThread(Settings(kdf_profile="test", test_api=False)) as server:
        with BackendClient(server.url) as client, pytest.raises(BackendError) as caught:
            client.export()
        assert caught.value.code == "no_test_api"
        assert "hat keine Test-Steuerung" in str(caught.value)


def test_an_unknown_object_of_the_test_control_is_not_a_missing_test_control(backend: BackendClient) -> None:
    """Both answer 404; the error code tells a path no route serves from an object that is not there."""
    with pytest.raises(BackendError) as caught:
        backend.delete_broker("MK999999")
    assert (caught.value.status, caught.value.code) == (404, "not_found")
