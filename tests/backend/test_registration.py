"""Registrierung: invited e-mail, the five password rules, confirmation, manual activation."""

from __future__ import annotations

import pytest

from tests.backend.conftest import PASSWORD, Tenant, error_code


def test_invitation_mail_carries_makler_id_and_prefilling_app_link(tenant: Tenant) -> None:
    email = tenant.email()
    customer = tenant.customer("Erika Muster", email)
    external = tenant.invite(customer["id"])
    assert external["state"] == "eingeladen"
    message = tenant.latest(email, "invitation")
    assert tenant.makler_id in message["body"]
    assert message["folder"] == "INBOX"
    assert message["links"][0].startswith("kundenapp://einladung?")
    assert f"makler_id={tenant.makler_id}" in message["links"][0]


def test_register_confirm_then_login(tenant: Tenant) -> None:
    email = tenant.email()
    tenant.invite(tenant.customer("Erika Muster", email)["id"])
    r = tenant.register(email)
    assert r.status_code == 202
    assert "E-Mail" in r.json()["message"]
    assert tenant.login(email).status_code == 403  # not confirmed yet
    token = tenant.link_token(email, "confirmation")
    assert tenant.http.post("/app/v1/register/confirm", json={"token": token}).status_code == 200
    assert tenant.login(email).status_code == 200
    assert [e["state"] for e in tenant.externe()] == ["aktiv"]


def test_unconfirmed_account_stays_eingeladen_until_admin_activates(tenant: Tenant) -> None:
    email = tenant.email()
    tenant.invite(tenant.customer("Erika Muster", email)["id"])
    tenant.register(email, invitation=tenant.link_token(email, "invitation"))  # opened from the invitation link
    r = tenant.login(email)
    assert r.status_code == 403 and error_code(r) == "account_not_confirmed"
    (invited,) = tenant.externe("eingeladen")
    r = tenant.http.post(f"/admin/v1/externe/{invited['id']}/activate", headers=tenant.admin)
    assert r.status_code == 200 and r.json()["state"] == "aktiv"
    assert tenant.externe("eingeladen") == []
    assert tenant.login(email).status_code == 200


def test_registering_with_another_address_creates_nothing_and_says_the_same(tenant: Tenant) -> None:
    invited = tenant.email()
    other = tenant.email()
    tenant.invite(tenant.customer("Erika Muster", invited)["id"])
    right, wrong = tenant.register(invited), tenant.register(other)
    assert (right.status_code, right.json()) == (wrong.status_code, wrong.json())
    assert tenant.latest(other)["kind"] == "notice"
    assert "keine Einladung" in tenant.latest(other)["body"]
    # Logging in with that password answers as for an invited address (no oracle, test_activation.py).
    refused = tenant.login(other)
    assert refused.status_code == 403 and error_code(refused) == "account_not_confirmed"
    assert [e["email"] for e in tenant.externe()] == [invited]


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("Ab1!efg", "length"),
        ("ABCDEFG1!", "lower"),
        ("abcdefg1!", "upper"),
        ("Abcdefgh!", "digit"),
        ("Abcdefgh1", "special"),
    ],
)
def test_each_password_rule_is_enforced_by_the_server_alone(tenant: Tenant, password: str, rule: str) -> None:
    email = tenant.email()
    tenant.invite(tenant.customer("Erika Muster", email)["id"])
    r = tenant.register(email, password)
    assert r.status_code == 422
    assert error_code(r) == "password_policy"
    assert [v["rule"] for v in r.json()["error"]["violations"]] == [rule]
    assert r.json()["error"]["violations"][0]["message"].startswith("mind.")
    assert tenant.http.get(f"/test/v1/mailbox/{email}", params={"kind": "confirmation"}).json()["messages"] == []


def test_compliant_password_with_umlaut_and_space_free_special(tenant: Tenant) -> None:
    email = tenant.email()
    tenant.invite(tenant.customer("Erika Muster", email)["id"])
    assert tenant.register(email, "Größe#2026").status_code == 202


def test_confirmation_link_is_single_use_and_expires(tenant: Tenant) -> None:
    first, second = tenant.email(), tenant.email()
    for address in (first, second):
        tenant.invite(tenant.customer("Erika Muster", address)["id"])
        tenant.register(address)
    token = tenant.link_token(first, "confirmation")
    assert tenant.http.post("/app/v1/register/confirm", json={"token": token}).status_code == 200
    again = tenant.http.post("/app/v1/register/confirm", json={"token": token})
    assert again.status_code == 400 and error_code(again) == "invalid_token"
    late = tenant.link_token(second, "confirmation")
    tenant.advance(49 * 3600)
    expired = tenant.http.post("/app/v1/register/confirm", json={"token": late})
    assert expired.status_code == 400 and error_code(expired) == "invalid_token"


def test_registering_an_active_account_again_changes_nothing(tenant: Tenant) -> None:
    _, email = tenant.active_account()
    assert tenant.register(email, "Anders#2026").status_code == 202
    assert tenant.latest(email)["kind"] == "notice"
    refused = tenant.login(email, "Anders#2026")  # answered as for any address one registered (no oracle)
    assert refused.status_code == 403 and error_code(refused) == "account_not_confirmed"
    assert tenant.login(email, PASSWORD).status_code == 200


def test_wrong_makler_id_registration_is_indistinguishable(tenant: Tenant) -> None:
    email = tenant.email()
    tenant.invite(tenant.customer("Erika Muster", email)["id"])
    wrong = tenant.register(email, makler_id="MK000000")
    right = tenant.register(email)
    assert (wrong.status_code, wrong.json()) == (right.status_code, right.json())
