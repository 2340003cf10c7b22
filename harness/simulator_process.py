"""The embedded run's simulator in a process of its own: started while pytest collects, shared by every xdist worker.

The run's main process (serial, or the xdist controller) starts ``python -m harness.simulator_child
FILE`` at configure time; the child imports and starts :class:`simulator.embedded.Simulator` (the
backend's FastAPI app and the WebDriver server) while pytest imports the step modules and
collects, then writes its two URLs to ``FILE``. Every test process (the serial one, or each
worker, which learns ``FILE`` through its ``workerinput``) waits for that file when its first
scenario needs the target. The workers share the one simulator as a nightly on Grid shares a
backend: each scenario makes its own broker and each phone is a private one (no device name), so
no worker sees another's data. The test processes keep neither the backend nor the server threads,
so those no longer compete with the test code for one GIL.

The child ends when its stdin closes: the main process closes it at unconfigure, and a killed main
process closes it by dying. ``--simulator-in-process`` keeps the simulator in the test process
(as ``--log-requests`` does, whose request log belongs into the scenario's captured log).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.simulator_child import Urls, read

CHILD_MODULE = "harness.simulator_child"  # what the simulator process runs (python -m bench suite: with its timers)
WORKERINPUT_KEY = "kundenapp_simulator"  # the URLs file, handed to each xdist worker
START_TIMEOUT_S = 120.0  # the child imports the backend on a possibly loaded machine
POLL_S = 0.005
STOP_TIMEOUT_S = 10.0


@dataclass
class Child:
    """The simulator process of this run, as its main process holds it."""

    process: subprocess.Popen[bytes]
    urls_file: Path


CHILD_KEY = pytest.StashKey[Child]()


def in_process(config: pytest.Config) -> bool:
    """Whether this run keeps the simulator in its test process (``--simulator-in-process``, ``--log-requests``)."""
    return bool(config.getoption("simulator_in_process") or config.getoption("log_requests"))


def wanted(config: pytest.Config) -> bool:
    """Whether this process starts a simulator process: the main process of an embedded run that runs tests."""
    return (
        not hasattr(config, "workerinput")
        and config.getoption("target") == "embedded"
        and not in_process(config)
        and not config.option.collectonly
    )


def start_early(config: pytest.Config) -> None:
    """At configure time: the main process of an embedded run starts the simulator process."""
    if wanted(config):
        config.stash[CHILD_KEY] = spawn()


def stop_unless_needed(session: pytest.Session, needed: bool) -> None:
    """After collection: a run without scenarios (only the unit tests) ends the simulator process at once."""
    if not needed and CHILD_KEY in session.config.stash:
        stop(session.config.stash[CHILD_KEY])
        del session.config.stash[CHILD_KEY]


def hand_to_worker(config: pytest.Config, workerinput: dict[str, object]) -> None:
    """xdist: a worker learns where the shared simulator process publishes its URLs."""
    if CHILD_KEY in config.stash:
        child = config.stash[CHILD_KEY]
        workerinput[WORKERINPUT_KEY] = {"file": str(child.urls_file), "pid": child.process.pid}


def stop_at_end(config: pytest.Config) -> None:
    """At unconfigure: the main process ends its simulator process."""
    if CHILD_KEY in config.stash:
        stop(config.stash[CHILD_KEY])
        del config.stash[CHILD_KEY]


def urls(config: pytest.Config) -> Urls:
    """This run's simulator process's URLs (fixture ``target``), once it answers."""
    given = getattr(config, "workerinput", {}).get(WORKERINPUT_KEY)
    if given is not None:
        return wait_for(Path(given["file"]), int(given["pid"]))
    child = config.stash.get(CHILD_KEY, None)
    if child is None:  # stopped after a collection without scenarios, yet a test asks for the target
        child = config.stash[CHILD_KEY] = spawn()
    return wait_for(child.urls_file, child.process.pid)


def spawn() -> Child:
    """Start the simulator process; it writes its URLs to a fresh file once it answers."""
    where = Path(tempfile.mkdtemp(prefix="kundenapp-simulator-"))
    urls_file = where / "urls.json"
    with _log_of(urls_file).open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", CHILD_MODULE, str(urls_file)],
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return Child(process, urls_file)


def stop(child: Child) -> None:
    """End the simulator process (its stdin closes) and remove its files."""
    if child.process.stdin is not None:
        child.process.stdin.close()
    try:
        child.process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        child.process.kill()
        child.process.wait()
    shutil.rmtree(child.urls_file.parent, ignore_errors=True)


def wait_for(urls_file: Path, alive: int) -> Urls:
    """The URLs once the simulator process (pid ``alive``) has written them; the scenario fails with its log if not."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while not urls_file.exists():
        if not _running(alive):
            pytest.fail(f"Der Simulator-Prozess ist beim Start beendet:\n{_log_tail(urls_file)}", pytrace=False)
        if time.monotonic() > deadline:
            pytest.fail(f"Der Simulator-Prozess antwortet nach {START_TIMEOUT_S:.0f} s nicht", pytrace=False)
        time.sleep(POLL_S)  # the file appears once (written elsewhere, renamed into place): nothing to wait on here
    return read(urls_file)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")  # a child that has exited but not been reaped yet is a zombie
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[-1].split()[0] == "Z")


def _log_of(urls_file: Path) -> Path:
    return urls_file.with_name("simulator.log")


def _log_tail(urls_file: Path) -> str:
    log = _log_of(urls_file)
    return log.read_text(encoding="utf-8", errors="replace")[-3000:] if log.exists() else "(kein Log)"
