"""Administration of one broker (admin API ``/admin/v1``, authenticated with the broker's API key)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from simulator.client.http import BackendError, Http
from simulator.client.models import (
    AppSettings,
    Broker,
    Contact,
    Contract,
    Customer,
    External,
    Kundenapp,
    Minimums,
    app_settings,
)
from simulator.spec import api
from simulator.spec.vocabulary import AccountState


class BrokerAdmin:
    """What a broker does in the Administration: customers, contacts, invitations, externals, settings."""

    def __init__(self, http: Http, api_key: str, broker: Broker | None = None) -> None:
        self._http = http
        self.api_key = api_key
        self.broker = broker

    def _call(self, method: str, path: str, json: Any = None, params: dict[str, str] | None = None) -> Any:
        return self._http.call(method, f"/admin/v1{path}", json, api_key=self.api_key, params=params)

    def kundenapp(self) -> Kundenapp:
        """Konto -> Kundenapp: Makler-ID and app link."""
        data: api.Kundenapp = self._call("GET", "/konto/kundenapp")
        return Kundenapp.of(data)

    def app_settings(self) -> AppSettings:
        """Minimum app / OS version per platform."""
        data: api.AppSettings = self._call("GET", "/settings/app")
        return app_settings(data)

    def put_app_settings(self, settings: AppSettings) -> None:
        """Set the minimums of these platforms (the others stay)."""
        self._call("PUT", "/settings/app", json={p: asdict(m) for p, m in settings.items()})

    def set_minimums(self, platform: str, *, app: str | None = None, os: str | None = None) -> None:
        """Minimum app / OS version for a platform."""
        self.put_app_settings({platform: Minimums(app, os)})

    def set_sender_authenticated(self, value: bool) -> None:
        """SPF/DKIM for this broker's mail."""
        self._call("PUT", "/settings/mail", json={"sender_authenticated": value})

    def create_customer(self, name: str, email: str | None = None, kind: str = "person") -> Customer:
        """A new customer."""
        return Customer.of(self._call("POST", "/customers", json={"name": name, "email": email, "kind": kind}))

    def add_contract(
        self,
        customer_id: int,
        number: str,
        *,
        insurer: str = "Allianz",
        line: str = "Hausrat",
        premium: str = "12,50 €",
        documents: list[str] | None = None,
    ) -> Contract:
        """A new contract on a customer."""
        body = {"number": number, "insurer": insurer, "line": line, "premium": premium, "documents": documents or []}
        return Contract.of(self._call("POST", f"/customers/{customer_id}/contracts", json=body))

    def contacts(self, customer_id: int) -> list[Contact]:
        """Kontakte -> Personen of one customer."""
        contacts: api.Contacts = self._call("GET", f"/customers/{customer_id}/contacts")
        return [Contact.of(c) for c in contacts["contacts"]]

    def add_contact(self, customer_id: int, name: str, email: str | None, kundenportal: bool) -> Contact:
        """Kontakte -> Personen -> hinzufügen."""
        body = {"name": name, "email": email, "kundenportal": kundenportal}
        return Contact.of(self._call("POST", f"/customers/{customer_id}/contacts", json=body))

    def edit_contact(
        self, customer_id: int, contact_id: int, *, email: str | None = None, kundenportal: bool | None = None
    ) -> Contact:
        """3-Punkte-Menü -> Bearbeiten: the given fields change, the others stay."""
        changes = {k: v for k, v in (("email", email), ("kundenportal", kundenportal)) if v is not None}
        return Contact.of(self._call("PATCH", f"/customers/{customer_id}/contacts/{contact_id}", json=changes))

    def remove_contact(self, customer_id: int, contact_id: int) -> None:
        """Remove a contact."""
        self._call("DELETE", f"/customers/{customer_id}/contacts/{contact_id}")

    def invite(self, customer_id: int, email: str | None = None) -> api.External:
        """Invite a customer to the app."""
        invited: api.External = self._call("POST", f"/customers/{customer_id}/invitation", json={"email": email})
        return invited

    def externe(self, status: AccountState | None = None) -> list[External]:
        """Externe -> Eingeladene / Aktive / Deaktiviert."""
        listed: api.Externals = self._call("GET", "/externe", params={"status": status} if status else None)
        return [External.of(e) for e in listed["externe"]]

    def external_by_email(self, email: str) -> External:
        """The account of one e-mail address."""
        for external in self.externe():
            if external.email.casefold() == email.casefold():
                return external
        raise BackendError(404, "not_found", f"kein Externer mit {email}")

    def change_state(self, email: str, action: str) -> api.ExternalChanged:
        """activate / deactivate / reactivate the account of an e-mail address."""
        external = self.external_by_email(email)
        changed: api.ExternalChanged = self._call("POST", f"/externe/{external.id}/{action}")
        return changed
