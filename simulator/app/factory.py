"""``create_device``: a simulated phone for a new WebDriver session."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from simulator.app.api_client import warm_up as _warm_up_client
from simulator.app.device_api import Device, DeviceConfig
from simulator.app.lifecycle.device import SimulatedDevice
from simulator.app.lifecycle.phones import DEFAULT_PHONES, PhoneRegistry


def create_device(
    config: DeviceConfig,
    *,
    transport: httpx.BaseTransport | None = None,
    phones: PhoneRegistry | None = None,
) -> SimulatedDevice:
    """Claim the phone named by the config, apply the reset capabilities and start the app (if installed).

    ``PhoneInUse`` (a ``DeviceError``) when another session holds the named phone.

    ``transport`` replaces the network (tests pass an ``httpx.MockTransport``
    or a WSGI/ASGI bridge); by default the app calls ``config.backend_url``
    over HTTP. ``phones`` holds what persists between sessions (noReset);
    the default is one registry per process.
    """
    registry = phones or DEFAULT_PHONES
    phone = registry.claim(config.platform, config.device_name, config.app_id, config.holder)
    try:
        device = SimulatedDevice(config, phone, transport=transport, on_close=registry.release)
    except BaseException:
        registry.release(phone)
        raise
    try:
        device.start_session()
    except BaseException:
        device.close()
        raise
    return device


def warm_up() -> None:
    """One-time costs of the first phone (imports, TLS context), paid before sessions arrive."""
    _warm_up_client()


# Static check that the simulated phone satisfies the protocol the WebDriver layer speaks to.
_FACTORY: Callable[[DeviceConfig], Device] = create_device
