"""``kundenapp-sim serve``: a standing simulator that the plain Appium client drives, stopped by Ctrl-C."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest
from appium import webdriver
from appium.options.android import UiAutomator2Options
from appium.options.common.base import AppiumOptions
from appium.options.ios import XCUITestOptions
from appium.webdriver.common.appiumby import AppiumBy


@pytest.fixture()
def served() -> Iterator[tuple[subprocess.Popen[str], str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "serve", "--port", "0", "--backend-port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    match = re.search(r"Appium-URL:\s+(http://\S+)", proc.stdout.readline())
    try:
        assert match, "serve printed no Appium URL"
        yield proc, match.group(1)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()


@pytest.mark.parametrize(
    "options",
    [
        UiAutomator2Options().set_capability("appium:app", "kundenapp-4.0.0.apk"),
        XCUITestOptions().set_capability("appium:app", "kundenapp-4.0.0.ipa"),
    ],
    ids=["android", "ios"],
)
def test_serve_gives_the_login_screen_to_a_plain_appium_client(
    served: tuple[subprocess.Popen[str], str], options: AppiumOptions
) -> None:
    proc, url = served
    driver = webdriver.Remote(url, options=options)
    try:
        assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit").text == "Anmelden"
        assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "screen_login").is_displayed()
    finally:
        driver.quit()
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0
    assert proc.stdout is not None
    rest = proc.stdout.read()
    assert "Capabilities" in rest and "Simulator beendet." in rest


def test_serve_prints_the_console_postfach_and_telefone_urls(served: tuple[subprocess.Popen[str], str]) -> None:
    proc, appium_url = served
    assert proc.stdout is not None
    lines = []
    while not lines or "Beenden mit Ctrl-C." not in lines[-1]:
        lines.append(proc.stdout.readline())
    printed = "".join(lines)
    urls = {name: re.search(rf"{name}:\s+(http://\S+)", printed) for name in ("Makler-Konsole", "Postfach", "Telefone")}
    assert all(urls.values()), printed
    assert urls["Telefone"] is not None and urls["Telefone"].group(1) == f"{appium_url}/telefone/"
    for name, match in urls.items():
        assert match is not None
        response = httpx.get(match.group(1), follow_redirects=True)
        assert response.status_code == 200, name
        assert response.headers["content-type"].startswith("text/html"), name
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0
