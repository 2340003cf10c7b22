"""One backend by base URL: test-control methods, a broker's administration, the customer's app API and its HTTP
core (``http``)."""

from __future__ import annotations

from simulator.client.admin import BrokerAdmin
from simulator.client.control import TestControl
from simulator.client.customer import CustomerApp
from simulator.client.http import Http
from simulator.client.models import Broker


class BackendClient(TestControl):
    """The backend's admin and test-control API over one connection pool.

    A request by path (the world loader's table of app and admin calls) goes through the HTTP
    core itself: ``backend.http.call(method, path, body)``. ``test_api_token`` is the key of a backend
    whose test control demands one (``backend --test-api-token``).
    """

    def __init__(self, url: str, timeout: float = 30.0, test_api_token: str | None = None) -> None:
        self.http = Http(url, timeout, test_api_token)
        super().__init__(self.http)
        self.url = self.http.url

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()

    def __enter__(self) -> BackendClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def customer(self) -> CustomerApp:
        """The app API as a customer's app calls it (registration as a scenario's precondition)."""
        return CustomerApp(self.http)

    def admin(self, broker: Broker | str) -> BrokerAdmin:
        """A broker's Administration, by the broker or by its API key."""
        if isinstance(broker, Broker):
            return BrokerAdmin(self.http, broker.api_key, broker)
        return BrokerAdmin(self.http, broker)
