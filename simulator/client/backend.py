"""One backend by base URL: test-control methods, a broker's administration, and the loader's generic call."""

from __future__ import annotations

from typing import Any

from simulator.client.admin import BrokerAdmin
from simulator.client.control import TestControl
from simulator.client.http import Http
from simulator.client.models import Broker


class Backend(TestControl):
    """The backend's admin and test-control API over one connection pool."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.http = Http(url, timeout)
        super().__init__(self.http)
        self.url = self.http.url

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        api_key: str | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
    ) -> Any:
        """One request by path (the world loader's table of app and admin calls); see ``Http.call``."""
        return self.http.call(method, path, body, api_key=api_key, headers=headers, params=params)

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def admin(self, broker: Broker | str) -> BrokerAdmin:
        """A broker's Administration, by the broker or by its API key."""
        if isinstance(broker, Broker):
            return BrokerAdmin(self.http, broker.api_key, broker)
        return BrokerAdmin(self.http, broker)
