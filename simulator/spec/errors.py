"""The one error shape of every backend surface, read the same way by both clients (docs/backend-api.md, errors).

``{"error": {"code", "message", ...}}``: the backend writes it (``simulator/backend/errors.py``);
the app's client (``simulator/app/api_client.py``) and the typed client of the suites
(``simulator/client/http.py``) read it with :func:`error_info`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NotRequired, TypedDict, cast

UNKNOWN_ROUTE = "unknown_route"  # 404 for a path no route serves (an object that is not there is ``not_found``)


class FieldProblem(TypedDict):
    """One field of a request body that failed validation (``details`` of ``validation_error``)."""

    field: str
    problem: str


class ErrorInfo(TypedDict):
    """The ``error`` object; some codes carry more: ``details``, ``violations``, ``minimum``, ``retry_after``."""

    code: str
    message: str  # German, fit to show on screen
    details: NotRequired[list[FieldProblem]]
    violations: NotRequired[list[object]]  # the password rules a password breaks
    minimum: NotRequired[str]  # the version the broker asks for (426)
    retry_after: NotRequired[int]  # seconds (429)


def error_info(body: object) -> ErrorInfo | None:
    """The ``error`` object of an error answer's JSON body; None when the body does not have the one shape
    (a proxy's page, an empty body)."""
    error = body.get("error") if isinstance(body, Mapping) else None
    if not isinstance(error, Mapping) or not isinstance(error.get("code"), str):
        return None
    if not isinstance(error.get("message"), str):
        return None
    return cast(ErrorInfo, dict(error))
