"""A pytest plugin (``-p bench.suite_probe``) that records where a scenario's wall time goes.

Loaded only by ``python -m bench suite``, never by the tests. It wraps, on the test's thread:
WebDriver commands (the Selenium client's HTTP request; it notes each scenario's sessions),
backend calls made by the harness and steps (httpx on the test thread), sleeps inside condition
waits (``WebDriverWait``'s poll), and times fixture set-up; on every thread of the test process it
times password hashing (the backend's KDF, when the simulator runs in the test process). The
simulator's side (server, dispatch, the app's backend calls) is timed per session by
``bench/server_probe.py`` wherever the simulator runs: the probe makes the embedded run's simulator
process run with those timers, or installs them here with ``--simulator-in-process``. Categories
overlap where one contains the other (hashing runs inside a WebDriver command or a backend call;
a wait contains the commands it polls with). ``$BENCH_SWITCH_INTERVAL`` sets ``sys.setswitchinterval``
(the GIL experiment). Results go as JSON to ``$BENCH_SUITE_OUT`` (one file per process; xdist
workers add their id).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bench import server_probe

_TEST_THREAD = threading.main_thread()


@dataclass
class Sample:
    """One scenario's figures (seconds, counts)."""

    nodeid: str
    wall: float = 0.0
    setup: float = 0.0
    webdriver: float = 0.0
    webdriver_calls: int = 0
    backend: float = 0.0
    backend_calls: int = 0
    app_backend: float = 0.0
    app_backend_calls: int = 0
    hashing: float = 0.0
    hashing_calls: int = 0
    wait_sleep: float = 0.0
    browser: bool = False  # a @konsole scenario: some of its commands go to Chromium, not to the simulator
    sessions: list[str] = field(default_factory=list)  # the WebDriver sessions it started
    # the simulator's side, which the bench fills in from bench/server_probe.py's totals per session
    # (the app's backend calls above among them)
    server: float = 0.0
    dispatch: float = 0.0
    passed: bool = True


@dataclass
class Probe:
    """The running totals of this process."""

    samples: list[Sample] = field(default_factory=list)
    current: Sample | None = None
    started: float = 0.0
    first_test: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, seconds: float, count_name: str | None = None) -> None:
        with self.lock:
            sample = self.current
            if sample is None:
                return
            setattr(sample, name, getattr(sample, name) + seconds)
            if count_name:
                setattr(sample, count_name, getattr(sample, count_name) + 1)


PROBE = Probe()


def _process_start() -> float:
    """Wall-clock time at which this process was created (Linux /proc), else now."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.time()


def _timed(owner: Any, attr: str, on_call: Callable[[float, bool], None]) -> None:
    original = getattr(owner, attr)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            on_call(time.perf_counter() - start, threading.current_thread() is _TEST_THREAD)

    setattr(owner, attr, wrapper)


def _install() -> None:
    import httpx
    from selenium.webdriver.remote.remote_connection import RemoteConnection
    from selenium.webdriver.support import wait

    def backend_call(seconds: float, on_test_thread: bool) -> None:
        if on_test_thread:
            PROBE.add("backend", seconds, "backend_calls")

    def hashing(seconds: float, _: bool) -> None:
        PROBE.add("hashing", seconds, "hashing_calls")

    request = RemoteConnection._request

    def webdriver_call(self: RemoteConnection, method: str, url: str, body: Any = None) -> Any:
        start = time.perf_counter()
        answer = request(self, method, url, body)
        if threading.current_thread() is _TEST_THREAD:
            PROBE.add("webdriver", time.perf_counter() - start, "webdriver_calls")
            value = answer.get("value") if isinstance(answer, dict) else None
            session = value.get("sessionId") if isinstance(value, dict) else None
            if session is not None and PROBE.current is not None:  # a new session: the scenario's phone or browser
                PROBE.current.sessions.append(session)
        return answer

    RemoteConnection._request = webdriver_call  # type: ignore[method-assign]
    _timed(httpx.Client, "send", backend_call)
    try:
        from simulator.backend.security import PasswordHashing
    except ImportError:  # a remote target: no KDF in this process
        pass
    else:
        _timed(PasswordHashing, "hash", hashing)
        _timed(PasswordHashing, "verify", hashing)

    real_sleep = time.sleep

    class _Time:
        """``time`` as WebDriverWait sees it, with its poll sleeps counted."""

        def __getattr__(self, name: str) -> Any:
            return getattr(time, name)

        @staticmethod
        def sleep(seconds: float) -> None:
            start = time.perf_counter()
            real_sleep(seconds)
            PROBE.add("wait_sleep", time.perf_counter() - start)

    wait.time = _Time()  # type: ignore[assignment]


@pytest.hookimpl(tryfirst=True)  # before the harness starts the simulator process
def pytest_configure(config: pytest.Config) -> None:
    from harness import simulator_process

    simulator_process.CHILD_MODULE = "bench.server_probe"
    if simulator_process.in_process(config) and config.getoption("target") == "embedded":
        server_probe.install()
    PROBE.started = _process_start()
    if interval := os.environ.get("BENCH_SWITCH_INTERVAL"):
        sys.setswitchinterval(float(interval))
    _install()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, None, None]:
    if PROBE.first_test is None:
        PROBE.first_test = time.time()
    sample = Sample(item.nodeid, browser=item.get_closest_marker("konsole") is not None)
    PROBE.current = sample
    start = time.perf_counter()
    yield
    sample.wall = time.perf_counter() - start
    PROBE.current = None
    PROBE.samples.append(sample)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    start = time.perf_counter()
    yield
    if PROBE.current is not None:
        PROBE.current.setup += time.perf_counter() - start


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed and PROBE.current is not None:
        PROBE.current.passed = False


def pytest_unconfigure(config: pytest.Config) -> None:
    out = os.environ.get("BENCH_SUITE_OUT")
    if not out:
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    startup = (PROBE.first_test - PROBE.started) if PROBE.first_test is not None else None
    data = {"worker": worker, "startup": startup, "samples": [asdict(s) for s in PROBE.samples]}
    Path(out).mkdir(parents=True, exist_ok=True)
    (Path(out) / f"{worker}.json").write_text(json.dumps(data), encoding="utf-8")
    if server_probe.TOTALS:
        server_probe.write(out)
