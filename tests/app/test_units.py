"""Small pieces: versions, the behaviour registry, links, models, the HTTP client and session refresh."""

from __future__ import annotations

import threading

import httpx
import pytest

from simulator.app.api_client import ApiError, AppApiClient, NetworkError, OfflineError, api_base
from simulator.app.applog import AppLog
from simulator.app.behaviours import REGISTRY, active_set, is_active, parse_overrides
from simulator.app.links import parse_link
from simulator.app.login_session import LoginSession, SessionRejected
from simulator.app.models import Contract, Tokens, format_premium
from simulator.app.storage import Storage
from simulator.app.versions import parse_version, version_from_app, version_lt
from simulator.backend.server import BackendThread
from tests.app.conftest import PASSWORD, BrokerWorld, Wire


@pytest.mark.parametrize(
    ("left", "right", "older"),
    [("3.5.2", "3.6.0", True), ("3.6.0", "3.6", False), ("17", "17.4", True), ("10", "9", False), ("4.0", "4", False)],
)
def test_version_order(left: str, right: str, older: bool) -> None:
    assert version_lt(left, right) is older


def test_parse_version_rejects_garbage() -> None:
    assert parse_version("14.0-beta") == (14,)
    with pytest.raises(ValueError):
        parse_version("beta")


@pytest.mark.parametrize(
    ("app", "version"),
    [
        ("3.5.2", "3.5.2"),
        ("/builds/kundenapp-3.5.2.apk", "3.5.2"),
        ("kundenapp_4.0.0.ipa", "4.0.0"),
        ("https://ci/app/kundenapp-4.1.0.apk", "4.1.0"),
        ("kundenapp.apk", None),
        ("app2.apk", None),
    ],
)
def test_version_from_app(app: str, version: str | None) -> None:
    assert version_from_app(app) == version


def test_registry_ranges() -> None:
    assert {name: b.fixed_in for name, b in REGISTRY.items()} == {
        "unusable_memory": "3.6.0",
        "unusable_session": "3.6.0",
        "shared_restart": "4.0.0",
    }
    assert active_set("3.5.2", {}) == dict.fromkeys(REGISTRY, True)
    assert active_set("3.6.0", {}) == {"unusable_memory": False, "unusable_session": False, "shared_restart": True}
    assert active_set("4.0.0", {}) == dict.fromkeys(REGISTRY, False)
    assert is_active("shared_restart", "4.0.0", {"shared_restart": True})


def test_overrides_parsing() -> None:
    assert parse_overrides({}) == {}
    assert parse_overrides({"behaviours": {"unusable_memory": False}}) == {"unusable_memory": False}
    assert parse_overrides({"kundenapp:behaviours": {"shared_restart": True}}) == {"shared_restart": True}
    for bad in ({"behaviours": ["x"]}, {"behaviours": {"x": True}}, {"behaviours": {"shared_restart": "yes"}}):
        with pytest.raises(ValueError):
            parse_overrides(bad)


def test_link_parsing() -> None:
    link = parse_link("kundenapp://einladung?makler_id=M-1&email=a%2Bb%40c.de")
    assert (link.action, link.params) == ("einladung", {"makler_id": "M-1", "email": "a+b@c.de"})


def test_premium_and_contract_parsing() -> None:
    assert format_premium(1234.5) == "1.234,50 €"
    assert format_premium("12,50 €") == "12,50 €"
    contract = Contract.from_json(
        {
            "id": 5,
            "number": "N",
            "insurer": "I",
            "line": "L",
            "premium": 3,
            "customer_id": 9,
            "documents": [{"name": "a.pdf"}],
        }
    )
    assert (contract.id, contract.premium, contract.customer_id, contract.documents) == ("5", "3,00 €", "9", ("a.pdf",))


def test_api_base() -> None:
    assert api_base("http://h:1") == "http://h:1/app/v1"
    assert api_base("http://h:1/app/v1/") == "http://h:1/app/v1"


def client_for(transport: httpx.BaseTransport, online: bool = True, url: str = "http://b") -> AppApiClient:
    return AppApiClient(
        url, headers=lambda: {"X-Platform": "ios"}, online=lambda: online, log=AppLog(), transport=transport
    )


def test_error_shape_is_read(backend_server: BackendThread, broker: BrokerWorld, wire: Wire) -> None:
    client = client_for(wire.transport(), url=backend_server.url)
    with client, pytest.raises(ApiError) as info:
        client.register(broker.address("neu"), broker.makler_id, "abcdefgh")
    (answer,) = wire.answers("/register")
    messages = tuple(v["message"] for v in answer.json()["error"]["violations"])
    assert messages == ("mind. ein Großbuchstabe", "mind. eine Zahl", "mind. ein Sonderzeichen")
    assert (info.value.status, info.value.code, info.value.violations) == (422, "password_policy", messages)


def test_non_json_error_and_bad_answer() -> None:
    # MockTransport: shapes the real backend never answers, a proxy's plain-text 502 and a malformed success
    client = client_for(httpx.MockTransport(lambda r: httpx.Response(502, text="bad gateway")))
    with client, pytest.raises(ApiError) as info:
        client.me("t")
    assert info.value.server_down and info.value.message == "Es ist ein Fehler aufgetreten."
    client = client_for(httpx.MockTransport(lambda r: httpx.Response(200, json={"nope": 1})))
    with client, pytest.raises(NetworkError):
        client.customers("t")


def test_offline_client_sends_nothing(backend_server: BackendThread, wire: Wire) -> None:
    client = client_for(wire.transport(), online=False, url=backend_server.url)
    with client, pytest.raises(OfflineError):
        client.broker("t")
    assert wire.calls() == []


def logged_in_client(
    backend_server: BackendThread, broker: BrokerWorld, transport: httpx.BaseTransport
) -> tuple[LoginSession, AppApiClient, Storage]:
    """A Session of Max's account whose stored tokens came from a real login."""
    storage = Storage()
    client = client_for(transport, url=backend_server.url)
    storage.set_tokens(client.login(broker.email, PASSWORD, broker.makler_id))
    return LoginSession(client, storage, AppLog()), client, storage


class BothInFlight(httpx.BaseTransport):
    """Holds the first two requests for ``path`` until both are sent, so both meet the backend's 401."""

    def __init__(self, inner: httpx.BaseTransport, path: str) -> None:
        self._inner = inner
        self._path = path
        self._gate = threading.Barrier(2)
        self._held = 0
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            hold = request.url.path.endswith(self._path) and self._held < 2
            self._held += hold
        if hold:
            self._gate.wait(5)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def test_concurrent_401s_refresh_once(backend_server: BackendThread, broker: BrokerWorld, wire: Wire) -> None:
    """With rotation a second refresh of the same token would revoke the session: refreshes are serialised."""
    transport = BothInFlight(wire.transport(), "/broker")
    session, client, storage = logged_in_client(backend_server, broker, transport)
    broker.expire_access_tokens()
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(session.call(client.broker).name)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    client.close()
    assert results == [broker.broker.name] * 2
    # Both met the expired token. Answers are recorded as they complete: under load the first thread's
    # retry (200) can complete before the second one's 401, so the order of the three is not fixed.
    assert sorted(r.status_code for r in wire.answers("/broker")) == [200, 200, 401, 401]
    assert wire.count("/token/refresh") == 1
    (refreshed,) = wire.answers("/token/refresh")
    assert storage.tokens() == Tokens.from_json(refreshed.json())
    assert [s["active"] for s in broker.account()["sessions"]] == [True]  # no reuse detected, session alive


def test_refused_refresh_rejects_the_session(backend_server: BackendThread, broker: BrokerWorld, wire: Wire) -> None:
    session, client, storage = logged_in_client(backend_server, broker, wire.transport())
    stored = storage.tokens()
    broker.invalidate_sessions()  # access answers 401, refresh 400
    with client, pytest.raises(SessionRejected):
        session.call(client.me)
    assert [r.status_code for r in wire.answers("/token/refresh")] == [400]
    assert storage.tokens() == stored  # dropping them is the app's decision, per build


def test_a_forced_inverted_behaviour_is_the_opposite_of_the_build_default() -> None:
    from simulator.app.behaviours import parse_overrides

    overrides = parse_overrides({"behaviours": {"unusable_memory": "inverted"}})
    assert is_active("unusable_memory", "3.5.2", overrides) is False
    assert is_active("unusable_memory", "4.0.0", overrides) is True
    with pytest.raises(ValueError, match="inverted"):
        parse_overrides({"behaviours": {"unusable_memory": "sometimes"}})


def test_the_newest_release_is_what_the_backend_calls_latest() -> None:
    """One fact, two products: the build list and the backend's "latest app version" must agree."""
    from simulator.app.builds import LATEST, RELEASES
    from simulator.backend.versions import LATEST_APP_VERSION

    assert LATEST == LATEST_APP_VERSION
    assert list(RELEASES) == sorted(RELEASES, key=parse_version)
