"""Where backend calls run: inline in the tap (latency 0, deterministic) or in worker threads."""

from __future__ import annotations

import threading
from collections.abc import Callable

from simulator.app.applog import AppLog

JOIN_TIMEOUT_S = 5.0


class TaskRunner:
    """Runs app flows inline or, with latency configured, one worker thread per flow."""

    def __init__(self, *, threaded: bool, log: AppLog) -> None:
        self.threaded = threaded
        self._log = log
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._closed = False

    def submit(self, name: str, work: Callable[[], None]) -> None:
        """Run ``work``; inline exceptions propagate, worker exceptions are logged (SEVERE)."""
        if not self.threaded:
            work()
            return
        thread = threading.Thread(target=self._guarded, args=(name, work), name=f"kundenapp-{name}", daemon=True)
        with self._lock:
            if self._closed:
                return
            self._threads = [alive for alive in self._threads if alive.is_alive()]
            self._threads.append(thread)
        thread.start()

    def _guarded(self, name: str, work: Callable[[], None]) -> None:
        try:
            work()
        except Exception as exc:  # a worker must never die silently or warn in the test run
            self._log.add(f"task {name} failed: {type(exc).__name__}: {exc}", "SEVERE")

    def idle(self) -> bool:
        """True when no worker is running."""
        with self._lock:
            return not any(thread.is_alive() for thread in self._threads)

    def close(self) -> None:
        """Refuse new work and wait for running workers (callers cancel their waits first)."""
        with self._lock:
            self._closed = True
            threads = list(self._threads)
        for thread in threads:
            thread.join(JOIN_TIMEOUT_S)


class StateLock:
    """The phone's re-entrant lock around all app state.

    Whoever holds it may change state, so entering and leaving drops the
    cached element tree; ``tree()`` reads under the bare lock and re-renders
    only after a change. That keeps the tree object identical between
    changes, which lets the WebDriver layer reuse what it derived from it.
    """

    def __init__(self) -> None:
        self.bare = threading.RLock()
        self.cached: object | None = None

    def __enter__(self) -> StateLock:
        self.bare.acquire()
        self.cached = None
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cached = None
        self.bare.release()
