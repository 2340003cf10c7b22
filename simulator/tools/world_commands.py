"""``kundenapp-sim snapshot``, ``diagnose`` and ``load``, and the ``serve --world`` part.

Exit codes: 0 fine / nothing found, 1 documented cases found, 2 unusable
input (invalid world file, unknown address, unreachable backend).
"""

from __future__ import annotations

import json
import shlex
from typing import IO, NotRequired, TypedDict

import click

from simulator.client import BackendClient, BackendError, PhonesClient, PhonesError
from simulator.spec.phones import Phones
from simulator.spec.test_control import TOKEN_ENV
from simulator.tools.diagnose import Diagnosis
from simulator.tools.errors import Unusable, server_url
from simulator.tools.report import as_json, as_text
from simulator.tools.run import Running, diagnose_url, diagnose_world, start
from simulator.world.load import Loaded, LoadError, PendingContact, load
from simulator.world.parse import WorldError, read
from simulator.world.schema import World
from simulator.world.snapshot import snapshot as take_snapshot
from simulator.world.snapshot import to_yaml


class ProblemJson(TypedDict):
    """A problem of a world file in ``diagnose --json``."""

    field: str
    line: int | None
    message: str


class CliError(TypedDict):
    """Why ``diagnose --json`` could not diagnose, and the world file's problems if that was the reason."""

    message: str
    problems: NotRequired[list[ProblemJson]]


def read_world(path: str) -> World:
    """Read a world file for a command; Unusable (exit 2) with field paths and lines."""
    try:
        return read(path)
    except WorldError as exc:
        raise Unusable(str(exc)) from exc


def _load_failed(exc: LoadError | BackendError) -> Unusable:
    return Unusable(f"Laden der Welt gescheitert: {exc}" if isinstance(exc, LoadError) else str(exc))


TEST_API_TOKEN_OPTION = click.option(
    "--test-api-token",
    envvar=TOKEN_ENV,
    default=None,
    metavar="TOKEN",
    help=f"The key of the backend's test control, if it has one (also from {TOKEN_ENV}).",
)


@click.command()
@click.option("--url", default=None, help="Backend URL, e.g. http://127.0.0.1:8081 (default: the simulator's).")
@click.option("--appium-url", default=None, help="Appium URL of a kundenapp-sim serve (its phones), e.g. :4723.")
@click.option("--makler-id", default=None, help="Only this broker (with its mails, attempts and phones).")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-", help="Output file.")
@TEST_API_TOKEN_OPTION
def snapshot(
    url: str | None, appium_url: str | None, makler_id: str | None, output: IO[str], test_api_token: str | None
) -> None:
    """Export the state of a running simulator (backend and phones) as a world file (YAML)."""
    if url is None and appium_url is None:
        raise Unusable("--url (Backend) oder --appium-url (Simulator mit seinen Telefonen) angeben")
    phones = _phones(appium_url) if appium_url is not None else None
    backend_url = server_url(url or (phones["backend_url"] if phones else ""), "backend", "--url")
    try:
        with BackendClient(backend_url, test_api_token=test_api_token) as backend:
            world = take_snapshot(backend, phones, makler_id)
    except BackendError as exc:
        raise Unusable(str(exc)) from exc
    if phones is None:
        click.echo("Hinweis: ohne --appium-url enthält die Momentaufnahme keine Telefone.", err=True)
    header = f"Momentaufnahme von {backend_url}" + (f" und {appium_url}" if appium_url else "")
    header += f" (Makler {makler_id})" if makler_id else ""
    output.write(to_yaml(world, header))


def _phones(appium_url: str) -> Phones:
    """The phones of the simulator at ``appium_url``; Unusable when it is none."""
    try:
        with PhonesClient(server_url(appium_url, "appium", "--appium-url")) as simulator:
            return simulator.phones()
    except PhonesError as exc:
        raise Unusable(str(exc)) from exc


@click.command()
@click.option("--world", "world_file", type=click.Path(dir_okay=False), help="World file (YAML).")
@click.option("--url", default=None, help="Check a running backend instead (no phone, history, faults).")
@click.option("--email", default=None, help="The customer's e-mail (default with --world: the phone's account).")
@click.option("--json", "as_json_output", is_flag=True, help="Print the result (and errors) as JSON.")
@TEST_API_TOKEN_OPTION
def diagnose(
    world_file: str | None, url: str | None, email: str | None, as_json_output: bool, test_api_token: str | None
) -> None:
    """Walk the help article's checklist for one customer and name the documented cases (exit 1 if any)."""
    try:
        result = _diagnosis(world_file, url, email, test_api_token)
    except Unusable as exc:
        if not as_json_output:
            raise
        problems = exc.__cause__.problems if isinstance(exc.__cause__, WorldError) else []
        error: CliError = {"message": exc.format_message()}
        if problems:
            error["problems"] = [{"field": p.path, "line": p.line, "message": p.message} for p in problems]
        click.echo(json.dumps({"error": error}, ensure_ascii=False, indent=2))
        raise SystemExit(exc.exit_code) from exc
    if as_json_output:
        click.echo(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(as_text(result), nl=False)
    if not result.known:
        raise SystemExit(2)
    raise SystemExit(1 if result.findings else 0)


def _diagnosis(world_file: str | None, url: str | None, email: str | None, test_api_token: str | None) -> Diagnosis:
    if (world_file is None) == (url is None):
        raise Unusable("genau eines von --world DATEI oder --url URL angeben")
    world = read_world(world_file) if world_file is not None else None
    if email is None:
        owners = [p.account for p in world.all_phones if p.account is not None] if world is not None else []
        if not owners:
            where = "die Welt-Datei hat kein phone.account" if world is not None else "mit --url ist sie Pflicht"
            raise Unusable(f"--email fehlt: {where}")
        email = owners[0]
    url = server_url(url, "backend", "--url") if url is not None else None
    try:
        if world is not None:
            return diagnose_world(world, email)
        return diagnose_url(str(url), email, test_api_token)
    except (LoadError, BackendError) as exc:
        raise _load_failed(exc) from exc


@click.command(name="load")
@click.argument("world_file", type=click.Path(dir_okay=False))
@click.option("--url", required=True, help="Base URL of the running backend.")
@click.option("--replace", is_flag=True, help="Replace a broker of the same Makler-ID (and all it has).")
@TEST_API_TOKEN_OPTION
def load_command(world_file: str, url: str, replace: bool, test_api_token: str | None) -> None:
    """Apply a world file to a running backend (its phone is prepared by ``serve --world`` only)."""
    world = read_world(world_file)
    url = server_url(url, "backend", "--url")
    try:
        with BackendClient(url, test_api_token=test_api_token) as backend:
            loaded = load(backend, world, replace=_warn_replaced if replace else None)
    except LoadError as exc:
        hint = " Mit load --replace wird der vorhandene Makler ersetzt (mit allem, was er hat)." if exc.taken else ""
        raise Unusable(f"Laden der Welt gescheitert: {exc}{hint}") from exc
    except BackendError as exc:
        raise _load_failed(exc) from exc
    _describe(loaded, url)


def _warn_replaced(makler_id: str) -> None:
    click.echo(
        f"Warnung: Makler {makler_id} gab es schon; er wird ersetzt – seine Kunden, Zugänge, Mails und "
        "Sitzungen sind gelöscht.",
        err=True,
    )


def _describe(loaded: Loaded, url: str) -> None:
    for makler_id, key in loaded.api_keys.items():
        click.echo(f"Makler {makler_id}: X-API-Key {key}")
    for line in loaded.history:
        click.echo(f"App-Verlauf: {line}")
    if loaded.pending:
        click.echo("Nach dem Start der App (Freigaben, während sie läuft):")
        for pending in loaded.pending:
            click.echo(f"  {_curl(url, pending)}")


def _curl(url: str, pending: PendingContact) -> str:
    body = json.dumps(pending.contact.model_dump(exclude={"added"}), ensure_ascii=False)
    path = f"{url}/admin/v1/customers/{pending.customer_id}/contacts"
    headers = f"-H 'X-API-Key: {pending.api_key}' -H 'content-type: application/json'"
    return f"curl -s -XPOST {path} {headers} -d {shlex.quote(body)}"


def serve_world(sim: Running, world: World, source: str) -> list[str]:
    """``serve --world``: load the world, prepare its phones; returns each phone's capabilities as JSON."""
    try:
        started = start(sim, world)
    except (LoadError, BackendError) as exc:
        raise _load_failed(exc) from exc
    click.echo(f"Welt geladen: {source}")
    _describe(started.loaded, sim.backend_url)
    return [json.dumps(caps, ensure_ascii=False, indent=2) for caps in started.capabilities]
