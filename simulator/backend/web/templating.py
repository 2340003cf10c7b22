"""Jinja2 templates shipped in the package (autoescaped), and the filters the pages share."""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from simulator.backend.errors import ApiError
from simulator.backend.web.forms import SignInRequired

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
# Links in mail bodies become anchors only for these schemes (never javascript: or data:).
_LINK = re.compile(r"(?:https?|kundenapp)://[^\s<>\"']+")


def linkify(text: str) -> Markup:
    """Escaped text with its http(s) and app links as anchors; everything else stays text."""
    parts: list[str] = []
    last = 0
    for match in _LINK.finditer(text):
        parts.append(str(escape(text[last : match.start()])))
        url = escape(match.group(0))
        parts.append(f'<a href="{url}" class="mail-link">{url}</a>')
        last = match.end()
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))  # noqa: S704 - every piece above is escaped


def timestamp(seconds: float) -> str:
    """Epoch seconds of the backend clock as a German date and time (UTC)."""
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%d.%m.%Y %H:%M UTC")


TEMPLATES.env.filters["linkify"] = linkify
TEMPLATES.env.filters["timestamp"] = timestamp


def site_links(request: Request) -> list[tuple[str, str]]:
    """The pages beside this one: Makler-Konsole, Postfach (test control only), each simulator's Telefone."""
    services = request.app.state.backend
    links = [("Makler-Konsole", "/konsole/")]
    if services.settings.test_api:
        links.append(("Postfach", "/postfach/"))
    telefone: list[str] = services.telefone_urls
    for url in telefone:
        links.append((f"Telefone {urlsplit(url).netloc}" if len(telefone) > 1 else "Telefone", url))
    return links


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render one template into an HTML answer (with the links to the pages beside it)."""
    context.setdefault("site_links", site_links(request))
    response = TEMPLATES.TemplateResponse(request, name, context, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )
    return response


def error_page(request: Request, status: int, message: str) -> Response:
    """A German error page with the given status."""
    titles = {
        401: "Schlüssel nötig",
        403: "Nicht erlaubt",
        404: "Nicht gefunden",
        422: "Ungültige Eingabe",
        429: "Zu viele Versuche",
    }
    home = "/postfach/" if request.url.path.startswith("/postfach") else "/konsole/"
    return page(request, "fehler.html", status=status, title=titles.get(status, "Fehler"), message=message, home=home)


class Answer(Exception):
    """Raised by a page's dependency that answers the request itself (e.g. a redirect that sets a cookie)."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


class PageRoute(APIRoute):
    """Errors of page routes are pages, not JSON: 404 for foreign or unknown rows, 403 for CSRF."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def render_errors(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInRequired:
                return RedirectResponse("/konsole/anmelden", status_code=303)
            except Answer as answer:
                return answer.response
            except ApiError as error:
                return error_page(request, error.status, error.message)
            except RequestValidationError as error:
                if any(e.get("loc", ("",))[0] == "path" for e in error.errors()):  # no such id: no such page
                    return error_page(request, 404, "Diese Seite gibt es nicht.")
                return error_page(
                    request, 422, "Die Adresse enthält einen ungültigen Wert (z. B. einen unbekannten Reiter)."
                )
            except HTTPException as error:  # e.g. a form body that cannot be parsed
                return error_page(request, error.status_code, "Die Anfrage konnte nicht gelesen werden.")

        return render_errors
