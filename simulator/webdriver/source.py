"""Page source in the platform's dialect (UiAutomator2 / XCUITest) and the kind -> class table.

Attributes here are also what ``element/{id}/attribute/{name}`` answers, and XPath
runs against exactly this XML, so source, lookup and attributes cannot disagree.
https://github.com/appium/appium-uiautomator2-server (AccessibilityNodeInfoDumper),
https://github.com/appium/WebDriverAgent (XCUIElement+FBWebDriverAttributes).
"""

from __future__ import annotations

import re

from lxml import etree  # type: ignore[import-untyped,unused-ignore]

from simulator.app.tree import Node
from simulator.webdriver.layout import TAPPABLE, Rect

# The one place where semantic kinds become platform classes.
ANDROID_CLASS = {
    "screen": "android.widget.FrameLayout",
    "container": "android.widget.LinearLayout",
    "text": "android.widget.TextView",
    "input": "android.widget.EditText",
    "button": "android.widget.Button",
    "checkbox": "android.widget.CheckBox",
    "tab": "android.widget.FrameLayout",
    "chip": "android.widget.CompoundButton",
    "list": "androidx.recyclerview.widget.RecyclerView",
    "row": "android.view.ViewGroup",
    "banner": "android.widget.TextView",
    "progress": "android.widget.ProgressBar",
    "image": "android.widget.ImageView",
}
IOS_CLASS = {
    "screen": "XCUIElementTypeApplication",
    "container": "XCUIElementTypeOther",
    "text": "XCUIElementTypeStaticText",
    "input": "XCUIElementTypeTextField",
    "button": "XCUIElementTypeButton",
    "checkbox": "XCUIElementTypeSwitch",
    "tab": "XCUIElementTypeButton",
    "chip": "XCUIElementTypeButton",
    "list": "XCUIElementTypeTable",
    "row": "XCUIElementTypeCell",
    "banner": "XCUIElementTypeStaticText",
    "progress": "XCUIElementTypeActivityIndicator",
    "image": "XCUIElementTypeImage",
}
IOS_SECURE_INPUT = "XCUIElementTypeSecureTextField"
MASK = "•"
_LABELLED = frozenset({"text", "button", "tab", "chip", "row", "banner", "checkbox", "screen"})
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def platform_class(node: Node, platform: str) -> str:
    """The class name a real driver reports for this node (tag name, XPath element, class name)."""
    if platform == "ios":
        if node.kind == "input" and node.password:
            return IOS_SECURE_INPUT
        return IOS_CLASS.get(node.kind, "XCUIElementTypeOther")
    return ANDROID_CLASS.get(node.kind, "android.view.View")


def shown_text(node: Node) -> str:
    """The text a driver reads from the node: password fields are masked as on a phone."""
    return MASK * len(node.text) if node.password else node.text


def _flag(value: bool) -> str:
    return "true" if value else "false"


def android_attributes(node: Node, app_id: str, rect: Rect, index: int) -> dict[str, str]:
    """UiAutomator2 attributes in its source order."""
    clickable = node.kind in TAPPABLE
    return {
        "index": str(index),
        "package": app_id,
        "class": ANDROID_CLASS.get(node.kind, "android.view.View"),
        "text": shown_text(node),
        "content-desc": node.id or "",
        "resource-id": f"{app_id}:id/{node.id}" if node.id else "",
        "checkable": _flag(node.checked is not None),
        "checked": _flag(node.checked is True),
        "clickable": _flag(clickable),
        "enabled": _flag(node.enabled),
        "focusable": _flag(clickable),
        "focused": _flag(node.focused),
        "long-clickable": "false",
        "password": _flag(node.password),
        "scrollable": _flag(node.kind == "list"),
        "selected": _flag(node.selected),
        "bounds": f"[{rect.x},{rect.y}][{rect.x + rect.width},{rect.y + rect.height}]",
        "displayed": _flag(node.displayed),
        "hint": node.hint,
    }


def ios_attributes(node: Node, rect: Rect, index: int) -> dict[str, str]:
    """XCUITest (WebDriverAgent) attributes in its source order."""
    attrs = {"type": platform_class(node, "ios")}
    if node.kind == "input":
        if node.text:
            attrs["value"] = shown_text(node)
    elif node.kind == "checkbox":
        attrs["value"] = "1" if node.checked else "0"
    elif node.kind in ("text", "banner") and node.text:
        attrs["value"] = node.text
    name = node.id or (node.text if node.kind in _LABELLED else "")
    if name:
        attrs["name"] = name
    label = node.hint if node.kind == "input" else (node.text if node.kind in _LABELLED else "")
    if label:
        attrs["label"] = label
    if node.kind == "input" and node.hint:
        attrs["placeholderValue"] = node.hint
    attrs.update(
        {
            "enabled": _flag(node.enabled),
            "visible": _flag(node.displayed),
            "accessible": _flag(node.kind not in ("container", "list", "screen")),
            "selected": _flag(node.selected),
            "x": str(rect.x),
            "y": str(rect.y),
            "width": str(rect.width),
            "height": str(rect.height),
            "index": str(index),
        }
    )
    return attrs


def attributes(node: Node, platform: str, app_id: str, rect: Rect, index: int) -> dict[str, str]:
    """The node's attributes in the platform's dialect."""
    if platform == "ios":
        return ios_attributes(node, rect, index)
    return android_attributes(node, app_id, rect, index)


def _clean(attrs: dict[str, str]) -> dict[str, str]:
    """Replace characters XML cannot carry (one search over all values: they are rare)."""
    if _XML_INVALID.search("".join(attrs.values())) is None:
        return attrs
    return {name: _XML_INVALID.sub("\ufffd", value) for name, value in attrs.items()}


def build_document(
    tree: Node, platform: str, app_id: str, rects: dict[str, Rect], size: tuple[int, int]
) -> tuple[etree._Element, dict[etree._Element, str]]:
    """The XML document of the tree and the element -> node key map (for XPath results)."""
    keys: dict[etree._Element, str] = {}
    app_id = tree.package or app_id  # the system UI (home screen, recents) belongs to the launcher
    if platform == "ios":
        top = etree.Element("AppiumAUT")
    else:
        width, height = size
        top = etree.Element(
            "hierarchy",
            {"index": "0", "class": "hierarchy", "rotation": "0", "width": str(width), "height": str(height)},
        )

    def add(parent: etree._Element, node: Node, index: int) -> None:
        attrs = _clean(attributes(node, platform, app_id, rects[node.key], index))
        element = etree.SubElement(parent, platform_class(node, platform), attrs)
        keys[element] = node.key
        for position, child in enumerate(node.children):
            add(element, child, position)

    add(top, tree, 0)
    return top, keys


def serialize(top: etree._Element) -> str:
    """The page source string, as Appium answers it."""
    body: str = etree.tostring(top, encoding="unicode", pretty_print=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body
