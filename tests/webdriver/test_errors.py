"""The W3C error table and the error body shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import mypy.api

from simulator.webdriver.errors import ERROR_STATUS, ErrorCode, WebDriverError, error_body


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


def test_the_error_code_type_lists_exactly_the_table() -> None:
    assert set(get_args(ErrorCode)) == set(ERROR_STATUS)


def test_mypy_refuses_a_mistyped_error_code(tmp_path: Path) -> None:
    """A typo in a code no longer becomes ``unknown error`` at run time: mypy --strict (make lint) refuses it."""
    snippet = tmp_path / "typo.py"
    snippet.write_text(
        "from simulator.webdriver.errors import WebDriverError\n\n"
        'WebDriverError("no such elemnt", "x")\n'
        'WebDriverError("no such element", "x")\n',
        encoding="utf-8",
    )
    out, _, status = mypy.api.run(
        [
            "--strict",
            "--no-incremental",
            "--follow-imports=silent",
            "--cache-dir",
            str(tmp_path / "cache"),
            str(snippet),
        ]
    )
    assert status == 1, out
    assert 'typo.py:3: error: Argument 1 to "WebDriverError" has incompatible type "Literal[\'no such elemnt\']"' in out
    assert "typo.py:4" not in out
    assert "Found 1 error" in out


def test_a_code_from_outside_the_typed_code_is_mapped_to_unknown_error() -> None:
    assert WebDriverError.from_code("no such element", "weg").error == "no such element"
    error = WebDriverError.from_code("flux capacitor", "broken")
    assert (error.error, error.status, error.message) == ("unknown error", 500, "flux capacitor: broken")
