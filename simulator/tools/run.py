"""Run a world: in a throwaway backend (diagnosis of a file), or in a started simulator (``serve --world``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from simulator.app.lifecycle.phones import PhoneRegistry
from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from simulator.caps import Capabilities
from simulator.client import BackendClient
from simulator.spec import api
from simulator.tools import phone
from simulator.tools.diagnose import Diagnosis, diagnose
from simulator.world.load import Loaded, apply_after_start, load
from simulator.world.schema import World


class Running(Protocol):
    """What a started simulator offers (``simulator.embedded.Simulator``)."""

    @property
    def backend_url(self) -> str: ...

    @property
    def test_api_token(self) -> str | None: ...

    @property
    def phones(self) -> PhoneRegistry: ...


@dataclass(frozen=True)
class Started:
    """A world loaded into a running simulator, and how to connect to each of its phones."""

    loaded: Loaded
    capabilities: list[Capabilities]


def state_of(world: World) -> api.Export:
    """The backend state a world file describes (loaded into a throwaway backend, shares after start included)."""
    with BackendThread(Settings(kdf_profile="test")) as server:
        with BackendClient(server.url) as backend:
            loaded = load(backend, world)
            apply_after_start(backend, loaded)
            return backend.export()


def diagnose_world(world: World, email: str) -> Diagnosis:
    """Diagnose one address of a world file (backend state, phone, history and faults)."""
    return diagnose(state_of(world), email, world)


def diagnose_url(url: str, email: str, test_api_token: str | None = None) -> Diagnosis:
    """Diagnose one address against a running backend (its state only: no phone, no history)."""
    with BackendClient(url, test_api_token=test_api_token) as backend:
        return diagnose(backend.export(), email)


def start(sim: Running, world: World) -> Started:
    """Load the world into the simulator's backend and prepare its phones for the next sessions."""
    with BackendClient(sim.backend_url, test_api_token=sim.test_api_token) as backend:
        loaded = load(backend, world)
    phone.prepare(sim.phones, world, loaded.tokens, loaded.pending)
    caps = [phone.capabilities(world, p) for p in world.all_phones]
    return Started(loaded, [c for c in caps if c is not None])
