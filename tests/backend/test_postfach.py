"""Postfach (/postfach/): addresses, Posteingang / Spam / Junk per provider, message view, search, escaping."""

from __future__ import annotations

import httpx
import pytest
from lxml import html

from tests.backend.conftest import Tenant

XSS = "<script>alert('x')</script>\"'><img src=x onerror=alert(1)>"


def _doc(response: httpx.Response) -> html.HtmlElement:
    assert response.status_code == 200, response.text
    assert "text/html" in response.headers["content-type"]
    return html.fromstring(response.text)


@pytest.mark.parametrize(("domain", "folder"), [("strikt-mail.example", "Spam"), ("junk-mail.example", "Junk")])
def test_invitation_of_an_unauthenticated_sender_is_in_the_providers_spam_folder(
    http: httpx.Client, tenant: Tenant, domain: str, folder: str
) -> None:
    http.put("/admin/v1/settings/mail", json={"sender_authenticated": False}, headers=tenant.admin)
    email = tenant.email(domain)
    tenant.invite(tenant.customer("Peter Vater", email)["id"])
    doc = _doc(http.get(f"/postfach/{email}"))
    assert doc.get_element_by_id("folder-inbox").text_content().strip() == "Posteingang (0)"
    spam = doc.get_element_by_id("folder-spam")
    assert spam.text_content().strip() == f"{folder} (1)"
    assert not doc.xpath('//*[@id="message-row"]')  # the inbox is shown first, and it is empty
    doc = _doc(http.get(spam.get("href")))
    (row,) = doc.xpath('//*[@id="message-row"]')
    assert row.get("data-kind") == "invitation"
    message = _doc(http.get(row.xpath(".//a/@href")[0]))
    assert message.get_element_by_id("message-folder").text_content() == folder
    body = message.get_element_by_id("message-body")
    assert tenant.makler_id in body.text_content()
    (link,) = body.xpath(".//a/@href")
    assert link.startswith("kundenapp://einladung?makler_id=" + tenant.makler_id)


def test_authenticated_mail_is_in_the_inbox(http: httpx.Client, tenant: Tenant) -> None:
    email = tenant.email("strikt-mail.example")
    tenant.invite(tenant.customer("Peter Vater", email)["id"])
    doc = _doc(http.get(f"/postfach/{email}"))
    assert doc.get_element_by_id("folder-inbox").text_content().strip() == "Posteingang (1)"
    assert len(doc.xpath('//*[@id="message-row"]')) == 1


def test_search_by_address(http: httpx.Client, tenant: Tenant) -> None:
    first, second = tenant.email(), tenant.email()
    for address in (first, second):
        tenant.invite(tenant.customer("Kunde", address)["id"])
    doc = _doc(http.get("/postfach/", params={"q": first.upper()}))
    assert [a.get("data-address") for a in doc.xpath('//*[@id="mailbox-address"]')] == [first]
    doc = _doc(http.get("/postfach/", params={"q": "niemand-hat-diese-adresse"}))
    assert doc.get_element_by_id("postfach-empty") is not None


def test_mail_bodies_and_names_are_escaped(http: httpx.Client, tenant: Tenant) -> None:
    email = tenant.email()
    tenant.invite(tenant.customer(XSS, email)["id"])
    message_id = tenant.latest(email)["id"]
    for response in (http.get(f"/postfach/nachricht/{message_id}"), http.get(f"/postfach/{email}")):
        doc = _doc(response)
        assert "<script>" not in response.text
        assert not doc.xpath("//script") and not doc.xpath("//img")
    body = _doc(http.get(f"/postfach/nachricht/{message_id}")).get_element_by_id("message-body")
    assert XSS in body.text_content()
    assert all(href.startswith("kundenapp://") for href in body.xpath(".//a/@href"))


def test_only_http_and_app_links_become_anchors(http: httpx.Client, tenant: Tenant) -> None:
    email = tenant.email()
    body = "Klick: javascript:alert(1) und https://example.com/pfad?a=1&b=2 und kundenapp://x?y=1"
    r = http.post("/test/v1/mailbox", json={"to": email, "subject": "Test", "body": body, "kind": "notice"})
    assert r.status_code == 201, r.text
    doc = _doc(http.get(f"/postfach/nachricht/{r.json()['id']}"))
    hrefs = doc.get_element_by_id("message-body").xpath(".//a/@href")
    assert hrefs == ["https://example.com/pfad?a=1&b=2", "kundenapp://x?y=1"]


@pytest.mark.parametrize("path", ["/postfach/nachricht/0", "/postfach/nachricht/abc", "/postfach/nachricht/99999999"])
def test_unknown_messages_are_a_404_page(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 404
    assert "Nicht gefunden" in response.text


def test_a_too_long_search_is_a_422_page(http: httpx.Client) -> None:
    response = http.get("/postfach/", params={"q": "x" * 300})
    assert response.status_code == 422
    assert "text/html" in response.headers["content-type"]
