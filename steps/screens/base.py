"""What every screen can do: find by accessibility id, type, tap, read, and wait on conditions."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from appium.webdriver.common.appiumby import AppiumBy
from appium.webdriver.webdriver import WebDriver
from lxml import etree  # type: ignore[import-untyped,unused-ignore]
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait

T = TypeVar("T")
# Seconds; generous for real devices, instant on the simulator. make fidelity shortens it: there the
# scenarios are expected to fail, and a failing wait should not take the full 10 s.
TIMEOUT = float(os.environ.get("KUNDENAPP_STEP_TIMEOUT", "10"))
POLL = 0.02


def quoted(texts: Iterable[str]) -> str:
    """German list of on-screen texts: „Peter Vater“, „Anna Vater“."""
    return ", ".join(f"„{text}“" for text in texts)


IOS_INPUTS = ("XCUIElementTypeTextField", "XCUIElementTypeSecureTextField")
IOS_SWITCH = "XCUIElementTypeSwitch"


@dataclass(frozen=True)
class Shown:
    """One element as the page source shows it (UiAutomator2 or XCUITest attributes)."""

    text: str
    selected: bool  # Is Element Selected: selected, or checked for a checkbox
    enabled: bool


class Snapshot:
    """The whole screen from one page source: what several finds and reads would each ask for.

    A check that reads many elements (customer chips, contract rows, selected tab, loading
    indicator) takes one Get Page Source instead of a find plus a read per element.
    """

    def __init__(self, source: str) -> None:
        self._by_id: dict[str, list[Shown]] = {}
        for node in etree.fromstring(source.encode("utf-8")).iter():
            ident = node.get("content-desc") if node.get("content-desc") is not None else node.get("name")
            if not ident:
                continue
            kind = node.get("type")
            if node.get("text") is not None:  # Android: text and checked
                text, checked = node.get("text"), node.get("checked") == "true"
            elif kind == IOS_SWITCH:  # iOS: a switch says on/off in its value, its text in the label
                text, checked = node.get("label", ""), node.get("value") == "1"
            elif kind in IOS_INPUTS:  # an input's label is its hint; what it holds is the value
                text, checked = node.get("value", ""), False
            else:
                text, checked = node.get("value", node.get("label", "")), False
            # selected as Is Element Selected answers it: selected, or checked
            shown = Shown(text or "", node.get("selected") == "true" or checked, node.get("enabled", "true") == "true")
            self._by_id.setdefault(ident, []).append(shown)

    def ids(self) -> list[str]:
        """The accessibility ids on screen, sorted (on iOS a name may also be a label)."""
        return sorted(self._by_id)

    def all(self, aid: str) -> list[Shown]:
        """Every element with this accessibility id, in source order."""
        return list(self._by_id.get(aid, ()))

    def present(self, aid: str) -> bool:
        """True when an element with this id is on screen."""
        return aid in self._by_id

    @property
    def idle(self) -> bool:
        """True when the app is not loading (no loading indicator)."""
        return not self.present("loading_indicator")


class ScreenError(AssertionError):
    """A screen did not reach the expected state in time (the message says which)."""


class Screen:
    """Base page object: all lookups by accessibility id (simulator/app/README.md)."""

    root: str = ""  # accessibility id of the screen's root, if it has one

    def __init__(self, driver: WebDriver, timeout: float = TIMEOUT) -> None:
        self.driver = driver
        self.timeout = timeout

    def wait(
        self, condition: Callable[[WebDriver], T | bool | None], what: str, shown: Callable[[], str] | None = None
    ) -> T:
        """Wait until ``condition`` returns something truthy; otherwise fail saying what was expected and
        what the screen showed when the wait gave up (``shown``, or a summary of the visible screen)."""
        try:
            result = WebDriverWait(
                self.driver,
                self.timeout,
                poll_frequency=POLL,
                ignored_exceptions=(NoSuchElementException, StaleElementReferenceException),
            ).until(condition)
        except TimeoutException:
            raise ScreenError(f"erwartet {what} – gezeigt nach {self.timeout:g} s: {self._shown(shown)}") from None
        return cast(T, result)  # until() only returns once the condition gave a truthy T

    def _shown(self, shown: Callable[[], str] | None) -> str:
        try:
            return shown() if shown is not None else self.describe()
        except Exception as exc:  # the message must survive a phone that stopped answering
            return f"(Bildschirm nicht lesbar: {type(exc).__name__})"

    def describe(self) -> str:
        """What is on the screen now, in one line: the screen's id and its visible texts (never a password)."""
        root = etree.fromstring(self.driver.page_source.encode("utf-8"))
        screen, texts = None, []
        for node in root.iter():
            ident = node.get("content-desc") or node.get("name") or ""
            if screen is None and ident.startswith("screen_"):
                screen = ident
            if node.get("password") == "true" or node.get("type") == "XCUIElementTypeSecureTextField":
                continue
            text = node.get("text") if node.get("text") is not None else node.get("value")
            if text and text not in texts:
                texts.append(text)
        name = f"Bildschirm „{screen}“" if screen else "kein Bildschirm der App"
        shown = ", ".join(f"„{text}“" for text in texts[:12])
        return f"{name} mit {shown}" if shown else name

    def snapshot(self) -> Snapshot:
        """The screen now, from one page source."""
        return Snapshot(self.driver.page_source)

    def idle_snapshot(self) -> Snapshot:
        """Once the app is idle: the screen, from one page source per poll."""
        return self.wait(lambda d: (snap := self.snapshot()).idle and snap, "App fertig geladen")

    def find(self, aid: str) -> WebElement:
        """The first element with this accessibility id, waiting for it to appear."""
        return self.wait(lambda d: d.find_element(AppiumBy.ACCESSIBILITY_ID, aid), f"Element „{aid}“ sichtbar")

    def all(self, aid: str) -> list[WebElement]:
        """All elements with this accessibility id now (no wait)."""
        return list(self.driver.find_elements(AppiumBy.ACCESSIBILITY_ID, aid))

    def present(self, aid: str) -> bool:
        """True when an element with this id is on screen now."""
        return bool(self.all(aid))

    def wait_present(self, aid: str) -> None:
        """Wait until the element is there."""
        self.find(aid)

    def wait_absent(self, aid: str) -> None:
        """Wait until no element with this id is on screen (e.g. the loading indicator)."""
        self.wait(lambda d: not d.find_elements(AppiumBy.ACCESSIBILITY_ID, aid), f"Element „{aid}“ verschwunden")

    def idle(self) -> None:
        """Wait until the app is not loading anymore (no request in flight: no loading indicator).

        Every step that asserts a symptom reads only after this: a retry still under way would
        otherwise leave the old error on screen and the check would pass by accident.
        """
        self.wait_absent("loading_indicator")

    def text_now(self, aid: str) -> str | None:
        """Once the app is idle: the element's text, or None when it is not on screen."""
        self.idle()
        found = self.all(aid)
        return str(found[0].text) if found else None

    def read_now(self, aid: str, what: str) -> str:
        """Once the app is idle: the element's text; ScreenError when it is not there or empty."""
        shown = self.text_now(aid)
        if not shown:
            raise ScreenError(f"nicht angezeigt, nachdem die App fertig geladen hat: {what}")
        return shown

    def type(self, aid: str, text: str) -> None:
        """Replace the content of an input."""
        element = self.find(aid)
        element.clear()
        if text:
            element.send_keys(text)

    def tap(self, aid: str) -> None:
        """Tap an element once it is enabled."""
        element = self.wait(
            lambda d: (e := d.find_element(AppiumBy.ACCESSIBILITY_ID, aid)).is_enabled() and e,
            f"„{aid}“ antippbar",
        )
        element.click()

    def text(self, aid: str) -> str:
        """The text of an element."""
        return str(self.find(aid).text)

    def wait_text(self, aid: str, predicate: Callable[[str], bool], what: str) -> str:
        """Wait until the element's text satisfies ``predicate``."""
        return str(
            self.wait(lambda d: (t := d.find_element(AppiumBy.ACCESSIBILITY_ID, aid).text) and predicate(t) and t, what)
        )

    def is_shown(self) -> bool:
        """True when this screen is on display now."""
        return self.present(self.root)

    def wait_shown(self) -> Any:
        """Wait until this screen is on display; returns self for chaining."""
        self.wait(lambda d: d.find_elements(AppiumBy.ACCESSIBILITY_ID, self.root), f"Bildschirm „{self.root}“")
        return self
