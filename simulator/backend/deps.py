"""Request-level helpers shared by the route tables: the backend, the calling app, the principal."""

from __future__ import annotations

import json
import sqlite3

from fastapi import Request

from simulator.backend import accounts, brokers, sessions
from simulator.backend.accounts import Client, Principal
from simulator.backend.errors import ApiError
from simulator.backend.services import Services
from simulator.backend.versions import is_version


def backend(request: Request) -> Services:
    """The backend serving this request."""
    b: Services = request.app.state.backend
    return b


async def touch_named_broker(request: Request) -> None:
    """A test-control request that names a broker (``makler_id`` in the path, the query or the JSON body) keeps
    it from expiring (``serve --expire-idle``): one rule for the whole route table, none to forget.

    The body is read as FastAPI reads it (Starlette keeps it for the route); one that is no JSON
    object is left to the route's validation.
    """
    named = request.path_params.get("makler_id") or request.query_params.get("makler_id")
    if named is None and request.method in ("POST", "PUT", "PATCH"):
        try:
            body = json.loads(await request.body() or b"null")
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("makler_id"), str):
            named = body["makler_id"]
    if named:
        backend(request).touch(named)


def client(request: Request) -> Client:
    """Platform and versions from the app's headers (absent headers skip the version gate)."""
    platform = request.headers.get("x-platform", "android").strip().lower()
    if platform not in ("android", "ios"):
        raise ApiError(422, "validation_error", "X-Platform muss „android“ oder „ios“ sein.")
    versions = {}
    for header in ("x-app-version", "x-os-version"):
        value = request.headers.get(header)
        if value is not None and not is_version(value.strip()):
            raise ApiError(422, "validation_error", f"{header} ist keine Versionsnummer.")
        versions[header] = value.strip() if value else None
    return Client(platform, versions["x-app-version"], versions["x-os-version"])


def enter_app_api(request: Request, makler_id: str | None = None) -> Client:
    """Start of an unauthenticated app request: injected faults for this broker, then the caller's versions."""
    scope = makler_id or request.headers.get("x-makler-id")
    b = backend(request)
    b.touch(scope)
    b.faults.apply(brokers.normalise_makler_id(scope) if scope else None)
    return client(request)


def principal(request: Request) -> Principal:
    """Start of an authenticated app request: token, injected faults, version gate."""
    b = backend(request)
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    p = sessions.authenticate(b, token.strip() if scheme.lower() == "bearer" else None)
    b.touch(p.broker["makler_id"])
    b.faults.apply(p.broker["makler_id"])
    caller = client(request)
    with b.store.tx() as db:
        accounts.check_version(db, p.broker, caller)
    return p


def admin_broker(request: Request) -> sqlite3.Row:
    """The broker whose admin API key this request carries."""
    b = backend(request)
    with b.store.tx() as db:
        broker = brokers.by_api_key(db, request.headers.get("x-api-key"))
    b.touch(broker["makler_id"])
    return broker
