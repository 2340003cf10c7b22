"""The watcher: one simulator, the warm process, and a run of the selected scenarios per saved change.

Changes are grouped as watchfiles groups them (a burst of events, such as an editor's save, counts
as one change once ``STEP_MS`` pass without another); changes made during a run start one more
run after it. A Python file that does not compile is named with its line before any run starts
(a run would only fail to import it), and the watcher keeps watching for its correction.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path
from types import FrameType

import click
import watchfiles

from harness.watch.files import DEFAULT_PATHS, EXTENSIONS, Suite, forget_bytecode, syntax_error
from harness.watch.runs import Runs
from simulator.embedded import Simulator

DEFAULT_ARGS = ("tests/e2e",)  # every scenario, when the command names none
STEP_MS = 50  # quiet time that ends a burst of file events (watchfiles' step)
# how long watchfiles waits before it answers "nothing": the first answer starts the first run, once the
# files are watched (watchfiles begins to watch when first asked); later ones only let the loop go round
IDLE_MS = 500
NAMED_FILES = 3  # a change names this many files, then counts the rest
# Python files, feature and world files; no caches, editor swap files or VCS folders
CHANGES = watchfiles.PythonFilter(extra_extensions=EXTENSIONS)


def _interrupted(signum: int, frame: FrameType | None) -> None:
    """The first Ctrl-C ends the watcher; further ones do not interrupt its clean-up."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def reason(suite: Suite, changes: set[tuple[watchfiles.Change, str]]) -> str:
    """``Änderung an steps/login_steps.py``, several files named up to ``NAMED_FILES``."""
    notes = {watchfiles.Change.added: " (neu)", watchfiles.Change.deleted: " (gelöscht)"}
    named = sorted({f"{suite.label(path)}{notes.get(change, '')}" for change, path in changes})
    shown = ", ".join(named[:NAMED_FILES])
    if len(named) > NAMED_FILES:
        shown += f" und {len(named) - NAMED_FILES} weitere"
    return f"{'Änderung' if len(named) == 1 else 'Änderungen'} an {shown}"


class Watcher:
    """The selected scenarios against one simulator, again after every change to the suite's files."""

    def __init__(self, suite: Suite, runs: Runs, target_args: list[str]) -> None:
        self.suite = suite
        self.runs = runs
        self.target_args = target_args
        self.broken = {file: problem for file in suite.python_files() if (problem := syntax_error(file))}

    def note(self, changes: set[tuple[watchfiles.Change, str]]) -> None:
        """Forget the bytecode of changed Python files and check that they compile."""
        for change, path in changes:
            file = Path(path)
            if file.suffix != ".py":
                continue
            forget_bytecode(file)
            problem = None if change == watchfiles.Change.deleted else syntax_error(file)
            if problem is None:
                self.broken.pop(file, None)
            else:
                self.broken[file] = problem

    def run(self, why: str, started: float) -> None:
        """One run and its result line, or why there is none."""
        if self.broken:
            click.echo(f"{why} — Syntaxfehler, kein Lauf bis zur Korrektur:")
            for file, problem in sorted(self.broken.items()):
                click.echo(f"  {self.suite.label(file)}, {problem}")
            return
        outcome = self.runs.run(self.target_args, why, started)
        click.echo(outcome.line() if outcome.announced else f"{why} — {outcome.line()}")

    def watch(self) -> None:
        """Until Ctrl-C: the first run once the files are watched (a change during it counts), then a run per change."""
        first = True
        changes: set[tuple[watchfiles.Change, str]]
        for changes in watchfiles.watch(
            *self.suite.paths, watch_filter=CHANGES, step=STEP_MS, rust_timeout=IDLE_MS, yield_on_timeout=True
        ):
            if not changes and not first:
                continue
            started = time.monotonic()
            self.note(changes)
            self.run(reason(self.suite, changes) if changes else "Erster Lauf", started)
            first = False


@click.command(context_settings={"ignore_unknown_options": True})
@click.option(
    "--watch",
    "watched",
    multiple=True,
    metavar="PATH",
    help=f"Watch this path instead of the suite's ({', '.join(DEFAULT_PATHS)}); repeatable.",
)
@click.argument("pytest_args", nargs=-1, type=click.UNPROCESSED)
def main(watched: tuple[str, ...], pytest_args: tuple[str, ...]) -> None:
    """Run the selected scenarios (pytest arguments, default tests/e2e) against one warm simulator, and again
    whenever a watched file is saved. Ctrl-C ends it."""
    try:
        suite = Suite.find(Path.cwd(), watched or DEFAULT_PATHS)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    signal.signal(signal.SIGINT, _interrupted)
    runs = Runs(["-q", *(pytest_args or DEFAULT_ARGS)], suite)
    try:
        runs.warm_up()
        with Simulator() as simulator:
            appium, backend = simulator.appium_url, simulator.backend_url
            try:
                click.echo(f"Watch-Modus: Simulator läuft (Appium {appium}, Backend {backend})")
                click.echo(f"beobachte {', '.join(suite.label(path) for path in suite.paths)} — Strg+C beendet")
                target = ["--target", "remote", "--appium-url", appium, "--backend-url", backend]
                Watcher(suite, runs, target).watch()
            finally:
                runs.stop()
    except KeyboardInterrupt:
        pass
    click.echo("Watch-Modus beendet, Simulator gestoppt.")
