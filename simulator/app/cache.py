"""The offline cache: the last successful main-data load, kept in the phone's storage.

Written after every successful load, read when a load fails for want of a
network, so the tabs show what the customer saw last. Logout and removing the
app clear it (``Storage.clear_session``, ``Storage.clear``).
"""

from __future__ import annotations

from simulator.app.memory import MainData
from simulator.app.models import Broker, Contract, Customer, Me, to_json
from simulator.app.storage import CACHE_BROKER, CACHE_CONTRACTS, CACHE_CUSTOMERS, CACHE_ME, Storage


def store(storage: Storage, main: MainData) -> None:
    """Keep the loaded data for offline use."""
    storage.set(CACHE_ME, None if main.me is None else to_json(main.me))
    storage.set(CACHE_BROKER, None if main.broker is None else to_json(main.broker))
    storage.set(CACHE_CUSTOMERS, [to_json(c) for c in main.customers or []])
    storage.set(CACHE_CONTRACTS, {cid: [to_json(c) for c in items] for cid, items in main.contracts.items()})


def restore(storage: Storage, main: MainData) -> bool:
    """Fill ``main`` from the cache, all customers selected; False when nothing complete is cached."""
    me, broker, customers = storage.get(CACHE_ME), storage.get(CACHE_BROKER), storage.get(CACHE_CUSTOMERS)
    contracts = storage.get(CACHE_CONTRACTS) or {}
    if me is None or broker is None or customers is None:
        return False
    main.me, main.broker = Me.from_json(me), Broker.from_json(broker)
    main.customers = [Customer.from_json(item) for item in customers]
    main.contracts = {cid: [Contract.from_json(item) for item in items] for cid, items in contracts.items()}
    main.selected = {customer.id for customer in main.customers}
    return True
