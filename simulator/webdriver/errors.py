"""The one W3C error table: error code -> HTTP status, and the one exception type.

https://www.w3.org/TR/webdriver2/#errors
"""

from __future__ import annotations

import json
from typing import Literal, TypeGuard, get_args

# https://www.w3.org/TR/webdriver2/#dfn-error-code (plus Appium's "no such context"): mypy refuses a
# mistyped code at every ``WebDriverError(...)``; ERROR_STATUS must list exactly these (checked below).
ErrorCode = Literal[
    "element click intercepted",
    "element not interactable",
    "insecure certificate",
    "invalid argument",
    "invalid cookie domain",
    "invalid element state",
    "invalid selector",
    "invalid session id",
    "javascript error",
    "move target out of bounds",
    "no such alert",
    "no such context",
    "no such element",
    "no such window",
    "script timeout",
    "session not created",
    "stale element reference",
    "timeout",
    "unable to capture screen",
    "unknown command",
    "unknown error",
    "unknown method",
    "unsupported operation",
]

ERROR_STATUS: dict[ErrorCode, int] = {
    "element click intercepted": 400,
    "element not interactable": 400,
    "insecure certificate": 400,
    "invalid argument": 400,
    "invalid cookie domain": 400,
    "invalid element state": 400,
    "invalid selector": 400,
    "invalid session id": 404,
    "javascript error": 500,
    "move target out of bounds": 500,
    "no such alert": 404,
    "no such context": 404,  # Appium: https://appium.io/docs/en/latest/reference/api/jsonwp/
    "no such element": 404,
    "no such window": 404,
    "script timeout": 500,
    "session not created": 500,
    "stale element reference": 404,
    "timeout": 500,
    "unable to capture screen": 500,
    "unknown command": 404,
    "unknown error": 500,
    "unknown method": 405,
    "unsupported operation": 500,
}

if set(ERROR_STATUS) != set(get_args(ErrorCode)):  # pragma: no cover - a table edited without the type
    raise RuntimeError("ERROR_STATUS and ErrorCode list different W3C error codes")

CONTENT_TYPE = "application/json; charset=utf-8"


def is_error_code(text: str) -> TypeGuard[ErrorCode]:
    """True when ``text`` is a W3C error code of the table."""
    return text in ERROR_STATUS


class WebDriverError(Exception):
    """A command failed with a W3C error code; the server answers with the table's status."""

    def __init__(self, error: ErrorCode, message: str) -> None:
        code: ErrorCode = error
        if error not in ERROR_STATUS:  # only reachable from untyped callers; see ``from_code``
            message = f"{error}: {message}"
            code = "unknown error"
        super().__init__(message)
        self.error: ErrorCode = code
        self.message = message

    @classmethod
    def from_code(cls, error: str, message: str) -> WebDriverError:
        """An error whose code comes from outside the typed code (a device's answer): unknown codes
        become ``unknown error`` with the code kept in the message."""
        if is_error_code(error):
            return cls(error, message)
        return cls("unknown error", f"{error}: {message}")

    @property
    def status(self) -> int:
        """The HTTP status for this error (https://www.w3.org/TR/webdriver2/#errors)."""
        return ERROR_STATUS[self.error]


def error_body(error: ErrorCode, message: str, stacktrace: str = "") -> bytes:
    """The JSON error body ``{"value":{"error","message","stacktrace"}}``."""
    value = {"error": error, "message": message, "stacktrace": stacktrace}
    return json.dumps({"value": value}).encode("ascii")
