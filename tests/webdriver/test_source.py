"""Page source dialects and the kind -> class table."""

from __future__ import annotations

from simulator.app.tree import KINDS, Node
from simulator.webdriver.layout import layout
from simulator.webdriver.source import (
    ANDROID_CLASS,
    IOS_CLASS,
    build_document,
    platform_class,
    serialize,
    shown_text,
)


def test_every_kind_has_a_class_on_both_platforms() -> None:
    assert set(ANDROID_CLASS) == set(KINDS)
    assert set(IOS_CLASS) == set(KINDS)


def test_unknown_kinds_fall_back_to_generic_views() -> None:
    node = Node("hologram", "h")
    assert platform_class(node, "android") == "android.view.View"
    assert platform_class(node, "ios") == "XCUIElementTypeOther"


def test_password_inputs_are_secure_on_ios_and_masked_everywhere() -> None:
    node = Node("input", "p", text="Geheim1!", password=True)
    assert platform_class(node, "ios") == "XCUIElementTypeSecureTextField"
    assert platform_class(node, "android") == "android.widget.EditText"
    assert shown_text(node) == "••••••••"


def test_xml_maps_each_element_back_to_its_key_and_escapes_text() -> None:
    tree = Node("screen", "root", children=(Node("text", "t", text='<b>"Ä" & \x07</b>'),))
    rects = layout(tree, 412, 915)
    top, keys = build_document(tree, "android", "de.x", rects, (412, 915))
    assert sorted(keys.values()) == ["root", "t"]
    source = serialize(top)
    assert "&lt;b&gt;&quot;Ä&quot; &amp; \ufffd&lt;/b&gt;" in source
