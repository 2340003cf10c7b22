"""How ``kundenapp-sim`` says what it cannot work with: one German line ``Fehler: …`` and exit code 2, everywhere.

Its own refusals (``Unusable``), a wrong or unreachable server URL (``server_url``, the one check of
every ``--url``, ``--backend-url`` and ``--appium-url``) and click's usage errors (a missing or
unknown option, a bad value) all end the same way, so a script can tell "unusable input" (2) from
"documented cases found" (``diagnose``: 1) and from success (0).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import IO, Any

import click

from simulator.client.probe import Role, WrongPlace, require

EXIT_UNUSABLE = 2
# click's few English sentences that do not come with a parameter, in German
_CLICK_SENTENCES = (
    (re.compile(r"^No such command '(.+)'\.$"), "unbekannter Befehl „{0}“"),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"), "überzählige Angabe: {0}"),
)


class Unusable(click.ClickException):
    """Input the command cannot work with (exit code 2), reported in German."""

    exit_code = EXIT_UNUSABLE

    def show(self, file: IO[Any] | None = None) -> None:
        """Print the message as is (it names file, line and field)."""
        click.echo(f"Fehler: {self.format_message()}", file=file, err=True)


def server_url(url: str, role: Role, option: str) -> str:
    """The URL (``http://`` added when it has no scheme) when the backend / Appium server answers there.

    Anything else is Unusable: nothing answers, or the other of the two servers answers (its
    message names the right URL where it can be known), or neither.
    """
    try:
        return require(url, role, option)
    except WrongPlace as exc:
        raise Unusable(str(exc)) from exc


def _option(exc: click.UsageError) -> str:
    param = getattr(exc, "param", None)
    if isinstance(param, click.Option):
        return param.opts[0]
    if param is not None:
        return str(param.human_readable_name)
    hint = getattr(exc, "param_hint", None)
    return str(hint) if hint else "Angabe"


def german(exc: click.ClickException) -> str:
    """The one line for an error: click's usage errors in German, with where to find the options."""
    if not isinstance(exc, click.UsageError):
        return exc.format_message()
    where = f" ({exc.ctx.command_path} --help zeigt die Optionen)" if exc.ctx is not None else ""
    if isinstance(exc, click.MissingParameter):
        return f"{_option(exc)} fehlt{where}"
    if isinstance(exc, click.NoSuchOption):
        guess = f" (meinten Sie {' oder '.join(sorted(exc.possibilities))}?)" if exc.possibilities else ""
        return f"unbekannte Option {exc.option_name}{guess}{where}"
    if isinstance(exc, click.BadParameter):  # click's own check of a value; its reason stays as click says it
        return f"{_option(exc)}: ungültiger Wert ({exc.message.rstrip('.')}){where}"
    for pattern, text in _CLICK_SENTENCES:
        found = pattern.match(exc.message)
        if found:
            return text.format(*found.groups()) + where
    return exc.message + where


class Commands(click.Group):
    """The ``kundenapp-sim`` group: every error ends as one line ``Fehler: …`` with exit code 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run a command; click's own report of an error (usage text, English "Error:") is replaced."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.ClickException as exc:
            click.echo(f"Fehler: {german(exc)}", err=True)
            sys.exit(EXIT_UNUSABLE)
        except click.Abort:
            click.echo("Abgebrochen.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)
