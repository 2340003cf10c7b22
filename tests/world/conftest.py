"""A real backend on a loopback port, wiped before each test; the example worlds and helpers to read them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from simulator.backend.server import BackendThread
from simulator.backend.settings import Settings
from simulator.client import BackendClient
from simulator.world.parse import read
from simulator.world.schema import World

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "worlds"
WORLD_FILES = sorted(EXAMPLES.glob("*.yaml"))
CASE_FILES = [f for f in WORLD_FILES if f.stem != "healthy"]
PETER = "peter.vater@example.com"


def case_of(path: Path) -> str:
    """The case id (simulator/registry.py) an example world is named after: ``shared_relogin`` -> ``shared-relogin``."""
    return path.stem.replace("_", "-")


def account_of(world: World) -> str:
    """The address of the phone's owner (every example world names it)."""
    assert world.phone is not None and world.phone.account is not None
    return world.phone.account


@pytest.fixture(scope="module")
def server() -> Iterator[BackendThread]:
    with BackendThread(Settings(kdf_profile="test")) as running:
        yield running


@pytest.fixture()
def backend(server: BackendThread) -> Iterator[BackendClient]:
    """A client of the wiped backend."""
    with BackendClient(server.url) as client:
        client.http.call("POST", "/test/v1/reset")
        yield client


@pytest.fixture()
def http(server: BackendThread) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        client.post("/test/v1/reset")
        yield client


def example(name: str) -> World:
    """One example world by file stem."""
    return read(EXAMPLES / f"{name}.yaml")
