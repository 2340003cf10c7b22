"""Appium-compatible W3C WebDriver server for the simulated Kunden-App (docs/architecture.md, docs/appium-by-hand.md).

    server = WebDriverServer("127.0.0.1", 0, device_factory, backend_url).start()
    driver = appium.webdriver.Remote(server.url, options=UiAutomator2Options())
    ...
    server.stop()

``device_factory`` gets the DeviceConfig parsed from each new session's capabilities
and returns that session's Device (``simulator.app.factory.create_device``; tests use a fake).
"""

from __future__ import annotations

from simulator.webdriver.errors import ERROR_STATUS, WebDriverError
from simulator.webdriver.server import WebDriverServer
from simulator.webdriver.session import DeviceFactory

__all__ = ["ERROR_STATUS", "DeviceFactory", "WebDriverError", "WebDriverServer"]
