"""Route table of the app API (/app/v1): what the Kunden-App calls."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from fastapi import APIRouter, Depends, Request, Response

from simulator.backend import accounts, brokers, registration, sessions, sharing
from simulator.backend.accounts import Principal
from simulator.backend.deps import backend, enter_app_api, principal
from simulator.backend.errors import error_responses
from simulator.backend.models import ForgotBody, LoginBody, PathId, RefreshBody, RegisterBody, ResetBody, TokenBody
from simulator.backend.versions import LATEST_APP_VERSION
from simulator.spec.api import (
    AppConfig,
    AppContractDetails,
    AppContracts,
    BrokerContact,
    CustomerChips,
    Me,
    Message,
    Tokens,
)

router = APIRouter(
    prefix="/app/v1", tags=["app"], responses=error_responses(400, 401, 403, 404, 413, 422, 426, 429, 431, 501, 503)
)


@router.get("/config")
def config(
    request: Request, platform: Literal["android", "ios"] | None = None, makler_id: str | None = None
) -> AppConfig:
    """Minimum versions the app checks at start (Allgemein: updates); ``platform`` defaults to X-Platform."""
    caller = enter_app_api(request, makler_id)
    if platform is not None:
        caller = replace(caller, platform=platform)
    b = backend(request)
    with b.store.tx() as db:
        broker = brokers.by_makler_id(db, makler_id)
        mins = brokers.minimums(db, broker["id"] if broker else None, caller.platform)
        accounts.check_version(db, broker, caller)
    return {
        "min_app_version": mins["min_app_version"],
        "min_os_version": mins["min_os_version"],
        "latest_app_version": LATEST_APP_VERSION,
    }


@router.post("/register", status_code=202)
def register(request: Request, body: RegisterBody) -> Message:
    """Erste Anmeldung with the invited e-mail, the Makler-ID and a compliant password.

    Opened from the invitation link, the app sends the link's secret too (``invitation_token``): that
    proves the mailbox, so a manual activation may adopt the password. The answer is the same either way.
    """
    caller = enter_app_api(request, body.makler_id)
    b = backend(request)
    message = registration.register(b, caller, body.email, body.makler_id, body.password, body.invitation_token)
    return {"message": message}


@router.post("/register/confirm")
def confirm(request: Request, body: TokenBody) -> Message:
    """The link from the confirmation mail."""
    enter_app_api(request)
    registration.confirm(backend(request), body.token)
    return {"message": "Deine Registrierung ist bestätigt. Du kannst Dich jetzt anmelden."}


@router.post("/login")
def login(request: Request, body: LoginBody) -> Tokens:
    """E-mail, password and Makler-ID for tokens."""
    caller = enter_app_api(request, body.makler_id)
    return sessions.login(backend(request), caller, body.email, body.password, body.makler_id)


@router.post("/token/refresh")
def refresh(request: Request, body: RefreshBody) -> Tokens:
    """Rotate the token pair."""
    enter_app_api(request)
    return sessions.refresh(backend(request), body.refresh_token)


@router.post("/logout", status_code=204)
def logout(request: Request, p: Principal = Depends(principal)) -> Response:  # noqa: B008
    """Ich -> Abmelden."""
    sessions.logout(backend(request), p)
    return Response(status_code=204)


@router.get("/me")
def me(request: Request, p: Principal = Depends(principal)) -> Me:  # noqa: B008
    """Ich: name and e-mail."""
    with backend(request).store.tx() as db:
        customer = db.execute("SELECT name FROM customers WHERE id = ?", (p.external["customer_id"],)).fetchone()
    return {
        "name": customer["name"],
        "email": p.external["email"],
        "makler_id": p.broker["makler_id"],
        "customer_id": p.external["customer_id"],
    }


@router.get("/broker")
def broker(p: Principal = Depends(principal)) -> BrokerContact:  # noqa: B008
    """Überblick: the broker's contact data."""
    return brokers.public(p.broker)


@router.get("/customers")
def customers(request: Request, p: Principal = Depends(principal)) -> CustomerChips:  # noqa: B008
    """The customer chips on Verträge."""
    with backend(request).store.tx() as db:
        return {"customers": sharing.customers(db, p.external, p.session)}


@router.get("/customers/{customer_id}/contracts")
def customer_contracts(
    request: Request,
    customer_id: PathId,
    p: Principal = Depends(principal),  # noqa: B008
) -> AppContracts:
    """Contracts of one visible customer (object-level authorisation)."""
    with backend(request).store.tx() as db:
        return {"contracts": sharing.contracts_of(db, p.external, p.session, customer_id)}


@router.get("/contracts/{contract_id}")
def contract(request: Request, contract_id: PathId, p: Principal = Depends(principal)) -> AppContractDetails:  # noqa: B008
    """Contract details with documents."""
    with backend(request).store.tx() as db:
        return sharing.contract(db, p.external, p.session, contract_id)


@router.post("/password/forgot", status_code=202)
def forgot(request: Request, body: ForgotBody) -> Message:
    """Passwort vergessen."""
    caller = enter_app_api(request, body.makler_id)
    return {"message": registration.forgot(backend(request), caller, body.email, body.makler_id)}


@router.post("/password/reset")
def reset(request: Request, body: ResetBody) -> Message:
    """New password with the mailed link."""
    enter_app_api(request)
    registration.reset(backend(request), body.token, body.password)
    return {"message": "Dein Passwort wurde geändert. Du kannst Dich jetzt anmelden."}
