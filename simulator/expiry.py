"""``--expire-idle``: a standing ``serve`` (or ``backend``) forgets idle sessions, phones and brokers.

One sweep, in this order:

1. WebDriver sessions no command addressed for the window are deleted (their phone is released);
2. phones no session held for the window are forgotten (installed build and storage);
3. brokers no request touched for the window are released with everything they own, except the
   brokers whose Makler-ID a phone in use remembers (a scenario's phone keeps its broker).

Sessions also end earlier on their own ``appium:newCommandTimeout`` (the WebDriver server's sweep,
``SessionStore.end_timed_out``, on the same clock); this sweep catches those that asked for 0 (never).

"Idle" is measured on one clock: the backend's (its global time, never a broker's own offset), so
tests advance it through the test-control API instead of sleeping. Nothing younger than the window
goes: a scenario that makes any request within the window keeps its broker, its phone and its data.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports this module for its option; phones and sessions load with serve
    from simulator.app.lifecycle.phones import PhoneKey, PhoneRegistry
    from simulator.backend.services import Services
    from simulator.webdriver.session import SessionStore

DEFAULT_IDLE = "30m"
MAX_INTERVAL = 60.0  # seconds between sweeps at most (real time; idleness itself is on the clock)
_UNITS = {"s": 1, "m": 60, "h": 3600}
_DURATION = re.compile(r"(\d+)\s*([smh])")
log = logging.getLogger("kundenapp.expiry")


def parse_idle(text: str) -> float | None:
    """``30m``, ``90s``, ``2h`` -> seconds; ``0`` or ``off`` -> None (no expiry); ValueError (German) otherwise."""
    value = text.strip().lower()
    if value in ("0", "off"):
        return None
    match = _DURATION.fullmatch(value)
    if match is None or int(match.group(1)) == 0:
        raise ValueError(
            f"--expire-idle {text!r}: eine Dauer wie 30m, 90s oder 2h erwartet (0 oder off schaltet das Aufräumen ab)"
        )
    return float(int(match.group(1)) * _UNITS[match.group(2)])


@dataclass
class Swept:
    """What one sweep released."""

    sessions: list[str] = field(default_factory=list)
    phones: list[PhoneKey] = field(default_factory=list)
    brokers: list[str] = field(default_factory=list)


class Expiry:
    """Sweeps idle sessions, phones and brokers every so often (``start``) or once (``sweep``)."""

    def __init__(
        self,
        idle_seconds: float,
        *,
        backend: Services | None = None,
        sessions: SessionStore | None = None,
        phones: PhoneRegistry | None = None,
        interval: float | None = None,
    ) -> None:
        self.idle_seconds = idle_seconds
        self.backend = backend
        self.sessions = sessions
        self.phones = phones
        self.interval = interval if interval is not None else min(MAX_INTERVAL, max(1.0, idle_seconds / 4))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sweep(self) -> Swept:
        """One pass: idle sessions, then idle phones, then idle brokers no phone in use names."""
        swept = Swept()
        if self.sessions is not None:
            from simulator.webdriver.errors import WebDriverError

            reason = f"ended after {self.idle_seconds:.0f} s without a command (--expire-idle)"
            for session_id in self.sessions.idle(self.idle_seconds):
                try:
                    self.sessions.delete(session_id, reason)
                except WebDriverError:  # its client deleted it meanwhile
                    continue
                swept.sessions.append(session_id)
        keep: set[str] = set()
        if self.phones is not None:
            swept.phones = self.phones.expire(self.idle_seconds)
            keep = {m for phone in self.phones.in_use() if (m := phone.storage.makler_id)}
        if self.backend is not None:
            swept.brokers = self.backend.expire_idle(self.idle_seconds, keep)
        if swept.sessions or swept.phones or swept.brokers:
            log.info(
                "idle for %.0f s: %d sessions, %d phones, %d brokers released",
                self.idle_seconds,
                len(swept.sessions),
                len(swept.phones),
                len(swept.brokers),
            )
        return swept

    def start(self) -> Expiry:
        """Sweep in a background thread every ``interval`` seconds until ``stop``."""
        self._thread = threading.Thread(target=self._run, name="expire-idle", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """End the background sweeps (waits for a running one)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.sweep()
            except Exception:  # a failed sweep must not end the server; the next one tries again
                log.exception("expire-idle sweep failed")
