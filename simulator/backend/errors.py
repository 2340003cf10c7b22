"""One error shape for every surface: ``{"error": {"code", "message", ...}}``.

Messages are German because the app shows them on screen.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class ApiError(Exception):
    """An answer other than success; carries status, code and a German message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.extra = extra

    def body(self) -> dict[str, Any]:
        """The JSON body of this error."""
        return {"error": {"code": self.code, "message": self.message, **self.extra}}


def not_found(what: str = "Eintrag") -> ApiError:
    """404 for unknown objects and for objects the caller may not see (no existence oracle)."""
    return ApiError(404, "not_found", f"{what} nicht gefunden.")


def unauthorized() -> ApiError:
    """401 for a missing, unknown, expired or revoked access token or API key."""
    return ApiError(
        401,
        "unauthorized",
        "Bitte melde Dich erneut an.",
        headers={"WWW-Authenticate": "Bearer"},
    )


def invalid_token() -> ApiError:
    """400 for a link or refresh token that is unknown, used or expired."""
    return ApiError(400, "invalid_token", "Der Link ist ungültig oder abgelaufen.")


def conflict(message: str) -> ApiError:
    """409 for a state change that does not fit the current state."""
    return ApiError(409, "conflict", message)


class ErrorInfo(BaseModel):
    """The ``error`` object; some codes carry more (``details``, ``violations``, ``minimum``, ``retry_after``)."""

    model_config = ConfigDict(extra="allow")

    code: str
    message: str


class ErrorBody(BaseModel):
    """The one error shape of every surface, as OpenAPI shows it."""

    error: ErrorInfo


# The error answers of docs/backend-api.md, for OpenAPI (``responses=`` of each route table).
ERROR_ANSWERS: dict[int, str] = {
    400: "`malformed_json` (body is not a JSON object), `invalid_token` (link or refresh token unknown, used, "
    "expired), `bad_request` (not valid HTTP/1.1, or its body's framing is ambiguous)",
    401: "`invalid_credentials` (login failed, same for unknown accounts), `unauthorized` (missing, invalid or "
    "expired access token or API key; test control without its key on a backend that has one)",
    403: "`account_not_confirmed`, `account_deactivated`",
    404: "`unknown_route`: no route serves the path; `not_found`: an object this caller may not see",
    409: "`conflict`: a state change that does not fit the current state, or a value already taken",
    413: "`payload_too_large`: body over 64 KiB",
    422: "`validation_error` (missing fields, wrong types: `details`), `password_policy` (`violations`)",
    426: "`app_update_required`, `os_update_required`: below the broker's minimum (`minimum`)",
    429: "`too_many_attempts`: throttled; header `Retry-After` (seconds)",
    431: "`headers_too_large`: request line and headers over 16 KiB",
    501: "`not_implemented`: a transfer coding other than chunked (e.g. `Transfer-Encoding: gzip, chunked`)",
    503: "`service_unavailable`: injected outage (test-control faults)",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, each with the JSON error shape."""
    return {status: {"model": ErrorBody, "description": ERROR_ANSWERS[status]} for status in statuses}
