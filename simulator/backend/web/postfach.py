"""Route table of the Postfach (/postfach/): the fake mail providers' web UI, like Mailpit (test control only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import RedirectResponse, Response

from simulator.backend import control_access, mail
from simulator.backend.errors import ApiError
from simulator.backend.web.forms import backend
from simulator.backend.web.templating import Answer, PageRoute, error_page, page
from simulator.spec.vocabulary import INBOX_LABEL, folder_label

PREFIX = "/postfach"
KEY_COOKIE = "postfach_schluessel"

router = APIRouter(prefix=PREFIX, route_class=PageRoute, include_in_schema=False)
Search = Annotated[str, Query(max_length=254)]
Folder = Annotated[str | None, Query(max_length=32)]


def require_key(
    request: Request, header: control_access.KeyHeader = None, bearer: control_access.KeyBearer = None
) -> None:
    """On a backend with a test-control key: a browser shows it once as ``?token=``, then a cookie carries it.

    The answer to ``?token=`` is a redirect to the same page without it, so the key stays out of the
    address bar and the history; a client may send the key as a header instead, as for ``/test/v1``.
    """
    expected = backend(request).settings.test_api_token
    if expected is None:
        return
    shown = request.query_params.get("token")
    if shown is not None and control_access.matches(expected, shown):
        plain = request.url.remove_query_params("token")
        response = RedirectResponse(plain.path + (f"?{plain.query}" if plain.query else ""), status_code=303)
        response.set_cookie(KEY_COOKIE, shown, path=PREFIX, httponly=True, samesite="strict")
        raise Answer(response)
    if shown is not None or not control_access.shows_key(expected, header, bearer, request.cookies.get(KEY_COOKIE)):
        message = "Das Postfach gehört zur Test-Steuerung und verlangt ihren Schlüssel: einmal mit ?token=… öffnen."
        raise ApiError(401, "unauthorized", message)


@router.get("/")
def addresses(request: Request, q: Search = "") -> Response:
    """Every address that received mail; ``q`` searches by address."""
    with backend(request).store.tx() as db:
        rows = mail.addresses(db, q.strip())
    return page(request, "postfach.html", rows=rows, q=q, prefix=PREFIX, title="Postfach")


@router.get("/nachricht/{message_id}")
def message(request: Request, message_id: int) -> Response:
    """One message: subject, sender, date, body with its links as links."""
    with backend(request).store.tx() as db:
        found = mail.message(db, message_id) if 0 < message_id < 2**63 else None
        provider = mail.provider_for(db, found["to"]) if found else None
    if found is None or provider is None:
        return error_page(request, 404, "Nachricht nicht gefunden.")
    label = folder_label(found["folder"])
    app_links = [link for link in found["links"] if link.startswith("kundenapp://")]
    return page(
        request,
        "nachricht.html",
        m=found,
        folder_label=label,
        provider=provider,
        app_links=app_links,
        prefix=PREFIX,
        title=found["subject"],
    )


@router.get("/{address}")
def mailbox(request: Request, address: str, ordner: Folder = None) -> Response:
    """One address: Posteingang and the provider's spam folder (Spam or Junk), then the chosen folder's mail."""
    with backend(request).store.tx() as db:
        provider = mail.provider_for(db, address)
        messages = mail.mailbox(db, address)
    folders = [mail.INBOX, provider.spam_folder]
    folders += sorted({m["folder"] for m in messages} - set(folders))  # e.g. a recorded mail in another folder
    chosen = ordner if ordner in folders else mail.INBOX
    shown = [m for m in reversed(messages) if m["folder"] == chosen]
    counts = {f: sum(1 for m in messages if m["folder"] == f) for f in folders}
    return page(
        request,
        "postfach_adresse.html",
        address=address,
        provider=provider,
        folders=folders,
        counts=counts,
        chosen=chosen,
        messages=shown,
        inbox=mail.INBOX,
        inbox_label=INBOX_LABEL,
        prefix=PREFIX,
        title=f"Postfach {address}",
    )
