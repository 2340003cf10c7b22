"""How long a request's body is, decided strictly from its head (RFC 9112 §6.1, §6.3): both HTTP surfaces.

The WebDriver server (stdlib ``http.server``) and the backend (uvicorn with h11) parse heads with
different code; a proxy or a Grid relay in front of them parses with a third. Where parsers may
disagree on where a body ends, a second request can hide in the first one's body (request
smuggling), so every head whose framing is not unambiguous is refused and the connection closed:

- ``Content-Length`` values that differ, or one that is not a plain decimal (RFC 9110 §8.6);
- ``Transfer-Encoding`` together with ``Content-Length`` (RFC 9112 §6.3 item 3: "ought to be
  handled as an error"; the server must close the connection either way);
- ``Transfer-Encoding`` whose last coding is not ``chunked`` (§6.3 item 4: 400), or that applies
  ``chunked`` twice (§7.1);
- ``Transfer-Encoding`` in an HTTP/1.0 request (§6.1: "MUST treat the message as if the framing
  is faulty");
- a coding other than ``chunked`` before it (``gzip, chunked``): neither server decodes one, so
  501 Not Implemented (§6.1), instead of handing the still-encoded bytes on as the body.

A bad chunk inside a chunked body is the reader's to find (the WebDriver server's own, h11's).
This module imports nothing of the project: both surfaces read it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

CHUNKED: Final = "chunked"
MAX_LENGTH_DIGITS = 18  # a Content-Length beyond 10^18 bytes is no body anyone sends; int() of it stays cheap


@dataclass(frozen=True)
class Refusal:
    """The body's end cannot be trusted: answer ``status`` and close the connection."""

    status: Literal[400, 501]
    message: str


Framing = int | Literal["chunked"]
"""The body's length in bytes (0 without either header), or ``"chunked"``."""


def body_framing(version: str, fields: Iterable[tuple[str, str]]) -> Framing | Refusal:
    """The framing of a request with this HTTP version (``HTTP/1.1``) and header fields, or why it is refused."""
    lengths: list[str] = []
    codings: list[str] = []
    transfer_encoding = False
    for name, value in fields:
        field = name.strip().lower()
        if field == "content-length":
            lengths += [length.strip() for length in value.split(",")]
        elif field == "transfer-encoding":
            transfer_encoding = True
            codings += [coding.strip().lower() for coding in value.split(",") if coding.strip()]
    if transfer_encoding:
        return _transfer_coding(version, codings, bool(lengths))
    if not lengths:
        return 0
    if any(not length.isascii() or not length.isdigit() or len(length) > MAX_LENGTH_DIGITS for length in lengths):
        return Refusal(400, f"invalid Content-Length {', '.join(lengths)!r}")
    if len(set(lengths)) > 1:
        return Refusal(400, f"conflicting Content-Length values {', '.join(lengths)!r}")
    return int(lengths[0])


def _transfer_coding(version: str, codings: list[str], with_length: bool) -> Framing | Refusal:
    if version == "HTTP/1.0":
        return Refusal(400, "Transfer-Encoding in an HTTP/1.0 request")
    if with_length:
        return Refusal(400, "Content-Length together with Transfer-Encoding")
    if not codings or codings[-1] != CHUNKED:
        return Refusal(400, f"Transfer-Encoding {', '.join(codings)!r} does not end with chunked")
    if CHUNKED in codings[:-1]:
        return Refusal(400, "Transfer-Encoding applies chunked more than once")
    if len(codings) > 1:
        return Refusal(501, f"transfer coding {', '.join(codings[:-1])!r} is not supported (only chunked)")
    return CHUNKED
