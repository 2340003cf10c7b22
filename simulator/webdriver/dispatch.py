"""From an HTTP request to a JSON answer: route, parse, find the session, run the handler, map errors.

https://www.w3.org/TR/webdriver2/#processing-model
"""

from __future__ import annotations

import json
import logging
import time
import traceback
from typing import Any

from simulator.app.device_api import DeviceError
from simulator.webdriver import request_log
from simulator.webdriver.errors import WebDriverError, error_body
from simulator.webdriver.routes import Route, Router
from simulator.webdriver.session import Call, SessionStore, missing

logger = logging.getLogger("simulator.webdriver")
PREFIX = "/wd/hub"  # Selenium 3 / Appium 1 base path, still configured by many clients


def _parse_body(body: bytes) -> dict[str, Any]:
    """A POST body must be a JSON object; an empty one counts as ``{}``."""
    if not body.strip():
        return {}
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:  # RecursionError: absurdly deep nesting
        raise WebDriverError("invalid argument", f"request body is not valid JSON: {error!r:.200}") from error
    if not isinstance(value, dict):
        raise WebDriverError("invalid argument", "request body must be a JSON object")
    return value


def normalise_path(target: str) -> str:
    """The request path without query string and without the ``/wd/hub`` prefix."""
    path = target.split("?", 1)[0]
    if path.startswith(PREFIX) and (len(path) == len(PREFIX) or path[len(PREFIX)] == "/"):
        path = path[len(PREFIX) :] or "/"
    return path


class Dispatcher:
    """Runs WebDriver commands against a session store; knows nothing about sockets."""

    def __init__(self, store: SessionStore, router: Router | None = None, log_requests: bool = False) -> None:
        self.store = store
        self.router = router or Router()
        self.log_requests = log_requests
        if log_requests:
            request_log.enable()

    def handle(self, method: str, target: str, body: bytes) -> tuple[int, bytes]:
        """HTTP status and JSON bytes for one request (and its request-log line when enabled)."""
        if not self.log_requests:
            return self._handle(method, target, body)[0]
        started = time.perf_counter()
        answer, route, params = self._handle(method, target, body)
        millis = (time.perf_counter() - started) * 1000
        command = route.command if route is not None else "-"
        path = normalise_path(target)
        request_log.record(method, path, command, answer[0], millis, params.get("sessionId"))
        return answer

    def _handle(self, method: str, target: str, body: bytes) -> tuple[tuple[int, bytes], Route | None, dict[str, str]]:
        route: Route | None = None
        params: dict[str, str] = {}
        try:
            route, params = self.router.match(method, normalise_path(target))
            payload = _parse_body(body) if method == "POST" else {}
            if route.unwrap is not None and isinstance(payload.get(route.unwrap), dict):
                payload = payload[route.unwrap]
            refused = missing(route.params, payload) if method == "POST" else None
            if refused is not None:
                raise refused
            call = Call(self.store, params, payload)
            session_id = params.get("sessionId")
            if session_id is None:
                value = route.handler(call)
                if route.command == "New Session" and isinstance(value, dict):
                    params = {"sessionId": str(value.get("sessionId", ""))}
            else:
                session = self.store.get(session_id)
                with session.lock:
                    if session.closed:
                        raise self.store.gone(session_id)
                    call.target = session
                    value = route.handler(call)
                    session.last_used = self.store.now()  # newCommandTimeout counts from a command's end
            return (200, json.dumps({"value": value}, separators=(",", ":")).encode("ascii")), route, params
        except WebDriverError as error:
            answer = error.status, error_body(error.error, error.message, f"WebDriverError: {error.message}")
            return answer, route, params
        except DeviceError as error:
            mapped = WebDriverError.from_code(error.error, error.message)
            answer = mapped.status, error_body(mapped.error, mapped.message, f"DeviceError: {error.message}")
            return answer, route, params
        except Exception as error:
            logger.exception("unexpected error in %s %s", method, target)
            message = f"{type(error).__name__}: {error}"
            return (500, error_body("unknown error", message, traceback.format_exc())), route, params
