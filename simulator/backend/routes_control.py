"""Route table of the test-control API (/test/v1): tenants, mailboxes, clock, faults, world state (simulator only)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Request, Response

from simulator.backend import brokers, export, mail, mechanisms, seeding, sessions
from simulator.backend.deps import backend, touch_named_broker
from simulator.backend.errors import error_responses, not_found
from simulator.backend.models import (
    AdvanceBody,
    FaultBody,
    InvalidateBody,
    MechanismBody,
    ProviderList,
    StopClockBody,
)
from simulator.backend.seeding import AttemptBody, ExternalBody, MessageBody, SessionBody, WorldBrokerBody
from simulator.spec.api import (
    Attempt,
    BrokerCreated,
    Clock,
    Export,
    External,
    Fault,
    Mail,
    Mails,
    MechanismModes,
    Mechanisms,
    Providers,
    Revoked,
    Tokens,
)

router = APIRouter(
    prefix="/test/v1",
    tags=["test-control"],
    responses=error_responses(400, 401, 404, 409, 413, 422, 431, 501),
    dependencies=[Depends(touch_named_broker)],  # a request naming a broker keeps it (serve --expire-idle)
)


@router.post("/brokers", status_code=201)
def create_broker(request: Request, body: WorldBrokerBody | None = None) -> BrokerCreated:
    """A fresh tenant with Faker data (de_DE); the seed is returned so a failure can be replayed."""
    body = body or WorldBrokerBody()
    b = backend(request)
    with b.store.tx() as db:
        seeding.check_key_free(db, body.api_key)
        created = brokers.create(
            db,
            now=b.clock.now(),
            seed=body.seed,
            sender_authenticated=body.sender_authenticated,
            name=body.name,
            makler_id=body.makler_id,
            api_key=body.api_key,
        )
        seeding.set_contact_data(db, created["makler_id"], body.phone, body.address)
        if body.phone is not None:
            created["phone"] = body.phone
        if body.address is not None:
            created["address"] = body.address
        if body.min_versions is not None:
            broker = brokers.by_makler_id(db, created["makler_id"])
            assert broker is not None  # noqa: S101 - inserted just above
            for platform in ("android", "ios"):
                values = getattr(body.min_versions, platform)
                if values is not None:
                    brokers.set_minimums(db, broker["id"], platform, values.model_dump())
    b.touch(created["makler_id"])
    return created


@router.delete("/brokers/{makler_id}", status_code=204)
def delete_broker(request: Request, makler_id: str) -> Response:
    """Release a finished scenario's tenant: its customers, accounts, links, sessions, mail, clock, faults."""
    if not backend(request).release_broker(makler_id):
        raise not_found("Makler")
    return Response(status_code=204)


@router.get("/mailbox/{address}")
def mailbox(request: Request, address: str, folder: str | None = None, kind: str | None = None) -> Mails:
    """Messages to one address (oldest first), each with the folder it was filed in."""
    with backend(request).store.tx() as db:
        return {"messages": mail.mailbox(db, address, folder, kind)}


@router.get("/mailbox/{address}/latest")
def latest(request: Request, address: str, folder: str | None = None, kind: str | None = None) -> Mail:
    """The newest message to this address; 404 when there is none."""
    with backend(request).store.tx() as db:
        messages = mail.mailbox(db, address, folder, kind)
    if not messages:
        raise not_found("Nachricht")
    return messages[-1]


@router.delete("/mailbox/{address}", status_code=204)
def clear_mailbox(request: Request, address: str) -> Response:
    """Empty one address's mailbox."""
    with backend(request).store.tx() as db:
        db.execute("DELETE FROM messages WHERE recipient_norm = ?", (mail.normalise(address),))
    return Response(status_code=204)


@router.get("/mail-providers")
def get_providers(request: Request) -> Providers:
    """Provider rules: domains, spam folder name, strictness."""
    with backend(request).store.tx() as db:
        return {"providers": [p.as_dict() for p in mail.providers(db)]}


@router.put("/mail-providers")
def put_providers(request: Request, body: ProviderList) -> Providers:
    """Replace the provider rules (keep a catch-all "*" provider last)."""
    rules = [mail.Provider(p.name, tuple(p.domains), p.spam_folder, p.strict) for p in body]
    with backend(request).store.tx() as db:
        mail.install_providers(db, rules)
        return {"providers": [p.as_dict() for p in mail.providers(db)]}


@router.get("/clock")
def clock(request: Request, makler_id: str | None = None) -> Clock:
    """Current time of one broker (or the global clock)."""
    scope = brokers.normalise_makler_id(makler_id) if makler_id else None
    return {"now": backend(request).clock.now(scope)}


@router.post("/clock/advance")
def advance(request: Request, body: AdvanceBody) -> Clock:
    """Move one broker's clock (or everyone's) forward: link expiry, token expiry, throttling windows."""
    scope = brokers.normalise_makler_id(body.makler_id) if body.makler_id else None
    return {"now": backend(request).clock.advance(body.seconds, scope)}


@router.post("/clock/stop")
def stop_clock(request: Request, body: StopClockBody) -> Clock:
    """Stop one broker's clock: only ``/clock/advance`` moves it on (exact link and token expiry); 404 for none."""
    b = backend(request)
    with b.store.tx() as db:
        broker = brokers.by_makler_id(db, body.makler_id)
    if broker is None:
        raise not_found("Makler")
    return {"now": b.clock.stop(broker["makler_id"])}


@router.post("/faults")
def set_fault(request: Request, body: FaultBody) -> Fault:
    """Inject an outage (503 for N requests or S seconds) and/or latency into the app API."""
    scope = brokers.normalise_makler_id(body.makler_id) if body.makler_id else ""
    backend(request).faults.set(
        scope,
        outage_requests=body.outage_requests,
        outage_seconds=body.outage_seconds,
        latency_ms=body.latency_ms,
    )
    return {
        "makler_id": scope or None,
        "outage_requests": body.outage_requests,
        "outage_seconds": body.outage_seconds,
        "latency_ms": body.latency_ms,
    }


@router.delete("/faults", status_code=204)
def clear_faults(request: Request, makler_id: str | None = None) -> Response:
    """Remove one broker's faults, or all."""
    backend(request).faults.clear(brokers.normalise_makler_id(makler_id) if makler_id else None)
    return Response(status_code=204)


@router.post("/sessions/invalidate")
def invalidate(request: Request, body: InvalidateBody) -> Revoked:
    """Break an account's sessions server-side (what the app then shows depends on its version)."""
    return {"revoked": sessions.invalidate_sessions(backend(request), body.makler_id, body.email)}


@router.put("/externals")
def put_external(request: Request, body: ExternalBody) -> External:
    """Create or update an account (Externer) in a given state, with a password or a stored hash; no mail."""
    return seeding.put_external(backend(request), body)


@router.post("/sessions", status_code=201)
def open_session(request: Request, body: SessionBody) -> Tokens:
    """Tokens as if the account had logged in from this app build (a world's phone that is logged in)."""
    return seeding.open_session(backend(request), body)


@router.post("/mailbox", status_code=201)
def record_message(request: Request, body: MessageBody) -> Mail:
    """File a recorded mail verbatim (folder included); restores its confirmation / reset link."""
    return seeding.record_message(backend(request), body)


@router.post("/attempts", status_code=201)
def record_attempt(request: Request, body: AttemptBody) -> Attempt:
    """Restore a counter of failed login / registration / reset attempts (and its lock)."""
    return seeding.record_attempt(backend(request), body)


@router.get("/export")
def export_state(
    request: Request, makler_id: str | None = None, include: Literal["password_hashes"] | None = None
) -> Export:
    """The whole state (or one broker's) as JSON: the source of snapshots and of the diagnosis.

    Password hashes only with ``include=password_hashes`` (a world snapshot restores them).
    """
    return export.export(backend(request), makler_id, password_hashes=include == "password_hashes")


@router.get("/mechanisms")
def get_mechanisms(request: Request) -> Mechanisms:
    """Every switchable mechanism with its mode and what it does (make fidelity)."""
    with backend(request).store.tx() as db:
        return {
            "mechanisms": {
                name: {"mode": mechanisms.mode(db, name), "what": what} for name, what in mechanisms.MECHANISMS.items()
            }
        }


@router.put("/mechanisms/{name}")
def put_mechanism(request: Request, name: str, body: MechanismBody) -> MechanismModes:
    """Switch one mechanism: normal, off or inverted (test only; ``/reset`` sets all back to normal)."""
    if name not in mechanisms.MECHANISMS:
        raise not_found("Mechanismus")
    with backend(request).store.tx() as db:
        return {"mechanisms": mechanisms.set_mode(db, name, body.mode)}


@router.post("/reset", status_code=204)
def reset(request: Request) -> Response:
    """Wipe all data, faults and clock offsets."""
    b = backend(request)
    b.store.wipe()
    with b.store.tx() as db:
        for name in mechanisms.MECHANISMS:
            mechanisms.set_mode(db, name, "normal")
    b.faults.clear()
    b.clock.reset()
    b.activity.clear()
    return Response(status_code=204)
