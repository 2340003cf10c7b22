"""The HTTP layer over plain sockets: status codes, error shape, keep-alive, prefixes, garbage."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Callable

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from appium.webdriver.webdriver import WebDriver
from selenium.common.exceptions import UnknownMethodException

from simulator.app.device_api import DeviceConfig, DeviceError
from simulator.webdriver import WebDriverServer
from simulator.webdriver.server import MAX_BODY

from .conftest import BACKEND_URL, Raw, android_options
from .fake_device import FakeDevice

JSON = "application/json; charset=utf-8"


def _assert_error(answer: tuple[int, dict[str, str], object], status: int, error: str) -> None:
    code, headers, body = answer
    assert code == status
    assert headers["content-type"] == JSON
    assert int(headers["content-length"]) > 0
    assert isinstance(body, dict)
    value = body["value"]
    assert value["error"] == error
    assert isinstance(value["message"], str) and value["message"]
    assert isinstance(value["stacktrace"], str)


def test_status_answers_200_json(raw: Raw) -> None:
    status, headers, body = raw("GET", "/status")
    assert status == 200
    assert headers["content-type"] == JSON
    assert body["value"]["ready"] is True


def test_wd_hub_prefix_is_accepted(raw: Raw) -> None:
    assert raw("GET", "/wd/hub/status")[0] == 200
    status, _, body = raw("POST", "/wd/hub/session", {"capabilities": {"alwaysMatch": {"platformName": "iOS"}}})
    assert status == 200
    assert raw("GET", f"/wd/hub/session/{body['value']['sessionId']}/source")[0] == 200


def test_client_with_wd_hub_url(connect: Callable[..., WebDriver], server: WebDriverServer) -> None:
    driver = connect(android_options(), url=server.url + "/wd/hub")
    assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").is_displayed()


def test_unknown_route_is_unknown_command(raw: Raw, session_id: str) -> None:
    _assert_error(raw("GET", "/nonexistent"), 404, "unknown command")
    _assert_error(raw("GET", f"/session/{session_id}/nonexistent"), 404, "unknown command")
    _assert_error(raw("GET", "/"), 404, "unknown command")


def test_wrong_method_is_unknown_method(raw: Raw, session_id: str) -> None:
    _assert_error(raw("GET", f"/session/{session_id}/element"), 405, "unknown method")
    _assert_error(raw("PUT", "/status"), 405, "unknown method")
    _assert_error(raw("PATCH", f"/session/{session_id}/back", {}), 405, "unknown method")


def test_unknown_route_wins_over_unknown_session(raw: Raw) -> None:
    _assert_error(raw("GET", "/session/nope/nonexistent"), 404, "unknown command")
    _assert_error(raw("GET", "/session/nope/back"), 405, "unknown method")


def test_malformed_json_is_invalid_argument(raw: Raw, session_id: str) -> None:
    _assert_error(raw("POST", "/session", b"{not json"), 400, "invalid argument")
    _assert_error(raw("POST", f"/session/{session_id}/element", b"[1, 2]"), 400, "invalid argument")
    _assert_error(raw("POST", f"/session/{session_id}/element", b'"text"'), 400, "invalid argument")
    _assert_error(raw("POST", f"/session/{session_id}/element", b"\xff\xfe\x00garbage"), 400, "invalid argument")


def test_empty_post_body_counts_as_empty_object(raw: Raw, session_id: str) -> None:
    assert raw("POST", f"/session/{session_id}/back", b"")[0] == 200


def test_new_session_without_capabilities_is_invalid_argument(raw: Raw) -> None:
    _assert_error(raw("POST", "/session", {}), 400, "invalid argument")
    _assert_error(raw("POST", "/session", b""), 400, "invalid argument")


def test_new_session_without_platform_is_session_not_created(raw: Raw) -> None:
    _assert_error(raw("POST", "/session", {"capabilities": {}}), 500, "session not created")


def test_grid_style_first_match_body_with_upper_case_platform(raw: Raw) -> None:
    status, _, body = raw("POST", "/session", {"capabilities": {"firstMatch": [{"platformName": "ANDROID"}]}})
    assert status == 200
    assert body["value"]["capabilities"]["platformName"] == "Android"
    assert body["value"]["capabilities"]["appium:automationName"] == "UiAutomator2"


def test_new_session_echoes_appium_caps(raw: Raw) -> None:
    always = {"platformName": "iOS", "appium:deviceName": "iPhone 15 Pro", "appium:app": "kundenapp@3.9.0"}
    status, _, body = raw("POST", "/session", {"capabilities": {"alwaysMatch": always, "firstMatch": [{}]}})
    caps = body["value"]["capabilities"]
    assert status == 200
    assert caps["platformName"] == "iOS"
    assert caps["appium:deviceName"] == "iPhone 15 Pro"
    assert caps["appium:app"] == "kundenapp@3.9.0"
    assert caps["appium:automationName"] == "XCUITest"
    assert caps["appium:platformVersion"] == "17.4"


def _exchange(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(data)
        chunks = []
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    return b"".join(chunks)


def _status_and_body(response: bytes) -> tuple[int, dict[str, object]]:
    head, _, body = response.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), json.loads(body)


def test_garbage_request_line_gets_a_json_400(server: WebDriverServer) -> None:
    status, body = _status_and_body(_exchange(server.port, b"HELLO\r\n\r\n"))
    assert status == 400
    assert body["value"]["error"] == "invalid argument"  # type: ignore[index]


def test_unsupported_verb_gets_json_unknown_method(server: WebDriverServer) -> None:
    status, body = _status_and_body(_exchange(server.port, b"BREW /status HTTP/1.1\r\nHost: x\r\n\r\n"))
    assert status == 405
    assert body["value"]["error"] == "unknown method"  # type: ignore[index]


def test_oversize_body_is_refused_without_reading_it(server: WebDriverServer) -> None:
    request = (
        f"POST /session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {MAX_BODY + 1}\r\n\r\n"
    ).encode()
    status, body = _status_and_body(_exchange(server.port, request + b"{"))
    assert status == 413
    assert body["value"]["error"] == "invalid argument"  # type: ignore[index]


def test_bad_content_length_is_400(server: WebDriverServer) -> None:
    request = b"POST /session HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"
    assert _status_and_body(_exchange(server.port, request))[0] == 400
    request = b"POST /session HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n"
    assert _status_and_body(_exchange(server.port, request))[0] == 400


def test_huge_header_line_is_a_json_4xx(server: WebDriverServer) -> None:
    request = b"GET /status HTTP/1.1\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n"
    status, body = _status_and_body(_exchange(server.port, request))
    assert 400 <= status < 500
    assert body["value"]["error"] == "invalid argument"  # type: ignore[index]


def test_chunked_body_is_read(server: WebDriverServer) -> None:
    payload = json.dumps({"capabilities": {"alwaysMatch": {"platformName": "Android"}}}).encode()
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(payload), payload)
    request = b"POST /session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    status, body = _status_and_body(_exchange(server.port, request + chunked))
    assert status == 200
    assert body["value"]["capabilities"]["platformName"] == "Android"  # type: ignore[index]


def test_malformed_chunked_body_is_400(server: WebDriverServer) -> None:
    request = b"POST /session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"
    assert _status_and_body(_exchange(server.port, request))[0] == 400


def test_keep_alive_survives_errors(server: WebDriverServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        for method, path, body, expected in (
            ("POST", "/session", b"{broken", 400),
            ("GET", "/nonexistent", None, 404),
            ("PUT", "/status", b"{}", 405),
            ("GET", "/status", None, 200),
            ("HEAD", "/status", None, 405),
            ("GET", "/status", None, 200),
        ):
            connection.request(method, path, body=body)
            response = connection.getresponse()
            response.read()
            assert response.status == expected, (method, path)
            assert response.getheader("Connection") != "close"
    finally:
        connection.close()


def test_an_unexpected_exception_is_500_unknown_error_and_the_server_keeps_running(raw: Raw) -> None:
    def exploding(config: DeviceConfig) -> FakeDevice:
        device = FakeDevice(config)
        device.tree = lambda: (_ for _ in ()).throw(KeyError("boom"))  # type: ignore[method-assign]
        return device

    with WebDriverServer("127.0.0.1", 0, exploding, BACKEND_URL) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        try:
            caps = json.dumps({"capabilities": {"alwaysMatch": {"platformName": "Android"}}})
            connection.request("POST", "/session", body=caps)
            session_id = json.loads(connection.getresponse().read())["value"]["sessionId"]
            connection.request("GET", f"/session/{session_id}/source")
            response = connection.getresponse()
            body = json.loads(response.read())
            assert response.status == 500
            assert body["value"]["error"] == "unknown error"
            assert "boom" in body["value"]["message"]
            assert "Traceback" in body["value"]["stacktrace"]
            connection.request("GET", "/status")
            assert connection.getresponse().status == 200
        finally:
            connection.close()


def test_nagle_is_off_on_accepted_sockets(server: WebDriverServer) -> None:
    seen: list[int] = []
    original = server._httpd.track  # type: ignore[union-attr]

    def spy(connection: socket.socket, add: bool) -> None:
        if add:
            seen.append(connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        original(connection, add)

    server._httpd.track = spy  # type: ignore[union-attr, method-assign]
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.request("GET", "/status")
        connection.getresponse().read()
    finally:
        connection.close()
    assert seen and seen[0] != 0


def test_stop_closes_sessions_and_idle_connections(devices: list[FakeDevice]) -> None:
    server = WebDriverServer("127.0.0.1", 0, FakeDevice, BACKEND_URL).start()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        connection.request("POST", "/session", body=b'{"capabilities":{"alwaysMatch":{"platformName":"iOS"}}}')
        assert connection.getresponse().read()
        device = server.store.sessions()[0].device
        server.stop()
        assert device.closed  # type: ignore[attr-defined]
        server.stop()  # idempotent
    finally:
        connection.close()


def test_url_needs_a_started_server() -> None:
    server = WebDriverServer("127.0.0.1", 0, FakeDevice, BACKEND_URL)
    try:
        _ = server.url
    except RuntimeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("url before start")


def test_concurrent_raw_clients(server: WebDriverServer, raw: Raw) -> None:
    results: list[int] = []

    def worker() -> None:
        for _ in range(10):
            results.append(raw("GET", "/status")[0])

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * 80


def test_client_raises_unknown_method_exception_for_unknown_routes_and_methods(driver: WebDriver) -> None:
    driver.command_executor.add_command("bogusCommand", "GET", "/session/$sessionId/bogus")
    driver.command_executor.add_command("wrongMethod", "DELETE", "/session/$sessionId/source")
    with pytest.raises(UnknownMethodException, match="could not be found"):
        driver.execute("bogusCommand")
    with pytest.raises(UnknownMethodException, match="DELETE is not supported"):
        driver.execute("wrongMethod")


@pytest.mark.parametrize("size", [b"-5", b"0x5", b" "])
def test_negative_or_odd_chunk_sizes_are_400(server: WebDriverServer, size: bytes) -> None:
    request = b"POST /session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + size + b"\r\n{}\r\n0\r\n\r\n"
    status, body = _status_and_body(_exchange(server.port, request))
    assert status == 400
    assert body["value"]["error"] == "invalid argument"  # type: ignore[index]


def test_absurdly_deep_json_is_invalid_argument(raw: Raw, session_id: str) -> None:
    deep = b"[" * 20_000 + b"]" * 20_000
    status, _, body = raw("POST", f"/session/{session_id}/timeouts", deep)
    assert status == 400
    assert body["value"]["error"] == "invalid argument"


def test_device_refusing_a_capability_is_invalid_argument(raw: Raw, server: WebDriverServer) -> None:
    def picky(config: object) -> FakeDevice:
        raise DeviceError("invalid argument", "kundenapp:behaviours must be an object")

    server.store.device_factory = picky
    status, _, body = raw("POST", "/session", {"capabilities": {"alwaysMatch": {"platformName": "Android"}}})
    assert (status, body["value"]["error"]) == (400, "invalid argument")
    assert "behaviours" in body["value"]["message"]


def test_an_unknown_build_is_session_not_created_with_the_known_builds(raw: Raw) -> None:
    caps = {"platformName": "Android", "appium:app": "kundenapp-9.9.9.apk"}
    answer = raw("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
    _assert_error(answer, 500, "session not created")
    message = answer[2]["value"]["message"]
    assert "kundenapp-9.9.9.apk" in message and "kundenapp-3.5.2.apk" in message
