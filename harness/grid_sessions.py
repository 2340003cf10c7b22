"""Sessions through a Selenium Grid hub when a node dies: creation retried a few times, a lost session names its node.

Between a serve's death and the hub's next health check (every 10 s at the shortest, see
``simulator/grid/hub_config.py``) the hub still hands new sessions to the dead serve's node and
answers ``SessionNotCreated`` for the connection error. Only that answer is retried, a bounded
number of times with a short backoff that outlasts the health check; a refused capability is not.
A scenario's steps are never repeated: a session lost with its node fails the scenario, and the
message names the node as the hub's ``/status`` does.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from selenium.common.exceptions import SessionNotCreatedException, WebDriverException
from selenium.webdriver.remote.errorhandler import ErrorHandler
from selenium.webdriver.remote.webdriver import WebDriver
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, wait_exponential

from simulator.grid.status import HubNode, hub_nodes, node_of

T = TypeVar("T")

ATTEMPTS = 5  # waits of 1, 2, 4 and 8 s between them: 15 s, longer than the hub's 10 s health check
# how Grid 4.48 says it reached nobody: "Connection error (GET http://serve/session/ID/source)", or
# "Failed to execute request (POST http://serve/session/ID/elements)" when the serve died answering
NOBODY = r"(?:Connection error|Failed to execute request) \((?P<method>[A-Z]+) (?P<url>https?://[^\s()]+?)/"
# its SessionNotCreated when a node cannot be reached:
#   "… Error while creating session with the service http://serve. Connection error (POST http://serve/session)"
#   (the relay node's serve died) and "… Connection error (POST http://node/se/grid/node/session)" (the node died)
UNREACHABLE = re.compile(NOBODY + r"(?:se/grid/node/)?session\)")
# a command of a running session whose node reached nobody
LOST = re.compile(NOBODY + r"session/(?P<session>[^/\s)]+)")


def unreachable(error: BaseException | None) -> str | None:
    """What a Grid hub could not reach when it refused a session for that reason; None for any other refusal."""
    if not isinstance(error, SessionNotCreatedException):
        return None
    match = UNREACHABLE.search(str(error.msg))
    return match.group("url") if match and match.group("method") == "POST" else None


@dataclass(frozen=True)
class Started(Generic[T]):
    """A session and how many attempts it took; ``unreachable``: what the failed attempts could not reach."""

    session: T
    attempts: int
    unreachable: tuple[str, ...] = ()

    @property
    def note(self) -> str | None:
        """The line the reports show when a session needed more than one attempt."""
        if self.attempts == 1:
            return None
        return f"Sitzung nach {self.attempts} Versuchen angelegt ({_nowhere(self.unreachable)})"


class SessionNotStarted(SessionNotCreatedException):
    """Every attempt met an unreachable node."""


def start(create: Callable[[], T], sleep: Callable[[float], None] = time.sleep) -> Started[T]:
    """``create()``, again after 1, 2, 4 and 8 s while the hub answers that a node is unreachable."""
    missed: list[str] = []

    def remember(state: RetryCallState) -> None:  # before each wait: the attempt failed at an unreachable node
        if state.outcome is not None:
            missed.append(unreachable(state.outcome.exception()) or "")

    retrying = Retrying(
        retry=retry_if_exception(lambda error: unreachable(error) is not None),
        stop=stop_after_attempt(ATTEMPTS),
        wait=wait_exponential(multiplier=1, min=1, max=8),
        sleep=sleep,
        before_sleep=remember,
        reraise=True,
    )
    try:
        session = retrying(create)
    except SessionNotCreatedException as error:
        where = unreachable(error)
        if where is None:
            raise  # a refusal of its own kind (a capability), or Grid's answer after the node went DOWN
        raise SessionNotStarted(
            f"Sitzung nach {ATTEMPTS} Versuchen nicht angelegt ({_nowhere([*missed, where])}): {error.msg}"
        ) from error
    return Started(session, len(missed) + 1, tuple(missed))


def _nowhere(urls: list[str] | tuple[str, ...]) -> str:
    return f"Knoten {', '.join(dict.fromkeys(urls))} nicht erreichbar"


class NodeLost(WebDriverException):
    """A session's Grid node stopped answering during the scenario."""


class NodeAwareErrors(ErrorHandler):
    """Selenium's error handler for a session on a Grid node: a session lost with its node names the node."""

    def __init__(self, node: HubNode, session_id: str) -> None:
        super().__init__()
        self.node = node
        self.session_id = session_id

    def check_response(self, response: dict[str, Any]) -> None:
        try:
            super().check_response(response)
        except WebDriverException as error:
            match = LOST.search(str(error.msg))
            if match is None or match.group("session") != self.session_id:
                raise
            node = self.node
            raise NodeLost(
                f"Grid-Knoten {node['id']} ({node['uri']}) nicht mehr erreichbar, Sitzung {self.session_id} "
                f"verloren: {str(error.msg).splitlines()[0].strip()}"
            ) from error


def name_its_node(driver: WebDriver, hub_url: str) -> None:
    """Let a session's errors name its Grid node (as the hub's ``/status`` lists it) should the node die under it."""
    session_id = str(driver.session_id)
    node = node_of(hub_nodes(hub_url) or [], session_id)
    if node is not None:
        driver.error_handler = NodeAwareErrors(node, session_id)
