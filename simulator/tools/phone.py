"""The world's phone on a simulated device: installed build and storage prepared, capabilities to connect with.

A phone persists between sessions in a ``PhoneRegistry`` (platform, device
name, app id). Preparing writes the installed build and the app's storage
(remembered Makler-ID, tokens of a logged-in session) there; a session that
connects with the returned capabilities (``appium:noReset``, same device
name, same build) finds exactly that state and cold starts the app on it.
"""

from __future__ import annotations

from simulator.app.lifecycle.phones import PhoneRegistry
from simulator.app.models import Tokens
from simulator.caps import APP_ID, Capabilities
from simulator.caps import capabilities as phone_capabilities
from simulator.spec import api
from simulator.world.checks import norm_makler_id, phone_account
from simulator.world.schema import World


def capabilities(world: World) -> Capabilities | None:
    """Appium capabilities that connect to the world's phone (None: the world has no phone)."""
    phone = world.phone
    if phone is None:
        return None
    caps = phone_capabilities(phone.platform, phone.app_version if phone.installed else None, phone.os, phone.device)
    caps["appium:noReset"] = True
    if phone.behaviours:
        caps["kundenapp:behaviours"] = dict(phone.behaviours)
    return caps


def remembered_makler_id(world: World) -> str | None:
    """The Makler-ID the app has stored: the phone's own, else the broker of a logged-in account."""
    phone, account = world.phone, phone_account(world)
    if phone is None or not phone.installed:
        return None
    if phone.makler_id is not None:
        return phone.makler_id.strip()
    if phone.logged_in and account is not None:
        return norm_makler_id(account.broker.makler_id)
    return None


def prepare(registry: PhoneRegistry, world: World, tokens: api.Tokens | None) -> bool:
    """Install the world's build and storage on the registry's phone; False when the world has no phone.

    Call it before a session claims that device: a phone in use is not touched.
    """
    phone = world.phone
    if phone is None:
        return False
    device = registry.claim(phone.platform, phone.device, APP_ID)
    try:
        device.storage.clear()
        device.installed_version = phone.app_version if phone.installed else None
        device.storage.makler_id = remembered_makler_id(world)
        if phone.installed and phone.logged_in and tokens is not None:
            device.storage.set_tokens(Tokens(tokens["access_token"], tokens["refresh_token"]))
    finally:
        registry.release(device)
    return True
