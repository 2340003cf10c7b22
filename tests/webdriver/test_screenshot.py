"""The rendered screenshot: size, legible German text, every kind drawn."""

from __future__ import annotations

import io

from PIL import Image

from simulator.app.tree import Node
from simulator.webdriver.layout import font, layout
from simulator.webdriver.screenshot import render, render_png


def _tree() -> Node:
    return Node(
        "screen",
        "root",
        text="Überblick",
        children=(
            Node("banner", "err", id="error_banner", text="Fehler beim Laden"),
            Node("banner", "off", id="offline_banner", text="Offline"),
            Node("container", "chips", children=(Node("chip", "c", text="Müller", selected=True),)),
            Node("input", "i", text="max@example.de", hint="E-Mail", focused=True),
            Node("input", "p", text="geheim", hint="Passwort", password=True),
            Node("input", "e", hint="Makler-ID", enabled=False),
            Node("checkbox", "x", text="Großbuchstabe", checked=True),
            Node("checkbox", "y", text="Ziffer", checked=False),
            Node("button", "b", text="Anmelden"),
            Node("button", "d", text="Später", enabled=False),
            Node("list", "l", children=(Node("row", "r", text="Vertrag KFZ-001"),)),
            Node("progress", "s"),
            Node("image", "img"),
            Node("container", "bar", children=(Node("tab", "t1", text="Verträge", selected=True), Node("tab", "t2"))),
        ),
    )


def test_png_has_the_window_size_and_varied_pixels() -> None:
    tree = _tree()
    png = render_png(tree, layout(tree, 412, 915), (412, 915))
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (412, 915)
        assert len(image.getcolors(1 << 20) or []) > 20


def test_umlauts_have_their_own_glyphs() -> None:
    face = font(16)
    assert face.getbbox("Ä") != face.getbbox("A")
    assert face.getmask("ü").getbbox() != face.getmask("u").getbbox()


def test_banner_colours_differ_for_error_and_offline() -> None:
    tree = _tree()
    rects = layout(tree, 412, 915)
    image = render(tree, rects, (412, 915))
    error, offline = rects["err"], rects["off"]
    assert image.getpixel((error.x + 4, error.y + error.height // 2)) != image.getpixel(
        (offline.x + 4, offline.y + offline.height // 2)
    )


def test_selected_tab_is_highlighted() -> None:
    tree = _tree()
    rects = layout(tree, 412, 915)
    image = render(tree, rects, (412, 915))
    selected, other = rects["t1"], rects["t2"]
    assert image.getpixel((selected.x + 3, selected.y + 20)) != image.getpixel((other.x + 3, other.y + 20))
