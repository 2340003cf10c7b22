"""Route table of the Makler-Konsole (/konsole/): the broker's Administration as server-rendered pages.

Every action calls the same domain functions as the admin API (accounts, brokers, customers);
one broker never reaches another's rows (the domain functions answer 404).
"""

from __future__ import annotations

import hmac
import sqlite3
from collections.abc import Callable
from typing import Any, Literal, TypeVar

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from simulator.backend import accounts, brokers, customers, registration
from simulator.backend.errors import ApiError
from simulator.backend.models import PathId
from simulator.backend.security import new_token, token_hash
from simulator.backend.web import forms, sign_in
from simulator.backend.web.forms import FormError, Signed, backend, posted, sessions, signed_in
from simulator.backend.web.sessions import COOKIE, IDLE_SECONDS, LOGIN_COOKIE, same_token
from simulator.backend.web.templating import PageRoute, page
from simulator.spec.api import Contact
from simulator.spec.vocabulary import AccountState

T = TypeVar("T")

PREFIX = "/konsole"
TABS = {"eingeladene": AccountState.INVITED, "aktive": AccountState.ACTIVE, "deaktiviert": AccountState.DEACTIVATED}
TAB_OF_STATE = {state: tab for tab, state in TABS.items()}
# Menu item -> (domain action, German success message).
ACTIONS = {
    "aktivieren": ("activate", "Der Zugang von {email} ist manuell aktiviert."),
    "deaktivieren": ("deactivate", "Der Zugang von {email} ist deaktiviert; laufende Sitzungen sind beendet."),
    "reaktivieren": ("reactivate", "Der Zugang von {email} ist wieder aktiviert."),
}
WRONG_LOGIN = "Makler-ID oder Zugangsschlüssel ist falsch."


router = APIRouter(prefix=PREFIX, route_class=PageRoute, include_in_schema=False)


def _redirect(path: str) -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}{path}", status_code=303)


def _page(request: Request, signed: Signed, name: str, **context: Any) -> Response:
    flash, signed.session.flash = signed.session.flash, []
    return page(request, name, broker=signed.broker, csrf=signed.session.csrf, flash=flash, prefix=PREFIX, **context)


def _refused(signed: Signed, call: Callable[[], T]) -> T | None:
    """The domain call's answer; a refusal (other than 404, which stays a 404) becomes the error message."""
    try:
        return call()
    except ApiError as error:
        if error.status == 404:
            raise
        _flash(signed, "error", error.message)
        return None


def _flash(signed: Signed, kind: str, message: str) -> None:
    signed.session.flash.append((kind, message))


# -- sign-in ---------------------------------------------------------------------------------------


@router.get("/")
def start(request: Request) -> Response:
    """Start page: Konto -> Kundenapp when signed in, else the sign-in."""
    signed_in(request)
    return _redirect("/konto/kundenapp")


@router.get("/anmelden")
def login_form(request: Request) -> Response:
    """The sign-in form; its double-submit token lives in a short cookie."""
    token = new_token()
    response = page(request, "anmelden.html", csrf=token, prefix=PREFIX, error=None, makler_id="")
    _set_cookie(response, LOGIN_COOKIE, token, max_age=3600)
    return response


@router.post("/anmelden")
async def login(request: Request) -> Response:
    """Sign in with Makler-ID and the broker's API key; throttled per Makler-ID and client (web/sign_in.py)."""
    form = await request.form()
    if not same_token(request.cookies.get(LOGIN_COOKIE), form.get("csrf")):
        raise forms.csrf_refused()
    makler_id = form.get("makler_id")
    secret = form.get("api_key")
    makler_id = makler_id.strip()[:64] if isinstance(makler_id, str) else ""
    secret = secret.strip()[:512] if isinstance(secret, str) else ""
    b = backend(request)

    def again(status: int, error: str) -> Response:
        token = new_token()
        response = page(
            request, "anmelden.html", status=status, csrf=token, prefix=PREFIX, error=error, makler_id=makler_id
        )
        _set_cookie(response, LOGIN_COOKIE, token, max_age=3600)
        return response

    if not makler_id or not secret:
        return again(422, "Bitte Makler-ID und Zugangsschlüssel eingeben.")
    with b.store.tx() as db:
        broker = brokers.by_makler_id(db, makler_id)
        now = b.clock.now(broker["makler_id"] if broker is not None else None)
        attempt = sign_in.counted(b, db, request, makler_id, broker, now)
        try:
            sign_in.check(db, attempt, now)
        except ApiError as error:
            locked = again(429, error.message)
            locked.headers.update(error.headers)  # Retry-After, as on the app login
            return locked
        expected = broker["api_key_hash"] if broker is not None else token_hash(new_token())
        ok = hmac.compare_digest(expected, token_hash(secret)) and broker is not None
        device = sign_in.succeeded(db, attempt, broker["id"], now) if ok and broker is not None else None
        if not ok:
            sign_in.failed(db, attempt, now)
    if not ok or broker is None:
        return again(401, WRONG_LOGIN)
    sessions(request).close(request.cookies.get(COOKIE))  # a new session id on every sign-in (no fixation)
    response = _redirect("/konto/kundenapp")
    _set_cookie(
        response, COOKIE, sessions(request).open(broker["id"], broker["api_key_hash"]), max_age=int(IDLE_SECONDS)
    )
    if device is not None:  # this browser is known from now on: strangers' failures no longer lock it out
        _set_cookie(response, sign_in.DEVICE_COOKIE, device, max_age=sign_in.DEVICE_DAYS * 24 * 3600)
    response.delete_cookie(LOGIN_COOKIE, path=PREFIX)
    return response


@router.post("/abmelden")
async def logout(request: Request) -> Response:
    """Sign out: the session ends server-side, the cookie is dropped."""
    await posted(request)
    sessions(request).close(request.cookies.get(COOKIE))
    response = _redirect("/anmelden")
    response.delete_cookie(COOKIE, path=PREFIX)
    return response


def _set_cookie(response: Response, name: str, value: str, max_age: int) -> None:
    response.set_cookie(name, value, max_age=max_age, path=PREFIX, httponly=True, samesite="lax")


# -- Administration -> Konto -> Kundenapp ----------------------------------------------------------


@router.get("/konto/kundenapp")
def kundenapp(request: Request) -> Response:
    """Makler-ID, app link, minimum versions per platform, sender authentication."""
    signed = signed_in(request)
    b = backend(request)
    with b.store.tx() as db:
        minimums = {p: brokers.minimums(db, signed.broker["id"], p) for p in ("android", "ios")}
    link = accounts.app_link(b, "einladung", makler_id=signed.broker["makler_id"])
    return _page(request, signed, "kundenapp.html", minimums=minimums, app_link=link, section="konto")


@router.post("/konto/kundenapp/versionen")
async def save_minimums(request: Request) -> Response:
    """Change the minimum app and OS versions."""
    signed, form = await posted(request)
    labels = {"android": "Android", "ios": "iOS"}
    try:
        values = {
            p: {
                "min_app_version": forms.version(form, f"{p}_min_app_version", f"Mindestversion App ({labels[p]})"),
                "min_os_version": forms.version(form, f"{p}_min_os_version", f"Mindestversion {labels[p]}"),
            }
            for p in ("android", "ios")
        }
    except FormError as error:
        _flash(signed, "error", str(error))
        return _redirect("/konto/kundenapp")
    with backend(request).store.tx() as db:
        for platform, minimums in values.items():
            brokers.set_minimums(db, signed.broker["id"], platform, minimums)
    _flash(signed, "success", "Die Mindestversionen sind gespeichert.")
    return _redirect("/konto/kundenapp")


@router.post("/konto/kundenapp/mail")
async def save_mail(request: Request) -> Response:
    """Turn sender authentication (SPF/DKIM) on or off."""
    signed, form = await posted(request)
    value = forms.checked(form, "sender_authenticated")
    with backend(request).store.tx() as db:
        brokers.set_sender_authenticated(db, signed.broker["id"], value)
    _flash(signed, "success", "Absender-Authentifizierung ist " + ("an." if value else "aus."))
    return _redirect("/konto/kundenapp")


# -- Administration -> Externe ---------------------------------------------------------------------


@router.get("/externe")
def externe(request: Request, tab: Literal["eingeladene", "aktive", "deaktiviert"] = "eingeladene") -> Response:
    """Externe with the tabs Eingeladene / Aktive / Deaktiviert."""
    signed = signed_in(request)
    with backend(request).store.tx() as db:
        rows = accounts.listing(db, signed.broker["id"], TABS[tab])
    return _page(request, signed, "externe.html", tab=tab, rows=rows, section="externe")


@router.post("/externe/{external_id}/einladen")
async def reinvite(request: Request, external_id: PathId) -> Response:
    """3-Punkte-Menü -> Einladung erneut senden."""
    signed, _ = await posted(request)
    with backend(request).store.tx() as db:
        row = _external(db, signed, external_id)
    b = backend(request)
    if _refused(signed, lambda: registration.invite(b, signed.broker, row["customer_id"], row["email"])) is not None:
        _flash(signed, "success", f"Die Einladung an {row['email']} ist erneut gesendet.")
    return _redirect(f"/externe?tab={TAB_OF_STATE[row['state']]}")


@router.post("/externe/{external_id}/{action}")
async def change_state(request: Request, external_id: PathId, action: str) -> Response:
    """3-Punkte-Menü -> manuell aktivieren / deaktivieren / aktivieren."""
    signed, _ = await posted(request)
    if action not in ACTIONS:
        raise ApiError(404, "not_found", "Diese Aktion gibt es nicht.")
    domain_action, message = ACTIONS[action]
    with backend(request).store.tx() as db:
        row = _external(db, signed, external_id)
    changed = _refused(
        signed, lambda: accounts.change_state(backend(request), signed.broker, external_id, domain_action)
    )
    if changed is None:
        return _redirect(f"/externe?tab={TAB_OF_STATE[row['state']]}")
    _flash(signed, "success", " ".join((message.format(email=row["email"]), changed.get("message", ""))).strip())
    return _redirect(f"/externe?tab={TAB_OF_STATE[AccountState(changed['state'])]}")


def _external(db: sqlite3.Connection, signed: Signed, external_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM externals WHERE id = ? AND broker_id = ?", (external_id, signed.broker["id"])
    ).fetchone()
    if row is None:
        raise ApiError(404, "not_found", "Externer nicht gefunden.")
    return row


# -- Kunden, Verträge, Kontakte -> Personen --------------------------------------------------------


@router.get("/kunden")
def kunden(request: Request) -> Response:
    """All customers."""
    signed = signed_in(request)
    with backend(request).store.tx() as db:
        rows = customers.listing(db, signed.broker["id"])
    return _page(request, signed, "kunden.html", rows=rows, section="kunden")


@router.post("/kunden")
async def create_customer(request: Request) -> Response:
    """Kunde anlegen (person or company)."""
    signed, form = await posted(request)
    try:
        name = forms.text(form, "name", "Name")
        email = forms.email(form)
        kind = form.get("kind", "person")
        if kind not in ("person", "firma"):
            raise FormError("Bitte „Person“ oder „Firma“ wählen.")
    except FormError as error:
        _flash(signed, "error", str(error))
        return _redirect("/kunden")
    with backend(request).store.tx() as db:
        created = customers.create(db, signed.broker["id"], name, str(kind), email)
    _flash(signed, "success", f"Kunde {name} ist angelegt.")
    return _redirect(f"/kunden/{created['id']}")


@router.get("/kunden/{customer_id}")
def kunde(request: Request, customer_id: PathId) -> Response:
    """A customer with Verträge and Kontakte -> Personen."""
    signed = signed_in(request)
    with backend(request).store.tx() as db:
        customer = customers.customer_dict(customers.get(db, signed.broker["id"], customer_id))
        contracts = customers.contracts(db, signed.broker["id"], customer_id)
        contacts = customers.contacts(db, signed.broker["id"], customer_id)
        invited = [e for e in accounts.listing(db, signed.broker["id"]) if e["customer_id"] == customer_id]
    return _page(
        request,
        signed,
        "kunde.html",
        customer=customer,
        contracts=contracts,
        contacts=contacts,
        invited=invited,
        section="kunden",
    )


@router.post("/kunden/{customer_id}/einladen")
async def invite(request: Request, customer_id: PathId) -> Response:
    """Zur Kunden-App einladen (mail with Makler-ID and app link)."""
    signed, form = await posted(request)
    try:
        email = forms.email(form)
    except FormError as error:
        _flash(signed, "error", str(error))
        return _redirect(f"/kunden/{customer_id}")
    result = _refused(signed, lambda: registration.invite(backend(request), signed.broker, customer_id, email))
    if result is not None:
        _flash(signed, "success", f"Die Einladung zur Kunden-App ist an {result['email']} gesendet.")
    return _redirect(f"/kunden/{customer_id}")


@router.post("/kunden/{customer_id}/kontakte")
async def add_contact(request: Request, customer_id: PathId) -> Response:
    """Kontakte -> Personen -> Person hinzufügen (with or without e-mail)."""
    signed, form = await posted(request)
    with backend(request).store.tx() as db:
        customers.get(db, signed.broker["id"], customer_id)
    try:
        name = forms.text(form, "name", "Name")
        email = forms.email(form)
    except FormError as error:
        _flash(signed, "error", str(error))
        return _redirect(f"/kunden/{customer_id}")
    portal = forms.checked(form, "kundenportal")
    with backend(request).store.tx() as db:
        customers.add_contact(db, signed.broker["id"], customer_id, name, email, portal)
    _flash(signed, "success", f"{name} ist als Kontakt hinzugefügt.")
    return _redirect(f"/kunden/{customer_id}")


@router.get("/kunden/{customer_id}/kontakte/{contact_id}")
def edit_contact_form(request: Request, customer_id: PathId, contact_id: PathId) -> Response:
    """3-Punkte-Menü -> Bearbeiten: e-mail and Kundenportal."""
    signed = signed_in(request)
    with backend(request).store.tx() as db:
        customer = customers.customer_dict(customers.get(db, signed.broker["id"], customer_id))
        contact = _contact(db, signed, customer_id, contact_id)
    return _page(request, signed, "kontakt.html", customer=customer, contact=contact, section="kunden")


@router.post("/kunden/{customer_id}/kontakte/{contact_id}")
async def edit_contact(request: Request, customer_id: PathId, contact_id: PathId) -> Response:
    """Save the contact's e-mail and Kundenportal flag."""
    signed, form = await posted(request)
    with backend(request).store.tx() as db:
        _contact(db, signed, customer_id, contact_id)
    try:
        email = forms.email(form)
    except FormError as error:
        _flash(signed, "error", str(error))
        return _redirect(f"/kunden/{customer_id}/kontakte/{contact_id}")
    changes: customers.ContactChanges = {"email": email or "", "kundenportal": forms.checked(form, "kundenportal")}
    with backend(request).store.tx() as db:
        saved = customers.edit_contact(db, signed.broker["id"], customer_id, contact_id, changes)
    _flash(signed, "success", f"Der Kontakt {saved['name']} ist gespeichert.")
    return _redirect(f"/kunden/{customer_id}")


@router.post("/kunden/{customer_id}/kontakte/{contact_id}/entfernen")
async def remove_contact(request: Request, customer_id: PathId, contact_id: PathId) -> Response:
    """3-Punkte-Menü -> Entfernen."""
    signed, _ = await posted(request)
    with backend(request).store.tx() as db:
        contact = _contact(db, signed, customer_id, contact_id)
        customers.remove_contact(db, signed.broker["id"], customer_id, contact_id)
    _flash(signed, "success", f"Der Kontakt {contact['name']} ist entfernt.")
    return _redirect(f"/kunden/{customer_id}")


def _contact(db: sqlite3.Connection, signed: Signed, customer_id: int, contact_id: int) -> Contact:
    for contact in customers.contacts(db, signed.broker["id"], customer_id):
        if contact["id"] == contact_id:
            return contact
    raise ApiError(404, "not_found", "Kontakt nicht gefunden.")
