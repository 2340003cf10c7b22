"""A browser stand-in for the Makler-Konsole over HTTP: cookie jar, CSRF token read from the page."""

from __future__ import annotations

import re

import httpx
from lxml import html

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class Console:
    """One browser: its own cookies, signed in as one broker; ``address`` is its own loopback address (another
    client as the server sees it, e.g. ``127.0.0.2``)."""

    def __init__(self, base_url: str, address: str | None = None) -> None:
        transport = httpx.HTTPTransport(local_address=address) if address else None
        self.http = httpx.Client(base_url=base_url, timeout=10, transport=transport)
        self.csrf = ""

    def close(self) -> None:
        self.http.close()

    def login(self, makler_id: str, api_key: str) -> httpx.Response:
        token = _CSRF.search(self.http.get("/konsole/anmelden").text)
        assert token is not None
        response = self.http.post(
            "/konsole/anmelden", data={"csrf": token.group(1), "makler_id": makler_id, "api_key": api_key}
        )
        if response.status_code == 303:
            self.get("/konsole/konto/kundenapp")
        return response

    def get(self, path: str, **params: str) -> httpx.Response:
        response = self.http.get(path, params=params) if params else self.http.get(path)
        found = _CSRF.search(response.text)
        if found:
            self.csrf = found.group(1)
        return response

    def post(self, path: str, data: dict[str, str] | None = None, *, csrf: bool = True) -> httpx.Response:
        """A form post; on success the redirect target is fetched (its flash message is then in the page)."""
        body = dict(data or {})
        if csrf:
            body["csrf"] = self.csrf
        response = self.http.post(path, data=body)
        if response.status_code == 303:
            return self.get(response.headers["location"])
        return response


def flash(response: httpx.Response) -> tuple[str, str]:
    """(kind, text) of the page's flash message."""
    found = html.fromstring(response.text).xpath('//*[@id="flash"]')
    assert found, f"no flash message in {response.url}"
    return str(found[0].get("class")), str(found[0].text_content()).strip()


def rows(response: httpx.Response, row_id: str) -> list[dict[str, str]]:
    """The data-* attributes of every row with this id."""
    return [dict(el.attrib) for el in html.fromstring(response.text).xpath(f'//*[@id="{row_id}"]')]
