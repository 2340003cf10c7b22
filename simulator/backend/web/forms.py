"""Reading console forms: the signed-in session, its CSRF token, and field checks with German messages."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from starlette.datastructures import FormData
from starlette.requests import Request

from simulator.backend import brokers
from simulator.backend.errors import ApiError
from simulator.backend.services import Services
from simulator.backend.versions import is_version
from simulator.backend.web.sessions import COOKIE, ConsoleSession, ConsoleSessions, same_token

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")  # the admin API's e-mail rule (models.Email)
MAX_NAME = 200
MAX_EMAIL = 254


class SignInRequired(Exception):
    """No (live) console session: the answer is the sign-in page."""


class FormError(ValueError):
    """A field that does not pass; the message is German and shown to the broker."""


def csrf_refused() -> ApiError:
    """403 for a form without the session's token (a forged or stale form)."""
    message = "Das Formular ist abgelaufen oder ungültig. Bitte lade die Seite neu und versuche es erneut."
    return ApiError(403, "csrf", message)


@dataclass(frozen=True)
class Signed:
    """A request of a signed-in broker."""

    session: ConsoleSession
    broker: sqlite3.Row


def sessions(request: Request) -> ConsoleSessions:
    """The console sessions of this backend."""
    s: ConsoleSessions = request.app.state.konsole_sessions
    return s


def backend(request: Request) -> Services:
    """The backend serving this request."""
    b: Services = request.app.state.backend
    return b


def signed_in(request: Request) -> Signed:
    """The broker of this browser's console session; SignInRequired otherwise."""
    session = sessions(request).get(request.cookies.get(COOKIE))
    if session is None:
        raise SignInRequired
    with backend(request).store.tx() as db:
        broker = brokers.by_id(db, session.broker_id)
    # The broker may have been released or wiped (test-control API), and SQLite hands its row id to
    # the next tenant: the session holds only for the very broker that signed in.
    if broker is None or broker["api_key_hash"] != session.key_hash:
        raise SignInRequired
    backend(request).touch(broker["makler_id"])
    return Signed(session, broker)


async def posted(request: Request) -> tuple[Signed, FormData]:
    """A signed-in form post whose CSRF token matches its session; 403 otherwise."""
    signed = signed_in(request)
    form = await request.form()
    if not same_token(signed.session.csrf, form.get("csrf")):
        raise csrf_refused()
    return signed, form


def text(form: FormData, name: str, label: str, *, required: bool = True, limit: int = MAX_NAME) -> str:
    """A trimmed text field."""
    value = form.get(name)
    value = value.strip() if isinstance(value, str) else ""
    if required and not value:
        raise FormError(f"Bitte „{label}“ ausfüllen.")
    if len(value) > limit:
        raise FormError(f"„{label}“ darf höchstens {limit} Zeichen lang sein.")
    return value


def email(form: FormData, name: str = "email", *, required: bool = False) -> str | None:
    """An optional e-mail address (empty means none)."""
    value = text(form, name, "E-Mail", required=required, limit=MAX_EMAIL)
    if not value:
        return None
    if not _EMAIL.match(value):
        raise FormError(f"„{value}“ ist keine gültige E-Mail-Adresse.")
    return value


def version(form: FormData, name: str, label: str) -> str:
    """A dotted version number such as 3.5.2 or 14."""
    value = text(form, name, label, limit=32)
    if not is_version(value):
        raise FormError(f"„{label}“: „{value}“ ist keine Versionsnummer (z. B. 3.5.2 oder 14).")
    return value


def checked(form: FormData, name: str) -> bool:
    """A checkbox: present means on."""
    return form.get(name) is not None
