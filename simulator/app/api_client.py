"""The app's HTTP client for the backend's app API (docs/backend-api.md, App API).

One keep-alive ``httpx.Client`` per phone. Every call carries the platform,
app and OS version headers and, when known, X-Makler-ID and the bearer token.
With latency configured, each call waits that long first (in the caller's
worker thread). Without connectivity, calls fail at once with OfflineError.
"""

from __future__ import annotations

import functools
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from simulator.app.applog import AppLog
from simulator.app.models import AppConfig, Broker, Contract, Customer, Me, ProtocolError, Tokens
from simulator.spec.errors import error_info

API_PREFIX = "/app/v1"
TIMEOUT_S = 10.0
GENERIC_ERROR = "Es ist ein Fehler aufgetreten."


class OfflineError(Exception):
    """The phone has no connectivity; the request was never sent."""


class NetworkError(Exception):
    """The request failed on the way: connection refused, reset, timeout, unreadable answer."""


class CancelledError(Exception):
    """The phone is shutting down; the request was dropped."""


class ApiError(Exception):
    """The backend answered with an error (docs/backend-api.md, error shape)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        violations: tuple[str, ...] = (),
        minimum: str | None = None,
        retry_after: str | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.violations = violations
        self.minimum = minimum
        self.retry_after = retry_after

    @property
    def server_down(self) -> bool:
        """True for 5xx answers: the backend is unavailable, not refusing this request."""
        return self.status >= 500

    def screen_text(self) -> str:
        """What the app shows for this error: the violations one per line, else the message."""
        return "\n".join(self.violations) if self.violations else self.message


def api_base(backend_url: str) -> str:
    """The app API root: ``backend_url`` as given when it already ends in /app/v1, else with it appended."""
    url = backend_url.rstrip("/")
    return url if urlsplit(url).path.endswith(API_PREFIX) else url + API_PREFIX


def _violations(raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list):
        return ()
    texts = []
    for item in raw:
        if isinstance(item, Mapping):
            texts.append(str(item.get("message") or item.get("rule") or item))
        else:
            texts.append(str(item))
    return tuple(texts)


def error_from_response(response: httpx.Response) -> ApiError:
    """Read the one error shape; a body that does not follow it (a proxy's page) is the generic error."""
    try:
        error = error_info(response.json())
    except ValueError:
        error = None
    if error is None:
        return ApiError(response.status_code, "", GENERIC_ERROR, retry_after=response.headers.get("Retry-After"))
    minimum = error.get("minimum")
    return ApiError(
        status=response.status_code,
        code=error["code"],
        message=error["message"] or GENERIC_ERROR,
        violations=_violations(error.get("violations")),
        minimum=None if minimum is None else str(minimum),
        retry_after=response.headers.get("Retry-After"),
    )


_TLS_LOCK = threading.Lock()


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every phone: loading the CA store costs ~35 ms, a third of a new session.

    Built under a lock: ``functools.cache`` alone lets a burst of first sessions build it once each.
    """
    with _TLS_LOCK:
        return _tls_once()


@functools.cache
def _tls_once() -> ssl.SSLContext:
    return ssl.create_default_context()


def warm_up() -> None:
    """Pay the one-time costs of the first phone before the first session arrives.

    httpx imports its transport (httpcore and what that pulls in) on the first ``Client``; a burst
    of first sessions then waits on the import lock one by one (50 at once: ~1.3 s each).
    """
    httpx.Client(verify=_tls()).close()


class AppApiClient:
    """Typed calls of the app API, one method per route."""

    def __init__(
        self,
        backend_url: str,
        *,
        headers: Callable[[], dict[str, str]],
        online: Callable[[], bool],
        log: AppLog,
        transport: httpx.BaseTransport | None = None,
        delay_s: float = 0.0,
        cancel: threading.Event | None = None,
    ) -> None:
        self._base = api_base(backend_url)
        self._headers = headers
        self._online = online
        self._log = log
        self._delay_s = delay_s
        self._cancel = cancel or threading.Event()
        self._http = httpx.Client(transport=transport, timeout=TIMEOUT_S, verify=_tls())

    def close(self) -> None:
        """Close the keep-alive connections."""
        self._http.close()

    def __enter__(self) -> AppApiClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- transport --
    def _request(
        self,
        method: str,
        path: str,
        *,
        body: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        token: str | None = None,
        makler_id: str | None = None,
    ) -> Any:
        if not self._online():
            self._log.add(f"HTTP {method} {path}: offline, not sent", "WARNING")
            raise OfflineError(path)
        if self._delay_s > 0 and self._cancel.wait(self._delay_s):
            raise CancelledError(path)
        if self._cancel.is_set():
            raise CancelledError(path)
        if not self._online():
            raise OfflineError(path)
        headers = self._headers()
        if makler_id:
            headers["X-Makler-ID"] = makler_id
        if token:
            headers["Authorization"] = f"Bearer {token}"
        started = time.perf_counter()
        try:
            response = self._http.request(method, self._base + path, json=body, params=params, headers=headers)
        except httpx.HTTPError as exc:
            self._log.add(f"HTTP {method} {path}: {type(exc).__name__}: {exc}", "SEVERE")
            raise NetworkError(str(exc)) from exc
        elapsed_ms = (time.perf_counter() - started) * 1000
        level = "INFO" if response.is_success else "WARNING"
        self._log.add(f"HTTP {method} {path} -> {response.status_code} ({elapsed_ms:.0f} ms)", level)
        if not response.is_success:
            raise error_from_response(response)
        if response.status_code == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError as exc:
            raise NetworkError(f"{method} {path}: answer is not JSON") from exc

    @staticmethod
    def _parse(parse: Callable[[object], Any], raw: object) -> Any:
        try:
            return parse(raw)
        except ProtocolError as exc:
            raise NetworkError(f"unreadable answer: {exc}") from exc

    @staticmethod
    def _message(raw: object) -> str:
        if isinstance(raw, Mapping) and raw.get("message"):
            return str(raw["message"])
        return ""

    # -- routes --
    def config(self, platform: str, makler_id: str) -> AppConfig:
        """GET /config: the broker's minimum versions for this platform."""
        params = {"platform": platform, "makler_id": makler_id}
        raw = self._request("GET", "/config", params=params, makler_id=makler_id)
        result: AppConfig = self._parse(AppConfig.from_json, raw)
        return result

    def register(self, email: str, makler_id: str, password: str, invitation: str | None = None) -> str:
        """POST /register, with the invitation link's secret when opened from it; the answer's message."""
        body = {"email": email, "makler_id": makler_id, "password": password}
        if invitation is not None:
            body["invitation_token"] = invitation
        return self._message(self._request("POST", "/register", body=body, makler_id=makler_id))

    def confirm(self, token: str) -> str:
        """POST /register/confirm; the answer's message."""
        return self._message(self._request("POST", "/register/confirm", body={"token": token}))

    def login(self, email: str, password: str, makler_id: str) -> Tokens:
        """POST /login: a new session."""
        body = {"email": email, "password": password, "makler_id": makler_id}
        result: Tokens = self._parse(Tokens.from_json, self._request("POST", "/login", body=body, makler_id=makler_id))
        return result

    def refresh(self, refresh_token: str) -> Tokens:
        """POST /token/refresh: the rotated pair."""
        raw = self._request("POST", "/token/refresh", body={"refresh_token": refresh_token})
        result: Tokens = self._parse(Tokens.from_json, raw)
        return result

    def logout(self, token: str) -> None:
        """POST /logout: revoke the session server-side."""
        self._request("POST", "/logout", token=token)

    def me(self, token: str) -> Me:
        """GET /me."""
        result: Me = self._parse(Me.from_json, self._request("GET", "/me", token=token))
        return result

    def broker(self, token: str) -> Broker:
        """GET /broker."""
        result: Broker = self._parse(Broker.from_json, self._request("GET", "/broker", token=token))
        return result

    def customers(self, token: str) -> list[Customer]:
        """GET /customers: the customers this account may see."""
        raw = self._request("GET", "/customers", token=token)
        items = raw.get("customers") if isinstance(raw, Mapping) else None
        if not isinstance(items, list):
            raise NetworkError("unreadable answer: customers")
        return [self._parse(Customer.from_json, item) for item in items]

    def contracts(self, token: str, customer_id: str) -> list[Contract]:
        """GET /customers/{id}/contracts."""
        raw = self._request("GET", f"/customers/{quote(customer_id, safe='')}/contracts", token=token)
        items = raw.get("contracts") if isinstance(raw, Mapping) else None
        if not isinstance(items, list):
            raise NetworkError("unreadable answer: contracts")
        return [self._parse(Contract.from_json, item) for item in items]

    def contract(self, token: str, contract_id: str) -> Contract:
        """GET /contracts/{id}: one contract with its documents."""
        raw = self._request("GET", f"/contracts/{quote(contract_id, safe='')}", token=token)
        result: Contract = self._parse(Contract.from_json, raw)
        return result

    def forgot_password(self, email: str, makler_id: str) -> str:
        """POST /password/forgot; the answer's message."""
        body = {"email": email, "makler_id": makler_id}
        return self._message(self._request("POST", "/password/forgot", body=body, makler_id=makler_id))

    def reset_password(self, token: str, password: str) -> str:
        """POST /password/reset; the answer's message."""
        return self._message(self._request("POST", "/password/reset", body={"token": token, "password": password}))
