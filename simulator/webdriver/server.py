"""The HTTP server: stdlib ThreadingHTTPServer, HTTP/1.1 keep-alive, Nagle off, one write per answer.

Without TCP_NODELAY every command waits ~44 ms for the delayed ACK.
With ``allow_cors`` (Appium's ``--allow-cors``) a browser page such as the web Appium Inspector
may call the server: preflights get 204 and every answer the ``Access-Control-Allow-*`` headers
(https://fetch.spec.whatwg.org/#http-cors-protocol).
Without it, a request a browser sends for a page of another origin is refused (403): the Telefone
page drives the phones through these routes, and no other site may.
Request bodies are framed strictly (``simulator/framing.py``, RFC 9112 §6-7): an ambiguous head or
a bad chunk is answered 400 (501 for a transfer coding other than chunked) in the W3C error shape,
and the connection is closed, so nothing after it on the stream is ever served as a request.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from socketserver import TCPServer
from typing import Any

from simulator.app.device_api import PhoneBook
from simulator.framing import Refusal, body_framing
from simulator.webdriver import request_log
from simulator.webdriver.dispatch import Dispatcher, normalise_path
from simulator.webdriver.errors import CONTENT_TYPE, ErrorCode, error_body
from simulator.webdriver.session import DeviceFactory, SessionStore
from simulator.webdriver.telefone import PREFIX as TELEFONE
from simulator.webdriver.telefone import TelefonePages

logger = logging.getLogger("simulator.webdriver")
MAX_BODY = 32 * 1024 * 1024  # larger bodies are refused with 413 before reading them
MAX_CHUNK_LINE = 1024  # a chunk-size line (with extensions) or a trailer field
MAX_CHUNK_DIGITS = 16  # hex digits of a chunk size: more cannot be below MAX_BODY anyway
MAX_TRAILERS = 32
HEX_DIGITS = b"0123456789abcdefABCDEF"
IDLE_SECONDS = 300.0  # an idle keep-alive connection is closed after this
TIMEOUT_SWEEP_SECONDS = 0.5  # how often (real time) sessions past their newCommandTimeout are ended
_REASONS = {status.value: status.phrase for status in HTTPStatus}
# What Appium's allowCrossDomain middleware allows, plus the headers Appium clients add themselves.
CORS_HEADERS = (
    "Access-Control-Allow-Origin: *\r\n"
    "Access-Control-Allow-Methods: GET, POST, PUT, DELETE, OPTIONS\r\n"
    "Access-Control-Allow-Headers: Cache-Control, Pragma, Origin, X-Requested-With, Content-Type, Accept, "
    "User-Agent, Authorization, X-Idempotency-Key\r\n"
)
PREFLIGHT_MAX_AGE = 600  # seconds a browser may reuse a preflight answer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = IDLE_SECONDS
    server: _HTTPServer

    def setup(self) -> None:
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().setup()
        self.server.track(self.request, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.request, add=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: no per-request logging on the hot path."""

    def _answer(
        self,
        status: int,
        payload: bytes,
        head_only: bool = False,
        content_type: str = CONTENT_TYPE,
        headers: dict[str, str] | None = None,
    ) -> None:
        connection = "Connection: close\r\n" if self.close_connection else ""
        extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {"Cache-Control": "no-cache"}).items())
        cors = CORS_HEADERS if self.server.allow_cors else ""
        head = (
            f"HTTP/1.1 {status} {_REASONS.get(status, 'Unknown')}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(payload)}\r\n"
            f"{extra}{cors}{connection}\r\n"
        )
        self.wfile.write(head.encode("latin-1") if head_only else head.encode("latin-1") + payload)

    def _refuse(self, status: int, error: ErrorCode, message: str) -> None:
        """Answer a transport-level problem and close: the rest of the stream cannot be trusted."""
        self.close_connection = True
        self._answer(status, error_body(error, message))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Malformed request lines and headers get the W3C error shape too, never HTML."""
        if code == HTTPStatus.NOT_IMPLEMENTED:
            self._refuse(405, "unknown method", f"unsupported HTTP method {self.command!r}")
        else:
            status = code if 400 <= code < 500 else 400
            self._refuse(status, "invalid argument", message or _REASONS.get(code, "bad request"))

    def _body(self) -> bytes | None:
        """The request body, framed strictly (simulator/framing.py); None when answered and closed already."""
        framing = body_framing(self.request_version, self.headers.items())
        if isinstance(framing, Refusal):
            error: ErrorCode = "unsupported operation" if framing.status == 501 else "invalid argument"
            self._refuse(framing.status, error, framing.message)
            return None
        if isinstance(framing, str):  # CHUNKED
            return self._chunked()
        if framing > MAX_BODY:
            self._refuse(413, "invalid argument", f"request body larger than {MAX_BODY} bytes")
            return None
        data = self.rfile.read(framing)
        if len(data) < framing:
            self.close_connection = True
            return None
        return data

    def _chunked(self) -> bytes | None:
        """A chunked body (RFC 9112 §7.1): every line ends with CRLF, sizes are 1-16 hex digits, the data
        of each chunk is followed by CRLF; anything else is 400 and the connection closed."""
        chunks: list[bytes] = []
        size = 0
        while True:
            line = self._chunk_line()
            if line is None:
                return None
            digits = line.split(b";", 1)[0].rstrip(b" \t")  # a chunk extension is allowed and ignored
            if not digits or len(digits) > MAX_CHUNK_DIGITS or digits.strip(HEX_DIGITS):  # no "-5", "0x5", " 5"
                self._refuse(400, "invalid argument", f"malformed chunk size {digits[:40]!r}")
                return None
            length = int(digits, 16)
            size += length
            if size > MAX_BODY:
                self._refuse(413, "invalid argument", f"request body larger than {MAX_BODY} bytes")
                return None
            if length == 0:
                return self._trailers(b"".join(chunks))
            data = self.rfile.read(length)
            if len(data) < length:  # the client went away mid-body: nothing to answer
                self.close_connection = True
                return None
            if self.rfile.read(2) != b"\r\n":
                self._refuse(400, "invalid argument", f"chunk of {length} bytes not followed by CRLF")
                return None
            chunks.append(data)

    def _chunk_line(self) -> bytes | None:
        """One line of a chunked body without its CRLF; None when refused or the client went away."""
        line = self.rfile.readline(MAX_CHUNK_LINE + 1)
        if not line:
            self.close_connection = True
            return None
        if not line.endswith(b"\r\n"):
            self._refuse(400, "invalid argument", "chunked body line not ended by CRLF (or over 1 KiB)")
            return None
        return line[:-2]

    def _trailers(self, body: bytes) -> bytes | None:
        """Skip the trailer section after the last chunk (RFC 9112 §7.1.2); the body, or None when refused."""
        for _ in range(MAX_TRAILERS + 1):
            line = self._chunk_line()
            if line is None:
                return None
            if not line:
                return body
        self._refuse(400, "invalid argument", f"more than {MAX_TRAILERS} trailer fields")
        return None

    def _foreign_origin(self) -> str | None:
        """The ``Origin`` of a browser page from elsewhere, which may drive the phones only with ``allow_cors``.

        Browsers name the page's origin on every cross-origin request (and on same-origin POSTs);
        Appium clients send none. Without this, any web page could tap on a phone with a "simple"
        request it cannot read the answer of (https://fetch.spec.whatwg.org/#origin-header).
        """
        origin = self.headers.get("Origin")
        if origin is None or self.server.allow_cors or origin == f"http://{self.headers.get('Host', '')}":
            return None
        return origin

    def _serve(self, head_only: bool = False) -> None:
        body = self._body()
        if body is None:
            return
        foreign = self._foreign_origin()
        if foreign is not None:
            message = f"a page from {foreign} may not use this server; start it with --allow-cors to let it"
            self._answer(403, error_body("invalid argument", message), head_only)
            return
        if self.path == TELEFONE or self.path.startswith((TELEFONE + "/", TELEFONE + "?")):
            status, kind, page, headers = self.server.telefone.handle(self.command, self.path, body)
            self._answer(status, page, head_only, kind, headers)
            return
        status, payload = self.server.dispatcher.handle(self.command, self.path, body)
        self._answer(status, payload, head_only)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_DELETE(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def do_PATCH(self) -> None:
        self._serve()

    def do_OPTIONS(self) -> None:
        """A CORS preflight when CORS is allowed (any path, as Appium); else routed (405 unknown method)."""
        if not self.server.allow_cors:
            self._serve()
            return
        if self._body() is None:
            return
        if self.server.dispatcher.log_requests:
            request_log.record("OPTIONS", normalise_path(self.path), "CORS Preflight", 204, 0.0, None)
        connection = "Connection: close\r\n" if self.close_connection else ""
        self.wfile.write(
            (
                f"HTTP/1.1 204 No Content\r\n{CORS_HEADERS}Access-Control-Max-Age: {PREFLIGHT_MAX_AGE}\r\n"
                f"Content-Length: 0\r\n{connection}\r\n"
            ).encode("latin-1")
        )

    def do_HEAD(self) -> None:
        self._serve(head_only=True)


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self, address: tuple[str, int], dispatcher: Dispatcher, telefone: TelefonePages, allow_cors: bool = False
    ) -> None:
        self.dispatcher = dispatcher
        self.telefone = telefone
        self.allow_cors = allow_cors
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        self._next_sweep = 0.0
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup of the host (slow on some machines)."""
        TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def track(self, connection: socket.socket, add: bool) -> None:
        with self._connections_lock:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def drop_connections(self) -> None:
        """Wake up handler threads waiting on idle keep-alive connections so they end."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def service_actions(self) -> None:
        """Between requests (serve_forever's loop, every poll): end sessions whose newCommandTimeout passed."""
        now = time.monotonic()
        if now >= self._next_sweep:
            self._next_sweep = now + TIMEOUT_SWEEP_SECONDS
            self.dispatcher.store.end_timed_out()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that vanish mid-answer are normal; anything else is logged, the server keeps running."""
        logger.debug("connection error from %s", client_address, exc_info=True)


class WebDriverServer:
    """An Appium-compatible WebDriver server; each session gets its own Device from the factory.

    ``allow_cors`` lets browser pages (web Appium Inspector) call it; ``log_requests`` logs one
    line per command on the ``simulator.webdriver.requests`` logger; ``session_override`` (Appium's
    ``--session-override``) lets a new session end the one holding the phone it asks for; ``links``
    (label, URL) are the pages the Telefone page links to (the backend's Makler-Konsole and Postfach).
    """

    def __init__(
        self,
        host: str,
        port: int,
        device_factory: DeviceFactory,
        backend_url: str,
        *,
        allow_cors: bool = False,
        log_requests: bool = False,
        now: Callable[[], float] = time.time,
        phone_book: PhoneBook | None = None,
        session_override: bool = False,
        links: list[tuple[str, str]] | None = None,
    ) -> None:
        self.host = host
        self.links = links or []  # the broker's pages (Makler-Konsole, Postfach) the Telefone page links to
        self.port = port
        self.allow_cors = allow_cors
        self.store = SessionStore(device_factory, backend_url, now, phone_book, session_override)
        self.dispatcher = Dispatcher(self.store, log_requests=log_requests)
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def telefone_url(self) -> str:
        """Every session's phone, live, and an inspector for each (HTML)."""
        return f"{self.url}{TELEFONE}/"

    @property
    def url(self) -> str:
        """Base URL for clients, e.g. ``http://127.0.0.1:4723`` (``/wd/hub`` is accepted too)."""
        if self._httpd is None:
            raise RuntimeError("server not started")
        return f"http://{self.host}:{self.port}"

    def start(self) -> WebDriverServer:
        """Bind (port 0 picks a free port) and serve in a background thread."""
        if self._httpd is not None:
            return self
        self._httpd = _HTTPServer(
            (self.host, self.port), self.dispatcher, TelefonePages(self.store, self.links), self.allow_cors
        )
        self.port = int(self._httpd.server_address[1])
        self.store.telefone_url = self.telefone_url  # named to a session refused a phone another one holds
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="webdriver-server",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close open connections and every session's device."""
        httpd, thread = self._httpd, self._thread
        if httpd is None:
            return
        self._httpd = self._thread = None
        httpd.shutdown()
        httpd.server_close()
        httpd.drop_connections()
        if thread is not None:
            thread.join()
        self.store.close_all()

    def __enter__(self) -> WebDriverServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
