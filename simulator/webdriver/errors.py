"""The one W3C error table: error code -> HTTP status, and the one exception type.

https://www.w3.org/TR/webdriver2/#errors
"""

from __future__ import annotations

import json

# https://www.w3.org/TR/webdriver2/#dfn-error-code (plus Appium's "no such context").
ERROR_STATUS: dict[str, int] = {
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

CONTENT_TYPE = "application/json; charset=utf-8"


class WebDriverError(Exception):
    """A command failed with a W3C error code; the server answers with the table's status."""

    def __init__(self, error: str, message: str) -> None:
        if error not in ERROR_STATUS:
            message = f"{error}: {message}"
            error = "unknown error"
        super().__init__(message)
        self.error = error
        self.message = message

    @property
    def status(self) -> int:
        """The HTTP status for this error (https://www.w3.org/TR/webdriver2/#errors)."""
        return ERROR_STATUS[self.error]


def error_body(error: str, message: str, stacktrace: str = "") -> bytes:
    """The JSON error body ``{"value":{"error","message","stacktrace"}}``."""
    value = {"error": error, "message": message, "stacktrace": stacktrace}
    return json.dumps({"value": value}).encode("ascii")
