"""WebDriver command latency through appium-python-client: simulator vs. a bare stdlib HTTP floor.

Both servers run in this process on loopback with Nagle off and are driven by the same client,
interleaved call by call, so the ratio is measured under the same conditions (target:
median <= 0.5 ms and <= 2x the floor, bench/README.md). Bounded iterations; stops by itself.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from typing import Any

from appium import webdriver
from appium.options.android import UiAutomator2Options
from appium.webdriver.common.appiumby import AppiumBy

from simulator.webdriver import WebDriverServer

TARGET_MEDIAN_MS = 0.5
TARGET_RATIO = 2.0
TARGET_SESSION_MS = 10.0


class _FloorHandler(BaseHTTPRequestHandler):
    """Answers at once: a session for POST /session, ``{"value":null}`` for everything else."""

    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.command == "POST" and self.path.rstrip("/") == "/session":
            body = b'{"value":{"sessionId":"floor","capabilities":{}}}'
        else:
            body = b'{"value":null}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_DELETE = _answer


@contextmanager
def floor_server() -> Iterator[str]:
    """The bare stdlib HTTP server, as the lower bound of any Python WebDriver server."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _FloorHandler)
    httpd.daemon_threads = True
    thread = Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@contextmanager
def simulator(real: bool) -> Iterator[str]:
    """The WebDriver server under test: with the fake device, or the real app plus backend (``--real``)."""
    if real:
        from simulator.embedded import Simulator

        with Simulator() as sim:
            yield sim.appium_url
        return
    from tests.webdriver.fake_device import FakeDevice

    with WebDriverServer("127.0.0.1", 0, FakeDevice, "http://127.0.0.1:9") as server:
        yield server.url


def options() -> UiAutomator2Options:
    """The capabilities every bench session asks for."""
    caps = UiAutomator2Options()
    caps.device_name = "bench"
    caps.app = "kundenapp-4.0.0.apk"
    return caps


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def _interleaved(sim: Callable[[], Any], floor: Callable[[], Any], iterations: int) -> tuple[list[float], list[float]]:
    sim_times: list[float] = []
    floor_times: list[float] = []
    for index in range(iterations + iterations // 10):
        start = time.perf_counter()
        sim()
        middle = time.perf_counter()
        floor()
        end = time.perf_counter()
        if index >= iterations // 10:  # the first tenth warms up
            sim_times.append(middle - start)
            floor_times.append(end - middle)
    return sim_times, floor_times


def _session_times(url: str, floor_url: str, count: int) -> tuple[list[float], list[float]]:
    """New-session time (webdriver.Remote construction), interleaved; each session is quit untimed."""
    sim_times: list[float] = []
    floor_times: list[float] = []
    for _ in range(count):
        for target, times in ((url, sim_times), (floor_url, floor_times)):
            start = time.perf_counter()
            driver = webdriver.Remote(target, options=options())
            times.append(time.perf_counter() - start)
            driver.quit()
    return sim_times, floor_times


def run(iterations: int, real: bool, element: str) -> list[tuple[str, float, float, float, float]]:
    """Rows of (command, sim median, sim p95, floor median, floor p95) in milliseconds."""
    rows: list[tuple[str, float, float, float, float]] = []
    with simulator(real) as url, floor_server() as floor_url:
        sim = webdriver.Remote(url, options=options())
        flo = webdriver.Remote(floor_url, options=options())
        try:
            target = sim.find_element(AppiumBy.ACCESSIBILITY_ID, element)
            floor_target = flo.create_web_element("1")
            commands: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
                (
                    f"find_element(accessibility id {element!r})",
                    lambda: sim.find_element(AppiumBy.ACCESSIBILITY_ID, element),
                    lambda: flo.find_element(AppiumBy.ACCESSIBILITY_ID, element),
                ),
                ("element.click()", target.click, floor_target.click),
                ("element.text", lambda: target.text, lambda: floor_target.text),
            ]
            for name, sim_call, floor_call in commands:
                sim_times, floor_times = _interleaved(sim_call, floor_call, iterations)
                rows.append((name, *_ms(sim_times), *_ms(floor_times)))
        finally:
            sim.quit()
            flo.quit()
        sim_times, floor_times = _session_times(url, floor_url, max(iterations // 10, 10))
        rows.append(("new session (webdriver.Remote)", *_ms(sim_times), *_ms(floor_times)))
    return rows


def main(argv: list[str]) -> int:
    """Run once and print the table; exit status 0 (a benchmark reports, it does not fail)."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--iterations", type=int, default=300, help="timed calls per command (default 300)")
    parser.add_argument("--real", action="store_true", help="drive the real emulated app instead of the fake")
    parser.add_argument("--element", default="login_email", help="accessibility id to find and click")
    args = parser.parse_args(argv)
    rows = run(args.iterations, args.real, args.element)
    device = "real app" if args.real else "fake device"
    print(f"WebDriver bench: appium-python-client -> simulator ({device}) vs. bare stdlib HTTP floor")
    print(f"{'command':44} {'sim med':>8} {'sim p95':>8} {'floor med':>9} {'floor p95':>9} {'ratio':>6}")
    for name, sim_med, sim_p95, floor_med, floor_p95 in rows:
        ratio = sim_med / floor_med if floor_med else float("inf")
        print(f"{name:44} {sim_med:8.3f} {sim_p95:8.3f} {floor_med:9.3f} {floor_p95:9.3f} {ratio:6.2f}")
    commands = rows[:-1]
    worst_median = max(row[1] for row in commands)
    worst_ratio = max(row[1] / row[3] for row in commands)
    session_ms = rows[-1][1]
    print(
        f"targets: command median {worst_median:.3f} ms (<= {TARGET_MEDIAN_MS}), "
        f"ratio {worst_ratio:.2f} (<= {TARGET_RATIO}), new session {session_ms:.2f} ms (<= {TARGET_SESSION_MS})"
    )
    return 0
