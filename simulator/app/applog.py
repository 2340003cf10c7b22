"""The app's log (what logcat / the iOS syslog would show): requests and lifecycle events."""

from __future__ import annotations

import threading
import time
from collections import deque

from simulator.app.device_api import LogEntry

MAX_ENTRIES = 2000


class AppLog:
    """Timestamped log lines, bounded; ``drain`` hands out what is new since the last call, like Appium."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: deque[LogEntry] = deque(maxlen=MAX_ENTRIES)
        self._unread: deque[LogEntry] = deque(maxlen=MAX_ENTRIES)

    def add(self, message: str, level: str = "INFO") -> None:
        """Append one line (level INFO, WARNING or SEVERE)."""
        entry: LogEntry = {"timestamp": int(time.time() * 1000), "level": level, "message": message}
        with self._lock:
            self._entries.append(entry)
            self._unread.append(entry)

    def drain(self) -> list[LogEntry]:
        """Entries not handed out before, oldest first."""
        with self._lock:
            entries = list(self._unread)
            self._unread.clear()
        return entries

    def tail(self, count: int) -> list[LogEntry]:
        """The last ``count`` entries (for appState), without marking them read."""
        with self._lock:
            return list(self._entries)[-count:]
