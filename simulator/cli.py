"""``kundenapp-sim``: run the fake backend (and, later, the whole simulator) from a shell."""

from __future__ import annotations

import logging
import signal
import sys
import threading

import click
import uvicorn

from simulator.backend.protocol import JsonErrorProtocol
from simulator.backend.security import KDF_PROFILES
from simulator.backend.server import PortInUse, bind, create_app
from simulator.backend.settings import Settings
from simulator.tools.cli import Unusable

PORT_OPTION = {"backend": "--backend-port", "appium": "--port"}  # serve's options per server


def _cannot_start(exc: OSError | ValueError, port_option: dict[str, str]) -> Unusable:
    """One line instead of a traceback (exit 2): which file or port, and the option that changes it."""
    if isinstance(exc, PortInUse):
        option = port_option[exc.role]
        return Unusable(f"{exc.strerror}: mit {option} einen anderen wählen ({option} 0 wählt einen freien)")
    return Unusable(str(exc))


@click.group()
@click.version_option(package_name="kundenapp-sim")
def main() -> None:
    """Kunden-App simulator: fake broker backend, emulated app, Appium-compatible server."""


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
@click.option("--no-test-api", is_flag=True, help="Leave out the test-control API (/test/v1).")
def backend(db: str, host: str, port: int, kdf: str, no_test_api: bool) -> None:
    """Serve the fake broker backend (app, admin and test-control API) until Ctrl-C."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        app = create_app(Settings(db=db, kdf_profile=kdf, test_api=not no_test_api))
    except ValueError as exc:  # StoreError: the --db file
        raise _cannot_start(exc, {}) from exc
    try:
        sock = bind(host, port)
    except OSError as exc:
        app.state.backend.close()
        raise _cannot_start(exc, {"backend": "--port"}) from exc
    actual_host, actual_port = sock.getsockname()[:2]
    click.echo(f"Backend läuft: http://{actual_host}:{actual_port}  (OpenAPI: /openapi.json, DB: {db})", err=False)
    click.echo(f"Makler-Konsole: http://{actual_host}:{actual_port}/konsole/")
    if not no_test_api:
        click.echo(f"Postfach:    http://{actual_host}:{actual_port}/postfach/")
    sys.stdout.flush()
    config = uvicorn.Config(app, log_level="info", access_log=True, lifespan="off", http=JsonErrorProtocol)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises the captured Ctrl-C after a graceful shutdown
        pass
    finally:
        app.state.backend.close()
    click.echo("Backend beendet.")


@main.command()
@click.option("--port", default=4723, show_default=True, type=click.IntRange(0, 65535), help="Appium (WebDriver) port.")
@click.option("--backend-port", default=8081, show_default=True, type=click.IntRange(0, 65535))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--db", default=":memory:", show_default=True, help="SQLite file of the backend or :memory:.")
@click.option("--kdf", type=click.Choice(sorted(KDF_PROFILES)), default="production", show_default=True)
@click.option("--world", "world_file", type=click.Path(dir_okay=False), help="World file (YAML) to start with.")
def serve(port: int, backend_port: int, host: str, db: str, kdf: str, world_file: str | None) -> None:
    """Run backend and Appium-compatible server together until Ctrl-C (for Appium Inspector, Grid nodes)."""
    from simulator.embedded import Simulator, capabilities_json
    from simulator.tools.cli import read_world, serve_world

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    world = read_world(world_file) if world_file else None
    try:
        sim = Simulator(host=host, port=port, backend_port=backend_port, db=db, kdf_profile=kdf).start()
    except (OSError, ValueError) as exc:
        raise _cannot_start(exc, PORT_OPTION) from exc
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C, and supervisors / CI stopping the service
        signal.signal(signum, lambda *_: stop.set())
    world_caps = None
    if world is not None and world_file is not None:
        try:
            world_caps = serve_world(sim, world, world_file)
        except BaseException:
            sim.stop()
            raise
    click.echo(f"Appium-URL:  {sim.appium_url}")
    click.echo(f"Backend:     {sim.backend_url}  (OpenAPI: {sim.backend_url}/openapi.json)")
    click.echo(f"Makler-Konsole: {sim.konsole_url}  (Anmeldung mit Makler-ID und API-Key)")
    click.echo(f"Postfach:    {sim.postfach_url}")
    click.echo(f"Telefone:    {sim.telefone_url}")
    if world_caps is not None:
        click.echo("Capabilities (das Telefon der Welt: noReset, gleiches Gerät, gleiche App-Version):")
        click.echo(world_caps)
    else:
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


@main.command("steps")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per step (for tools).")
@click.option("--markdown", is_flag=True, help="Markdown, as in docs/steps.md (make docs-steps).")
def steps_command(as_json: bool, markdown: bool) -> None:
    """Step catalogue: every Gherkin step of the suites, grouped by area, with its German one-liner."""
    try:
        from steps import catalogue  # the harness package; needs the test extra (pytest-bdd)
    except ImportError as exc:
        needs = f"Schritt-Katalog braucht die Test-Abhängigkeiten ({exc}): pip install -e '.[test]'"
        raise click.ClickException(needs) from None
    entries = catalogue.catalogue()
    if as_json:
        click.echo(catalogue.as_json(entries))
    elif markdown:
        click.echo(catalogue.as_markdown(entries), nl=False)
    else:
        click.echo(catalogue.as_text(entries))


from simulator.tools.cli import diagnose, load_command, snapshot  # noqa: E402 - commands of simulator.world

main.add_command(snapshot)
main.add_command(diagnose)
main.add_command(load_command)
