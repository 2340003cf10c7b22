"""Which server a URL on the command line points at: the Kunden-App backend, a WebDriver (Appium) server, or neither.

Every command that takes a backend or an Appium URL checks it here first, so a mistyped or
swapped URL fails at once with one German line that names the right one, instead of a cut-off
JSON body or a phone failing later. A URL without scheme is read as ``http://``. The backend
answers ``/openapi.json`` with its title (``simulator.spec.api.BACKEND_TITLE``); a WebDriver
server answers ``/status`` with ``{"value": {"ready": …}}``
(https://www.w3.org/TR/webdriver2/#status); a simulator's WebDriver server also names the
backend its phones use (``simulator.spec.phones.PHONES_PATH``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

import httpx

from simulator.spec.api import BACKEND_TITLE
from simulator.spec.phones import PHONES_PATH

Role = Literal["backend", "appium"]
PROBE_TIMEOUT_S = 5.0
STARTS = {
    "backend": "kundenapp-sim backend oder kundenapp-sim serve starten",
    "appium": "kundenapp-sim serve (oder einen Appium-Server) starten",
}


class WrongPlace(Exception):
    """A URL that is no usable backend or Appium server; the message is one German line naming the option."""


@dataclass(frozen=True)
class Found:
    """What answers at a URL: ``role`` (None: neither), and the backend a simulator's phones use."""

    role: Role | None
    detail: str = ""
    backend_url: str | None = None


def with_scheme(url: str, option: str) -> str:
    """``localhost:8081`` -> ``http://localhost:8081`` (no trailing slash); WrongPlace for other schemes."""
    text = url.strip()
    if "://" not in text:
        text = f"http://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WrongPlace(f"{option} {url}: keine http(s)-URL (z. B. http://127.0.0.1:8081)")
    return text.rstrip("/")


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _webdriver(http: httpx.Client, url: str) -> Found | None:
    answer = _json(http.get(f"{url}/status"))
    value = answer.get("value") if isinstance(answer, dict) else None
    if not isinstance(value, dict) or "ready" not in value:
        return None
    phones = http.get(f"{url}{PHONES_PATH}")
    listed = _json(phones) if phones.status_code == 200 else None
    listed = listed.get("value") if isinstance(listed, dict) else None
    backend_url = listed.get("backend_url") if isinstance(listed, dict) else None
    return Found("appium", backend_url=backend_url if isinstance(backend_url, str) else None)


def _backend(http: httpx.Client, url: str) -> Found | None:
    answer = http.get(f"{url}/openapi.json")
    data = _json(answer) if answer.status_code == 200 else None
    info = data.get("info") if isinstance(data, dict) else None
    if isinstance(info, dict) and info.get("title") == BACKEND_TITLE:
        return Found("backend")
    return None


def identify(url: str, expected: Role) -> Found:
    """Ask the URL what it is, the expected role first; httpx.HTTPError when nothing answers."""
    checks = (_backend, _webdriver) if expected == "backend" else (_webdriver, _backend)
    with httpx.Client(timeout=PROBE_TIMEOUT_S) as http:
        for check in checks:
            found = check(http, url)
            if found is not None:
                return found
        status = http.get(url + "/").status_code
    return Found(None, detail=f"HTTP {status} auf /openapi.json und /status")


def require(url: str, expected: Role, option: str) -> str:
    """The URL (with scheme) when the expected server answers there; else WrongPlace naming the right URL."""
    base = with_scheme(url, option)
    try:
        found = identify(base, expected)
    except httpx.HTTPError as exc:
        reason = str(exc) or type(exc).__name__
        raise WrongPlace(f"{option} {base}: nicht erreichbar ({reason}); {STARTS[expected]}") from exc
    if found.role == expected:
        return base
    if found.role == "appium":
        right = (
            f"{option} {found.backend_url}" if found.backend_url else "die Backend-URL, die serve druckt („Backend:“)"
        )
        raise WrongPlace(
            f"{option} {base}: dort antwortet ein Appium-Server (WebDriver), kein Kunden-App-Backend; "
            f"gemeint ist wohl {right}"
        )
    if found.role == "backend":
        raise WrongPlace(
            f"{option} {base}: dort antwortet das Kunden-App-Backend, kein Appium-Server; "
            "gemeint ist wohl die Appium-URL, die serve druckt („Appium-URL:“, Standard-Port 4723)"
        )
    raise WrongPlace(
        f"{option} {base}: dort antwortet weder ein Kunden-App-Backend noch ein Appium-Server ({found.detail})"
    )
