"""Element state and interaction commands.

https://www.w3.org/TR/webdriver2/#element-state, #element-interaction
"""

from __future__ import annotations

import base64
import io
from typing import Any

from PIL import Image

from simulator.app.tree import Node
from simulator.webdriver.errors import WebDriverError
from simulator.webdriver.session import Call
from simulator.webdriver.source import platform_class, shown_text
from simulator.webdriver.view import ScreenView

# Attribute names real drivers accept besides the source attribute names.
_ANDROID_ALIASES = {
    "contentDescription": "content-desc",
    "resourceId": "resource-id",
    "className": "class",
    "value": "text",
}
_IOS_ALIASES = {"displayed": "visible", "placeholder": "placeholderValue"}


def _node(call: Call) -> tuple[ScreenView, Node]:
    """The addressed node: no such element for an unknown id, stale when it left the screen."""
    session = call.session
    element_id = call.params["elementId"]
    key = session.key_of(element_id)
    view = session.view()
    node = view.nodes.get(key)
    if node is None:
        raise WebDriverError(
            "stale element reference",
            f"element {element_id} is no longer attached to the current screen",
        )
    return view, node


def _name(node: Node) -> str:
    return repr(node.id or node.key)


def _interactable(node: Node) -> None:
    if not node.displayed:
        raise WebDriverError("element not interactable", f"element {_name(node)} is not displayed")


def element_click(call: Call) -> None:
    """Element Click: a tap on the device (https://www.w3.org/TR/webdriver2/#element-click)."""
    _, node = _node(call)
    _interactable(node)
    call.session.device.tap(node.key)


def element_clear(call: Call) -> None:
    """Element Clear: https://www.w3.org/TR/webdriver2/#element-clear."""
    _, node = _node(call)
    _interactable(node)
    if node.kind != "input" or not node.enabled:
        raise WebDriverError("invalid element state", f"element {_name(node)} is not an editable input")
    call.session.device.clear(node.key)


def _keys(body: dict[str, Any]) -> str:
    text = body.get("text")
    if isinstance(text, str):
        return text
    value = body.get("value")
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "".join(value)
    raise WebDriverError("invalid argument", "'text' must be a string (or 'value' a list of strings)")


def element_send_keys(call: Call) -> None:
    """Element Send Keys: https://www.w3.org/TR/webdriver2/#element-send-keys.

    WebDriver key codes (U+E000-U+F8FF, e.g. Keys.ENTER) are dropped: the phone keyboard has none.
    """
    text = "".join(ch for ch in _keys(call.body) if not "\ue000" <= ch <= "\uf8ff")
    _, node = _node(call)
    _interactable(node)
    if node.kind != "input" or not node.enabled:
        raise WebDriverError("element not interactable", f"element {_name(node)} does not take text")
    call.session.device.type_text(node.key, text)


def get_element_text(call: Call) -> str:
    """Get Element Text; password fields read masked as on a phone."""
    return shown_text(_node(call)[1])


def is_element_displayed(call: Call) -> bool:
    """Appium's Is Element Displayed (the node's displayed flag)."""
    return _node(call)[1].displayed


def is_element_enabled(call: Call) -> bool:
    """Is Element Enabled: https://www.w3.org/TR/webdriver2/#is-element-enabled."""
    return _node(call)[1].enabled


def is_element_selected(call: Call) -> bool:
    """Is Element Selected: selected, or checked for checkable nodes (W3C checkedness)."""
    node = _node(call)[1]
    return node.selected or node.checked is True


def get_element_attribute(call: Call) -> str | None:
    """Get Element Attribute: the page-source attribute as a string; unknown names are null."""
    view, node = _node(call)
    name = call.params["name"]
    attrs = view.attributes(node)
    if view.platform == "ios":
        name = _IOS_ALIASES.get(name, name)
    else:
        if name == "name":
            return attrs["content-desc"] or attrs["text"]
        name = _ANDROID_ALIASES.get(name, name)
    return attrs.get(name)


def get_element_property(call: Call) -> str | None:
    """Get Element Property: drivers for native apps answer it like the attribute."""
    return get_element_attribute(call)


def get_element_rect(call: Call) -> dict[str, int]:
    """Get Element Rect: https://www.w3.org/TR/webdriver2/#get-element-rect."""
    view, node = _node(call)
    rect = view.rects[node.key]
    return {"x": rect.x, "y": rect.y, "width": rect.width, "height": rect.height}


def get_element_tag_name(call: Call) -> str:
    """Get Element Tag Name: the platform class."""
    view, node = _node(call)
    return platform_class(node, view.platform)


def take_element_screenshot(call: Call) -> str:
    """Take Element Screenshot: the screen cropped to the element's rect."""
    view, node = _node(call)
    rect = view.rects[node.key]
    if rect.width <= 0 or rect.height <= 0:
        raise WebDriverError("unable to capture screen", "the element has no size on screen")
    with Image.open(io.BytesIO(view.png)) as image:
        crop = image.crop((rect.x, rect.y, rect.x + rect.width, rect.y + rect.height))
    out = io.BytesIO()
    crop.save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode("ascii")
