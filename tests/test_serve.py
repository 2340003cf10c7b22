"""``kundenapp-sim serve``: a standing simulator that the plain Appium client drives, stopped by Ctrl-C."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
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
from selenium.common.exceptions import InvalidSessionIdException


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
    assert "Aufräumen: Sitzungen, Telefone und Makler ohne Anfrage seit 1800 s werden freigegeben" in printed
    assert urls["Telefone"] is not None and urls["Telefone"].group(1) == f"{appium_url}/telefone/"
    for name, match in urls.items():
        assert match is not None
        response = httpx.get(match.group(1), follow_redirects=True)
        assert response.status_code == 200, name
        assert response.headers["content-type"].startswith("text/html"), name
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=10) == 0


def _start(*args: str) -> tuple[subprocess.Popen[str], str]:
    """A ``kundenapp-sim`` subprocess and the first URL it prints."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    match = re.search(r"(http://\S+)", first)
    if not match:
        proc.kill()
        raise AssertionError(f"no URL in {first!r}: {proc.communicate()[0]}")
    return proc, match.group(1)


@pytest.fixture()
def shared_backend() -> Iterator[str]:
    proc, url = _start("backend", "--port", "0", "--kdf", "test")
    try:
        yield url
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=10)


def test_serve_with_a_shared_backend_cors_and_request_log(shared_backend: str) -> None:
    proc, url = _start("serve", "--port", "0", "--backend-url", shared_backend + "/", "--allow-cors", "--log-requests")
    try:
        preflight = {"Origin": "http://localhost:1234", "Access-Control-Request-Method": "POST"}
        host, port = url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("OPTIONS", "/session", headers=preflight)
        answer = connection.getresponse()
        assert (answer.status, answer.getheader("Access-Control-Allow-Origin")) == (204, "*")
        connection.close()
        driver = webdriver.Remote(
            url, options=UiAutomator2Options().set_capability("appium:app", "kundenapp-4.0.0.apk")
        )
        try:
            assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_submit").text == "Anmelden"
        finally:
            driver.quit()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
        assert proc.stdout is not None
        out = proc.stdout.read()  # not communicate(timeout=…): it would skip what readline() buffered
        proc.stdout.close()
    assert proc.returncode == 0, out
    assert f"Backend:     {shared_backend}  " in out and "geteilt" in out
    assert "Aufräumen: Sitzungen, Telefone ohne Anfrage seit 1800 s" in out  # the brokers are the backend's
    assert "CORS:" in out
    prefix = driver.session_id[:8]
    assert re.search(rf"POST /session  New Session  200  \d+\.\d ms  session {prefix}", out), out
    assert re.search(rf"POST /session/{driver.session_id}/element  Find Element  200 .* session {prefix}", out)
    assert "OPTIONS /session  CORS Preflight  204" in out


def test_serve_refuses_a_backend_url_where_no_backend_runs() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "serve", "--port", "0", "--backend-url", f"http://127.0.0.1:{port}"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"Fehler: --backend-url http://127.0.0.1:{port}: nicht erreichbar (")


def test_serve_backend_url_excludes_the_own_backend_options(shared_backend: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "serve", "--backend-url", shared_backend, "--db", "x.db"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "--db gilt nur ohne --backend-url" in done.stderr


def test_the_standing_backend_frames_strictly(shared_backend: str) -> None:
    """``kundenapp-sim backend`` serves with the same uvicorn configuration as the embedded backend."""
    from tests.test_framing import REFUSED, Surface, exchange

    host, port = shared_backend.removeprefix("http://").split(":")
    surface = Surface(host, int(port), "/app/v1/login", 422, "/health", lambda body: body["error"]["code"], {})
    for case in ("Content-Length then chunked", "gzip, chunked"):
        fields, body, status = REFUSED[case]
        answers, closed = exchange(surface, fields, body)
        assert [a.status for a in answers] == [status] and closed, case


KEY = "schluessel-der-test-steuerung-0123456789"


def _stop(proc: subprocess.Popen[str]) -> str:
    """Ctrl-C, then everything the process printed after its first line."""
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=10)
    assert proc.stdout is not None
    out = proc.stdout.read()
    proc.stdout.close()
    return out


def test_a_standing_backend_with_a_key_listens_beyond_loopback_and_demands_it() -> None:
    proc, url = _start("backend", "--port", "0", "--kdf", "test", "--host", "0.0.0.0", "--test-api-token", KEY)
    local = "http://127.0.0.1:" + url.rsplit(":", 1)[1]
    try:
        assert httpx.get(f"{local}/test/v1/mechanisms").status_code == 401
        assert httpx.get(f"{local}/test/v1/mechanisms", headers={"X-Test-Api-Token": KEY}).status_code == 200
        assert httpx.get(f"{local}/health").status_code == 200
        refused = subprocess.run(
            [sys.executable, "-m", "simulator", "snapshot", "--url", local],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "KUNDENAPP_TEST_API_TOKEN": ""},
        )
        assert refused.returncode == 2 and "verlangt ihren Schlüssel" in refused.stderr, refused.stderr
        taken = subprocess.run(
            [sys.executable, "-m", "simulator", "snapshot", "--url", local],
            capture_output=True,
            text=True,
            timeout=30,
            env={**os.environ, "KUNDENAPP_TEST_API_TOKEN": KEY},
        )
        assert taken.returncode == 0 and taken.stdout.startswith("# Momentaufnahme"), taken.stderr
    finally:
        out = _stop(proc)
    assert "Postfach:" in out and "einmal mit ?token=" in out
    assert KEY not in out  # the key is never printed


def _serve_until_ready(*args: str) -> tuple[subprocess.Popen[str], str]:
    """A ``kundenapp-sim serve`` subprocess and what it printed until it is ready."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator", "serve", "--port", "0", "--backend-port", "0", "--kdf", "test", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    while not lines or lines[-1] not in ("", "Beenden mit Ctrl-C.\n"):  # "": it ended before it was ready
        lines.append(proc.stdout.readline())
    return proc, "".join(lines)


def test_serve_with_a_key_loads_its_world_through_it() -> None:
    proc, printed = _serve_until_ready("--test-api-token", KEY, "--world", "examples/worlds/reg_activate.yaml")
    _stop(proc)
    assert "Welt geladen: examples/worlds/reg_activate.yaml" in printed, printed
    assert "App-Verlauf: register peter.vater@example.com (MK204705): ok" in printed
    assert KEY not in printed


def test_serve_without_test_control_has_none() -> None:
    proc, printed = _serve_until_ready("--no-test-api")
    try:
        backend = re.search(r"Backend:\s+(http://\S+)", printed)
        assert backend is not None, printed
        assert httpx.get(f"{backend.group(1)}/test/v1/mechanisms").status_code == 404
        assert "Postfach:" not in printed
    finally:
        _stop(proc)


def test_serve_session_override_ends_the_holder_and_logs_each_sessions_phone() -> None:
    proc, printed = _serve_until_ready("--world", "examples/worlds/shared_relogin.yaml", "--session-override")
    try:
        appium = re.search(r"Appium-URL:\s+(http://\S+)", printed)
        caps = re.search(r"Capabilities \(das Telefon der Welt[^\n]*\n(\{.*?\n\})", printed, re.S)
        assert appium is not None and caps is not None, printed
        options = AppiumOptions().load_capabilities(json.loads(caps.group(1)))
        first = webdriver.Remote(appium.group(1), options=options)
        second = webdriver.Remote(appium.group(1), options=options)  # the same printed caps again
        try:
            assert second.capabilities["kundenapp:phone"]["kind"] == "world"
            with pytest.raises(InvalidSessionIdException, match="ended by --session-override"):
                first.get_window_size()
        finally:
            second.quit()
    finally:
        out = _stop(proc)
    assert f"session {first.session_id}: Telefon „Pixel 8“ (Telefon der Welt von peter.vater@example.com)" in out
    assert f"session {first.session_id}: ended by --session-override: session {second.session_id}" in out
