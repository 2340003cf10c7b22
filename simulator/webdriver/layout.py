"""Geometry of a screen: one function from the element tree to a rect per key.

Rects back element rect, the ``bounds`` / ``x,y,width,height`` source attributes,
the screenshot and tap hit-testing (all derived from the one tree, docs/architecture.md).
Simple vertical stacking; a container of tabs is the bottom bar.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from PIL import ImageFont

from simulator.app.tree import Node

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

# Phone-sized portrait windows (dp / pt): Pixel 7 and iPhone 15.
WINDOW = {"android": (412, 915), "ios": (393, 852)}
STATUS_BAR = 28
APP_BAR = 56
TAB_BAR = 64
PAD = 16
GAP = 12
INNER_GAP = 8
FONT_SIZE = 16
LINE = 22
BOLD_TEXT = frozenset({"banner", "container", "list"})  # kinds whose own text is drawn bold
TAPPABLE = frozenset({"button", "tab", "chip", "row", "checkbox", "input"})
_FLOW_PAD = {"row": 12, "banner": 12}
_LEAF_HEIGHT = {"input": 56, "button": 48, "progress": 48, "image": 120}
_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))


class Rect(NamedTuple):
    """An element's rectangle in window coordinates."""

    x: int
    y: int
    width: int
    height: int

    def contains(self, px: float, py: float) -> bool:
        """Whether the point lies inside (right and bottom edges exclusive)."""
        return self.x <= px < self.x + self.width and self.y <= py < self.y + self.height


def window_size(platform: str, landscape: bool = False) -> tuple[int, int]:
    """Width and height of the phone window for a platform and orientation."""
    width, height = WINDOW[platform]
    return (height, width) if landscape else (width, height)


@lru_cache(maxsize=16)
def font(size: int = FONT_SIZE, bold: bool = False) -> Font:
    """A font with German umlauts: DejaVu Sans when installed, else Pillow's bundled default."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in _FONT_DIRS:
        if (folder / name).is_file():
            return ImageFont.truetype(str(folder / name), size)
    try:
        return ImageFont.truetype(name, size)
    except OSError:
        return ImageFont.load_default(size=size)


@lru_cache(maxsize=4096)  # screens re-render the same texts on every command
def wrap(text: str, width: float, size: int = FONT_SIZE, bold: bool = False) -> tuple[str, ...]:
    """Greedy word wrap of text into lines no wider than width pixels."""
    face = font(size, bold)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if face.getlength(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while face.getlength(word) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and face.getlength(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return tuple(lines)


def is_tab_bar(node: Node) -> bool:
    """A container holding only tabs is drawn as the bottom bar."""
    return node.kind == "container" and bool(node.children) and all(c.kind == "tab" for c in node.children)


def _is_chip_row(node: Node) -> bool:
    shown = [c for c in node.children if c.displayed]
    return bool(shown) and all(c.kind == "chip" for c in shown)


class _Layout:
    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.rects: dict[str, Rect] = {}

    def hide(self, node: Node, x: int, y: int) -> None:
        for child in node.walk():
            self.rects[child.key] = Rect(x, y, 0, 0)

    def tab_bar(self, node: Node) -> None:
        top = self.height - TAB_BAR
        self.rects[node.key] = Rect(0, top, self.width, TAB_BAR)
        count = sum(1 for tab in node.children if tab.displayed)
        x, shown = 0, 0
        for tab in node.children:
            if not tab.displayed:
                self.hide(tab, x, top)
                continue
            shown += 1
            right = self.width * shown // count
            self.rects[tab.key] = Rect(x, top, right - x, TAB_BAR)
            for inner in tab.children:
                self.hide(inner, x, top)
            x = right

    def chips(self, node: Node, x: int, y: int, width: int) -> int:
        cx, cy, height = x, y, 0
        for chip in node.children:
            if not chip.displayed:
                self.hide(chip, cx, cy)
                continue
            chip_width = min(width, max(64, int(font().getlength(chip.text)) + 32))
            if cx + chip_width > x + width and cx > x:
                cx, cy = x, cy + 36 + INNER_GAP
            self.rects[chip.key] = Rect(cx, cy, chip_width, 36)
            for inner in chip.children:
                self.hide(inner, cx, cy)
            cx += chip_width + INNER_GAP
            height = cy + 36 - y
        self.rects[node.key] = Rect(x, y, width, height)
        return height

    def place(self, node: Node, x: int, y: int, width: int) -> int:
        """Lay out node at (x, y) with the given width; return the height it takes in the flow."""
        if not node.displayed:
            self.hide(node, x, y)
            return 0
        if is_tab_bar(node):
            self.tab_bar(node)
            return 0
        if node.kind == "container" and _is_chip_row(node):
            return self.chips(node, x, y, width)
        pad = _FLOW_PAD.get(node.kind, 0)
        cursor = y + pad
        if node.text and node.kind in ("text", "row", "banner", "checkbox", "container", "list"):
            indent = 36 if node.kind == "checkbox" else 0
            bold = node.kind in BOLD_TEXT
            cursor += len(wrap(node.text, width - 2 * pad - indent, bold=bold)) * LINE
        if node.kind in _LEAF_HEIGHT:
            cursor = y + _LEAF_HEIGHT[node.kind]
        elif node.kind == "checkbox":
            cursor = max(cursor, y + 28)
        gap = 0 if cursor == y else INNER_GAP
        for child in node.children:
            taken = self.place(child, x + pad, cursor + gap, width - 2 * pad)
            if taken:
                cursor += gap + taken
                gap = INNER_GAP
        height = cursor + pad - y
        if node.kind == "row":
            height = max(height, 56)
        self.rects[node.key] = Rect(x, y, width, height)
        return height


def layout(root: Node, width: int, height: int) -> dict[str, Rect]:
    """A rect for every key in the tree: status bar, optional title bar, stacked content, tab bar."""
    result = _Layout(width, height)
    top = STATUS_BAR + (APP_BAR if root.text else 0)
    cursor = top + PAD
    for child in root.children:
        taken = result.place(child, PAD, cursor, width - 2 * PAD)
        if taken:
            cursor += taken + GAP
    result.rects[root.key] = Rect(0, 0, width, height)
    return result.rects


def hit_test(root: Node, rects: dict[str, Rect], x: float, y: float) -> str | None:
    """Key of the tappable node under the point (deepest first), or None."""

    def visit(node: Node) -> str | None:
        rect = rects.get(node.key)
        if not node.displayed or rect is None:
            return None
        for child in reversed(node.children):
            found = visit(child)
            if found is not None:
                return found
        if node.kind in TAPPABLE and rect.contains(x, y):
            return node.key
        return None

    return visit(root)
