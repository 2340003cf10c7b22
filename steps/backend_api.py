"""A small typed client for the backend's admin API (the broker) and test-control API (the world)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx


class BackendApiError(Exception):
    """The backend answered with an error; carries status, code and the German message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Broker:
    """A tenant created through the test-control API."""

    makler_id: str
    api_key: str
    name: str
    phone: str
    address: str
    seed: int


@dataclass(frozen=True)
class Mail:
    """One message in a fake mailbox."""

    id: int
    to: str
    subject: str
    body: str
    kind: str
    folder: str
    links: list[str]


def _check(response: httpx.Response) -> Any:
    if response.status_code >= 400:
        try:
            error = response.json()["error"]
            code, message = str(error["code"]), str(error["message"])
        except (ValueError, KeyError, TypeError):
            code, message = "http_error", response.text[:200]
        raise BackendApiError(response.status_code, code, message)
    return response.json() if response.content else None


def _mail(data: dict[str, Any]) -> Mail:
    return Mail(
        int(data["id"]), data["to"], data["subject"], data["body"], data["kind"], data["folder"], list(data["links"])
    )


class BackendApi:
    """The test-control surface: tenants, mailboxes, clock, faults."""

    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = httpx.Client(base_url=self.base_url, timeout=timeout)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> BackendApi:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def create_broker(
        self,
        seed: int | None = None,
        *,
        sender_authenticated: bool = True,
        min_versions: dict[str, dict[str, str]] | None = None,
    ) -> Broker:
        """A fresh broker with Faker data; ``seed`` replays the same data."""
        body: dict[str, Any] = {"sender_authenticated": sender_authenticated}
        if seed is not None:
            body["seed"] = seed
        if min_versions:
            body["min_versions"] = min_versions
        data = _check(self._http.post("/test/v1/brokers", json=body))
        return Broker(data["makler_id"], data["api_key"], data["name"], data["phone"], data["address"], data["seed"])

    def delete_broker(self, makler_id: str) -> None:
        """Release a tenant and everything it owns (a finished scenario's broker)."""
        _check(self._http.delete(f"/test/v1/brokers/{makler_id}"))

    def admin(self, broker: Broker) -> BrokerAdmin:
        """The broker's Administration, authenticated with its API key."""
        return BrokerAdmin(self._http, broker)

    def mailbox(self, address: str, folder: str | None = None, kind: str | None = None) -> list[Mail]:
        """Messages to an address, oldest first."""
        params = {k: v for k, v in (("folder", folder), ("kind", kind)) if v}
        return [_mail(m) for m in _check(self._http.get(f"/test/v1/mailbox/{address}", params=params))["messages"]]

    def latest_mail(self, address: str, kind: str | None = None) -> Mail:
        """The newest message to an address (of one kind)."""
        params = {"kind": kind} if kind else {}
        return _mail(_check(self._http.get(f"/test/v1/mailbox/{address}/latest", params=params)))

    def wait_for_mail(self, address: str, kind: str | None = None, timeout: float = 10.0) -> Mail:
        """The newest message of a kind, waiting until the (possibly slow) app has caused it to be sent."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self.latest_mail(address, kind)
            except BackendApiError as error:
                if error.status != 404 or time.monotonic() > deadline:
                    raise
            time.sleep(0.02)  # poll interval of a condition wait with a deadline

    def advance_clock(self, seconds: float, makler_id: str | None = None) -> None:
        """Move one broker's clock (or everyone's) forward."""
        _check(self._http.post("/test/v1/clock/advance", json={"seconds": seconds, "makler_id": makler_id}))

    def inject_outage(self, makler_id: str, *, requests: int = 0, seconds: float = 0) -> None:
        """503 for the broker's next ``requests`` app calls and/or for ``seconds`` of its clock."""
        body = {"makler_id": makler_id, "outage_requests": requests, "outage_seconds": seconds}
        _check(self._http.post("/test/v1/faults", json=body))

    def clear_faults(self, makler_id: str | None = None) -> None:
        """End injected faults."""
        _check(self._http.delete("/test/v1/faults", params={"makler_id": makler_id} if makler_id else {}))

    def invalidate_sessions(self, makler_id: str, email: str) -> int:
        """Break an account's sessions server-side."""
        body = {"makler_id": makler_id, "email": email}
        return int(_check(self._http.post("/test/v1/sessions/invalidate", json=body))["revoked"])


class BrokerAdmin:
    """Administration of one broker (admin API)."""

    def __init__(self, http: httpx.Client, broker: Broker) -> None:
        self._http = http
        self.broker = broker
        self._headers = {"X-API-Key": broker.api_key}

    def _call(self, method: str, path: str, json: Any = None, params: dict[str, str] | None = None) -> Any:
        response = self._http.request(method, f"/admin/v1{path}", json=json, params=params, headers=self._headers)
        return _check(response)

    def kundenapp(self) -> dict[str, str]:
        """Konto -> Kundenapp: Makler-ID and app link."""
        return dict(self._call("GET", "/konto/kundenapp"))

    def set_minimums(self, platform: str, *, app: str | None = None, os: str | None = None) -> None:
        """Minimum app / OS version for a platform."""
        self._call("PUT", "/settings/app", json={platform: {"min_app_version": app, "min_os_version": os}})

    def set_sender_authenticated(self, value: bool) -> None:
        """SPF/DKIM for this broker's mail."""
        self._call("PUT", "/settings/mail", json={"sender_authenticated": value})

    def create_customer(self, name: str, email: str | None = None, kind: str = "person") -> dict[str, Any]:
        """A new customer."""
        return dict(self._call("POST", "/customers", json={"name": name, "email": email, "kind": kind}))

    def add_contract(
        self,
        customer_id: int,
        number: str,
        *,
        insurer: str = "Allianz",
        line: str = "Hausrat",
        premium: str = "12,50 €",
        documents: list[str] | None = None,
    ) -> dict[str, Any]:
        """A new contract on a customer."""
        body = {"number": number, "insurer": insurer, "line": line, "premium": premium, "documents": documents or []}
        return dict(self._call("POST", f"/customers/{customer_id}/contracts", json=body))

    def add_contact(self, customer_id: int, name: str, email: str | None, kundenportal: bool) -> dict[str, Any]:
        """Kontakte -> Personen -> hinzufügen."""
        body = {"name": name, "email": email, "kundenportal": kundenportal}
        return dict(self._call("POST", f"/customers/{customer_id}/contacts", json=body))

    def edit_contact(self, customer_id: int, contact_id: int, **changes: Any) -> dict[str, Any]:
        """3-Punkte-Menü -> Bearbeiten (email, kundenportal)."""
        return dict(self._call("PATCH", f"/customers/{customer_id}/contacts/{contact_id}", json=changes))

    def remove_contact(self, customer_id: int, contact_id: int) -> None:
        """Remove a contact."""
        self._call("DELETE", f"/customers/{customer_id}/contacts/{contact_id}")

    def invite(self, customer_id: int, email: str | None = None) -> dict[str, Any]:
        """Invite a customer to the app."""
        return dict(self._call("POST", f"/customers/{customer_id}/invitation", json={"email": email}))

    def externe(self, status: str | None = None) -> list[dict[str, Any]]:
        """Externe -> Eingeladene / Aktive / Deaktiviert."""
        return list(self._call("GET", "/externe", params={"status": status} if status else None)["externe"])

    def external_by_email(self, email: str) -> dict[str, Any]:
        """The account of one e-mail address."""
        for external in self.externe():
            if external["email"].casefold() == email.casefold():
                return external
        raise BackendApiError(404, "not_found", f"kein Externer mit {email}")

    def change_state(self, email: str, action: str) -> dict[str, Any]:
        """activate / deactivate / reactivate the account of an e-mail address."""
        external = self.external_by_email(email)
        return dict(self._call("POST", f"/externe/{external['id']}/{action}"))
