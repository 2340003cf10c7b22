"""A legible phone-sized PNG of the current tree, drawn with Pillow from the layout.

The screenshot is derived from the same tree and rects as source and lookup (docs/architecture.md),
so a failure report shows exactly what the test saw.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from simulator.app.tree import Node
from simulator.webdriver.layout import APP_BAR, LINE, STATUS_BAR, Rect, font, is_tab_bar, wrap

WHITE = (255, 255, 255)
INK = (33, 33, 33)
MUTED = (117, 117, 117)
BORDER = (176, 176, 176)
PRIMARY = (0, 94, 184)
PRIMARY_LIGHT = (221, 234, 250)
DISABLED = (189, 189, 189)
ERROR = (198, 40, 40)
WARNING = (230, 118, 0)
SUCCESS = (46, 125, 50)
SURFACE = (246, 246, 246)


class _Painter:
    def __init__(self, image: Image.Image, rects: dict[str, Rect]) -> None:
        self.draw = ImageDraw.Draw(image)
        self.rects = rects

    def text(
        self,
        xy: tuple[float, float],
        text: str,
        fill: tuple[int, int, int],
        size: int = 16,
        bold: bool = False,
    ) -> None:
        self.draw.text(xy, text, font=font(size, bold), fill=fill)

    def lines(
        self,
        rect: Rect,
        text: str,
        fill: tuple[int, int, int],
        pad: int = 0,
        indent: int = 0,
        bold: bool = False,
    ) -> None:
        y = rect.y + pad
        for line in wrap(text, rect.width - 2 * pad - indent, bold=bold):
            self.text((rect.x + pad + indent, y), line, fill, bold=bold)
            y += LINE

    def centered(self, rect: Rect, text: str, fill: tuple[int, int, int], size: int = 16, bold: bool = False) -> None:
        face = font(size, bold)
        text = _fit(text, rect.width - 8, size, bold)
        width = face.getlength(text)
        self.text(
            (rect.x + (rect.width - width) / 2, rect.y + (rect.height - size * 1.25) / 2),
            text,
            fill,
            size,
            bold,
        )

    def node(self, node: Node) -> None:
        if not node.displayed:
            return
        rect = self.rects[node.key]
        paint = getattr(self, f"paint_{node.kind}", None)
        if paint is not None:
            paint(node, rect)
        for child in node.children:
            self.node(child)

    def paint_container(self, node: Node, rect: Rect) -> None:
        if is_tab_bar(node):
            self.draw.rectangle(_box(rect), fill=SURFACE)
            self.draw.line((rect.x, rect.y, rect.x + rect.width, rect.y), fill=BORDER)
        elif node.text:
            self.lines(rect, node.text, INK, bold=True)

    paint_list = paint_container

    def paint_text(self, node: Node, rect: Rect) -> None:
        self.lines(rect, node.text, INK if node.enabled else MUTED)

    def paint_input(self, node: Node, rect: Rect) -> None:
        focused = node.focused
        self.draw.rounded_rectangle(
            _box(rect),
            radius=8,
            fill=WHITE if node.enabled else SURFACE,
            outline=PRIMARY if focused else BORDER,
            width=2 if focused else 1,
        )
        inner = rect.width - 24
        if not node.text:
            self.text((rect.x + 12, rect.y + (rect.height - 20) / 2), _fit(node.hint, inner, 16), MUTED)
            return
        value_y = rect.y + (rect.height - 20) / 2
        if node.hint:
            label_color = PRIMARY if focused else MUTED
            self.text((rect.x + 12, rect.y + 5), _fit(node.hint, inner, 12), label_color, 12)
            value_y = rect.y + 25
        if node.password:
            for index in range(min(len(node.text), inner // 14)):
                cx, cy = rect.x + 17 + index * 14, value_y + 10
                self.draw.ellipse((cx - 4, cy - 4, cx + 4, cy + 4), fill=INK)
        else:
            self.text((rect.x + 12, value_y), _fit(node.text, inner, 16), INK)

    def paint_button(self, node: Node, rect: Rect) -> None:
        self.draw.rounded_rectangle(_box(rect), radius=10, fill=PRIMARY if node.enabled else DISABLED)
        self.centered(rect, node.text, WHITE, bold=True)

    def paint_checkbox(self, node: Node, rect: Rect) -> None:
        box = (rect.x, rect.y + 2, rect.x + 20, rect.y + 22)
        if node.checked:
            self.draw.rounded_rectangle(box, radius=3, fill=SUCCESS)
            self.draw.line(
                (rect.x + 4, rect.y + 12, rect.x + 9, rect.y + 17, rect.x + 16, rect.y + 7),
                fill=WHITE,
                width=3,
            )
        else:
            self.draw.rounded_rectangle(box, radius=3, outline=MUTED, width=2)
        self.lines(rect, node.text, SUCCESS if node.checked else INK, indent=32)

    def paint_chip(self, node: Node, rect: Rect) -> None:
        selected = node.selected
        self.draw.rounded_rectangle(
            _box(rect),
            radius=18,
            fill=PRIMARY_LIGHT if selected else WHITE,
            outline=PRIMARY if selected else BORDER,
            width=2 if selected else 1,
        )
        self.centered(rect, node.text, PRIMARY if selected else INK, size=14, bold=selected)

    def paint_tab(self, node: Node, rect: Rect) -> None:
        color = PRIMARY if node.selected else MUTED
        if node.selected:
            self.draw.rectangle(_box(rect), fill=PRIMARY_LIGHT)
            self.draw.rectangle((rect.x, rect.y, rect.x + rect.width - 1, rect.y + 3), fill=PRIMARY)
        cx = rect.x + rect.width / 2
        self.draw.ellipse((cx - 9, rect.y + 10, cx + 9, rect.y + 28), outline=color, width=2)
        label = Rect(rect.x, rect.y + 30, rect.width, rect.height - 32)
        self.centered(label, node.text, color, size=12, bold=node.selected)

    def paint_row(self, node: Node, rect: Rect) -> None:
        self.draw.rounded_rectangle(_box(rect), radius=8, fill=SURFACE, outline=(224, 224, 224))
        if node.text:
            self.lines(rect, node.text, INK, pad=12)

    def paint_banner(self, node: Node, rect: Rect) -> None:
        offline = "offline" in (node.id or node.key)
        self.draw.rounded_rectangle(_box(rect), radius=6, fill=WARNING if offline else ERROR)
        self.lines(rect, node.text, WHITE, pad=12, bold=True)

    def paint_progress(self, node: Node, rect: Rect) -> None:
        spinner = (rect.x, rect.y + 4, rect.x + 40, rect.y + 44)
        self.draw.arc(spinner, start=-90, end=200, fill=PRIMARY, width=5)
        self.text((rect.x + 52, rect.y + 14), node.text or "Lädt …", MUTED)

    def paint_image(self, node: Node, rect: Rect) -> None:
        self.draw.rectangle(_box(rect), fill=(224, 224, 224), outline=BORDER)
        self.draw.line((rect.x, rect.y, rect.x + rect.width - 1, rect.y + rect.height - 1), fill=BORDER)
        self.draw.line((rect.x, rect.y + rect.height - 1, rect.x + rect.width - 1, rect.y), fill=BORDER)


def _box(rect: Rect) -> tuple[int, int, int, int]:
    return (rect.x, rect.y, rect.x + max(rect.width - 1, 0), rect.y + max(rect.height - 1, 0))


def _fit(text: str, width: float, size: int, bold: bool = False) -> str:
    """The text, shortened with an ellipsis to fit one line."""
    face = font(size, bold)
    if face.getlength(text) <= width:
        return text
    while text and face.getlength(text + "…") > width:
        text = text[:-1]
    return text + "…"


def render(tree: Node, rects: dict[str, Rect], size: tuple[int, int]) -> Image.Image:
    """The screen as an image: status bar, title bar (screen text), then every displayed node."""
    width, _ = size
    image = Image.new("RGB", size, WHITE)
    painter = _Painter(image, rects)
    painter.draw.rectangle((0, 0, width - 1, STATUS_BAR - 1), fill=SURFACE)
    painter.text((16, 5), "9:41", INK, size=14, bold=True)
    painter.draw.rounded_rectangle((width - 40, 8, width - 16, 19), radius=2, outline=INK, width=1)
    painter.draw.rectangle((width - 38, 10, width - 22, 17), fill=INK)
    if tree.text and tree.displayed:
        painter.draw.rectangle((0, STATUS_BAR, width - 1, STATUS_BAR + APP_BAR - 1), fill=PRIMARY)
        painter.text((16, STATUS_BAR + 16), _fit(tree.text, width - 32, 20, True), WHITE, size=20, bold=True)
    for child in tree.children if tree.displayed else ():
        painter.node(child)
    return image


def render_png(tree: Node, rects: dict[str, Rect], size: tuple[int, int]) -> bytes:
    """The screen as PNG bytes, fast: the harness keeps a screen of every step.

    An RGB PNG of a phone screen costs ~10 ms to encode even at compression level 1; mapped onto
    the 216-colour web palette (no dithering: flat UI colours and anti-aliased text stay legible)
    it costs ~1 ms to convert and ~1 ms to encode, at half the size.
    """
    out = io.BytesIO()
    image = render(tree, rects, size).convert("P", palette=Image.Palette.WEB, dither=Image.Dither.NONE)
    image.save(out, format="PNG", compress_level=1)
    return out.getvalue()
