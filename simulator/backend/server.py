"""The backend's ASGI application, its error handlers, and a runner for a thread or the CLI."""

from __future__ import annotations

import errno
import logging
import socket
import threading

import uvicorn
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from simulator.backend import control_access, routes_admin, routes_app, routes_control
from simulator.backend.clock import Clock
from simulator.backend.errors import ApiError
from simulator.backend.protocol import ANSWERS, HEADER_LIMIT, JsonErrorProtocol
from simulator.backend.services import Services
from simulator.backend.settings import Settings
from simulator.backend.web import konsole, postfach
from simulator.backend.web.sessions import ConsoleSessions
from simulator.spec.api import BACKEND_TITLE
from simulator.spec.errors import UNKNOWN_ROUTE

log = logging.getLogger("kundenapp.backend")


class BodyLimit:
    """Bodies over the limit get 413 before they are read into memory (OWASP ASVS 13.1); heads over 16 KiB 431."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = len(scope.get("raw_path") or b"") + sum(len(k) + len(v) + 4 for k, v in scope["headers"])
        if head > HEADER_LIMIT:  # the same limit h11 applies to a head that arrives in pieces
            await _json(ApiError(431, *ANSWERS[431], headers={"Connection": "close"}))(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(self.limit)(scope, receive, send)
            return
        if declared is not None:
            await self.app(scope, receive, send)  # the server enforces the declared length
            return
        # Chunked or undeclared: buffer up to the limit, then replay (the body is at most ``limit`` bytes).
        buffered: list[Message] = []
        size = 0
        while True:
            message = await receive()
            buffered.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.limit:
                await _too_large(self.limit)(scope, receive, send)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            return buffered.pop(0) if buffered else await receive()

        await self.app(scope, replay, send)


def _too_large(limit: int) -> JSONResponse:
    return _json(ApiError(413, "payload_too_large", f"Die Anfrage ist zu groß (höchstens {limit // 1024} KiB)."))


def _json(error: ApiError) -> JSONResponse:
    return JSONResponse(error.body(), status_code=error.status, headers=error.headers)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)  # noqa: S101 - registered for ApiError only
    return _json(exc)


_NOT_AN_OBJECT = {"model_attributes_type", "dict_type", "model_type"}


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)  # noqa: S101
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return _json(ApiError(400, "malformed_json", "Der Inhalt der Anfrage ist kein gültiges JSON."))
    if any(tuple(e.get("loc", ())) == ("body",) and e.get("type") in _NOT_AN_OBJECT for e in errors):
        return _json(ApiError(400, "malformed_json", "Der Inhalt der Anfrage muss ein JSON-Objekt sein."))
    details = [{"field": ".".join(str(p) for p in e.get("loc", ())), "problem": str(e.get("msg"))} for e in errors]
    return _json(ApiError(422, "validation_error", "Die Anfrage ist unvollständig oder fehlerhaft.", details=details))


def _allowed_methods(request: Request) -> str:
    """Every method the path serves (RFC 9110 §15.5.6): Starlette's own Allow names only the first route's."""
    methods: set[str] = set()
    for route in request.app.state.method_routes:
        match, _ = route.matches(request.scope)
        if match != Match.NONE:
            methods |= route.methods or set()
    return ", ".join(sorted(methods))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)  # noqa: S101
    if exc.status_code == 404:
        return _json(ApiError(404, UNKNOWN_ROUTE, "Unbekannte Adresse."))
    if exc.status_code == 405:
        allowed = _allowed_methods(request)
        error = ApiError(
            405,
            "method_not_allowed",
            f"Methode {request.method} ist hier nicht erlaubt (erlaubt: {allowed}).",
            headers={"Allow": allowed},
        )
        return _json(error)
    if exc.status_code == 400:  # FastAPI's "error parsing the body", e.g. JSON nested too deep to decode
        return _json(ApiError(400, "malformed_json", "Der Inhalt der Anfrage ist kein gültiges JSON."))
    return _json(ApiError(exc.status_code, "http_error", str(exc.detail)))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return _json(ApiError(500, "internal_error", "Ein unerwarteter Fehler ist aufgetreten."))


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> FastAPI:
    """A backend with its own store; the test-control surface only when ``settings.test_api``."""
    settings = settings or Settings()
    backend = Services(settings, clock)
    app = FastAPI(
        title=BACKEND_TITLE,
        version="1.0",
        description="App API, admin API (Administration) and test-control API of the simulated broker platform.",
    )
    app.state.backend = backend
    app.state.konsole_sessions = ConsoleSessions()
    # The broker's Administration as pages (konsole) is part of the product; the fake mail
    # providers' web UI (postfach) belongs to test control.
    routers = [routes_app.router, routes_admin.router, konsole.router]
    routers += [routes_control.router, postfach.router] if settings.test_api else []
    # With a key, test control demands it before anything else (control_access.py), the Postfach pages too.
    keyed = settings.test_api_token is not None
    guards = {id(routes_control.router): control_access.require_token, id(postfach.router): postfach.require_key}
    for router in routers:
        guard = guards.get(id(router)) if keyed else None
        app.include_router(router, dependencies=[Depends(guard)] if guard is not None else None)
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)

    @app.get("/health", tags=["meta"])
    def health() -> dict[str, str]:
        """Liveness for supervisors and CI."""
        return {"status": "ok"}

    # Every route with its methods, for the Allow header of a 405 (the routers' routes carry full paths).
    own = [r for r in app.router.routes if isinstance(r, Route)]
    app.state.method_routes = [*own, *(r for router in routers for r in router.routes if isinstance(r, Route))]
    return app


class PortInUse(OSError):
    """Another process listens on the port; ``role`` says which of ours (``backend`` or ``appium``)."""

    def __init__(self, host: str, port: int, role: str = "backend") -> None:
        super().__init__(errno.EADDRINUSE, f"Port {port} auf {host} ist schon belegt")
        self.host, self.port, self.role = host, port, role


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0 picks a free one); PortInUse when the port is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto must be IPPROTO_TCP explicitly: asyncio only turns Nagle off (TCP_NODELAY) on accepted
    # sockets whose proto says TCP; with proto 0 every answer waits ~44 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(host, port) from exc
        raise
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def server_config(app: FastAPI, *, log_level: str = "warning", access_log: bool = False) -> uvicorn.Config:
    """How every place serves the backend (embedded, ``serve``, ``backend``, the tests' fixtures): uvicorn with
    the backend's own h11 protocol (strict framing, JSON protocol errors: simulator/backend/protocol.py).

    Every answer, the app's and the protocol's own, says ``X-Content-Type-Options: nosniff`` and names no
    server (OWASP ASVS 14.4.4, 14.3.3): uvicorn adds its default headers to each one, so no route can forget.
    """
    return uvicorn.Config(
        app,
        log_level=log_level,
        access_log=access_log,
        lifespan="off",
        http=JsonErrorProtocol,
        server_header=False,
        headers=[("X-Content-Type-Options", "nosniff")],
    )


class BackendThread:
    """The backend served by uvicorn in a background thread (embedded mode)."""

    def __init__(self, settings: Settings | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.app = create_app(settings)
        try:
            control_access.check_exposure(self.app.state.backend.settings, host)  # before anything listens
            self._sock = bind(host, port)
        except (OSError, control_access.ExposedTestControl):
            self.app.state.backend.close()
            raise
        self.host, self.port = self._sock.getsockname()[:2]
        self._server = uvicorn.Server(server_config(self.app))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True)

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:54321."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> BackendThread:
        """Serve until stop(); returns once the server accepts connections."""
        self._thread.start()
        ready = threading.Event()
        while not self._server.started and self._thread.is_alive():
            ready.wait(0.005)  # uvicorn has no ready hook; poll its own flag
        if not self._server.started:
            raise RuntimeError("backend failed to start")
        return self

    def __enter__(self) -> BackendThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def close(self) -> None:
        """Release socket and store of a backend that was never started."""
        self._sock.close()
        self.app.state.backend.close()

    def stop(self) -> None:
        """Stop serving and close the store."""
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()
        self.app.state.backend.close()
