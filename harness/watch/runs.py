"""The runs of the watch mode, as the watcher starts them: each a process forked from the warm one, and its outcome.

multiprocessing's fork server is the warm process: started once (:mod:`harness.watch.warm` is its
preload), it forks a process per run that imports the suite's files afresh. A forked process
copies everything it needs and shares nothing it could have changed with the next run.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from multiprocessing import forkserver
from multiprocessing.process import BaseProcess

import pytest

from harness.watch.child import Tally, run_once, scenarios
from harness.watch.files import Suite

WARM_ENV = "KUNDENAPP_WATCH_WARM"  # the warm process's pytest arguments and watched paths (JSON)
STOP_TIMEOUT_S = 10.0

# pytest's exit codes other than passed, failed and nothing selected: what the line says (the details are above it)
ABORTED: dict[int, str] = {
    pytest.ExitCode.INTERRUPTED: "abgebrochen (die Meldung steht oben)",
    pytest.ExitCode.INTERNAL_ERROR: "interner Fehler von pytest (die Meldung steht oben)",
    pytest.ExitCode.USAGE_ERROR: "Aufruf- oder Ladefehler (die Meldung steht oben)",
}


def seconds(value: float) -> str:
    """``0,4 s``: German decimal comma."""
    return f"{value:.1f} s".replace(".", ",")


@dataclass(frozen=True)
class Outcome:
    """How a run ended: pytest's exit code (negative: the signal that ended the process) and its tally."""

    exit_code: int
    tally: Tally | None
    elapsed: float  # from the change (or the start) to the result

    @property
    def announced(self) -> bool:
        """Whether the run printed its "… läuft" line itself."""
        return self.tally is not None and self.tally.announced

    def line(self) -> str:
        """The result line (German)."""
        took = seconds(self.elapsed)
        tally = self.tally
        if self.exit_code == pytest.ExitCode.OK and tally is not None:
            skipped = f" ({tally.skipped} übersprungen)" if tally.skipped else ""
            passed = "bestanden" if tally.selected == 1 else f"{scenarios(tally.selected)} bestanden"
            return f"{passed} in {took}{skipped}"
        if self.exit_code == pytest.ExitCode.TESTS_FAILED and tally is not None:
            return f"fehlgeschlagen in {took}: {tally.failed} von {scenarios(tally.selected)}"
        if self.exit_code == pytest.ExitCode.NO_TESTS_COLLECTED:
            return f"kein Szenario ausgewählt ({took})"
        if self.exit_code < 0:
            return f"Lauf beendet durch Signal {-self.exit_code} nach {took}"
        return f"{ABORTED.get(self.exit_code, f'pytest endete mit Exit-Code {self.exit_code}')}, nach {took}"


class Runs:
    """Runs of ``pytest_args`` (plus the target's options) in processes forked from the warm one; one at a time."""

    def __init__(self, pytest_args: list[str], suite: Suite) -> None:
        self.pytest_args = pytest_args
        self._context = multiprocessing.get_context("forkserver")
        # the fork server inherits the environment: its preload reads what to warm up with there
        os.environ[WARM_ENV] = json.dumps(
            {"args": pytest_args, "root": str(suite.root), "paths": [str(path) for path in suite.paths]}
        )
        self._context.set_forkserver_preload(["harness.watch.warm"])
        self._running: BaseProcess | None = None

    def warm_up(self) -> None:
        """Start the warm process now, so that it imports while the simulator starts.

        It starts with Ctrl-C ignored, and so does every run it forks, from its first instruction on
        (Python keeps an ignored SIGINT ignored): the watcher alone answers Ctrl-C and ends the run.
        """
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            forkserver.ensure_running()
        finally:
            signal.signal(signal.SIGINT, previous)

    def run(self, target_args: list[str], reason: str, started: float) -> Outcome:
        """One run; ``reason`` heads its line, ``started`` (``time.monotonic``) is when the change was seen."""
        results, sender = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=run_once, args=([*self.pytest_args, *target_args], reason, sender), name="kundenapp-watch-lauf"
        )
        self._running = process
        process.start()
        sender.close()  # the run holds the only other end: its end of file says it is gone
        try:
            tally: Tally | None = results.recv()
        except EOFError:  # ended before pytest was done
            tally = None
        finally:
            results.close()
        process.join()
        self._running = None
        return Outcome(process.exitcode if process.exitcode is not None else -1, tally, time.monotonic() - started)

    def stop(self) -> None:
        """End the run under way, if any (Ctrl-C)."""
        process, self._running = self._running, None
        if process is not None and process.is_alive():
            process.terminate()
            process.join(STOP_TIMEOUT_S)
