"""A small in-memory model of the app API (docs/backend-api.md) for ``httpx.MockTransport``.

Just enough behaviour for the app's tests: accounts, token rotation, sharing,
minimum versions, outages, session invalidation, links. Every request is
recorded so tests can assert what the app called (and what it did not).
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any

import httpx

from simulator.backend.passwords import violations as policy_violations

PASSWORD = "Sicher!2026"
MAKLER_ID = "M-100"
_VERSION = re.compile(r"^\d+(\.\d+)*$")


def _v(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in text.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


@dataclass
class Account:
    email: str
    password: str
    customer_id: int
    confirmed: bool = True
    visible: list[int] = field(default_factory=list)


@dataclass
class SessionRow:
    account: Account
    access: str
    refresh: str
    revoked: bool = False


class Fail(Exception):
    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


class FakeBackend:
    """The fake app API; ``transport()`` plugs it into the app's httpx client."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ids = itertools.count(1000)
        self.requests: list[httpx.Request] = []
        self.broker = {
            "makler_id": MAKLER_ID,
            "name": "Makler Meier",
            "phone": "+49 30 123456",
            "address": "Hauptstraße 1, 10115 Berlin",
        }
        self.min_app = {"android": "3.0.0", "ios": "3.0.0"}
        self.min_os = {"android": "9", "ios": "15"}
        self.customers: dict[int, dict[str, Any]] = {
            1: {"id": 1, "name": "Max Mustermann", "kind": "person"},
            2: {"id": 2, "name": "Mustermann GmbH", "kind": "company"},
        }
        self.contracts: dict[int, list[dict[str, Any]]] = {
            1: [
                {
                    "id": 11,
                    "number": "HR-0001",
                    "insurer": "Allianz",
                    "line": "Hausrat",
                    "premium": 12.5,
                    "customer_id": 1,
                    "documents": [{"name": "Police.pdf"}, {"name": "Bedingungen.pdf"}],
                }
            ],
            2: [
                {
                    "id": 21,
                    "number": "BH-0002",
                    "insurer": "HDI",
                    "line": "Betriebshaftpflicht",
                    "premium": "1.234,00 €",
                    "customer_id": 2,
                    "documents": [],
                }
            ],
        }
        self.accounts: dict[str, Account] = {
            "max@example.com": Account("max@example.com", PASSWORD, customer_id=1, visible=[1]),
        }
        self.invited: set[str] = {"neu@example.com"}
        self.sessions: list[SessionRow] = []
        self.confirm_tokens: dict[str, str] = {}
        self.reset_tokens: dict[str, str] = {}
        self.outage_requests = 0
        self.down = False
        self.network_down = False

    # -- test controls --
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def share(self, email: str, customer_id: int) -> None:
        with self.lock:
            self.accounts[email].visible.append(customer_id)

    def invalidate_sessions(self, email: str) -> None:
        with self.lock:
            for row in self.sessions:
                if row.account.email == email:
                    row.revoked = True

    def expire_access_tokens(self) -> None:
        """Access tokens stop working; refresh tokens still do."""
        with self.lock:
            for row in self.sessions:
                row.access = "expired-" + row.access

    def calls(self, method: str | None = None, path: str | None = None) -> list[str]:
        with self.lock:
            seen = [f"{r.method} {r.url.path.removeprefix('/app/v1')}" for r in self.requests]
        return [
            c for c in seen if (method is None or c.startswith(method + " ")) and (path is None or c.endswith(path))
        ]

    def count(self, path: str) -> int:
        return len([c for c in self.calls() if c.split(" ", 1)[1] == path])

    def last_headers(self) -> httpx.Headers:
        with self.lock:
            return self.requests[-1].headers

    # -- dispatch --
    def handle(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.requests.append(request)
            if self.network_down:
                raise httpx.ConnectError("connection refused", request=request)
            try:
                status, body = self._route(request)
            except Fail as fail:
                return httpx.Response(
                    fail.status, json={"error": {"code": fail.code, "message": fail.message, **fail.extra}}
                )
        if status == 204:
            return httpx.Response(204)
        return httpx.Response(status, json=body)

    def _route(self, request: httpx.Request) -> tuple[int, Any]:
        path = request.url.path
        assert path.startswith("/app/v1/"), path
        path = path.removeprefix("/app/v1")
        if self.down or self.outage_requests > 0:
            self.outage_requests = max(0, self.outage_requests - 1)
            raise Fail(503, "service_unavailable", "Der Dienst ist vorübergehend nicht verfügbar.")
        body = json.loads(request.content) if request.content else {}
        self._check_versions(request)
        method = request.method
        if (method, path) == ("GET", "/config"):
            platform = request.url.params.get("platform", "android")
            return 200, {
                "min_app_version": self.min_app[platform],
                "min_os_version": self.min_os[platform],
                "latest_app_version": "4.0.0",
            }
        if (method, path) == ("POST", "/login"):
            return 200, self._login(body)
        if (method, path) == ("POST", "/token/refresh"):
            return 200, self._refresh(body)
        if (method, path) == ("POST", "/register"):
            return 202, self._register(body)
        if (method, path) == ("POST", "/register/confirm"):
            email = self.confirm_tokens.pop(body.get("token", ""), None)
            if email is None:
                raise Fail(400, "invalid_token", "Der Link ist ungültig oder abgelaufen.")
            self.accounts[email].confirmed = True
            return 200, {"message": "Deine Registrierung ist bestätigt."}
        if (method, path) == ("POST", "/password/forgot"):
            if body.get("email") in self.accounts:
                self.reset_tokens[f"reset-{next(self.ids)}"] = body["email"]
            return 202, {"message": "Wenn ein Konto existiert, haben wir Dir eine E-Mail geschickt."}
        if (method, path) == ("POST", "/password/reset"):
            email = self.reset_tokens.get(body.get("token", ""))
            if email is None:
                raise Fail(400, "invalid_token", "Der Link ist ungültig oder abgelaufen.")
            self._policy(body.get("password", ""))
            del self.reset_tokens[body["token"]]
            self.accounts[email].password = body["password"]
            return 200, {"message": "Dein Passwort wurde geändert."}
        row = self._principal(request)
        if (method, path) == ("POST", "/logout"):
            row.revoked = True
            return 204, None
        if (method, path) == ("GET", "/me"):
            customer = self.customers[row.account.customer_id]
            return 200, {
                "name": customer["name"],
                "email": row.account.email,
                "makler_id": MAKLER_ID,
                "customer_id": customer["id"],
            }
        if (method, path) == ("GET", "/broker"):
            return 200, dict(self.broker)
        if (method, path) == ("GET", "/customers"):
            return 200, {
                "customers": [
                    {**self.customers[cid], "primary": cid == row.account.customer_id} for cid in row.account.visible
                ]
            }
        match = re.fullmatch(r"/customers/(\d+)/contracts", path)
        if method == "GET" and match:
            cid = int(match.group(1))
            if cid not in row.account.visible:
                raise Fail(404, "not_found", "Kunde nicht gefunden.")
            return 200, {
                "contracts": [{k: v for k, v in c.items() if k != "documents"} for c in self.contracts.get(cid, [])]
            }
        match = re.fullmatch(r"/contracts/(\d+)", path)
        if method == "GET" and match:
            for cid in row.account.visible:
                for contract in self.contracts.get(cid, []):
                    if contract["id"] == int(match.group(1)):
                        return 200, contract
            raise Fail(404, "not_found", "Vertrag nicht gefunden.")
        raise Fail(404, "not_found", "Unbekannte Adresse.")

    # -- pieces --
    def _check_versions(self, request: httpx.Request) -> None:
        platform = request.headers.get("x-platform", "android")
        app, os_version = request.headers.get("x-app-version"), request.headers.get("x-os-version")
        for value in (app, os_version):
            if value is not None and not _VERSION.match(value):
                raise Fail(422, "validation_error", "Versionsnummer ungültig.")
        if os_version and _v(os_version) < _v(self.min_os[platform]):
            raise Fail(
                426, "os_update_required", "Bitte aktualisiere das Betriebssystem.", minimum=self.min_os[platform]
            )
        if app and _v(app) < _v(self.min_app[platform]):
            raise Fail(426, "app_update_required", "Bitte aktualisiere die Kunden-App.", minimum=self.min_app[platform])

    def _policy(self, password: str) -> None:
        violations = policy_violations(password)
        if violations:
            raise Fail(422, "password_policy", "Das Passwort erfüllt nicht alle Regeln.", violations=violations)

    def _login(self, body: dict[str, Any]) -> dict[str, Any]:
        account = self.accounts.get(body.get("email", ""))
        if body.get("makler_id") != MAKLER_ID or account is None or account.password != body.get("password"):
            raise Fail(401, "invalid_credentials", "E-Mail, Passwort oder Makler-ID ist falsch.")
        if not account.confirmed:
            raise Fail(403, "account_not_confirmed", "Bitte bestätige zuerst Deine E-Mail-Adresse.")
        return self._issue(account)

    def _issue(self, account: Account) -> dict[str, Any]:
        n = next(self.ids)
        row = SessionRow(account, access=f"access-{n}", refresh=f"refresh-{n}")
        self.sessions.append(row)
        return {"access_token": row.access, "refresh_token": row.refresh, "token_type": "Bearer", "expires_in": 900}

    def _refresh(self, body: dict[str, Any]) -> dict[str, Any]:
        for row in self.sessions:
            if row.refresh == body.get("refresh_token") and not row.revoked:
                row.revoked = True  # rotation: the old pair dies, a new one is issued
                return self._issue(row.account)
        raise Fail(400, "invalid_token", "Der Link ist ungültig oder abgelaufen.")

    def _register(self, body: dict[str, Any]) -> dict[str, Any]:
        self._policy(body.get("password", ""))
        email = body.get("email", "")
        if email in self.invited and body.get("makler_id") == MAKLER_ID:
            self.invited.discard(email)
            self.accounts[email] = Account(email, body["password"], customer_id=1, confirmed=False, visible=[1])
            self.confirm_tokens[f"confirm-{next(self.ids)}"] = email
        return {"message": "Bitte bestätige Deine E-Mail-Adresse über den Link in der E-Mail."}

    def _principal(self, request: httpx.Request) -> SessionRow:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        for row in self.sessions:
            if row.access == token and not row.revoked:
                return row
        raise Fail(401, "unauthorized", "Bitte melde Dich erneut an.")
