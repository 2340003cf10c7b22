"""HTTP/1.1 protocol of the backend: uvicorn's h11 protocol, strict framing, protocol errors as JSON.

Requests the HTTP parser rejects before they reach the app (a bad or negative Content-Length, a
header line without a colon, headers over h11's 16 KiB limit, a garbage request line, HTTP/1.1
without Host, a TLS hello on the plain port, a bad chunk) get uvicorn's
``400 text/plain "Invalid HTTP request received."``; here they get ``400`` with
``{"error": {"code": "bad_request", ...}}`` like every other error of the backend, and the
connection is closed (docs/backend-api.md lists what the server stack still answers on its own).

**Framing** (RFC 9112 §6.1, §6.3; the rules in ``simulator/framing.py``, shared with the WebDriver
server). A raw-socket probe of uvicorn 0.55's two HTTP implementations, each case followed by a
pipelined request on the same connection:

==================================  =========================  =========================
case                                h11 0.16                   httptools 0.9 (llhttp)
==================================  =========================  =========================
two different Content-Length        400, closed                400, closed
two equal Content-Length            accepted                   400, closed
Content-Length + chunked            **200, kept open**,        400, closed
                                    pipelined request served
``gzip, chunked``                   400 (h11 hints 501)        **200, gzip bytes handed
                                                               on as the body, kept open**
``chunked, gzip`` / ``gzip``        400, closed                400, closed
bad chunk size, no CRLF after data  400, closed                400, closed
==================================  =========================  =========================

Neither is right alone, and uvicorn answers every parser error with the same plain-text 400.
httptools cannot be told to refuse ``gzip, chunked`` (llhttp passes it through) nor to answer in
JSON (uvicorn's error path is fixed); h11 gets everything right but Content-Length with
Transfer-Encoding and the 400/501 split, and it hands us every parser error with a status hint. So
the backend keeps h11 (also where httptools is installed) and adds a guard in front of its parser:
before h11 reads a new request head, ``body_framing`` judges the complete head in h11's buffer
(``Connection.trailing_data``, public API); a refusal is raised as h11's own protocol error, so the
one error path below answers it (400 or 501, JSON, ``Connection: close``) and closes.
"""

from __future__ import annotations

import json
import re
from http import HTTPStatus
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from simulator.framing import Refusal, body_framing

HEADER_LIMIT = 16 * 1024  # h11's buffer for an incomplete request head; the app enforces the same on complete ones
ANSWERS = {
    400: ("bad_request", "Die Anfrage ist kein gültiges HTTP/1.1."),
    431: ("headers_too_large", f"Die Kopfzeilen der Anfrage sind zu groß (höchstens {HEADER_LIMIT // 1024} KiB)."),
    501: ("not_implemented", "Die Übertragungskodierung der Anfrage wird nicht unterstützt (nur chunked)."),
}
_HEAD_END = re.compile(rb"\n\r?\n")  # h11 accepts bare LF line ends in a head, so the guard must too


def error_body(status: int) -> bytes:
    """The JSON error body for a protocol-level 400, 431 or 501."""
    code, message = ANSWERS[status]
    return json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode()


def head_refusal(buffer: bytes) -> Refusal | None:
    """Why the request head at the start of ``buffer`` is refused; None when it is fine or not complete yet."""
    buffer = buffer.lstrip(b"\r\n")  # h11 skips empty lines before a request line
    end = _HEAD_END.search(buffer, 0, HEADER_LIMIT + 4)
    if end is None:
        return None  # h11 waits for the rest (or answers 431 for a head over its limit)
    request_line, *lines = buffer[: end.start()].decode("latin-1").split("\n")
    fields = [(name, value) for name, sep, value in (line.partition(":") for line in lines) if sep]
    framing = body_framing(request_line.rstrip("\r").rpartition(" ")[2], fields)
    return framing if isinstance(framing, Refusal) else None


class JsonErrorProtocol(H11Protocol):
    """uvicorn's h11 protocol with strict framing; a refused request is answered with the JSON error shape."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._status_hint = 400
        parse = self.conn.next_event

        def next_event() -> Any:
            if self.conn.their_state is h11.IDLE:  # a new request head: judge its framing before h11 reads it
                refusal = head_refusal(self.conn.trailing_data[0])
                if refusal is not None:
                    self._status_hint = refusal.status
                    raise h11.RemoteProtocolError(refusal.message, error_status_hint=refusal.status)
            try:
                return parse()
            except h11.RemoteProtocolError as exc:  # keep h11's 431 for an oversized head; 501 is the guard's alone
                self._status_hint = 431 if exc.error_status_hint == 431 else 400
                raise

        self.conn.next_event = next_event  # type: ignore[method-assign]

    def send_400_response(self, msg: str) -> None:
        """400 (431, 501) with the JSON error body and ``Connection: close``, then close (the framing is lost)."""
        if self.conn.our_state in (h11.IDLE, h11.SEND_RESPONSE):  # no answer has begun: one can still be sent
            status = self._status_hint
            body = error_body(status)
            # uvicorn's default headers (Date, X-Content-Type-Options; server_config), as on every other answer
            defaults = "".join(
                f"{k.decode('latin-1')}: {v.decode('latin-1')}\r\n" for k, v in self.server_state.default_headers
            )
            head = (
                f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\ncontent-type: application/json\r\n"
                f"content-length: {len(body)}\r\n{defaults}connection: close\r\n\r\n"
            )
            self.transport.write(head.encode("latin-1") + body)
        self.transport.close()
