"""The typed client's customer side: registration through the app API, as a scenario's precondition."""

from __future__ import annotations

import httpx
import pytest

from simulator.client import BackendClient
from simulator.client.customer import link_token
from simulator.client.http import BackendError

from .conftest import PASSWORD


def test_register_and_confirm_make_an_invited_customer_able_to_log_in(
    backend_client: BackendClient, http: httpx.Client
) -> None:
    api = backend_client
    broker = api.create_broker()
    admin = api.admin(broker)
    customer = admin.create_customer("Max Mustermann", "max@example.com")
    admin.invite(customer.id)
    app = api.customer
    app.register(broker.makler_id, "max@example.com", PASSWORD)
    login = {"email": "max@example.com", "password": PASSWORD, "makler_id": broker.makler_id}
    assert http.post("/app/v1/login", json=login).status_code == 403  # not confirmed yet
    app.confirm(api.wait_for_mail("max@example.com", "confirmation").links[0])
    assert http.post("/app/v1/login", json=login).status_code == 200
    with pytest.raises(BackendError):  # a spent link is refused, not silently accepted
        app.confirm(api.latest_mail("max@example.com", "confirmation").links[0])


def test_a_link_without_token_is_a_clear_error() -> None:
    assert link_token("kundenapp://registrierung?token=abc&x=1") == "abc"
    with pytest.raises(ValueError, match="no token"):
        link_token("kundenapp://einladung?makler_id=MK1")
