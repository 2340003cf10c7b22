"""Layout: vertical stacking, bottom tab bar, hidden nodes, wrapping, hit-testing."""

from __future__ import annotations

from simulator.app.tree import Node
from simulator.webdriver.layout import (
    STATUS_BAR,
    TAB_BAR,
    Rect,
    font,
    hit_test,
    layout,
    window_size,
    wrap,
)

TABS = Node(
    "container",
    "bar",
    children=tuple(Node("tab", f"t{n}", id=f"tab_{n}", text=f"Tab {n}") for n in range(5)),
)


def _screen(*children: Node, title: str = "") -> Node:
    return Node("screen", "root", text=title, children=children)


def test_children_stack_vertically_without_overlap() -> None:
    tree = _screen(Node("text", "a", text="Hallo"), Node("input", "b"), Node("button", "c", text="OK"))
    rects = layout(tree, 412, 915)
    a, b, c = rects["a"], rects["b"], rects["c"]
    assert rects["root"] == Rect(0, 0, 412, 915)
    assert a.y >= STATUS_BAR
    assert a.y + a.height <= b.y and b.y + b.height <= c.y
    assert a.x == b.x == c.x and a.width == b.width == c.width


def test_a_title_pushes_content_below_the_app_bar() -> None:
    plain = layout(_screen(Node("text", "a", text="x")), 412, 915)["a"]
    titled = layout(_screen(Node("text", "a", text="x"), title="Verträge"), 412, 915)["a"]
    assert titled.y > plain.y


def test_tab_bar_sits_at_the_bottom_and_splits_the_width() -> None:
    rects = layout(_screen(Node("text", "a", text="x"), TABS), 412, 915)
    assert rects["bar"] == Rect(0, 915 - TAB_BAR, 412, TAB_BAR)
    tabs = [rects[f"t{n}"] for n in range(5)]
    assert tabs[0].x == 0 and tabs[-1].x + tabs[-1].width == 412
    assert all(t.y == 915 - TAB_BAR for t in tabs)
    assert sum(t.width for t in tabs) == 412


def test_hidden_nodes_take_no_space() -> None:
    tree = _screen(Node("text", "a", text="x"), Node("banner", "gone", text="weg", displayed=False), Node("input", "b"))
    rects = layout(tree, 412, 915)
    assert rects["gone"].height == rects["gone"].width == 0
    shown = layout(_screen(Node("text", "a", text="x"), Node("input", "b")), 412, 915)
    assert rects["b"] == shown["b"]


def test_chips_flow_horizontally() -> None:
    chips = Node("container", "chips", children=(Node("chip", "c1", text="Max"), Node("chip", "c2", text="Erika")))
    rects = layout(_screen(chips), 412, 915)
    assert rects["c1"].y == rects["c2"].y
    assert rects["c2"].x > rects["c1"].x + rects["c1"].width - 1


def test_long_text_wraps_and_grows() -> None:
    short = layout(_screen(Node("text", "a", text="kurz")), 412, 915)["a"]
    long = layout(_screen(Node("text", "a", text="sehr langer Text " * 20)), 412, 915)["a"]
    assert long.height > short.height * 3


def test_wrap_breaks_words_longer_than_a_line() -> None:
    lines = wrap("x" * 200, 100)
    assert len(lines) > 1
    assert all(font().getlength(line) <= 100 for line in lines)
    assert wrap("eins\nzwei", 400) == ("eins", "zwei")


def test_hit_test_finds_the_deepest_tappable_node() -> None:
    row = Node("row", "row", children=(Node("text", "label", text="Vertrag 1"),))
    tree = _screen(row, TABS)
    rects = layout(tree, 412, 915)
    label = rects["label"]
    assert hit_test(tree, rects, label.x + 1, label.y + 1) == "row"
    tab = rects["t3"]
    assert hit_test(tree, rects, tab.x + 2, tab.y + 2) == "t3"
    assert hit_test(tree, rects, 5, 5) is None


def test_window_size_per_platform_and_orientation() -> None:
    assert window_size("android") == (412, 915)
    assert window_size("ios", landscape=True) == (852, 393)
