"""Deep links the app handles (docs/backend-api.md, "Links in mails open the app")."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

SCHEME = "kundenapp"
INVITATION = "einladung"
CONFIRM = "bestaetigen"
RESET = "passwort-zuruecksetzen"

_REQUIRED = {INVITATION: ("makler_id",), CONFIRM: ("token",), RESET: ("token",)}


@dataclass(frozen=True)
class DeepLink:
    """A parsed ``kundenapp://<action>?...`` link."""

    action: str
    params: dict[str, str]


def parse_link(url: str) -> DeepLink:
    """Parse a link; ValueError for another scheme, an unknown action or a missing parameter."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != SCHEME:
        raise ValueError(f"not a Kunden-App link: {url!r}")
    action = (parts.netloc or parts.path.lstrip("/")).lower().rstrip("/")
    if action not in _REQUIRED:
        raise ValueError(f"unknown Kunden-App link {action!r}")
    params = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    missing = [name for name in _REQUIRED[action] if not params.get(name)]
    if missing:
        raise ValueError(f"link {action!r} lacks {', '.join(missing)}")
    return DeepLink(action, params)
