"""German wording of schema errors: what is wrong, what is allowed, and what the file said."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from simulator.world.schema import APP_VERSION_PATTERN, EMAIL_PATTERN, MAKLER_ID_PATTERN, VERSION_PATTERN, World

PATTERNS = {
    APP_VERSION_PATTERN: 'keine gültige App-Version (z. B. "3.5.0")',
    VERSION_PATTERN: 'keine gültige Versionsnummer (z. B. "3.5.0" oder "14")',
    EMAIL_PATTERN: "keine gültige E-Mail-Adresse",
    MAKLER_ID_PATTERN: "keine gültige Makler-ID (2–32 Zeichen: Buchstaben, Ziffern, Bindestrich)",
}

SIMPLE = {
    "missing": "Pflichtangabe fehlt",
    "bool_type": "muss true oder false sein",
    "bool_parsing": "muss true oder false sein",
    "int_type": "muss eine ganze Zahl sein",
    "int_parsing": "muss eine ganze Zahl sein",
    "int_from_float": "muss eine ganze Zahl sein",
    "float_type": "muss eine Zahl sein",
    "float_parsing": "muss eine Zahl sein",
    "string_type": "muss ein Text sein",
    "list_type": "muss eine Liste sein (Einträge mit „- “)",
    "dict_type": "muss ein Abschnitt mit Schlüsseln sein",
    "model_type": "muss ein Abschnitt mit Schlüsseln sein",
    "model_attributes_type": "muss ein Abschnitt mit Schlüsseln sein",
}


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The schema section a location points into (for listing the allowed keys)."""
    model: type[BaseModel] = World
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        found = _inner_model(field.annotation)
        if found is None:
            return None
        model = found
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _shown(value: Any) -> str:
    if isinstance(value, dict | list):
        return ""
    return f" (steht da: {value!r})"


def german(error: ErrorDetails, loc: tuple[str | int, ...]) -> str:
    """One pydantic error in German."""
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = f"; erlaubt: {', '.join(model.model_fields)}" if model is not None else ""
        return f"unbekannter Schlüssel{allowed}"
    if kind == "literal_error":
        return f"erlaubt ist {ctx.get('expected', '?')}{_shown(error.get('input'))}".replace(" or ", " oder ")
    if kind == "string_pattern_mismatch":
        return PATTERNS.get(str(ctx.get("pattern")), "hat nicht die erwartete Form") + _shown(error.get("input"))
    if kind in ("string_too_short", "too_short"):
        return f"zu kurz (mindestens {ctx.get('min_length', '?')}){_shown(error.get('input'))}"
    if kind in ("string_too_long", "too_long"):
        return f"zu lang (höchstens {ctx.get('max_length', '?')})"
    if kind in ("greater_than_equal", "greater_than"):
        return f"muss mindestens {ctx.get('ge', ctx.get('gt', '?'))} sein{_shown(error.get('input'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"muss höchstens {ctx.get('le', ctx.get('lt', '?'))} sein{_shown(error.get('input'))}"
    if kind in SIMPLE:
        shown = "" if kind == "missing" else _shown(error.get("input"))
        return SIMPLE[kind] + shown
    return str(error["msg"])
