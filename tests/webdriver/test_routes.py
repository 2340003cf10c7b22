"""The route table and its matcher: unknown command vs. unknown method."""

from __future__ import annotations

import pytest

from simulator.webdriver.dispatch import normalise_path
from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.routes import ROUTES, Route, Router


def test_every_route_is_unique_and_named_after_its_command() -> None:
    pairs = [(route.method, route.path) for route in ROUTES]
    assert len(pairs) == len(set(pairs))
    for route in ROUTES:
        assert route.command and route.handler.__doc__, route


def test_duplicate_routes_are_refused() -> None:
    route = ROUTES[0]
    with pytest.raises(ValueError, match="duplicate"):
        Router([route, Route(route.method, route.path, "Other", "other", route.handler)])


def test_match_extracts_path_parameters() -> None:
    route, params = Router().match("GET", "/session/s-1/element/42/attribute/content-desc")
    assert route.command == "Get Element Attribute"
    assert params == {"sessionId": "s-1", "elementId": "42", "name": "content-desc"}


def test_percent_encoded_parameters_are_decoded() -> None:
    _, params = Router().match("GET", "/session/s/element/1/attribute/a%20b")
    assert params["name"] == "a b"


def test_literal_segments_win_over_variables() -> None:
    route, params = Router().match("GET", "/session/s/element/active")
    assert route.command == "Get Active Element"
    assert params == {"sessionId": "s"}


def test_unknown_path_is_unknown_command() -> None:
    with pytest.raises(WebDriverError) as caught:
        Router().match("GET", "/session/s/nonexistent")
    assert caught.value.error == "unknown command"
    assert caught.value.status == 404


def test_known_path_with_wrong_method_is_unknown_method() -> None:
    with pytest.raises(WebDriverError) as caught:
        Router().match("PUT", "/session/s/element/1/click")
    assert caught.value.error == "unknown method"
    assert caught.value.status == 405
    assert "POST" in caught.value.message


def test_trailing_slash_and_prefix_are_ignored() -> None:
    assert Router().match("GET", normalise_path("/wd/hub/status/"))[0].command == "Status"
    assert normalise_path("/wd/hub") == "/"
    assert normalise_path("/wd/hubby/status") == "/wd/hubby/status"
    assert normalise_path("/status?x=1") == "/status"
