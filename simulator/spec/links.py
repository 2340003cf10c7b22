"""The mailed app links (``kundenapp://…?token=…``) as both sides read them: the token they carry."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qs, urlsplit


def token_of(link: str) -> str | None:
    """The ``token`` parameter of a link, or None when it has none (the invitation's pre-fill link)."""
    tokens = parse_qs(urlsplit(link).query).get("token")
    return tokens[0] if tokens else None


def first_token(links: Iterable[str]) -> str | None:
    """The token of the first link that has one."""
    return next((token for link in links if (token := token_of(link)) is not None), None)
