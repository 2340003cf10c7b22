"""The one typed client of the backend's HTTP API (admin, test-control, the HTTP core the loader calls by path),
and of a simulator's phone list (``phones``), with the probe that tells the two servers apart (``probe``).

It speaks HTTP only and imports nothing of ``simulator.app``, ``simulator.backend`` or
``simulator.webdriver``, so the steps may use it (docs/architecture.md). The answers' JSON shapes
and the account states come from ``simulator.spec``, which the backend's routes return as well.
"""

from __future__ import annotations

from simulator.client.admin import BrokerAdmin
from simulator.client.backend import BackendClient
from simulator.client.control import TestControl
from simulator.client.http import BackendError
from simulator.client.models import (
    AppSettings,
    Broker,
    Contact,
    Contract,
    Customer,
    External,
    Kundenapp,
    Mail,
    Minimums,
    ProviderRule,
)
from simulator.client.phones import PhonesClient, PhonesError
from simulator.spec.vocabulary import AccountState

__all__ = [
    "AccountState",
    "AppSettings",
    "BackendClient",
    "BackendError",
    "Broker",
    "BrokerAdmin",
    "Contact",
    "Contract",
    "Customer",
    "External",
    "Kundenapp",
    "Mail",
    "Minimums",
    "PhonesClient",
    "PhonesError",
    "ProviderRule",
    "TestControl",
]
