"""The step catalogue: every Gherkin step the suites can use, grouped by area, with its German one-liner.

Read from pytest-bdd's step registry, like behave's ``--steps-catalog``: for the step modules a
caller names with their area headings (``python -m steps`` prints the suite's, from
``steps.AREAS``; ``docs/steps.md`` is generated from it with ``make docs-steps``), or for the step
definitions a test session sees (the collection check, :mod:`harness.bdd.step_check`, takes its
"Meinten Sie: …" suggestions from them). The harness names no step module itself.
"""

from __future__ import annotations

import difflib
import importlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace

from pytest_bdd import parsers
from pytest_bdd.steps import StepFunctionContext, step_function_context_registry

KEYWORDS = {"given": "Angenommen", "when": "Wenn", "then": "Dann", None: "Angenommen/Wenn/Dann"}
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


def readable(parser: parsers.StepParser) -> tuple[str, tuple[str, ...]]:
    """A step parser's text with ``{placeholder}`` names, e.g. ``(?:er|sie) … "(?P<password>[^"]+)"`` →
    ``er/sie … "{password}"``."""
    if isinstance(parser, parsers.re):
        text = _NAMED_GROUP.sub(lambda m: "{" + m.group(1) + "}", parser.name)
        text = _ALTERNATIVES.sub(lambda m: m.group(1).replace("|", "/"), text)
        return re.sub(r"\\(.)", r"\1", text), tuple(parser.regex.groupindex)
    text = _PARSE_FIELD.sub(lambda m: "{" + m.group(1) + "}", str(parser.name))
    return text, tuple(_PARSE_FIELD.findall(str(parser.name)))


def definitions(modules: Iterable[str]) -> list[StepFunctionContext]:
    """Every step definition of these modules (imported here, which registers their steps); one per step text,
    er/sie variants are two."""
    names = set(modules)
    for name in names:
        importlib.import_module(name)
    found = [ctx for ctx in list(step_function_context_registry.values()) if ctx.step_func.__module__ in names]
    unique = {(ctx.type, ctx.parser.name, ctx.step_func.__module__): ctx for ctx in found}
    return list(unique.values())


def entry(context: StepFunctionContext, areas: Mapping[str, str]) -> CatalogueStep:
    """The catalogue line of one step definition (its area: the heading of its module, else the module's name)."""
    func = context.step_func
    text, placeholders = readable(context.parser)
    summary = (func.__doc__ or "").strip().split("\n\n")[0]  # the first paragraph, however many lines it takes
    return CatalogueStep(
        area=areas.get(func.__module__, func.__module__),
        keyword=KEYWORDS[context.type],
        text=text,
        placeholders=placeholders,
        doc=" ".join(line.strip() for line in summary.splitlines()),
        module=func.__module__,
        line=func.__code__.co_firstlineno,
    )


def catalogue(contexts: Iterable[StepFunctionContext], areas: Mapping[str, str] | None = None) -> list[CatalogueStep]:
    """These step definitions as catalogue lines: by area (in the order of ``areas``: module -> heading), then by
    where they are defined."""
    areas = areas or {}
    order = {module: index for index, module in enumerate(areas)}
    keyword_order = {"Angenommen": 0, "Wenn": 1, "Dann": 2}
    entries = _merge_er_sie({entry(ctx, areas) for ctx in contexts})
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
        "Generated by `make docs-steps` (`python -m steps --markdown`); a test keeps it current.",
        "Every step the German feature files can use, grouped by area. Placeholders are written `{name}`;",
        '"er/sie" means either word. `python -m steps --json` gives the same list for tools.',
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
