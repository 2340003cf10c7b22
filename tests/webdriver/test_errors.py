"""The W3C error table and the error body shape."""

from __future__ import annotations

import json

from simulator.webdriver.errors import ERROR_STATUS, WebDriverError, error_body


def test_statuses_follow_the_w3c_table() -> None:
    expected = {
        "invalid session id": 404,
        "unknown command": 404,
        "unknown method": 405,
        "invalid argument": 400,
        "no such element": 404,
        "stale element reference": 404,
        "element not interactable": 400,
        "invalid element state": 400,
        "invalid selector": 400,
        "session not created": 500,
        "timeout": 500,
        "unknown error": 500,
        "unsupported operation": 500,
    }
    for code, status in expected.items():
        assert ERROR_STATUS[code] == status, code
        assert WebDriverError(code, "x").status == status


def test_an_unknown_code_becomes_unknown_error_and_keeps_the_code_in_the_message() -> None:
    error = WebDriverError("flux capacitor", "broken")
    assert error.error == "unknown error"
    assert error.status == 500
    assert "flux capacitor" in error.message


def test_error_body_has_error_message_and_stacktrace() -> None:
    body = json.loads(error_body("no such element", "weg", "trace"))
    assert body == {"value": {"error": "no such element", "message": "weg", "stacktrace": "trace"}}
