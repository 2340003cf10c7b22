"""Secrets out of reprs: what the client hands out (a broker with its API key, a mail with token links) says
``api_key='…***'`` and ``token=…***`` when pytest, a report or Allure prints it.

A failing scenario's objects end up in step parameters, assertion messages and reports that a team
shares; the broker of a failed scenario is kept on a standing backend, so its key would still work.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection

MASK = "…***"
# the token of a mailed link (simulator/spec/links.py), also with the "&" HTML-escaped ("&amp;token=")
LINK_TOKEN = re.compile(r"([?&;]token=)[^&\s'\"<>]+")


def masked_links(text: str) -> str:
    """``text`` with the token of every mailed link in it masked."""
    return LINK_TOKEN.sub(lambda match: match.group(1) + MASK, text)


def redacted_repr(obj: object, secret: Collection[str] = ()) -> str:
    """A dataclass's repr with the fields named in ``secret`` masked and every link token masked."""
    shown = []
    for field in dataclasses.fields(obj):  # type: ignore[arg-type]
        if field.repr:
            value = MASK if field.name in secret else getattr(obj, field.name)
            shown.append(f"{field.name}={masked_links(repr(value))}")
    return f"{type(obj).__name__}({', '.join(shown)})"
