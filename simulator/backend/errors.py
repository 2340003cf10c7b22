"""One error shape for every surface: ``{"error": {"code", "message", ...}}``.

Messages are German because the app shows them on screen.
"""

from __future__ import annotations

from typing import Any


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
