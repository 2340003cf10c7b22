"""A world's phones on simulated devices: installed build and storage prepared, capabilities to connect with.

A phone persists between sessions in a ``PhoneRegistry`` (platform, device
name, app id). Preparing writes the installed build and the app's storage
(remembered Makler-ID, tokens of a logged-in session) there, and what the
simulator's phone list reports of it (owner, OS version, forced behaviours,
shares scheduled for after the app's start); a session that connects with the
returned capabilities (``appium:noReset``, same device name, same build) finds
exactly that state and cold starts the app on it.
"""

from __future__ import annotations

from simulator.app.lifecycle.phones import PhoneRegistry
from simulator.app.models import Tokens
from simulator.caps import APP_ID, Capabilities
from simulator.caps import capabilities as phone_capabilities
from simulator.spec import api
from simulator.spec.phones import ScheduledShare
from simulator.world.checks import norm_email, norm_makler_id, phone_account
from simulator.world.load import PendingContact
from simulator.world.schema import World, WorldPhone


def capabilities(world: World, phone: WorldPhone | None = None) -> Capabilities | None:
    """Appium capabilities that connect to a phone of the world (default: ``world.phone``; None: no phone)."""
    phone = phone if phone is not None else next(iter(world.all_phones), None)
    if phone is None:
        return None
    caps = phone_capabilities(phone.platform, phone.app_version if phone.installed else None, phone.os, phone.device)
    caps["appium:noReset"] = True
    if phone.behaviours:
        caps["kundenapp:behaviours"] = dict(phone.behaviours)
    return caps


def remembered_makler_id(world: World, phone: WorldPhone | None = None) -> str | None:
    """The Makler-ID the app has stored: the phone's own, else the broker of a logged-in account."""
    phone = phone if phone is not None else world.phone
    account = phone_account(world, phone)
    if phone is None or not phone.installed:
        return None
    if phone.makler_id is not None:
        return phone.makler_id.strip()
    if phone.logged_in and account is not None:
        return norm_makler_id(account.broker.makler_id)
    return None


def _scheduled(world: World, phone: WorldPhone, pending: list[PendingContact]) -> list[ScheduledShare]:
    """The shares after the app's start that concern this phone: its account's (or all, on the only phone)."""

    def concerns(share: PendingContact) -> bool:
        email, owner = share.contact.email, phone.account
        return email is not None and owner is not None and norm_email(email) == norm_email(owner)

    mine = [p for p in pending if len(world.all_phones) == 1 or concerns(p)]
    return [
        {
            "makler_id": p.makler_id,
            "customer": p.customer,
            "contact": {"name": p.contact.name, "email": p.contact.email, "kundenportal": p.contact.kundenportal},
        }
        for p in mine
    ]


def prepare(
    registry: PhoneRegistry,
    world: World,
    tokens: list[api.Tokens | None],
    pending: list[PendingContact] | None = None,
) -> int:
    """Install each phone's build and storage on the registry's phones; returns how many phones the world has.

    ``tokens`` are the loader's, one per phone; ``pending`` the shares it left for after the app's
    start. Call it before a session claims those devices: a phone in use is refused (``PhoneInUse``).
    """
    phones = world.all_phones
    for phone, session in zip(phones, tokens or [None] * len(phones), strict=True):
        device = registry.claim(phone.platform, phone.device, APP_ID, "the world being prepared")
        try:
            device.kind = "world"
            device.storage.clear()
            device.installed_version = phone.app_version if phone.installed else None
            device.os_version = phone.os
            device.owner = phone.account
            device.behaviours = dict(phone.behaviours)
            device.scheduled = _scheduled(world, phone, pending or [])
            device.storage.makler_id = remembered_makler_id(world, phone)
            if phone.installed and phone.logged_in and session is not None:
                device.storage.set_tokens(Tokens(session["access_token"], session["refresh_token"]))
        finally:
            registry.release(device)
    return len(phones)
