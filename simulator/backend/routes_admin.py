"""Route table of the admin API (/admin/v1): the broker's "Administration", one API key per broker."""

from __future__ import annotations

import sqlite3

from fastapi import APIRouter, Depends, Request, Response

from simulator.backend import accounts, brokers, customers, registration
from simulator.backend.deps import admin_broker, backend
from simulator.backend.errors import error_responses
from simulator.backend.models import (
    AppSettingsBody,
    ContactBody,
    ContactPatch,
    ContractBody,
    CustomerBody,
    InvitationBody,
    MailSettingsBody,
    PathId,
)
from simulator.spec.api import (
    AppSettings,
    Contact,
    Contacts,
    Contract,
    Contracts,
    Customer,
    Customers,
    External,
    ExternalChanged,
    Externals,
    Kundenapp,
    MailSettings,
)
from simulator.spec.vocabulary import AccountStateValue

router = APIRouter(
    prefix="/admin/v1", tags=["admin"], responses=error_responses(400, 401, 404, 409, 413, 422, 431, 501)
)
Broker = sqlite3.Row
AdminBroker = Depends(admin_broker)


@router.get("/konto/kundenapp")
def kundenapp(request: Request, broker: Broker = AdminBroker) -> Kundenapp:
    """Administration -> Konto -> Kundenapp: the Makler-ID customers need for the login."""
    return {
        "makler_id": broker["makler_id"],
        "app_link": accounts.app_link(backend(request), "einladung", makler_id=broker["makler_id"]),
    }


@router.get("/settings/app")
def get_app_settings(request: Request, broker: Broker = AdminBroker) -> AppSettings:
    """Minimum app and OS version per platform."""
    with backend(request).store.tx() as db:
        return brokers.app_settings(db, broker["id"])


@router.put("/settings/app")
def put_app_settings(request: Request, body: AppSettingsBody, broker: Broker = AdminBroker) -> AppSettings:
    """Change the minimums (missing values stay)."""
    with backend(request).store.tx() as db:
        for platform in ("android", "ios"):
            values = getattr(body, platform)
            if values is not None:
                brokers.set_minimums(db, broker["id"], platform, values.model_dump())
        return brokers.app_settings(db, broker["id"])


@router.get("/settings/mail")
def get_mail_settings(request: Request, broker: Broker = AdminBroker) -> MailSettings:
    """Whether mail sent for this broker is sender-authenticated (SPF/DKIM)."""
    return {"sender_authenticated": bool(broker["sender_authenticated"])}


@router.put("/settings/mail")
def put_mail_settings(request: Request, body: MailSettingsBody, broker: Broker = AdminBroker) -> MailSettings:
    """Turn sender authentication on or off."""
    with backend(request).store.tx() as db:
        brokers.set_sender_authenticated(db, broker["id"], body.sender_authenticated)
    return {"sender_authenticated": body.sender_authenticated}


@router.get("/customers")
def list_customers(request: Request, broker: Broker = AdminBroker) -> Customers:
    """All customers."""
    with backend(request).store.tx() as db:
        return {"customers": customers.listing(db, broker["id"])}


@router.post("/customers", status_code=201)
def create_customer(request: Request, body: CustomerBody, broker: Broker = AdminBroker) -> Customer:
    """A new customer (person or company)."""
    with backend(request).store.tx() as db:
        return customers.create(db, broker["id"], body.name, body.kind, body.email)


@router.get("/customers/{customer_id}")
def get_customer(request: Request, customer_id: PathId, broker: Broker = AdminBroker) -> Customer:
    """One customer."""
    with backend(request).store.tx() as db:
        return customers.customer_dict(customers.get(db, broker["id"], customer_id))


@router.get("/customers/{customer_id}/contracts")
def list_contracts(request: Request, customer_id: PathId, broker: Broker = AdminBroker) -> Contracts:
    """Contracts of a customer."""
    with backend(request).store.tx() as db:
        return {"contracts": customers.contracts(db, broker["id"], customer_id)}


@router.post("/customers/{customer_id}/contracts", status_code=201)
def create_contract(
    request: Request, customer_id: PathId, body: ContractBody, broker: Broker = AdminBroker
) -> Contract:
    """A new contract."""
    with backend(request).store.tx() as db:
        contract: customers.NewContract = {
            "number": body.number,
            "insurer": body.insurer,
            "line": body.line,
            "premium": body.premium,
            "documents": body.documents,
        }
        return customers.add_contract(db, broker["id"], customer_id, contract)


@router.delete("/contracts/{contract_id}", status_code=204)
def delete_contract(request: Request, contract_id: PathId, broker: Broker = AdminBroker) -> Response:
    """Remove a contract."""
    with backend(request).store.tx() as db:
        customers.remove_contract(db, broker["id"], contract_id)
    return Response(status_code=204)


@router.get("/customers/{customer_id}/contacts")
def list_contacts(request: Request, customer_id: PathId, broker: Broker = AdminBroker) -> Contacts:
    """Kontakte -> Personen."""
    with backend(request).store.tx() as db:
        return {"contacts": customers.contacts(db, broker["id"], customer_id)}


@router.post("/customers/{customer_id}/contacts", status_code=201)
def create_contact(request: Request, customer_id: PathId, body: ContactBody, broker: Broker = AdminBroker) -> Contact:
    """Add a person as a contact (with or without e-mail)."""
    with backend(request).store.tx() as db:
        return customers.add_contact(db, broker["id"], customer_id, body.name, body.email, body.kundenportal)


@router.patch("/customers/{customer_id}/contacts/{contact_id}")
def edit_contact(
    request: Request, customer_id: PathId, contact_id: PathId, body: ContactPatch, broker: Broker = AdminBroker
) -> Contact:
    """3-Punkte-Menü -> Bearbeiten: e-mail and Kundenportal."""
    with backend(request).store.tx() as db:
        changes: customers.ContactChanges = {}
        if "name" in body.model_fields_set:
            changes["name"] = body.name
        if "email" in body.model_fields_set:
            changes["email"] = body.email
        if "kundenportal" in body.model_fields_set:
            changes["kundenportal"] = body.kundenportal
        return customers.edit_contact(db, broker["id"], customer_id, contact_id, changes)


@router.delete("/customers/{customer_id}/contacts/{contact_id}", status_code=204)
def delete_contact(request: Request, customer_id: PathId, contact_id: PathId, broker: Broker = AdminBroker) -> Response:
    """Remove a contact."""
    with backend(request).store.tx() as db:
        customers.remove_contact(db, broker["id"], customer_id, contact_id)
    return Response(status_code=204)


@router.post("/customers/{customer_id}/invitation", status_code=201)
def invite(
    request: Request, customer_id: PathId, body: InvitationBody | None = None, broker: Broker = AdminBroker
) -> External:
    """Invite the customer to the app (mail with Makler-ID and app link)."""
    return registration.invite(backend(request), broker, customer_id, body.email if body else None)


@router.get("/externe")
def externe(
    request: Request,
    status: AccountStateValue | None = None,
    broker: Broker = AdminBroker,
) -> Externals:
    """Administration -> Externe -> Eingeladene / Aktive / Deaktiviert."""
    with backend(request).store.tx() as db:
        return {"externe": accounts.listing(db, broker["id"], status)}


@router.post("/externe/{external_id}/activate")
def activate(request: Request, external_id: PathId, broker: Broker = AdminBroker) -> ExternalChanged:
    """Eingeladene: activate manually."""
    return accounts.change_state(backend(request), broker, external_id, "activate")


@router.post("/externe/{external_id}/deactivate")
def deactivate(request: Request, external_id: PathId, broker: Broker = AdminBroker) -> ExternalChanged:
    """Deactivate an account; its running sessions end."""
    return accounts.change_state(backend(request), broker, external_id, "deactivate")


@router.post("/externe/{external_id}/reactivate")
def reactivate(request: Request, external_id: PathId, broker: Broker = AdminBroker) -> ExternalChanged:
    """Deaktiviert -> 3-Punkte-Menü -> wieder aktivieren."""
    return accounts.change_state(backend(request), broker, external_id, "reactivate")
