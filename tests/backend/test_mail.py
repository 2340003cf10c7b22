"""Allgemein: invitations filed as Spam or Junk depending on provider and sender authentication."""

from __future__ import annotations

import httpx
import pytest

from tests.backend.conftest import Tenant


def _unauthenticated(http: httpx.Client) -> Tenant:
    return Tenant(http, http.post("/test/v1/brokers", json={"sender_authenticated": False}).json())


@pytest.mark.parametrize(
    ("domain", "folder"),
    [("strikt-mail.example", "Spam"), ("junk-mail.example", "Junk"), ("example.com", "INBOX")],
)
def test_strict_providers_file_unauthenticated_invitations_as_spam(
    http: httpx.Client, domain: str, folder: str
) -> None:
    tenant = _unauthenticated(http)
    email = tenant.email(domain)
    tenant.invite(tenant.customer("Erika Muster", email)["id"])
    assert tenant.latest(email, "invitation")["folder"] == folder
    inbox = http.get(f"/test/v1/mailbox/{email}", params={"folder": "INBOX"}).json()["messages"]
    assert len(inbox) == (1 if folder == "INBOX" else 0)


def test_authenticated_sender_reaches_the_inbox_at_strict_providers(tenant: Tenant) -> None:
    for domain in ("strikt-mail.example", "junk-mail.example"):
        email = tenant.email(domain)
        tenant.invite(tenant.customer("Erika Muster", email)["id"])
        assert tenant.latest(email, "invitation")["folder"] == "INBOX"


def test_sender_authentication_is_a_broker_setting(tenant: Tenant) -> None:
    r = tenant.http.put("/admin/v1/settings/mail", json={"sender_authenticated": False}, headers=tenant.admin)
    assert r.status_code == 200
    assert tenant.http.get("/admin/v1/settings/mail", headers=tenant.admin).json() == {"sender_authenticated": False}
    email = tenant.email("strikt-mail.example")
    tenant.invite(tenant.customer("Erika Muster", email)["id"])
    assert tenant.latest(email)["folder"] == "Spam"


def test_invitation_found_in_spam_can_be_used_to_register(http: httpx.Client) -> None:
    tenant = _unauthenticated(http)
    email = tenant.email("junk-mail.example")
    tenant.invite(tenant.customer("Erika Muster", email)["id"])
    junk = http.get(f"/test/v1/mailbox/{email}", params={"folder": "Junk"}).json()["messages"]
    link = junk[0]["links"][0]
    assert tenant.makler_id in link and "einladung" in link
    assert tenant.register(email).status_code == 202


def test_mailbox_listing_latest_and_clear(tenant: Tenant) -> None:
    email = tenant.email()
    assert tenant.http.get(f"/test/v1/mailbox/{email}/latest").status_code == 404
    customer = tenant.customer("Erika Muster", email)
    tenant.invite(customer["id"])
    tenant.invite(customer["id"])  # invitations may be sent again while still "eingeladen"
    messages = tenant.http.get(f"/test/v1/mailbox/{email.upper()}").json()["messages"]
    assert [m["kind"] for m in messages] == ["invitation", "invitation"]
    assert tenant.http.delete(f"/test/v1/mailbox/{email}").status_code == 204
    assert tenant.http.get(f"/test/v1/mailbox/{email}").json()["messages"] == []


def test_provider_rules_can_be_replaced(http: httpx.Client, tenant: Tenant) -> None:
    original = http.get("/test/v1/mail-providers").json()["providers"]
    assert {p["spam_folder"] for p in original} >= {"Spam", "Junk"}
    assert any(not p["strict"] for p in original)
    try:
        rules = [{"name": "streng", "domains": ["example.com"], "spam_folder": "Werbung", "strict": True}, *original]
        assert http.put("/test/v1/mail-providers", json=rules).status_code == 200
        r = tenant.http.put("/admin/v1/settings/mail", json={"sender_authenticated": False}, headers=tenant.admin)
        assert r.status_code == 200
        email = tenant.email("example.com")
        tenant.invite(tenant.customer("Erika Muster", email)["id"])
        assert tenant.latest(email)["folder"] == "Werbung"
    finally:
        http.put("/test/v1/mail-providers", json=original)
