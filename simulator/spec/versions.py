"""Version numbers ("3.5.2", "14", "17.4"): one parser, with its strictness stated by the caller.

- ``strict=True`` (the backend, on request headers and broker settings): the whole text must be
  1-4 dot-separated numbers of 1-4 digits each; anything else is refused.
- ``strict=False`` (the app, on versions it already holds, e.g. an OS version "17.4.1-beta"):
  each dot-separated piece contributes its leading digits; reading stops at the first piece
  without any; at least one number is required.

Either way trailing zeros are dropped, so ``"17"`` equals ``"17.0"``.
"""

from __future__ import annotations

import re

_STRICT = re.compile(r"^\d{1,4}(\.\d{1,4}){0,3}$")
_LEADING_NUMBER = re.compile(r"\d+")


def is_version(text: str) -> bool:
    """True for strict dotted numeric versions."""
    return bool(_STRICT.match(text))


def parse_version(text: str, *, strict: bool) -> tuple[int, ...]:
    """``"3.5.2"`` -> ``(3, 5, 2)``; ValueError when ``text`` is no version under the chosen strictness."""
    if strict:
        if not is_version(text):
            raise ValueError(f"not a version: {text!r}")
        parts = [int(p) for p in text.split(".")]
    else:
        parts = []
        for piece in text.strip().split("."):
            match = _LEADING_NUMBER.match(piece)
            if match is None:
                break
            parts.append(int(match.group()))
        if not parts:
            raise ValueError(f"not a version number: {text!r}")
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)
