"""The request log of ``serve --log-requests``: one line per WebDriver command.

So a user sees what a client sent: method, path, command name (from the route table),
HTTP status, milliseconds and the session id's prefix. Off by default (the hot path stays silent).
"""

from __future__ import annotations

import logging
import sys

LOGGER_NAME = "simulator.webdriver.requests"
SESSION_PREFIX = 8  # characters of the session id shown; enough to tell parallel sessions apart
logger = logging.getLogger(LOGGER_NAME)


def line(method: str, path: str, command: str, status: int, millis: float, session_id: str | None) -> str:
    """One log line, e.g. ``POST /session/…/element  Find Element  200  0.4 ms  session ab12cd34``."""
    session = f"session {session_id[:SESSION_PREFIX]}" if session_id else "-"
    return f"{method} {path}  {command}  {status}  {millis:.1f} ms  {session}"


def record(method: str, path: str, command: str, status: int, millis: float, session_id: str | None) -> None:
    """Log one command at INFO on the request logger."""
    logger.info("%s", line(method, path, command, status, millis, session_id))


def enable() -> None:
    """Let the request logger's INFO lines through (to whatever handlers the process has: pytest
    shows them under "Captured log" of a failed scenario)."""
    logger.setLevel(logging.INFO)


def print_to_stdout() -> None:
    """``serve``: print the request log to stdout, one line per command, with the time of day."""
    enable()
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s.%(msecs)03d %(message)s", datefmt="%H:%M:%S"))
    logger.addHandler(handler)
    logger.propagate = False
