"""The step catalogue: every Gherkin step the suites can use, grouped by area, with its German one-liner.

Read from pytest-bdd's step registry after importing every module of ``steps`` (so a new step module
appears without being listed here), like behave's ``--steps-catalog``. ``kundenapp-sim steps`` prints
it, ``docs/steps.md`` is generated from it (``make docs-steps``), and the collection check
(:mod:`steps.step_check`) takes its "Meinten Sie: …" suggestions from it.
"""

from __future__ import annotations

import difflib
import importlib
import json
import pkgutil
import re
from dataclasses import asdict, dataclass, replace
from typing import Any

from pytest_bdd import parsers
from pytest_bdd.steps import StepFunctionContext, step_function_context_registry

import steps

KEYWORDS = {"given": "Angenommen", "when": "Wenn", "then": "Dann", None: "Angenommen/Wenn/Dann"}
AREAS = {  # step module → area heading (modules not listed here appear under their own name)
    "steps.common_steps": "Gemeinsam: Makler, Kunden, Telefone, Registrierung, Anmeldung",
    "steps.general_steps": "Allgemein: Updates, Makler-ID, Spam",
    "steps.registration_steps": "Registrierung",
    "steps.login_steps": "Login: Passwort vergessen, deaktiviert",
    "steps.usage_steps": "App-Nutzung und Geteilte Verträge",
    "steps.world_steps": "Fehlerberichte: Ausgangslagen aus Welt-Dateien",
    "steps.konsole_steps": "Makler-Konsole im Browser",
}
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>(?:\\.|\[[^\]]*\]|[^()])*\)")  # (?P<name>…) without nested groups
_ALTERNATIVES = re.compile(r"\(\?:([^()]*)\)")
_ER = re.compile(r"(?<![\w/])er(?![\w/])")
_PARSE_FIELD = re.compile(r"\{(\w+)(?::[^}]*)?\}")


@dataclass(frozen=True)
class CatalogueStep:
    """One step text as a German Gherkin line."""

    area: str
    keyword: str
    text: str
    placeholders: tuple[str, ...]
    doc: str
    module: str
    line: int

    @property
    def gherkin(self) -> str:
        """The line as it is written in a feature file, placeholders in braces."""
        return f"{self.keyword} {self.text}"


def readable(parser: Any) -> tuple[str, tuple[str, ...]]:
    """A step parser's text with ``{placeholder}`` names, e.g. ``(?:er|sie) … "(?P<password>[^"]+)"`` →
    ``er/sie … "{password}"``."""
    if isinstance(parser, parsers.re):
        text = _NAMED_GROUP.sub(lambda m: "{" + m.group(1) + "}", parser.name)
        text = _ALTERNATIVES.sub(lambda m: m.group(1).replace("|", "/"), text)
        return re.sub(r"\\(.)", r"\1", text), tuple(parser.regex.groupindex)
    text = _PARSE_FIELD.sub(lambda m: "{" + m.group(1) + "}", str(parser.name))
    return text, tuple(_PARSE_FIELD.findall(str(parser.name)))


def import_step_modules() -> None:
    """Import every module of the ``steps`` package, so that all step definitions are registered."""
    for module in pkgutil.iter_modules(steps.__path__):
        importlib.import_module(f"steps.{module.name}")


def definitions() -> list[StepFunctionContext]:
    """Every registered step definition of the project (one per step text; er/sie variants are two)."""
    import_step_modules()
    found = [
        ctx for ctx in list(step_function_context_registry.values()) if ctx.step_func.__module__.startswith("steps.")
    ]
    unique = {(ctx.type, ctx.parser.name, ctx.step_func.__module__): ctx for ctx in found}
    return list(unique.values())


def entry(context: StepFunctionContext) -> CatalogueStep:
    """The catalogue line of one step definition."""
    func = context.step_func
    text, placeholders = readable(context.parser)
    summary = (func.__doc__ or "").strip().split("\n\n")[0]  # the first paragraph, however many lines it takes
    return CatalogueStep(
        area=AREAS.get(func.__module__, func.__module__),
        keyword=KEYWORDS[context.type],
        text=text,
        placeholders=placeholders,
        doc=" ".join(line.strip() for line in summary.splitlines()),
        module=func.__module__,
        line=func.__code__.co_firstlineno,
    )


def catalogue() -> list[CatalogueStep]:
    """All steps, by area (in the order of :data:`AREAS`), then by where they are defined."""
    order = {module: index for index, module in enumerate(AREAS)}
    keyword_order = {"Angenommen": 0, "Wenn": 1, "Dann": 2}
    entries = _merge_er_sie({entry(ctx) for ctx in definitions()})
    return sorted(
        entries,
        key=lambda e: (order.get(e.module, len(order)), e.module, e.line, keyword_order.get(e.keyword, 3), e.text),
    )


def _merge_er_sie(entries: set[CatalogueStep]) -> set[CatalogueStep]:
    """One line "er/sie …" for a step defined for both "er …" and "sie …" by the same function."""
    merged = set(entries)
    for item in entries:
        if not _ER.search(item.text):
            continue
        her = replace(item, text=_ER.sub("sie", item.text))
        if her in entries:
            merged -= {item, her}
            merged.add(replace(item, text=_ER.sub("er/sie", item.text)))
    return merged


def _grouped(entries: list[CatalogueStep]) -> dict[str, list[CatalogueStep]]:
    groups: dict[str, list[CatalogueStep]] = {}
    for item in entries:
        groups.setdefault(item.area, []).append(item)
    return groups


def as_text(entries: list[CatalogueStep]) -> str:
    """For the terminal: area headings, each step as a Gherkin line with its one-liner below."""
    lines = []
    for area, items in _grouped(entries).items():
        lines += [f"{area}  ({items[0].module.replace('.', '/')}.py)", ""]
        for item in items:
            lines += [f"  {item.gherkin}", f"      {item.doc}"]
        lines.append("")
    lines.append(f"{len(entries)} Schritte")
    return "\n".join(lines)


def as_json(entries: list[CatalogueStep]) -> str:
    """For tools: one object per step."""
    return json.dumps([{**asdict(e), "gherkin": e.gherkin} for e in entries], ensure_ascii=False, indent=2)


def as_markdown(entries: list[CatalogueStep]) -> str:
    """``docs/steps.md``: the catalogue for people writing scenarios."""
    lines = [
        "# Schritt-Katalog",
        "",
        "Generated by `make docs-steps` (`kundenapp-sim steps --markdown`); a test keeps it current.",
        "Every step the German feature files can use, grouped by area. Placeholders are written `{name}`;",
        '"er/sie" means either word. `kundenapp-sim steps --json` gives the same list for tools.',
        "",
    ]
    for area, items in _grouped(entries).items():
        lines += [f"## {area}", "", f"`{items[0].module.replace('.', '/')}.py`", ""]
        for item in items:
            text = item.text.replace("*", "\\*")
            lines += [f"- **{item.keyword}** {text}  ", f"  {item.doc}"]
        lines.append("")
    lines.append(f"{len(entries)} Schritte.")
    return "\n".join(lines) + "\n"


def suggestions(text: str, entries: list[CatalogueStep], limit: int = 3) -> list[CatalogueStep]:
    """Up to ``limit`` catalogue steps closest to a step text that has no definition."""
    by_text: dict[str, CatalogueStep] = {}
    for item in entries:
        by_text.setdefault(item.text, item)
    close = difflib.get_close_matches(text, list(by_text), n=limit, cutoff=0.55)
    return [by_text[match] for match in close]
