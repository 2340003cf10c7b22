"""The HTTP core of the backend client: one connection pool, one error class (docs/backend-api.md)."""

from __future__ import annotations

from typing import Any

import httpx

from simulator.spec.errors import UNKNOWN_ROUTE, ErrorInfo, error_info
from simulator.spec.test_control import TOKEN_HEADER


class BackendError(Exception):
    """The backend refused a call; carries status, error code and its German message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{message} ({status} {code})" if status else message)
        self.status = status
        self.code = code
        self.message = message


def error_of(response: httpx.Response) -> ErrorInfo | None:
    """The error object of an error answer, None when the body is not the backend's error shape."""
    try:
        return error_info(response.json())
    except ValueError:
        return None


def answer(response: httpx.Response) -> Any:
    """The JSON body of a success; BackendError with code, message and field details otherwise."""
    if response.status_code >= 400:
        error = error_of(response)
        if error is None:
            raise BackendError(response.status_code, "http_error", response.text[:200])
        message = error["message"]
        if details := error.get("details"):
            message += " " + "; ".join(f"{d['field']}: {d['problem']}" for d in details)
        raise BackendError(response.status_code, error["code"], message)
    return response.json() if response.content else None


class Http:
    """One backend by base URL (``http://127.0.0.1:8081``) and its connection pool.

    ``test_api_token`` is the key of the backend's test control, sent with every ``/test/`` call only.
    """

    def __init__(self, url: str, timeout: float = 30.0, test_api_token: str | None = None) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.Client(base_url=self.url, timeout=timeout)
        self._test_key = {TOKEN_HEADER: test_api_token} if test_api_token else {}

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

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
        """One request; BackendError for any error answer, a clear one when nothing answers."""
        sent = {**(headers or {}), **({"X-API-Key": api_key} if api_key else {})}
        if path.startswith("/test/"):
            sent.update(self._test_key)
        try:
            response = self._http.request(method, path, json=body, headers=sent, params=params)
        except httpx.HTTPError as exc:
            raise BackendError(0, "unreachable", f"Backend {self.url} nicht erreichbar: {exc}") from exc
        if path.startswith("/test/") and (error := error_of(response)) is not None and error["code"] == UNKNOWN_ROUTE:
            raise BackendError(404, "no_test_api", f"{self.url} hat keine Test-Steuerung (/test/v1)")
        return answer(response)
