"""Telefone (/telefone/ on the Appium URL): every session's phone live, and an inspector per phone."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import quote

import httpx
import pytest
from appium import webdriver
from appium.options.common.base import AppiumOptions
from appium.webdriver.common.appiumby import AppiumBy
from lxml import html

from simulator.embedded import Simulator, capabilities


@pytest.fixture(scope="module")
def sim() -> Iterator[Simulator]:
    with Simulator() as running:
        yield running


@pytest.fixture()
def android(sim: Simulator) -> Iterator[webdriver.Remote]:
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(capabilities("android")))
    yield driver
    driver.quit()


@pytest.fixture()
def ios(sim: Simulator) -> Iterator[webdriver.Remote]:
    caps = capabilities("ios", "3.5.2")
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
    yield driver
    driver.quit()


def _get(url: str, **params: str) -> str:
    response = httpx.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def _page(sim: Simulator, **params: str) -> html.HtmlElement:
    return html.fromstring(_get(sim.telefone_url, **params))


def _inspector(sim: Simulator, session_id: str, element: str | None = None) -> html.HtmlElement:
    params = {"element": element} if element is not None else {}
    return html.fromstring(_get(f"{sim.telefone_url}{session_id}/", **params))


def _phone(doc: html.HtmlElement, session_id: str) -> html.HtmlElement:
    (block,) = doc.xpath(f'//*[@id="phone-{session_id}"][@data-session="{session_id}"]')
    return block


def _text(doc: html.HtmlElement, css_id: str) -> str:
    (element,) = doc.xpath(f'//*[@id="{css_id}"]')
    return str(element.text_content())


def _key(sim: Simulator, driver: webdriver.Remote, accessibility_id: str) -> str:
    view = sim.webdriver.store.get(driver.session_id).view()
    return next(node.key for node in view.tree.walk() if node.id == accessibility_id)


class _Checker(HTMLParser):
    """What makes a page invalid HTML that a browser silently repairs: a repeated id or attribute, an
    element closed that is not open, an element left open, and references to ids that are not there."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
    REFERENCES = ("for", "aria-labelledby", "aria-controls", "aria-describedby", "data-copy-from")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.references: list[str] = []
        self.open: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = [name for name, _ in attrs]
        if len(names) != len(set(names)):
            self.problems.append(f"<{tag}> repeats an attribute: {names}")
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        self.references += [str(values[name]) for name in self.REFERENCES if values.get(name)]
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()

    def check(self, text: str) -> list[str]:
        assert text.startswith("<!doctype html>\n")
        self.feed(text)
        self.close()
        repeated = sorted({i for i in self.ids if self.ids.count(i) > 1})
        missing = sorted(set(self.references) - set(self.ids))
        left = [f"<{tag}> not closed" for tag in self.open]
        return self.problems + left + [f"id {i!r} repeated" for i in repeated] + [f"no id {m!r}" for m in missing]


def test_every_page_is_valid_html_with_unique_ids(
    sim: Simulator, android: webdriver.Remote, ios: webdriver.Remote
) -> None:
    selected = _key(sim, android, "login_email")
    pages = {
        "index": _get(sim.telefone_url),
        "inspector": _get(f"{sim.telefone_url}{android.session_id}/"),
        "inspector with an input": _get(f"{sim.telefone_url}{android.session_id}/", element=selected),
        "inspector iOS": _get(f"{sim.telefone_url}{ios.session_id}/", element=_key(sim, ios, "login_submit")),
        "error": httpx.get(f"{sim.telefone_url}gibt/es/nicht").text,
    }
    for name, page in pages.items():
        assert _Checker().check(page) == [], name
    assert len(html.fromstring(pages["index"]).find_class("phone")) == 2


def test_the_checker_finds_what_the_old_page_repeated() -> None:
    """The old page wrote id="phone" and id="tree-element" once per phone and node."""
    old = '<!doctype html>\n<html><body><section id="phone"></section><section id="phone"><div id="x"></body></html>'
    assert _Checker().check(old) == [
        "</body> closes ['div']",
        "</html> closes ['div']",
        "<html> not closed",
        "<body> not closed",
        "<section> not closed",
        "<div> not closed",
        "id 'phone' repeated",
    ]


def test_every_session_is_listed_with_platform_build_and_app_state(
    sim: Simulator, android: webdriver.Remote, ios: webdriver.Remote
) -> None:
    doc = _page(sim)
    first, second = _phone(doc, android.session_id), _phone(doc, ios.session_id)
    assert first.find_class("phone-platform")[0].text_content() == "Android 14"
    assert first.find_class("phone-build")[0].text_content() == "4.0.0"
    assert second.find_class("phone-platform")[0].text_content() == "iOS 17.4"
    assert second.find_class("phone-build")[0].text_content() == "3.5.2"
    assert first.find_class("phone-kind")[0].text_content() == "benanntes Gerät"
    assert first.find_class("phone-app-state")[0].text_content() == "im Vordergrund"
    android.execute_script("mobile: terminateApp", {"appId": "de.insurgo.kundenapp"})
    state = _phone(_page(sim), android.session_id).find_class("phone-app-state")[0].text_content()
    assert state == "nicht gestartet"


def test_the_inspector_shows_version_state_and_session_at_the_top(sim: Simulator, ios: webdriver.Remote) -> None:
    doc = _inspector(sim, ios.session_id)
    summary = doc.xpath('//main/*[@id="phone-summary"]')
    assert summary and doc.xpath("//main/*")[0] is summary[0]  # the first thing on the page, above the screen
    assert (_text(doc, "phone-platform"), _text(doc, "phone-build")) == ("iOS 17.4", "3.5.2")
    assert (_text(doc, "phone-app-state"), _text(doc, "phone-screen-id")) == ("im Vordergrund", "screen_login")
    assert _text(doc, "phone-session") == ios.session_id
    assert doc.xpath('//*[@id="end-session"]/@data-end-session') == [ios.session_id]


def test_the_screen_is_the_webdriver_screenshot(sim: Simulator, android: webdriver.Remote) -> None:
    response = httpx.get(f"{sim.telefone_url}{android.session_id}/screen.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content == base64.b64decode(android.get_screenshot_as_base64())


def test_the_attributes_shown_are_what_get_attribute_answers(sim: Simulator, ios: webdriver.Remote) -> None:
    doc = _inspector(sim, ios.session_id, _key(sim, ios, "login_password"))
    rows = doc.xpath('//*[@id="attributes"]//tr')
    shown = {row.xpath("./th")[0].text_content(): row.xpath("./td")[0].text_content() for row in rows}
    assert {"type", "name", "label", "enabled", "visible", "x", "y", "width", "height", "index"} <= set(shown)
    element = ios.find_element(AppiumBy.ACCESSIBILITY_ID, "login_password")
    assert shown == {name: element.get_attribute(name) for name in shown}
    assert shown["type"] == "XCUIElementTypeSecureTextField"


def test_each_locator_shown_finds_the_element_in_a_client(sim: Simulator, android: webdriver.Remote) -> None:
    doc = _inspector(sim, android.session_id, _key(sim, android, "login_submit"))
    locators = {row.get("data-using"): row.xpath(".//code")[0].text_content() for row in doc.xpath("//tr[@data-using]")}
    assert set(locators) == {"accessibility id", "id", "xpath", "css selector", "-android uiautomator"}
    assert locators["xpath"] == '//android.widget.Button[@content-desc="login_submit"]'  # short, not absolute
    for using, value in locators.items():
        (found,) = android.find_elements(using, value)
        assert found.get_attribute("content-desc") == "login_submit", using
    copy = doc.xpath('//tr[@data-using="accessibility id"]//button/@data-copy-from')
    assert [_text(doc, copy[0])] == ["login_submit"]


def test_the_tree_shows_short_locators_and_selects_by_link(sim: Simulator, android: webdriver.Remote) -> None:
    doc = _inspector(sim, android.session_id)
    rows = doc.xpath('//*[@id="tree"]/a')
    by_id = {row.get("data-accessibility-id"): row for row in rows}
    assert {"login_email", "login_password", "login_makler_id", "login_submit"} <= set(by_id)
    assert "„Anmelden“" in by_id["login_submit"].text_content()
    assert not [r for r in rows if "/hierarchy" in r.text_content()]  # no absolute path any more
    title = next(r for r in rows if r.text_content().strip().startswith("TextView „Anmelden“"))
    assert title.find_class("loc")[0].text_content() == 'xpath: //android.widget.TextView[@text="Anmelden"]'
    selected = _inspector(sim, android.session_id, _key(sim, android, "login_email"))
    (current,) = selected.xpath('//*[@id="tree"]/a[@aria-current="true"]')
    assert current.get("data-accessibility-id") == "login_email"
    assert "login_email" in _text(selected, "element-name")


def test_a_click_on_the_screen_selects_the_element_under_it(sim: Simulator, android: webdriver.Remote) -> None:
    rect = android.find_element(AppiumBy.ACCESSIBILITY_ID, "login_password").rect
    x, y = rect["x"] + rect["width"] // 2, rect["y"] + rect["height"] // 2
    url = f"{sim.telefone_url}{android.session_id}/"
    answer = httpx.get(url, params={"tap.x": str(x), "tap.y": str(y)})
    key = _key(sim, android, "login_password")
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/telefone/{android.session_id}/?element={quote(key, safe='')}"
    doc = _inspector(sim, android.session_id, key)
    assert f"left: {rect['x']}px; top: {rect['y']}px;" in doc.xpath('//*[@id="mark"]/@style')[0]
    nowhere = httpx.get(url, params={"tap.x": "abc", "tap.y": "1"})
    assert nowhere.headers["location"] == f"/telefone/{android.session_id}/"  # a bad coordinate selects nothing
    assert not _inspector(sim, android.session_id, "keine:taste").xpath('//*[@id="mark"]')


def test_the_pages_link_to_the_brokers_pages_and_back(sim: Simulator, android: webdriver.Remote) -> None:
    for doc in (_page(sim), _inspector(sim, android.session_id)):
        links = {a.text_content(): a.get("href") for a in doc.xpath('//nav[@aria-label="Seiten"]/a')}
        assert links == {"Alle Telefone": "/telefone/", "Makler-Konsole": sim.konsole_url, "Postfach": sim.postfach_url}
    for page in (sim.konsole_url + "anmelden", sim.postfach_url):
        doc = html.fromstring(httpx.get(page).text)
        assert doc.xpath('//nav[@aria-label="Seiten"]/a[.="Telefone"]/@href') == [sim.telefone_url], page


def test_the_version_and_screen_change_when_the_screen_does(sim: Simulator, android: webdriver.Remote) -> None:
    def state() -> tuple[str, str]:
        data = httpx.get(f"{sim.telefone_url}state.json").json()
        return data["phones"][android.session_id], data["screens"][android.session_id]

    before = state()
    assert state() == before and before[1] == "screen_login"
    android.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys("anna@example.com")
    assert state()[0] != before[0]
    android.find_element(AppiumBy.ACCESSIBILITY_ID, "login_forgot_password").click()
    assert state()[1] == "screen_forgot"


def test_typed_text_is_escaped(sim: Simulator, android: webdriver.Remote) -> None:
    payload = "<script>alert(1)</script>\"'><img src=x>"
    android.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys(payload)
    for text in (_get(sim.telefone_url), _get(f"{sim.telefone_url}{android.session_id}/")):
        assert "<script>alert" not in text
        doc = html.fromstring(text)
        assert doc.xpath("//img") == [] and len(doc.xpath("//script")) == 1  # only the page's own script
    assert payload in _inspector(sim, android.session_id).xpath('//*[@id="tree"]')[0].text_content()
    selected = _get(f"{sim.telefone_url}{android.session_id}/", element=_key(sim, android, "login_email"))
    assert "<script>alert" not in selected and _Checker().check(selected) == []


def test_ended_sessions_disappear_and_bad_requests_are_4xx(sim: Simulator) -> None:
    driver = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(capabilities("android")))
    session_id = driver.session_id
    driver.quit()
    assert not _page(sim).xpath(f'//*[@data-session="{session_id}"]')
    assert httpx.get(f"{sim.telefone_url}{session_id}/screen.png").status_code == 404
    assert httpx.get(f"{sim.telefone_url}{session_id}/").status_code == 404
    assert httpx.get(f"{sim.telefone_url}gibt/es/nicht").status_code == 404
    refused = httpx.post(sim.telefone_url)
    assert refused.status_code == 405
    assert refused.headers["allow"] == "GET, HEAD"
    assert httpx.get(f"{sim.appium_url}/status").json()["value"]["ready"] is True  # WebDriver unaffected


def test_every_telefone_answer_says_nosniff(sim: Simulator, android: webdriver.Remote) -> None:
    """OWASP ASVS 14.4.4: pages, the state, the screen's PNG, the script, the recorder and the errors."""
    session = android.session_id
    paths = ["", f"{session}/", "state.json", f"{session}/screen.png", "telefone.js", "nirgends"]
    answers = [httpx.get(f"{sim.telefone_url}{path}") for path in paths]
    answers += [httpx.post(sim.telefone_url), httpx.post(f"{sim.telefone_url}aufzeichnung", content=b"{}")]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 200, 404, 405, 400]
    for answer in answers:
        assert answer.headers.get("x-content-type-options") == "nosniff", (answer.url, answer.status_code)


def test_the_page_counts_down_each_sessions_new_command_timeout(sim: Simulator, android: webdriver.Remote) -> None:
    timeout = _phone(_page(sim), android.session_id).find_class("phone-timeout")[0]
    assert timeout.text_content() == "endet in 60 s (newCommandTimeout 60 s)"

    def ends_in() -> int:
        return int(httpx.get(f"{sim.telefone_url}state.json").json()["ends_in"][android.session_id])

    sim.clock.advance(20)
    assert ends_in() == 40  # looking at the page is no command: it does not keep the session alive
    assert android.page_source
    assert ends_in() == 60
    caps = {**capabilities("android", device_name="Pixel 7"), "appium:newCommandTimeout": 0}
    never = webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
    try:
        timeout = _phone(_page(sim), never.session_id).find_class("phone-timeout")[0]
        assert timeout.text_content() == "endet nie (newCommandTimeout 0)"
        assert _text(_inspector(sim, never.session_id), "phone-timeout") == "endet nie ohne Befehl"
    finally:
        never.quit()


def test_only_the_servers_own_pages_may_send_commands_from_a_browser(sim: Simulator, android: webdriver.Remote) -> None:
    """A browser names the page's origin; another site's is refused (without --allow-cors), the own one served."""
    url = f"{sim.appium_url}/session/{android.session_id}/window/rect"
    refused = httpx.get(url, headers={"Origin": "http://anderswo.example"})
    assert refused.status_code == 403
    assert refused.json()["value"]["message"] == (
        "a page from http://anderswo.example may not use this server; start it with --allow-cors to let it"
    )
    assert httpx.post(f"{sim.telefone_url}aufzeichnung", headers={"Origin": "null"}).status_code == 403
    own = f"http://{httpx.URL(sim.appium_url).netloc.decode()}"
    assert httpx.get(url, headers={"Origin": own}).status_code == 200
    assert httpx.get(url).status_code == 200  # Appium clients send no Origin
