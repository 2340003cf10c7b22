"""``kundenapp-sim``: run the fake backend (and, later, the whole simulator) from a shell."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from urllib.parse import urlsplit

import click
import uvicorn

from simulator.backend.control_access import check_exposure
from simulator.backend.security import KDF_PROFILES
from simulator.backend.server import PortInUse, bind, create_app, server_config
from simulator.backend.settings import Settings
from simulator.client.probe import WrongPlace, with_scheme
from simulator.expiry import DEFAULT_IDLE, Expiry, parse_idle
from simulator.spec.test_control import TOKEN_ENV, TOKEN_HEADER
from simulator.tools.errors import Commands, Unusable, server_url

PORT_OPTION = {"backend": "--backend-port", "appium": "--port"}  # serve's options per server
MIN_TOKEN_LENGTH = 16  # a test-control key shorter than this could be guessed
NO_TEST_API_OPTION = click.option("--no-test-api", is_flag=True, help="Leave out test control (/test/v1, /postfach/).")
TEST_API_TOKEN_OPTION = click.option(
    "--test-api-token",
    envvar=TOKEN_ENV,
    default=None,
    metavar="TOKEN",
    help=f"Test control only with this key (header {TOKEN_HEADER} or Authorization: Bearer; the Postfach once with "
    f"?token=); also from {TOKEN_ENV}.",
)
TEST_API_INSECURE_OPTION = click.option(
    "--test-api-insecure",
    is_flag=True,
    help="Test control without a key on an address other machines reach too (else refused).",
)
EXPIRE_IDLE_OPTION = click.option(
    "--expire-idle",
    default=DEFAULT_IDLE,
    show_default=True,
    help="Release sessions, phones and brokers no request touched for this long (30m, 90s, 2h); 0 or off: never.",
)


def _cannot_start(exc: OSError | ValueError, port_option: dict[str, str]) -> Unusable:
    """One line instead of a traceback (exit 2): which file or port, and the option that changes it."""
    if isinstance(exc, PortInUse):
        option = port_option[exc.role]
        return Unusable(f"{exc.strerror}: mit {option} einen anderen wählen ({option} 0 wählt einen freien)")
    return Unusable(str(exc))


@click.group(cls=Commands)
@click.version_option(package_name="kundenapp-sim")
def main() -> None:
    """Kunden-App simulator: fake broker backend, emulated app, Appium-compatible server."""


def telefone_page(url: str) -> str:
    """The Telefone page a ``--telefone-url`` names: the page itself, or a serve's Appium URL (its page added)."""
    from simulator.webdriver.telefone import PREFIX  # lazily: the backend alone needs no WebDriver module

    page = with_scheme(url, "--telefone-url")
    return page + "/" if urlsplit(page).path else f"{page}{PREFIX}/"


@main.command()
@click.option("--db", default=":memory:", show_default=True, help="SQLite file (state survives restarts) or :memory:.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8081, show_default=True, type=click.IntRange(0, 65535), help="0 picks a free port.")
@click.option(
    "--kdf",
    type=click.Choice(sorted(KDF_PROFILES)),
    default="production",
    show_default=True,
    help="Password hashing profile; 'test' is cheap and only meant for tests.",
)
@click.option(
    "--telefone-url",
    "telefone_urls",
    multiple=True,
    help="The Telefone page of a serve using this backend (repeatable): Makler-Konsole and Postfach link to it.",
)
@NO_TEST_API_OPTION
@TEST_API_TOKEN_OPTION
@TEST_API_INSECURE_OPTION
@EXPIRE_IDLE_OPTION
def backend(
    db: str,
    host: str,
    port: int,
    kdf: str,
    telefone_urls: tuple[str, ...],
    no_test_api: bool,
    test_api_token: str | None,
    test_api_insecure: bool,
    expire_idle: str,
) -> None:
    """Serve the fake broker backend (app, admin and test-control API) until Ctrl-C."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    idle = _idle_seconds(expire_idle)
    try:  # not probed: the serves start after their backend (serve --backend-url needs it running)
        telefone = [telefone_page(url) for url in telefone_urls]
    except WrongPlace as exc:
        raise Unusable(str(exc)) from exc
    settings = Settings(
        db=db,
        kdf_profile=kdf,
        test_api=not no_test_api,
        test_api_token=_test_api_token(test_api_token),
        test_api_insecure=test_api_insecure,
    )
    try:
        check_exposure(settings, host)  # before the store is opened and anything listens
        app = create_app(settings)
    except ValueError as exc:  # ExposedTestControl, StoreError: the --db file
        raise _cannot_start(exc, {}) from exc
    app.state.backend.telefone_urls.extend(telefone)
    try:
        sock = bind(host, port)
    except OSError as exc:
        app.state.backend.close()
        raise _cannot_start(exc, {"backend": "--port"}) from exc
    actual_host, actual_port = sock.getsockname()[:2]
    click.echo(f"Backend läuft: http://{actual_host}:{actual_port}  (OpenAPI: /openapi.json, DB: {db})", err=False)
    click.echo(f"Makler-Konsole: http://{actual_host}:{actual_port}/konsole/")
    if not no_test_api:
        click.echo(f"Postfach:    http://{actual_host}:{actual_port}/postfach/{_keyed(settings.test_api_token)}")
    click.echo(_expiry_line(idle, "Makler"))
    sys.stdout.flush()
    server = uvicorn.Server(server_config(app, log_level="info", access_log=True))
    expiry = Expiry(idle, backend=app.state.backend).start() if idle is not None else None
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises the captured Ctrl-C after a graceful shutdown
        pass
    finally:
        if expiry is not None:
            expiry.stop()
        app.state.backend.close()
    click.echo("Backend beendet.")


@main.command()
@click.option("--port", default=4723, show_default=True, type=click.IntRange(0, 65535), help="Appium (WebDriver) port.")
@click.option("--backend-port", default=8081, show_default=True, type=click.IntRange(0, 65535))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--db", default=":memory:", show_default=True, help="SQLite file of the backend or :memory:.")
@click.option("--kdf", type=click.Choice(sorted(KDF_PROFILES)), default="production", show_default=True)
@click.option("--world", "world_file", type=click.Path(dir_okay=False), help="World file (YAML) to start with.")
@click.option(
    "--backend-url",
    default=None,
    help="Use this running backend (kundenapp-sim backend) instead of starting one: Grid nodes share it.",
)
@click.option("--allow-cors", is_flag=True, help="Answer CORS preflights, so the web Appium Inspector can attach.")
@click.option("--log-requests", is_flag=True, help="Print one line per WebDriver command (method, path, status, ms).")
@click.option(
    "--session-override",
    is_flag=True,
    help="A new session that names a device in use ends the session holding it (Appium's flag), instead of "
    "being refused.",
)
@NO_TEST_API_OPTION
@TEST_API_TOKEN_OPTION
@TEST_API_INSECURE_OPTION
@EXPIRE_IDLE_OPTION
@click.pass_context
def serve(
    ctx: click.Context,
    port: int,
    backend_port: int,
    host: str,
    db: str,
    kdf: str,
    world_file: str | None,
    backend_url: str | None,
    allow_cors: bool,
    log_requests: bool,
    session_override: bool,
    no_test_api: bool,
    test_api_token: str | None,
    test_api_insecure: bool,
    expire_idle: str,
) -> None:
    """Run backend and Appium-compatible server together until Ctrl-C (for Appium Inspector, Grid nodes).

    With --backend-url, --test-api-token is the shared backend's key (``--world`` is loaded with it).
    """
    from simulator.embedded import Simulator, capabilities_json
    from simulator.tools.world_commands import read_world, serve_world
    from simulator.webdriver import request_log

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("kundenapp.webdriver").setLevel(logging.INFO)  # each session's phone and build, ended sessions
    idle = _idle_seconds(expire_idle)
    if backend_url is not None:
        own_options = ("backend_port", "db", "kdf", "no_test_api", "test_api_insecure")
        own = [f"--{n.replace('_', '-')}" for n in own_options if _given(ctx, n)]
        if own:
            raise click.UsageError(f"{', '.join(own)} gilt nur ohne --backend-url (das Backend läuft schon)")
        backend_url = server_url(backend_url, "backend", "--backend-url")
    if log_requests:
        request_log.print_to_stdout()
    world = read_world(world_file) if world_file else None
    token = _test_api_token(test_api_token)
    try:
        sim = Simulator(
            host=host,
            port=port,
            backend_port=backend_port,
            db=db,
            kdf_profile=kdf,
            backend_url=backend_url,
            allow_cors=allow_cors,
            log_requests=log_requests,
            expire_idle=idle,
            test_api=not no_test_api,
            test_api_token=token,
            test_api_insecure=test_api_insecure,
            session_override=session_override,
        ).start()
    except (OSError, ValueError) as exc:
        raise _cannot_start(exc, PORT_OPTION) from exc
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C, and supervisors / CI stopping the service
        signal.signal(signum, lambda *_: stop.set())
    world_caps: list[str] = []
    if world is not None and world_file is not None:
        try:
            world_caps = serve_world(sim, world, world_file)
        except BaseException:
            sim.stop()
            raise
    click.echo(f"Appium-URL:  {sim.appium_url}")
    shared = "  (geteilt, läuft weiter)" if backend_url else ""
    click.echo(f"Backend:     {sim.backend_url}  (OpenAPI: {sim.backend_url}/openapi.json){shared}")
    if allow_cors:
        click.echo("CORS:        erlaubt (Appium Inspector im Browser kann sich verbinden)")
    click.echo(f"Makler-Konsole: {sim.konsole_url}  (Anmeldung mit Makler-ID und API-Key)")
    if backend_url is not None or not no_test_api:
        click.echo(f"Postfach:    {sim.postfach_url}{_keyed(token if backend_url is None else None)}")
    click.echo(f"Telefone:    {sim.telefone_url}")
    click.echo(f"Momentaufnahme (Backend und Telefone): kundenapp-sim snapshot --appium-url {sim.appium_url}")
    click.echo(_expiry_line(idle, "Sitzungen, Telefone" + (" und Makler" if backend_url is None else "")))
    which = "das Telefon der Welt" if len(world_caps) == 1 else "ein Telefon der Welt"
    for caps in world_caps:
        click.echo(f"Capabilities ({which}: noReset, gleiches Gerät, gleiche App-Version):")
        click.echo(caps)
    if not world_caps:
        click.echo("Capabilities (Android):")
        click.echo(capabilities_json("android"))
        click.echo("Capabilities (iOS):")
        click.echo(capabilities_json("ios"))
    click.echo("Beenden mit Ctrl-C.")
    sys.stdout.flush()
    try:
        stop.wait()
    finally:
        sim.stop()
    click.echo("Simulator beendet.")


@main.command("grid-node")
@click.option("--serve", "serve_url", required=True, help="URL of the kundenapp-sim serve this node relays to.")
@click.option("--hub", "hub_url", default=None, help="URL of the Grid hub the node registers with.")
@click.option("--max-sessions", default=4, show_default=True, type=click.IntRange(1, 256))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address of the node itself.")
@click.option("--port", default=5555, show_default=True, type=click.IntRange(1, 65535), help="Port of the node itself.")
@click.option("--features", default="features", show_default=True, type=click.Path(file_okay=False, exists=True))
@click.option("--worlds", default="examples/worlds", show_default=True, type=click.Path(file_okay=False, exists=True))
@click.option("--os-version", "extra", multiple=True, metavar="PLATFORM:VERSION", help="More, e.g. android:13.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="TOML file (else stdout).")
def grid_node(
    serve_url: str,
    hub_url: str | None,
    max_sessions: int,
    host: str,
    port: int,
    features: str,
    worlds: str,
    extra: tuple[str, ...],
    output: str | None,
) -> None:
    """Write the Selenium Grid 4 relay node TOML for one serve: a stereotype per platform and OS version."""
    from pathlib import Path

    from simulator.grid.node_config import FeatureFileError, relay_toml, suite_versions

    try:  # the serve need not run yet: the URLs get their scheme, nothing is asked
        serve_url = with_scheme(serve_url, "--serve")
        hub_url = with_scheme(hub_url, "--hub") if hub_url is not None else None
    except WrongPlace as exc:
        raise Unusable(str(exc)) from exc
    try:
        versions = suite_versions(Path(features), Path(worlds))
    except FeatureFileError as exc:
        raise click.BadParameter(str(exc), param_hint="--features") from exc
    for item in extra:
        platform, _, version = item.partition(":")
        if platform not in ("android", "ios") or not version.replace(".", "").isdigit() or ".." in version:
            raise click.BadParameter(f"{item!r}: erwartet android:14 oder ios:17.4", param_hint="--os-version")
        versions.append((platform, version))  # type: ignore[arg-type]
    text = relay_toml(
        serve_url, sorted(set(versions)), hub_url=hub_url, max_sessions=max_sessions, host=host, port=port
    )
    _write_toml(text, output, f"Relay-Knoten geschrieben: {output} ({len(set(versions))} Stereotypen)")


@main.command("grid-hub")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address the hub listens on.")
@click.option("--port", default=4444, show_default=True, type=click.IntRange(1, 65535), help="Port of the hub.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="TOML file (else stdout).")
def grid_hub(host: str, port: int, output: str | None) -> None:
    """Write the Selenium Grid 4 hub TOML for relay nodes: a dead serve's node is DOWN within 10 s."""

    from simulator.grid.hub_config import HEALTHCHECK_SECONDS, hub_toml

    text = hub_toml(host=host, port=port)
    _write_toml(text, output, f"Hub geschrieben: {output} (Knoten-Prüfung alle {HEALTHCHECK_SECONDS} s)")


def _write_toml(text: str, output: str | None, written: str) -> None:
    """A Grid TOML to stdout, or to the file with a line on stderr that says what was written."""
    from pathlib import Path

    if output is None:
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(written, err=True)


@main.command("artikel")
@click.option(
    "--cucumber", required=True, metavar="DATEI", help="Cucumber JSON of a run (make e2e: reports/cucumber.json)."
)
@click.option("--output", "-o", default=None, metavar="DATEI", help="HTML file (else artikel.html next to the JSON).")
def artikel(cucumber: str, output: str | None) -> None:
    """Write the help article as living documentation of a run: each passage with its cases and their scenarios."""
    from pathlib import Path

    from simulator.artikel.page import write
    from simulator.artikel.results import ResultsError

    source = Path(cucumber)
    target = Path(output) if output is not None else source.with_name("artikel.html")
    try:
        page = write(source, target)
    except ResultsError as exc:
        raise Unusable(str(exc)) from exc
    except OSError as exc:
        raise Unusable(f"{target}: nicht schreibbar ({exc.strerror or exc})") from exc
    click.echo(f"Artikel geschrieben: {target} – {page.summary}")


def _test_api_token(token: str | None) -> str | None:
    """``--test-api-token`` (or its environment variable) checked: long enough, and sendable as a header."""
    if token is None:
        return None
    if len(token) < MIN_TOKEN_LENGTH or not token.isascii() or not token.isprintable() or " " in token:
        raise Unusable(
            f"--test-api-token: mindestens {MIN_TOKEN_LENGTH} Zeichen, nur sichtbare ASCII-Zeichen ohne Leerzeichen "
            "(z. B. python3 -c 'import secrets; print(secrets.token_urlsafe())')"
        )
    return token


def _keyed(token: str | None) -> str:
    """The hint after the Postfach's URL when test control has a key (the key itself is never printed)."""
    return "  (mit Schlüssel: einmal mit ?token=… öffnen)" if token is not None else ""


def _idle_seconds(value: str) -> float | None:
    """``--expire-idle`` in seconds (None: off); one line and exit 2 for anything else."""
    try:
        return parse_idle(value)
    except ValueError as exc:
        raise Unusable(str(exc)) from exc


def _expiry_line(idle: float | None, what: str) -> str:
    """What ``--expire-idle`` does on this server, in one line."""
    if idle is None:
        return "Aufräumen: aus (--expire-idle off), nichts wird freigegeben"
    return f"Aufräumen: {what} ohne Anfrage seit {idle:.0f} s werden freigegeben (--expire-idle)"


def _given(ctx: click.Context, name: str) -> bool:
    """Whether an option was given on the command line (not just its default)."""
    return ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE


from simulator.tools.world_commands import diagnose, load_command, snapshot  # noqa: E402 - commands of simulator.tools

main.add_command(snapshot)
main.add_command(diagnose)
main.add_command(load_command)
