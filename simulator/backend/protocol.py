"""HTTP/1.1 protocol of the backend: uvicorn's h11 protocol, with protocol errors in the backend's JSON shape.

Requests the HTTP parser rejects before they reach the app (a bad or negative Content-Length, a
header line without a colon, headers over h11's 16 KiB limit, a garbage request line, HTTP/1.1
without Host, a TLS hello on the plain port, a bad chunk size) get uvicorn's
``400 text/plain "Invalid HTTP request received."``; here they get ``400`` with
``{"error": {"code": "bad_request", ...}}`` like every other error of the backend
(docs/backend-api.md lists what the server stack still answers on its own).
"""

from __future__ import annotations

import json
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_LIMIT = 16 * 1024  # h11's buffer for an incomplete request head; the app enforces the same on complete ones
ANSWERS = {
    400: ("bad_request", "Die Anfrage ist kein gültiges HTTP/1.1."),
    431: ("headers_too_large", f"Die Kopfzeilen der Anfrage sind zu groß (höchstens {HEADER_LIMIT // 1024} KiB)."),
}


def error_body(status: int) -> bytes:
    """The JSON error body for a protocol-level 400 or 431."""
    code, message = ANSWERS[status]
    return json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode()


class JsonErrorProtocol(H11Protocol):
    """uvicorn's h11 protocol; a request the parser rejects is answered with the JSON error shape."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._status_hint = 400
        parse = self.conn.next_event

        def next_event() -> Any:  # remember h11's status hint (431 for an oversized head) for the answer
            try:
                return parse()
            except h11.RemoteProtocolError as exc:
                self._status_hint = 431 if exc.error_status_hint == 431 else 400
                raise

        self.conn.next_event = next_event  # type: ignore[method-assign]

    def send_400_response(self, msg: str) -> None:
        """400 (431 for an oversized head) with the JSON error body, then close (the framing is lost)."""
        status = self._status_hint
        body = error_body(status)
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        try:
            for event in (h11.Response(status_code=status, headers=headers), h11.Data(data=body)):
                self.transport.write(self.conn.send(event) or b"")
            self.transport.write(self.conn.send(h11.EndOfMessage()) or b"")
        except h11.LocalProtocolError:  # a response had already begun: nothing valid can follow
            pass
        self.transport.close()
