"""The help article as data: sections, their paragraphs and remedy steps, each cut into passages with their cases.

The text is the help centre's article as it stands (``kunde-hat-technische-probleme-mit-der-kunden-app.txt``
next to this module); which documented case checks which passage is ``simulator.registry.ARTICLE_PASSAGES``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

from simulator.registry import ARTICLE_PASSAGES, ARTICLE_SECTIONS

ARTICLE_FILE = "kunde-hat-technische-probleme-mit-der-kunden-app.txt"
_STEP = re.compile(r"^\s+(\d+)\.\s+(.*)$")
_BULLET = "•"


class ArticleError(ValueError):
    """The article and the registry's passages do not fit together (a passage not found, or found twice)."""


@dataclass
class Passage:
    """A piece of the article that documented cases check (none: no scenario checks it)."""

    text: str
    cases: tuple[str, ...] = ()
    bullets: list[str] = field(default_factory=list)


@dataclass
class Block:
    """A paragraph, or a numbered remedy step (``number``) with its indented continuation."""

    number: int | None
    lines: list[str]
    bullets: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class Section:
    """A heading of the article and what stands under it."""

    heading: str
    blocks: list[Block] = field(default_factory=list)


def article_text() -> str:
    """The article as the help centre shows it."""
    return resources.files(__package__ or "simulator.artikel").joinpath(ARTICLE_FILE).read_text(encoding="utf-8")


def parse(text: str) -> list[Section]:
    """Sections (the registry's headings), paragraphs, remedy steps and bullets; passages not yet cut."""
    sections: list[Section] = []
    current: Block | None = None
    for raw in text.splitlines():
        line = raw.rstrip()
        stripped = line.strip()
        if stripped in ARTICLE_SECTIONS:
            sections.append(Section(stripped))
            current = None
        elif not stripped:
            continue
        elif not sections:
            raise ArticleError(f"Text vor der ersten Überschrift des Artikels: {stripped!r}")
        elif stripped.startswith(_BULLET):
            if current is None:
                raise ArticleError(f"Aufzählungspunkt ohne Absatz davor: {stripped!r}")
            current.bullets.append(stripped.removeprefix(_BULLET).strip())
        elif (step := _STEP.match(line)) is not None:
            current = Block(int(step.group(1)), [step.group(2).strip()])
            sections[-1].blocks.append(current)
        elif line.startswith(" ") and current is not None and current.number is not None:
            current.lines.append(stripped)  # an indented paragraph continues its remedy step
        else:
            current = Block(None, [stripped])
            sections[-1].blocks.append(current)
    return sections


def _sentence_start(text: str, index: int) -> bool:
    return index == 0 or text[:index].rstrip().endswith((".", ":", "!", "?"))


def cut(sections: list[Section]) -> list[Section]:
    """Cut every block into passages at the registry's first words; each must be found once, at a sentence start."""
    starts: dict[int, list[tuple[int, tuple[str, ...]]]] = {}  # id(block) -> (where a passage starts, its cases)
    for section_name, first_words, cases in ARTICLE_PASSAGES:
        section = next((s for s in sections if s.heading == section_name), None)
        if section is None:
            raise ArticleError(f"Abschnitt „{section_name}“ steht nicht im Artikel")
        found = [
            (block, match.start())
            for block in section.blocks
            for match in re.finditer(re.escape(first_words), block.text)
            if _sentence_start(block.text, match.start())
        ]
        if len(found) != 1:
            where = "nicht" if not found else f"{len(found)}-mal"
            raise ArticleError(f"„{first_words}“ steht {where} am Satzanfang im Abschnitt „{section_name}“")
        block, index = found[0]
        if any(other == index for other, _ in starts.get(id(block), [])):
            raise ArticleError(f"„{first_words}“ beginnt dieselbe Stelle wie ein anderer Eintrag („{section_name}“)")
        starts.setdefault(id(block), []).append((index, cases))
    for section in sections:
        for block in section.blocks:
            cuts = sorted(starts.get(id(block), []))
            if not cuts or cuts[0][0] > 0:
                cuts.insert(0, (0, ()))  # the beginning no passage names: checked by no scenario
            ends = [index for index, _ in cuts[1:]] + [len(block.text)]
            block.passages = [
                Passage(block.text[index:end].strip(), cases) for (index, cases), end in zip(cuts, ends, strict=True)
            ]
            block.passages[-1].bullets = block.bullets
    return sections


def article() -> list[Section]:
    """The article, cut into passages with their documented cases."""
    return cut(parse(article_text()))
