"""The app API (``/app/v1``) as a customer's app calls it, for a scenario's preconditions.

A step that only needs "the customer is registered" registers here, through the same endpoints
the app calls, instead of typing the registration form on the phone (the scenarios about the
registration itself still go through the app's screens).
"""

from __future__ import annotations

from simulator.client.http import Http
from simulator.spec.links import token_of


def link_token(link: str) -> str:
    """The ``token`` of a mailed link (``kundenapp://…?token=…``); ValueError when it has none."""
    token = token_of(link)
    if token is None:
        raise ValueError(f"the link has no token: {link}")
    return token


class CustomerApp:
    """Registration through the app API, without a phone."""

    def __init__(self, http: Http) -> None:
        self._http = http

    def register(self, makler_id: str, email: str, password: str, invitation: str | None = None) -> str:
        """POST /app/v1/register (as the app sends it); the answer's message.

        ``invitation`` is the mailed invitation link the app's registration was opened from: its secret goes along.
        """
        body = {"email": email, "makler_id": makler_id, "password": password}
        if invitation is not None:
            body["invitation_token"] = link_token(invitation)
        answer = self._http.call("POST", "/app/v1/register", body, headers={"X-Makler-ID": makler_id})
        return str(answer["message"])

    def confirm(self, link: str) -> str:
        """POST /app/v1/register/confirm with the token of the mailed confirmation link."""
        answer = self._http.call("POST", "/app/v1/register/confirm", {"token": link_token(link)})
        return str(answer["message"])
