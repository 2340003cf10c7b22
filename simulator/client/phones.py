"""The phones of a running simulator, read from its WebDriver server (``GET /kundenapp/v1/phones``), read-only."""

from __future__ import annotations

from typing import Any

import httpx

from simulator.spec.phones import PHONES_PATH, Phones


class PhonesError(Exception):
    """The WebDriver server did not list its phones (not reachable, or not a kundenapp-sim ``serve``)."""


class PhonesClient:
    """One simulator's WebDriver server by its Appium URL (``http://127.0.0.1:4723``)."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        self.url = url.rstrip("/")
        self._http = httpx.Client(base_url=self.url, timeout=timeout)

    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> PhonesClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def phones(self) -> Phones:
        """Every phone the simulator knows, and the backend its apps call."""
        try:
            response = self._http.get(PHONES_PATH)
        except httpx.HTTPError as exc:
            raise PhonesError(f"Simulator {self.url} nicht erreichbar: {exc}") from exc
        body: Any = response.json() if response.headers.get("content-type", "").startswith("application/json") else {}
        if response.status_code != 200 or not isinstance(body, dict) or not isinstance(body.get("value"), dict):
            raise PhonesError(f"{self.url}{PHONES_PATH} antwortet {response.status_code}: kein kundenapp-sim serve")
        listed: Phones = body["value"]
        return listed
