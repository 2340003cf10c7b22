"""Backend and WebDriver server together: the embedded run mode and ``kundenapp-sim serve``."""

from __future__ import annotations

import errno
import json
from functools import partial

from simulator.app.factory import create_device, warm_up
from simulator.app.lifecycle.phones import PhoneRegistry
from simulator.backend.server import BackendThread, PortInUse
from simulator.backend.settings import Settings
from simulator.caps import capabilities as capabilities  # re-exported: serve, Inspector, tests
from simulator.webdriver.server import WebDriverServer


class Simulator:
    """A fake backend plus an Appium-compatible server whose sessions drive emulated phones."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        backend_port: int = 0,
        db: str = ":memory:",
        kdf_profile: str = "test",
    ) -> None:
        self.backend = BackendThread(Settings(db=db, kdf_profile=kdf_profile), host=host, port=backend_port)
        # The phones (installed build and storage kept between sessions) belong to this simulator alone.
        self.phones = PhoneRegistry()
        self.webdriver = WebDriverServer(host, port, partial(create_device, phones=self.phones), self.backend.url)

    @property
    def appium_url(self) -> str:
        """Where Appium clients connect."""
        return self.webdriver.url

    @property
    def backend_url(self) -> str:
        """Base URL of the fake backend (app, admin and test-control API)."""
        return self.backend.url

    @property
    def konsole_url(self) -> str:
        """The Makler-Konsole (the broker's Administration in a browser)."""
        return f"{self.backend.url}/konsole/"

    @property
    def postfach_url(self) -> str:
        """The fake mail providers' web UI (Posteingang, Spam, Junk)."""
        return f"{self.backend.url}/postfach/"

    @property
    def telefone_url(self) -> str:
        """Every running session's phone, live (served next to the Appium URL, where the phones are)."""
        return self.webdriver.telefone_url

    def start(self) -> Simulator:
        """Start the backend, then the WebDriver server (the app's one-time costs paid first)."""
        warm_up()
        self.backend.start()
        try:
            self.webdriver.start()
        except OSError as exc:
            self.backend.stop()
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(self.webdriver.host, self.webdriver.port, role="appium") from exc
            raise
        except BaseException:
            self.backend.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop both (sessions first)."""
        self.webdriver.stop()
        self.backend.stop()

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def capabilities_json(platform: str = "android", app_version: str = "4.0.0") -> str:
    """The capabilities as pretty JSON."""
    return json.dumps(capabilities(platform, app_version), indent=2)
