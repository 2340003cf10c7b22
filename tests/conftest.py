"""Fixtures the test packages share: one real backend per test session on a loopback port.

tests/backend, tests/browser and tests/app all run against this one server; each test makes
its own broker (tenant), so tests do not see each other's data. Tests that need a backend of
their own (a wiped one, other settings) start a ``BackendThread`` themselves.
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:  # imported by the fixtures: a run of tests/e2e --target remote needs no backend here
    from simulator.backend.server import BackendThread
    from simulator.client import BackendClient


@functools.cache
def tls() -> ssl.SSLContext:
    """One TLS context for every test's HTTP client: loading the CA store costs ~35 ms per client (plain HTTP
    here); built on first use, not at every pytest start."""
    return ssl.create_default_context()


@pytest.fixture(scope="session")
def backend_server() -> Iterator[BackendThread]:
    """The real FastAPI backend in this process, served by uvicorn on 127.0.0.1 (port 0)."""
    from simulator.backend.server import BackendThread
    from simulator.backend.settings import Settings

    with BackendThread(Settings(kdf_profile="test")) as server:
        yield server


@pytest.fixture()
def http(backend_server: BackendThread) -> Iterator[httpx.Client]:
    """A plain HTTP client of the shared backend, for calls a test sends by path."""
    with httpx.Client(base_url=backend_server.url, timeout=10, verify=tls()) as client:
        yield client


@pytest.fixture(scope="session")
def backend_client(backend_server: BackendThread) -> Iterator[BackendClient]:
    """The typed client (simulator.client) of the shared backend; it keeps no state between calls."""
    from simulator.client import BackendClient

    with BackendClient(backend_server.url, timeout=10) as client:
        yield client
