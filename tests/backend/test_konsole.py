"""Makler-Konsole (/konsole/): sign-in, CSRF, Externe, Kunden and Kontakte, isolation, throttling, bad input."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from lxml import html

from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from tests.backend.conftest import Tenant
from tests.backend.console_client import Console, flash, rows

XSS = "<script>alert('x')</script>\"'><img src=x onerror=alert(1)>"


@pytest.fixture()
def console(backend_server: BackendThread, tenant: Tenant) -> Iterator[Console]:
    browser = Console(backend_server.url)
    assert browser.login(tenant.makler_id, tenant.data["api_key"]).status_code == 303
    yield browser
    browser.close()


@pytest.fixture()
def anonymous(backend_server: BackendThread) -> Iterator[Console]:
    browser = Console(backend_server.url)
    yield browser
    browser.close()


def _external_id(tenant: Tenant, email: str) -> int:
    return next(int(e["id"]) for e in tenant.externe() if e["email"] == email)


def test_sign_in_sets_an_httponly_lax_session_cookie(anonymous: Console, tenant: Tenant) -> None:
    response = anonymous.login(tenant.makler_id, tenant.data["api_key"])
    assert response.status_code == 303
    assert response.headers["location"] == "/konsole/konto/kundenapp"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("konsole_session="))
    assert "HttpOnly" in cookie
    assert "samesite=lax" in cookie.lower()
    assert "Path=/konsole" in cookie
    page = anonymous.get("/konsole/konto/kundenapp")
    assert html.fromstring(page.text).get_element_by_id("makler-id").text_content() == tenant.makler_id


@pytest.mark.parametrize("makler_id_of", ["wrong_key", "unknown_broker"])
def test_wrong_sign_in_is_refused_with_one_message(anonymous: Console, tenant: Tenant, makler_id_of: str) -> None:
    makler_id = tenant.makler_id if makler_id_of == "wrong_key" else "MK000000"
    response = anonymous.login(makler_id, "falscher-schluessel")
    assert response.status_code == 401
    assert flash(response) == ("error", "Makler-ID oder Zugangsschlüssel ist falsch.")
    assert anonymous.get("/konsole/externe").status_code == 303  # still signed out


def test_pages_need_a_session(anonymous: Console) -> None:
    for path in ("/konsole/", "/konsole/konto/kundenapp", "/konsole/externe", "/konsole/kunden", "/konsole/kunden/1"):
        response = anonymous.http.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"] == "/konsole/anmelden"


def test_logout_ends_the_session_server_side(console: Console) -> None:
    cookie = console.http.cookies["konsole_session"]
    response = console.post("/konsole/abmelden")
    assert response.url.path == "/konsole/anmelden"
    replay = httpx.get(f"{console.http.base_url}/konsole/externe", cookies={"konsole_session": cookie})
    assert replay.status_code == 303  # the old cookie opens nothing any more


def test_a_form_post_without_the_csrf_token_is_refused(console: Console, tenant: Tenant) -> None:
    email = tenant.email()
    customer = tenant.customer("Erika Muster", email)
    tenant.invite(customer["id"])
    external_id = _external_id(tenant, email)
    for data, csrf in (({}, False), ({"csrf": "gefälscht"}, False)):
        response = console.post(f"/konsole/externe/{external_id}/aktivieren", data, csrf=csrf)
        assert response.status_code == 403
        assert "Das Formular ist abgelaufen oder ungültig" in flash(response)[1]
    assert tenant.externe("eingeladen")[0]["email"] == email  # nothing changed
    response = console.http.post("/konsole/anmelden", data={"makler_id": tenant.makler_id, "api_key": "x"})
    assert response.status_code == 403  # the sign-in form has its own token


def test_externe_tabs_and_menu_actions_change_the_account(console: Console, tenant: Tenant) -> None:
    email = tenant.email()
    customer = tenant.customer("Erika Muster", email)
    tenant.invite(customer["id"])
    assert tenant.register(email, invitation=tenant.link_token(email, "invitation")).status_code == 202
    external_id = _external_id(tenant, email)

    page = console.get("/konsole/externe", tab="eingeladene")
    assert [r["data-email"] for r in rows(page, "externer-row")] == [email]
    assert "Erika Muster" in page.text
    doc = html.fromstring(page.text)
    assert doc.xpath('//*[@id="row-menu"]/@aria-haspopup') == ["menu"]

    page = console.post(f"/konsole/externe/{external_id}/aktivieren")
    kind, message = flash(page)
    assert (kind, message.split(" Passwort")[0]) == ("success", f"Der Zugang von {email} ist manuell aktiviert.")
    assert "Passwort aus der Registrierung übernommen" in message  # registered from the invitation link
    assert page.url.params["tab"] == "aktive"
    assert [r["data-email"] for r in rows(page, "externer-row")] == [email]
    assert tenant.login(email).status_code == 200  # the customer's own registration password counts

    bearer = tenant.bearer(email)
    page = console.post(f"/konsole/externe/{external_id}/deaktivieren")
    assert flash(page)[0] == "success"
    assert tenant.http.get("/app/v1/me", headers=bearer).status_code == 401  # running session ended
    assert [r["data-email"] for r in rows(console.get("/konsole/externe", tab="deaktiviert"), "externer-row")] == [
        email
    ]
    page = console.post(f"/konsole/externe/{external_id}/reaktivieren")
    assert flash(page) == ("success", f"Der Zugang von {email} ist wieder aktiviert.")
    assert tenant.externe("aktiv")[0]["email"] == email


def test_manual_activation_without_proof_of_the_mailbox_says_a_link_was_sent(console: Console, tenant: Tenant) -> None:
    """Registered without the invitation link (anyone could have): the flash says no password was adopted."""
    email = tenant.email()
    tenant.invite(tenant.customer("Erika Muster", email)["id"])
    assert tenant.register(email).status_code == 202
    page = console.post(f"/konsole/externe/{_external_id(tenant, email)}/aktivieren")
    kind, message = flash(page)
    assert kind == "success" and f"Der Zugang von {email} ist manuell aktiviert." in message
    assert "Link zum Festlegen des Passworts gesendet" in message
    assert tenant.login(email).status_code != 200
    assert tenant.latest(email, "reset")["to"] == email


def test_an_action_that_does_not_fit_the_state_shows_a_german_error(console: Console, tenant: Tenant) -> None:
    email = tenant.email()
    tenant.invite(tenant.customer("Erika Muster", email)["id"])
    external_id = _external_id(tenant, email)
    page = console.post(f"/konsole/externe/{external_id}/deaktivieren")
    assert page.status_code == 200
    assert flash(page) == ("error", "Der Zugang ist im Zustand „eingeladen“, nicht „aktiv“.")
    assert console.post(f"/konsole/externe/{external_id}/loeschen").status_code == 404


def test_resending_an_invitation_mails_again(console: Console, tenant: Tenant) -> None:
    email = tenant.email()
    tenant.invite(tenant.customer("Erika Muster", email)["id"])
    page = console.post(f"/konsole/externe/{_external_id(tenant, email)}/einladen")
    assert flash(page) == ("success", f"Die Einladung an {email} ist erneut gesendet.")
    mails = tenant.http.get(f"/test/v1/mailbox/{email}", params={"kind": "invitation"}).json()["messages"]
    assert len(mails) == 2


def test_customer_page_contacts_add_edit_remove_and_invite(console: Console, tenant: Tenant) -> None:
    peter = tenant.email()
    anna = tenant.customer("Anna Vater")
    tenant.contract(anna["id"], "V-100")
    page = console.get(f"/konsole/kunden/{anna['id']}")
    assert "V-100" in page.text

    page = console.post(f"/konsole/kunden/{anna['id']}/kontakte", {"name": "Peter Vater"})
    assert flash(page) == ("success", "Peter Vater ist als Kontakt hinzugefügt.")
    assert rows(page, "kontakt-row")[0]["data-email"] == ""  # a person without e-mail
    contact_id = tenant.http.get(f"/admin/v1/customers/{anna['id']}/contacts", headers=tenant.admin).json()["contacts"][
        0
    ]["id"]
    edit = console.get(f"/konsole/kunden/{anna['id']}/kontakte/{contact_id}")
    assert html.fromstring(edit.text).get_element_by_id("kundenportal-toggle").get("checked") is None
    page = console.post(f"/konsole/kunden/{anna['id']}/kontakte/{contact_id}", {"email": peter, "kundenportal": "on"})
    assert flash(page) == ("success", "Der Kontakt Peter Vater ist gespeichert.")
    contact = tenant.http.get(f"/admin/v1/customers/{anna['id']}/contacts", headers=tenant.admin).json()["contacts"][0]
    assert (contact["email"], contact["kundenportal"]) == (peter, True)

    page = console.post(f"/konsole/kunden/{anna['id']}/kontakte", {"name": "Kind", "email": peter})
    assert [r["data-kundenportal"] for r in rows(page, "kontakt-row")] == ["an", "aus"]
    page = console.post(f"/konsole/kunden/{anna['id']}/kontakte/{contact_id}/entfernen")
    assert flash(page) == ("success", "Der Kontakt Peter Vater ist entfernt.")
    assert [r["data-name"] for r in rows(page, "kontakt-row")] == ["Kind"]

    page = console.post(f"/konsole/kunden/{anna['id']}/einladen", {"email": ""})
    assert flash(page) == ("error", "Der Kunde hat keine E-Mail-Adresse.")
    anna_mail = tenant.email()
    page = console.post(f"/konsole/kunden/{anna['id']}/einladen", {"email": anna_mail})
    assert flash(page) == ("success", f"Die Einladung zur Kunden-App ist an {anna_mail} gesendet.")
    assert tenant.latest(anna_mail, "invitation")["subject"].startswith("Einladung zur Kunden-App")


def test_konto_kundenapp_saves_minimums_and_sender_authentication(console: Console, tenant: Tenant) -> None:
    data = {
        "android_min_app_version": "3.6.0",
        "android_min_os_version": "12",
        "ios_min_app_version": "3.5.0",
        "ios_min_os_version": "16",
    }
    page = console.post("/konsole/konto/kundenapp/versionen", data)
    assert flash(page) == ("success", "Die Mindestversionen sind gespeichert.")
    minimums = tenant.http.get("/admin/v1/settings/app", headers=tenant.admin).json()
    assert minimums["android"] == {"min_app_version": "3.6.0", "min_os_version": "12"}
    assert minimums["ios"] == {"min_app_version": "3.5.0", "min_os_version": "16"}
    page = console.post("/konsole/konto/kundenapp/mail", {})
    assert flash(page) == ("success", "Absender-Authentifizierung ist aus.")
    mail = tenant.http.get("/admin/v1/settings/mail", headers=tenant.admin).json()
    assert mail == {"sender_authenticated": False}


@pytest.mark.parametrize(
    ("path", "data", "message"),
    [
        ("/konsole/konto/kundenapp/versionen", {"android_min_app_version": "neu"}, "ist keine Versionsnummer"),
        ("/konsole/kunden", {"name": ""}, "Bitte „Name“ ausfüllen."),
        ("/konsole/kunden", {"name": "x" * 201}, "„Name“ darf höchstens 200 Zeichen lang sein."),
        ("/konsole/kunden", {"name": "Max", "email": "kein-at"}, "„kein-at“ ist keine gültige E-Mail-Adresse."),
        ("/konsole/kunden", {"name": "Max", "kind": "verein"}, "Bitte „Person“ oder „Firma“ wählen."),
    ],
)
def test_bad_form_input_gets_a_german_error(console: Console, path: str, data: dict[str, str], message: str) -> None:
    page = console.post(path, data)
    assert page.status_code == 200
    kind, text = flash(page)
    assert kind == "error"
    assert message in text


def test_bad_requests_are_pages_never_a_500(console: Console, tenant: Tenant) -> None:
    customer = tenant.customer("Max Muster")
    for path in ("/konsole/kunden/abc", "/konsole/kunden/0", f"/konsole/kunden/{2**70}", "/konsole/kunden/999999"):
        response = console.get(path)
        assert response.status_code == 404, path
        assert "text/html" in response.headers["content-type"]
    unknown_tab = console.get("/konsole/externe", tab="<b>unbekannt</b>")
    assert unknown_tab.status_code == 422
    assert "ungültigen Wert" in flash(unknown_tab)[1]
    assert "<b>" not in unknown_tab.text
    garbage = console.http.post(
        f"/konsole/kunden/{customer['id']}/kontakte",
        content=b"--x\r\nContent-Disposition: form-data\r\n\r\n",
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert 400 <= garbage.status_code < 500
    bad = console.post(f"/konsole/kunden/{customer['id']}/kontakte", {"name": "Anna", "email": "a@b"})
    assert flash(bad) == ("error", "„a@b“ ist keine gültige E-Mail-Adresse.")


def test_one_broker_never_sees_another_brokers_data(backend_server: BackendThread, http: httpx.Client) -> None:
    owner = Tenant(http, http.post("/test/v1/brokers", json={}).json())
    email = owner.email()
    customer = owner.customer("Geheim Kunde", email)
    contact = owner.contact(customer["id"], owner.email())
    owner.invite(customer["id"])
    external_id = _external_id(owner, email)
    intruder = Tenant(http, http.post("/test/v1/brokers", json={}).json())
    browser = Console(backend_server.url)
    try:
        browser.login(intruder.makler_id, intruder.data["api_key"])
        assert "Geheim Kunde" not in browser.get("/konsole/kunden").text
        assert email not in browser.get("/konsole/externe").text
        assert browser.get(f"/konsole/kunden/{customer['id']}").status_code == 404
        assert browser.get(f"/konsole/kunden/{customer['id']}/kontakte/{contact['id']}").status_code == 404
        for path, data in (
            (f"/konsole/externe/{external_id}/aktivieren", {}),
            (f"/konsole/externe/{external_id}/einladen", {}),
            (f"/konsole/kunden/{customer['id']}/einladen", {}),
            (f"/konsole/kunden/{customer['id']}/kontakte", {"name": "Eindringling"}),
            (f"/konsole/kunden/{customer['id']}/kontakte/{contact['id']}", {"email": "", "kundenportal": "on"}),
            (f"/konsole/kunden/{customer['id']}/kontakte/{contact['id']}/entfernen", {}),
        ):
            assert browser.post(path, data).status_code == 404, path
    finally:
        browser.close()
    assert owner.externe("eingeladen")[0]["email"] == email
    contacts = http.get(f"/admin/v1/customers/{customer['id']}/contacts", headers=owner.admin).json()["contacts"]
    assert [(c["id"], c["email"], c["kundenportal"]) for c in contacts] == [(contact["id"], contact["email"], True)]


def test_console_sign_in_is_throttled(anonymous: Console, tenant: Tenant) -> None:
    for _ in range(5):
        assert anonymous.login(tenant.makler_id, "falsch").status_code == 401
    locked = anonymous.login(tenant.makler_id, tenant.data["api_key"])  # even the right key, while locked
    assert locked.status_code == 429
    assert int(locked.headers["retry-after"]) > 0
    assert flash(locked)[1].startswith("Zu viele Versuche.")
    tenant.advance(15 * 60 + 1)
    assert anonymous.login(tenant.makler_id, tenant.data["api_key"]).status_code == 303


def test_names_emails_and_mail_bodies_are_escaped(console: Console, tenant: Tenant) -> None:
    payload_mail = f"{XSS.replace(' ', '')}@example.com"
    customer = tenant.customer(XSS, payload_mail)
    tenant.contract(customer["id"], XSS)
    tenant.contact(customer["id"], payload_mail)
    console.post(f"/konsole/kunden/{customer['id']}/kontakte", {"name": XSS, "email": payload_mail})
    tenant.invite(customer["id"])
    pages = [
        console.get("/konsole/kunden"),
        console.get(f"/konsole/kunden/{customer['id']}"),
        console.get("/konsole/externe"),
    ]
    for page in pages:
        assert page.status_code == 200
        assert "<script>" not in page.text
        assert "<img" not in page.text
        assert "&lt;script&gt;" in page.text
        doc = html.fromstring(page.text)
        assert not doc.xpath("//script") and not doc.xpath("//img")
    assert XSS in html.fromstring(pages[1].text).get_element_by_id("kunde-name").text_content()


def test_console_stays_without_test_api_and_postfach_goes() -> None:
    from simulator.backend.settings import Settings

    with BackendThread(Settings(kdf_profile="test", test_api=False)) as server:
        assert httpx.get(f"{server.url}/konsole/anmelden").status_code == 200
        assert httpx.get(f"{server.url}/postfach/").status_code == 404


@pytest.mark.parametrize("release", ["delete", "reset"])
def test_a_released_brokers_console_session_never_opens_the_next_broker_with_its_row_id(release: str) -> None:
    """SQLite hands a freed row id out again; a console session must not follow the id to a new tenant."""
    with BackendThread(Settings(kdf_profile="test")) as server, httpx.Client(base_url=server.url) as http:
        first = http.post("/test/v1/brokers", json={}).json()
        browser = Console(server.url)
        assert browser.login(first["makler_id"], first["api_key"]).status_code == 303
        if release == "delete":
            assert http.delete(f"/test/v1/brokers/{first['makler_id']}").status_code == 204
        else:
            assert http.post("/test/v1/reset").status_code == 204
        second = http.post("/test/v1/brokers", json={}).json()
        page = browser.http.get("/konsole/konto/kundenapp")
        browser.close()
    assert second["makler_id"] not in page.text
    assert page.status_code == 303 and page.headers["location"].endswith("/konsole/anmelden")
