"""Fault injection for the app API (test-control): outages and added latency, per broker or global."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from simulator.backend.clock import Clock
from simulator.backend.errors import ApiError
from simulator.spec import api


@dataclass
class Fault:
    """An outage for a number of requests and/or until a time, and latency per request."""

    outage_requests: int = 0
    outage_until: float = 0.0
    latency_ms: int = 0


class Faults:
    """Active faults keyed by Makler-ID ("" = every broker)."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._faults: dict[str, Fault] = {}

    def set(
        self,
        scope: str,
        *,
        outage_requests: int = 0,
        outage_seconds: float = 0.0,
        latency_ms: int = 0,
    ) -> Fault:
        """Install (replace) the fault for one scope."""
        until = self._clock.now(scope or None) + outage_seconds if outage_seconds else 0.0
        fault = Fault(outage_requests, until, latency_ms)
        with self._lock:
            self._faults[scope] = fault
        return fault

    def listed(self) -> list[api.Fault]:
        """What remains of every fault that still does something (the export's faults)."""
        with self._lock:
            faults = list(self._faults.items())
        listed: list[api.Fault] = []
        for scope, fault in faults:
            seconds = max(0.0, fault.outage_until - self._clock.now(scope or None)) if fault.outage_until else 0.0
            if fault.outage_requests or seconds or fault.latency_ms:
                listed.append(
                    {
                        "makler_id": scope or None,
                        "outage_requests": fault.outage_requests,
                        "outage_seconds": seconds,
                        "latency_ms": fault.latency_ms,
                    }
                )
        return listed

    def clear(self, scope: str | None = None) -> None:
        """Remove one scope's fault, or all of them."""
        with self._lock:
            if scope is None:
                self._faults.clear()
            else:
                self._faults.pop(scope, None)

    def apply(self, scope: str | None) -> None:
        """Called at the start of an app request: delay and/or raise 503."""
        with self._lock:
            faults = [f for s, f in self._faults.items() if s == "" or (scope and s == scope)]
            down = False
            delay = 0
            for fault in faults:
                delay = max(delay, fault.latency_ms)
                if fault.outage_requests > 0:
                    fault.outage_requests -= 1
                    down = True
                elif fault.outage_until and self._clock.now(scope) < fault.outage_until:
                    down = True
        if delay:
            time.sleep(delay / 1000)  # the injected latency is the fault itself
        if down:
            raise ApiError(
                503,
                "service_unavailable",
                "Der Dienst ist vorübergehend nicht erreichbar. Bitte versuche es später erneut.",
                headers={"Retry-After": "30"},
            )
