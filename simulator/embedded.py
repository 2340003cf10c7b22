"""Backend and WebDriver server together: the embedded run mode and ``kundenapp-sim serve``."""

from __future__ import annotations

import errno
import json
from functools import partial

from simulator.app.factory import create_device, warm_up
from simulator.app.lifecycle.phones import PhoneRegistry
from simulator.backend.clock import Clock
from simulator.backend.server import BackendThread, PortInUse
from simulator.backend.services import Services
from simulator.backend.settings import Settings
from simulator.caps import capabilities as capabilities  # re-exported: serve, Inspector, tests
from simulator.expiry import Expiry
from simulator.registry import NEWEST_RELEASE
from simulator.webdriver.server import WebDriverServer


class Simulator:
    """A fake backend plus an Appium-compatible server whose sessions drive emulated phones.

    With ``backend_url`` the phones use that (shared) backend and none is started here: N
    simulators behind Selenium Grid relay nodes share one backend (docs/remote-and-grid.md). With
    ``expire_idle`` (seconds) idle sessions, phones and brokers of the own backend are released
    (``simulator.expiry``), timed on the backend's clock (a local one with a shared backend).
    A phone serves one session at a time; ``session_override`` lets a new session end the one
    holding the phone it names (Appium's ``--session-override``).
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        backend_port: int = 0,
        db: str = ":memory:",
        kdf_profile: str = "test",
        backend_url: str | None = None,
        allow_cors: bool = False,
        log_requests: bool = False,
        expire_idle: float | None = None,
        test_api: bool = True,
        test_api_token: str | None = None,
        test_api_insecure: bool = False,
        session_override: bool = False,
    ) -> None:
        self.backend: BackendThread | None = None
        # The key of test control: the own backend demands it, a shared one may (world files are loaded with it).
        self.test_api_token = test_api_token
        if backend_url is None:
            settings = Settings(
                db=db,
                kdf_profile=kdf_profile,
                test_api=test_api,
                test_api_token=test_api_token,
                test_api_insecure=test_api_insecure,
            )
            self.backend = BackendThread(settings, host=host, port=backend_port)
            backend_url = self.backend.url
        self._backend_url = backend_url.rstrip("/")
        own: Services | None = self.backend.app.state.backend if self.backend is not None else None
        self.clock: Clock = own.clock if own is not None else Clock()
        # The phones (installed build and storage kept between sessions) belong to this simulator alone.
        self.phones = PhoneRegistry(self.clock.now)
        links = [("Makler-Konsole", self.konsole_url)]
        if self.backend is None or test_api:  # a shared backend's test control is not known here: link it
            links.append(("Postfach", self.postfach_url))
        self.webdriver = WebDriverServer(
            host,
            port,
            partial(create_device, phones=self.phones),
            self._backend_url,
            allow_cors=allow_cors,
            log_requests=log_requests,
            now=self.clock.now,
            phone_book=self.phones,
            session_override=session_override,
            links=links,
        )
        self.expiry: Expiry | None = None
        if expire_idle is not None:
            self.expiry = Expiry(expire_idle, backend=own, sessions=self.webdriver.store, phones=self.phones)

    @property
    def appium_url(self) -> str:
        """Where Appium clients connect."""
        return self.webdriver.url

    @property
    def backend_url(self) -> str:
        """Base URL of the fake backend (app, admin and test-control API)."""
        return self._backend_url

    @property
    def konsole_url(self) -> str:
        """The Makler-Konsole (the broker's Administration in a browser)."""
        return f"{self.backend_url}/konsole/"

    @property
    def postfach_url(self) -> str:
        """The fake mail providers' web UI (Posteingang, Spam, Junk)."""
        return f"{self.backend_url}/postfach/"

    @property
    def telefone_url(self) -> str:
        """Every running session's phone, live (served next to the Appium URL, where the phones are)."""
        return self.webdriver.telefone_url

    def start(self) -> Simulator:
        """Start the backend (unless a shared one is used), then the WebDriver server; one-time costs first."""
        warm_up()
        if self.backend is not None:
            self.backend.start()
        try:
            self.webdriver.start()
        except OSError as exc:
            if self.backend is not None:
                self.backend.stop()
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(self.webdriver.host, self.webdriver.port, role="appium") from exc
            raise
        except BaseException:
            if self.backend is not None:
                self.backend.stop()
            raise
        if self.backend is not None:  # the own backend's Konsole and Postfach link back to this Telefone page
            self.backend.app.state.backend.telefone_urls.append(self.telefone_url)
        if self.expiry is not None:
            self.expiry.start()
        return self

    def stop(self) -> None:
        """Stop both (sessions first); a shared backend keeps running."""
        if self.expiry is not None:
            self.expiry.stop()
        self.webdriver.stop()
        if self.backend is not None:
            self.backend.stop()

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def capabilities_json(platform: str = "android", app_version: str = NEWEST_RELEASE) -> str:
    """The capabilities as pretty JSON."""
    return json.dumps(capabilities(platform, app_version), indent=2)
