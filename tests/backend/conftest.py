"""Every backend test gets its own broker (tenant) on the shared backend of tests/conftest.py."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

PASSWORD = "Sicher!2026"
_counter = itertools.count(1)


@dataclass
class Tenant:
    """A fresh broker plus shortcuts for the admin, app and test-control calls a test needs."""

    http: httpx.Client
    data: dict[str, Any]
    app_headers: dict[str, str] = field(default_factory=lambda: {"X-Platform": "android", "X-App-Version": "4.0.0"})

    @property
    def makler_id(self) -> str:
        return str(self.data["makler_id"])

    @property
    def admin(self) -> dict[str, str]:
        return {"X-API-Key": self.data["api_key"]}

    def email(self, domain: str = "example.com") -> str:
        return f"kunde{next(_counter)}.{self.makler_id.lower()}@{domain}"

    def customer(self, name: str = "Max Mustermann", email: str | None = None, kind: str = "person") -> dict[str, Any]:
        r = self.http.post("/admin/v1/customers", json={"name": name, "kind": kind, "email": email}, headers=self.admin)
        assert r.status_code == 201, r.text
        return dict(r.json())

    def contract(self, customer_id: int, number: str, documents: list[str] | None = None) -> dict[str, Any]:
        body = {
            "number": number,
            "insurer": "Allianz",
            "line": "Hausrat",
            "premium": "12,50 €",
            "documents": documents or [],
        }
        r = self.http.post(f"/admin/v1/customers/{customer_id}/contracts", json=body, headers=self.admin)
        assert r.status_code == 201, r.text
        return dict(r.json())

    def contact(self, customer_id: int, email: str | None, kundenportal: bool = True) -> dict[str, Any]:
        body = {"name": "Kontakt", "email": email, "kundenportal": kundenportal}
        r = self.http.post(f"/admin/v1/customers/{customer_id}/contacts", json=body, headers=self.admin)
        assert r.status_code == 201, r.text
        return dict(r.json())

    def invite(self, customer_id: int, email: str | None = None) -> dict[str, Any]:
        r = self.http.post(f"/admin/v1/customers/{customer_id}/invitation", json={"email": email}, headers=self.admin)
        assert r.status_code == 201, r.text
        return dict(r.json())

    def latest(self, address: str, kind: str | None = None) -> dict[str, Any]:
        params = {"kind": kind} if kind else {}
        r = self.http.get(f"/test/v1/mailbox/{address}/latest", params=params)
        assert r.status_code == 200, r.text
        return dict(r.json())

    def link_token(self, address: str, kind: str) -> str:
        link = self.latest(address, kind)["links"][0]
        return str(link.split("token=")[1])

    def register(
        self, email: str, password: str = PASSWORD, makler_id: str | None = None, invitation: str | None = None
    ) -> httpx.Response:
        """POST /app/v1/register; ``invitation`` is the secret of an invitation link (the app sends it when the
        registration was opened from the link)."""
        body = {"email": email, "makler_id": makler_id or self.makler_id, "password": password}
        if invitation is not None:
            body["invitation_token"] = invitation
        return self.http.post("/app/v1/register", json=body, headers=self.app_headers)

    def login(
        self, email: str, password: str = PASSWORD, makler_id: str | None = None, **headers: str
    ) -> httpx.Response:
        body = {
            "email": email,
            "password": password,
            "makler_id": makler_id if makler_id is not None else self.makler_id,
        }
        return self.http.post("/app/v1/login", json=body, headers={**self.app_headers, **headers})

    def active_account(self, name: str = "Max Mustermann", domain: str = "example.com") -> tuple[dict[str, Any], str]:
        """A customer invited, registered and confirmed; returns (customer, e-mail)."""
        email = self.email(domain)
        customer = self.customer(name, email)
        self.invite(customer["id"])
        assert self.register(email).status_code == 202
        token = self.link_token(email, "confirmation")
        assert self.http.post("/app/v1/register/confirm", json={"token": token}).status_code == 200
        return customer, email

    def bearer(self, email: str, password: str = PASSWORD, **headers: str) -> dict[str, str]:
        r = self.login(email, password, **headers)
        assert r.status_code == 200, r.text
        return {**self.app_headers, **headers, "Authorization": f"Bearer {r.json()['access_token']}"}

    def advance(self, seconds: float) -> None:
        r = self.http.post("/test/v1/clock/advance", json={"seconds": seconds, "makler_id": self.makler_id})
        assert r.status_code == 200, r.text

    def externe(self, status: str | None = None) -> list[dict[str, Any]]:
        r = self.http.get("/admin/v1/externe", params={"status": status} if status else {}, headers=self.admin)
        assert r.status_code == 200, r.text
        return list(r.json()["externe"])


@pytest.fixture()
def tenant(http: httpx.Client) -> Tenant:
    r = http.post("/test/v1/brokers", json={})
    assert r.status_code == 201, r.text
    return Tenant(http, r.json())


def error_code(response: httpx.Response) -> str:
    """The error code of a JSON error answer."""
    return str(response.json()["error"]["code"])
