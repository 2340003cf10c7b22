"""The test-control API (``/test/v1``): tenants, mailboxes, clock, faults, sessions, mail providers, export."""

from __future__ import annotations

import time
from typing import Any, TypedDict

from simulator.client.http import BackendError, Http
from simulator.client.models import Broker, Mail, ProviderRule
from simulator.spec import api
from simulator.spec.vocabulary import AccountState


class _NewBroker(TypedDict, total=False):
    """The body of ``POST /test/v1/brokers`` as this client sends it."""

    sender_authenticated: bool
    seed: int
    min_versions: dict[str, dict[str, str]]


class TestControl:
    """The world around the app, as a test sets it up and reads it."""

    __test__ = False  # not a pytest test class despite its name

    def __init__(self, http: Http) -> None:
        self._http = http

    def _call(self, method: str, path: str, body: Any = None, params: dict[str, str] | None = None) -> Any:
        return self._http.call(method, f"/test/v1{path}", body, params=params)

    def create_broker(
        self,
        seed: int | None = None,
        *,
        sender_authenticated: bool = True,
        min_versions: dict[str, dict[str, str]] | None = None,
    ) -> Broker:
        """A fresh broker with Faker data; ``seed`` replays the same data."""
        body: _NewBroker = {"sender_authenticated": sender_authenticated}
        if seed is not None:
            body["seed"] = seed
        if min_versions:
            body["min_versions"] = min_versions
        created: api.BrokerCreated = self._call("POST", "/brokers", body)
        return Broker.of(created)

    def delete_broker(self, makler_id: str) -> None:
        """Release a tenant and everything it owns (a finished scenario's broker)."""
        self._call("DELETE", f"/brokers/{makler_id}")

    def mailbox(self, address: str, folder: str | None = None, kind: str | None = None) -> list[Mail]:
        """Messages to an address, oldest first."""
        params = {k: v for k, v in (("folder", folder), ("kind", kind)) if v}
        mails: api.Mails = self._call("GET", f"/mailbox/{address}", params=params)
        return [Mail.of(m) for m in mails["messages"]]

    def latest_mail(self, address: str, kind: str | None = None) -> Mail:
        """The newest message to an address (of one kind)."""
        latest: api.Mail = self._call("GET", f"/mailbox/{address}/latest", params={"kind": kind} if kind else None)
        return Mail.of(latest)

    def wait_for_mail(self, address: str, kind: str | None = None, timeout: float = 10.0) -> Mail:
        """The newest message of a kind, waiting until the (possibly slow) app has caused it to be sent."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self.latest_mail(address, kind)
            except BackendError as error:
                if error.status != 404 or time.monotonic() > deadline:
                    raise
            time.sleep(0.02)  # poll interval of a condition wait with a deadline

    def advance_clock(self, seconds: float, makler_id: str | None = None) -> None:
        """Move one broker's clock (or everyone's) forward."""
        self._call("POST", "/clock/advance", {"seconds": seconds, "makler_id": makler_id})

    def stop_clock(self, makler_id: str) -> None:
        """Stop one broker's clock: only ``advance_clock`` moves it on (exact expiry boundaries)."""
        self._call("POST", "/clock/stop", {"makler_id": makler_id})

    def inject_outage(self, makler_id: str, *, requests: int = 0, seconds: float = 0) -> None:
        """503 for the broker's next ``requests`` app calls and/or for ``seconds`` of its clock."""
        self.add_fault(makler_id, outage_requests=requests, outage_seconds=seconds)

    def add_fault(
        self, makler_id: str | None, *, outage_requests: int = 0, outage_seconds: float = 0, latency_ms: int = 0
    ) -> api.Fault:
        """An injected fault as a world file describes it (``POST /test/v1/faults``; None: every broker)."""
        fault: api.Fault = {
            "makler_id": makler_id,
            "outage_requests": outage_requests,
            "outage_seconds": outage_seconds,
            "latency_ms": latency_ms,
        }
        answer: api.Fault = self._call("POST", "/faults", fault)
        return answer

    def clear_faults(self, makler_id: str | None = None) -> None:
        """End injected faults."""
        self._call("DELETE", "/faults", params={"makler_id": makler_id} if makler_id else None)

    def invalidate_sessions(self, makler_id: str, email: str) -> int:
        """Break an account's sessions server-side; how many were revoked."""
        answer: api.Revoked = self._call("POST", "/sessions/invalidate", {"makler_id": makler_id, "email": email})
        return answer["revoked"]

    def count_attempt(self, attempt: api.Attempt) -> None:
        """A counted login or reset attempt as a world file describes it (``POST /test/v1/attempts``)."""
        self._call("POST", "/attempts", attempt)

    def set_external_state(self, makler_id: str, customer_id: int, email: str, state: AccountState) -> None:
        """Put an account into a state directly (eingeladen / aktiv / deaktiviert)."""
        body = {"makler_id": makler_id, "customer_id": customer_id, "email": email, "state": state}
        self._call("PUT", "/externals", body)

    def mail_providers(self) -> list[ProviderRule]:
        """The global mail provider rules, in the order they apply."""
        providers: api.Providers = self._call("GET", "/mail-providers")
        return [ProviderRule.of(rule) for rule in providers["providers"]]

    def set_mail_providers(self, rules: list[ProviderRule]) -> None:
        """Replace the global mail provider rules."""
        self._call("PUT", "/mail-providers", [rule.as_json() for rule in rules])

    def export(self, makler_id: str | None = None, *, password_hashes: bool = False) -> api.Export:
        """The whole state (or one broker's); the accounts' password hashes only when asked for (a snapshot)."""
        params = {"makler_id": makler_id} if makler_id else {}
        if password_hashes:
            params["include"] = "password_hashes"
        result: api.Export = self._call("GET", "/export", params=params or None)
        return result
