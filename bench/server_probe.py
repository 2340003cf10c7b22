"""The simulator's side of ``python -m bench suite``: where a WebDriver command's time goes in the server, per session.

Installed wherever the simulator runs: in the test process (``--simulator-in-process``) by the
probe plugin (``bench/suite_probe.py``), or in the simulator process of an embedded run, which the
probe then starts as ``python -m bench.server_probe FILE`` (``harness.simulator_child`` with these
timers). Per WebDriver session it adds up: ``server`` (the request as the server sees it: reading,
dispatching, answering), ``dispatch`` (the route and the emulated app) and ``app_backend`` (the
app's own backend requests, inside the dispatch) with their count. The suite bench adds each
scenario's sessions up (the test side records which sessions a scenario used), so the figures are
exact for serial and parallel runs alike. Results go as JSON to ``$BENCH_SUITE_OUT/server-<pid>.json``.
"""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

SESSION = re.compile(r"^/session/([^/?]+)")
FIELDS = ("server", "dispatch", "app_backend", "app_backend_calls")
_LOCAL = threading.local()
_LOCK = threading.Lock()
TOTALS: defaultdict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))


def session_of(target: str, payload: bytes) -> str | None:
    """The session a request belongs to: from its path, or for a new session from the answer."""
    if match := SESSION.match(target):
        return match.group(1)
    try:
        value = json.loads(payload).get("value")
    except (ValueError, AttributeError):
        return None
    return value.get("sessionId") if isinstance(value, dict) else None


def _add(session: str, **figures: float) -> None:
    with _LOCK:
        for name, value in figures.items():
            TOTALS[session][name] += value


def install() -> None:
    """Wrap the WebDriver server's request handling, its dispatch and the app's HTTP client."""
    import httpx

    from simulator.webdriver.dispatch import Dispatcher
    from simulator.webdriver.server import _Handler

    handle, serve, send = Dispatcher.handle, _Handler._serve, httpx.Client.send

    def timed_handle(self: Dispatcher, method: str, target: str, body: bytes) -> tuple[int, bytes]:
        _LOCAL.app, _LOCAL.app_calls, _LOCAL.dispatching = 0.0, 0, True
        start = time.perf_counter()
        try:
            status, payload = handle(self, method, target, body)
        finally:
            _LOCAL.dispatching = False
        seconds = time.perf_counter() - start
        _LOCAL.session = session = session_of(target, payload)
        if session is not None:
            _add(session, dispatch=seconds, app_backend=_LOCAL.app, app_backend_calls=_LOCAL.app_calls)
        return status, payload

    def timed_serve(self: _Handler, head_only: bool = False) -> None:
        _LOCAL.session = None
        start = time.perf_counter()
        try:
            serve(self, head_only)
        finally:
            if (session := getattr(_LOCAL, "session", None)) is not None:
                _add(session, server=time.perf_counter() - start)

    def timed_send(self: httpx.Client, *args: Any, **kwargs: Any) -> httpx.Response:
        if not getattr(_LOCAL, "dispatching", False):  # not the app's: the harness's, on the test thread
            return send(self, *args, **kwargs)
        start = time.perf_counter()
        try:
            return send(self, *args, **kwargs)
        finally:
            _LOCAL.app += time.perf_counter() - start
            _LOCAL.app_calls += 1

    Dispatcher.handle = timed_handle  # type: ignore[method-assign]
    _Handler._serve = timed_serve  # type: ignore[method-assign]
    httpx.Client.send = timed_send  # type: ignore[method-assign]


def write(out: str) -> None:
    """This process's totals per session, as ``server-<pid>.json`` in ``out``."""
    with _LOCK:
        data = {session: dict(figures) for session, figures in TOTALS.items()}
    Path(out).mkdir(parents=True, exist_ok=True)
    (Path(out) / f"server-{os.getpid()}.json").write_text(json.dumps(data), encoding="utf-8")


def per_session(out: Path) -> dict[str, dict[str, float]]:
    """Every process's totals, merged (a session lives on one simulator)."""
    merged: dict[str, dict[str, float]] = {}
    for path in sorted(out.glob("server-*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


if __name__ == "__main__":  # the simulator process of an embedded run, with the timers
    from harness.simulator_child import serve as serve_simulator

    install()
    try:
        serve_simulator(Path(sys.argv[1]))
    finally:
        if out := os.environ.get("BENCH_SUITE_OUT"):
            write(out)
