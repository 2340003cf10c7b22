"""One reader of the error shape for both clients (simulator/spec/errors.py)."""

from __future__ import annotations

import pytest

from simulator.spec.errors import error_info


def test_the_error_object_with_what_its_code_carries() -> None:
    body = {"error": {"code": "password_policy", "message": "Passwort zu kurz.", "violations": [{"rule": "length"}]}}
    assert error_info(body) == body["error"]


@pytest.mark.parametrize(
    "body",
    [
        None,
        "bad gateway",
        [],
        {},
        {"error": "kaputt"},
        {"error": {"code": "x"}},
        {"error": {"code": 1, "message": "m"}},
    ],
)
def test_a_body_without_the_shape_is_none(body: object) -> None:
    assert error_info(body) is None
