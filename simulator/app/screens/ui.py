"""Widget helpers shared by the screens, and the banners every app screen carries.

Element keys are ``p<process>:<local>``: stable across re-renders of one app
process, so a WebDriver element stays valid while it is on screen, and stale
after a cold start.
"""

from __future__ import annotations

from simulator.app.memory import Env, Memory
from simulator.app.tree import Node

OFFLINE_TEXT = "Keine Internetverbindung"
LOADING_TEXT = "Wird geladen …"


class Ui:
    """Builds the nodes of one screen render."""

    def __init__(self, mem: Memory) -> None:
        self.mem = mem
        self.prefix = f"p{mem.process}:"

    def key(self, local: str) -> str:
        """The element key for a local name."""
        return self.prefix + local

    def screen(self, name: str, *children: Node) -> Node:
        """The root node, id ``screen_<name>``."""
        return Node(kind="screen", key=self.key(f"screen_{name}"), id=f"screen_{name}", children=children)

    def container(self, local: str, *children: Node, id: str | None = None) -> Node:
        """A grouping node."""
        return Node(kind="container", key=self.key(local), id=id, children=children)

    def text(self, id: str, text: str, *, local: str | None = None) -> Node:
        """A static label."""
        return Node(kind="text", key=self.key(local or id), id=id, text=text)

    def heading(self, local: str, text: str) -> Node:
        """A title without accessibility id."""
        return Node(kind="text", key=self.key(local), text=text)

    def input(self, id: str, hint: str, *, password: bool = False) -> Node:
        """An input showing the value typed so far (``password`` fields are masked by the renderer)."""
        return Node(
            kind="input",
            key=self.key(id),
            id=id,
            text=self.mem.fields.get(id, ""),
            hint=hint,
            password=password,
            focused=self.mem.focused == id,
        )

    def button(self, id: str, text: str, *, enabled: bool = True, local: str | None = None) -> Node:
        """A button."""
        return Node(kind="button", key=self.key(local or id), id=id, text=text, enabled=enabled)

    def checkbox(self, id: str, text: str, checked: bool) -> Node:
        """A read-only check item (the password checklist)."""
        return Node(kind="checkbox", key=self.key(id), id=id, text=text, checked=checked)

    def note(self, id: str) -> tuple[Node, ...]:
        """The message stored under ``id`` (login_error, ...), or nothing."""
        message = self.mem.notes.get(id)
        return (self.text(id, message),) if message else ()

    def chrome(self, env: Env) -> tuple[Node, ...]:
        """Offline banner, error banner and loading indicator, as far as they apply."""
        nodes: list[Node] = []
        if not env.online:
            nodes.append(Node(kind="banner", key=self.key("offline_banner"), id="offline_banner", text=OFFLINE_TEXT))
        if self.mem.banner:
            nodes.append(Node(kind="banner", key=self.key("error_banner"), id="error_banner", text=self.mem.banner))
        if self.mem.pending > 0:
            nodes.append(
                Node(kind="progress", key=self.key("loading_indicator"), id="loading_indicator", text=LOADING_TEXT)
            )
        return tuple(nodes)

    @property
    def busy(self) -> bool:
        """True while a backend flow runs (submit buttons are disabled meanwhile)."""
        return self.mem.pending > 0
