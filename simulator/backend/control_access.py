"""Test control behind a key on a shared backend, and never open beyond this machine by accident.

Test control (``/test/v1``, the mechanism switches under it, the Postfach pages) can set any
password, read every mail and wipe the store: fine on loopback, not on a nightly backend a team
can reach. With ``Settings.test_api_token`` every test-control request must show the key
(``X-Test-Api-Token`` or ``Authorization: Bearer``; compared in constant time), else 401 in the
API's JSON shape. Without a key, a backend with test control refuses to listen on an address
other than loopback unless told so (``Settings.test_api_insecure``). docs/backend-api.md,
"Test control on a shared backend".
"""

from __future__ import annotations

import hmac
import ipaddress
import socket
from typing import Annotated

from fastapi import Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from simulator.backend.errors import ApiError
from simulator.backend.settings import Settings
from simulator.spec.test_control import TOKEN_ENV, TOKEN_HEADER

_HEADER = APIKeyHeader(name=TOKEN_HEADER, auto_error=False, description="The key of the backend's test control")
_BEARER = HTTPBearer(auto_error=False, description="The key of the backend's test control, as a bearer token")
# A route dependency's parameters for the key's two headers (security schemes: OpenAPI shows them).
KeyHeader = Annotated[str | None, Security(_HEADER)]
KeyBearer = Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER)]


class ExposedTestControl(ValueError):
    """Test control without a key on an address other machines can reach (the CLI shows it, exit 2)."""


def matches(expected: str, given: str | None) -> bool:
    """Whether ``given`` is the key, compared in constant time (as bytes: any text may come, none raises)."""
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


def shows_key(
    expected: str, header: str | None, bearer: HTTPAuthorizationCredentials | None, *more: str | None
) -> bool:
    """Whether the key came in one of its headers (or in ``more`` places, e.g. the Postfach's cookie)."""
    shown = [header, bearer.credentials if bearer is not None else None, *more]
    return any(matches(expected, value) for value in shown)


def refused() -> ApiError:
    """401 for a test-control request without the key (or with a wrong one)."""
    return ApiError(
        401,
        "unauthorized",
        f"Die Test-Steuerung dieses Backends verlangt ihren Schlüssel ({TOKEN_HEADER} oder Authorization: Bearer).",
        headers={"WWW-Authenticate": 'Bearer realm="test-control"'},
    )


def require_token(request: Request, header: KeyHeader = None, bearer: KeyBearer = None) -> None:
    """A route dependency of test control on a backend with a key: 401 unless the request shows it."""
    expected = request.app.state.backend.settings.test_api_token
    if expected is not None and not shows_key(expected, header, bearer):
        raise refused()


def is_loopback(host: str) -> bool:
    """Whether every address ``host`` names is reachable from this machine only (127.0.0.0/8, ::1).

    An unknown name counts as not loopback (binding to it fails anyway).
    """
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    return bool(found) and all(ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_loopback for info in found)


def check_exposure(settings: Settings, host: str) -> None:
    """ExposedTestControl when test control would listen on ``host`` (not loopback) without a key, unless allowed."""
    guarded = settings.test_api_token is not None or settings.test_api_insecure
    if settings.test_api and not guarded and not is_loopback(host):
        raise ExposedTestControl(
            f"Die Test-Steuerung (/test/v1, /postfach/) wäre auf {host} ohne Schlüssel für jeden erreichbar, der "
            f"diesen Rechner erreicht. Einen Schlüssel setzen (--test-api-token TOKEN oder {TOKEN_ENV}), sie mit "
            "--no-test-api weglassen, oder es ausdrücklich wollen: --test-api-insecure."
        )
