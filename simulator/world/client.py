"""The backend as a world loader sees it: admin, test-control and app API over HTTP (docs/backend-api.md)."""

from __future__ import annotations

from typing import Any

import httpx


class BackendError(Exception):
    """The backend refused a call; carries status, error code and its German message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{message} ({status} {code})" if status else message)
        self.status = status
        self.code = code
        self.message = message


def _answer(response: httpx.Response) -> Any:
    if response.status_code >= 400:
        try:
            error = response.json()["error"]
            code, message = str(error["code"]), str(error["message"])
            details = error.get("details")
            if details:
                message += " " + "; ".join(f"{d['field']}: {d['problem']}" for d in details)
        except (ValueError, KeyError, TypeError):
            code, message = "http_error", response.text[:200]
        raise BackendError(response.status_code, code, message)
    return response.json() if response.content else None


class Backend:
    """One backend, by base URL (``http://127.0.0.1:8081``)."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.Client(base_url=self.url, timeout=timeout)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
        try:
            response = self._http.request(method, path, json=body, headers=sent, params=params)
        except httpx.HTTPError as exc:
            raise BackendError(0, "unreachable", f"Backend {self.url} nicht erreichbar: {exc}") from exc
        if response.status_code == 404 and path.startswith("/test/") and _route_missing(response):
            raise BackendError(404, "no_test_api", f"{self.url} hat keine Test-Steuerung (/test/v1)")
        return _answer(response)

    def export(self, makler_id: str | None = None) -> dict[str, Any]:
        """The whole state (test-control ``GET /test/v1/export``)."""
        result: dict[str, Any] = self.call(
            "GET", "/test/v1/export", params={"makler_id": makler_id} if makler_id else None
        )
        return result


def _route_missing(response: httpx.Response) -> bool:
    try:
        return bool(response.json()["error"]["message"] == "Unbekannte Adresse.")
    except (ValueError, KeyError, TypeError):
        return False
