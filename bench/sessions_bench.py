"""``python -m bench sessions``: a burst of new sessions on a fresh ``kundenapp-sim serve``.

Starts ``kundenapp-sim serve`` as its own process on free loopback ports, then N threads (default
50) create an Appium session each at the same moment (a barrier) with appium-python-client, as a
Grid node sees at the start of a nightly; then a second burst on the now warm server. Prints p50,
p95 and max of the time to a session, per burst. Bounded; stops the server by itself.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from appium import webdriver
from appium.options.common.base import AppiumOptions

from bench.suite_bench import percentile
from simulator.embedded import capabilities

TARGET_P95_MS = 200.0


@contextmanager
def fresh_serve_process(*extra: str) -> Iterator[tuple[subprocess.Popen[str], str, str]]:
    """A new ``kundenapp-sim serve`` on free ports plus ``extra`` options; yields it, its Appium and backend URL."""
    command = [sys.executable, "-m", "simulator", "serve", "--port", "0", "--backend-port", "0", *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        urls: dict[str, str] = {}
        for line in process.stdout:
            key, _, value = line.partition(":")
            if key in ("Appium-URL", "Backend"):
                urls[key] = value.split()[0]
            if len(urls) == 2:
                break
        else:
            raise RuntimeError(f"serve did not start (exit code {process.wait(timeout=30)})")
        yield process, urls["Appium-URL"], urls["Backend"]
    finally:
        process.terminate()
        process.wait(timeout=30)


def burst(url: str, count: int) -> list[float]:
    """``count`` sessions created at once; the milliseconds each took. All are quit afterwards."""
    barrier = threading.Barrier(count)
    times: list[float] = []
    drivers: list[webdriver.Remote] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def one(index: int) -> None:
        options = AppiumOptions().load_capabilities(capabilities("android" if index % 2 else "ios"))
        barrier.wait()
        start = time.perf_counter()
        try:
            driver = webdriver.Remote(url, options=options)
        except BaseException as exc:  # reported below; the burst goes on
            with lock:
                errors.append(exc)
            return
        with lock:
            times.append((time.perf_counter() - start) * 1000)
            drivers.append(driver)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for driver in drivers:
        driver.quit()
    if errors:
        raise RuntimeError(f"{len(errors)} of {count} sessions failed, first: {errors[0]!r}")
    return times


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench sessions", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50, help="sessions per burst (default 50)")
    ns = parser.parse_args(argv)
    if ns.count < 1:
        parser.error("--count must be at least 1")
    ok = True
    with fresh_serve_process() as (_, url, _backend):
        for name in ("frischer Server", "warmer Server"):
            times = burst(url, ns.count)
            p95 = percentile(times, 0.95)
            ok = ok and p95 <= TARGET_P95_MS
            print(
                f"{name}: {ns.count} Sitzungen gleichzeitig: p50 {statistics.median(times):.0f} ms, "
                f"p95 {p95:.0f} ms, max {max(times):.0f} ms (Ziel p95 <= {TARGET_P95_MS:.0f} ms)"
            )
    return 0 if ok else 1
