"""Browser tests skip with the install hint without Chromium, but fail under CI=true."""

from __future__ import annotations

import pytest

from harness import browser


def test_without_chromium_the_browser_tests_skip_with_the_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium chromium-driver"):
        browser.require_chromium()


def test_under_ci_a_missing_chromium_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser.shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        browser.require_chromium()


def test_chromium_needs_both_browser_and_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser.shutil, "which", lambda name: "/usr/bin/chromium" if name == "chromium" else None)
    assert browser.find_chromium() is None
    monkeypatch.setattr(browser.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert browser.find_chromium() == browser.Chromium("/usr/bin/chromium", "/usr/bin/chromedriver")


class _Element:
    def __init__(self, error: Exception | None) -> None:
        self.error = error

    def is_enabled(self) -> bool:
        if self.error is not None:
            raise self.error
        return True


def test_a_replaced_document_counts_as_the_new_page() -> None:
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

    assert browser.is_gone(_Element(StaleElementReferenceException("stale")))  # type: ignore[arg-type]
    inspector = WebDriverException('unknown error: {"message":"Node with given id does not belong to the document"}')
    assert browser.is_gone(_Element(inspector))  # type: ignore[arg-type]
    assert not browser.is_gone(_Element(None))  # type: ignore[arg-type]
    with pytest.raises(WebDriverException, match="session deleted"):
        browser.is_gone(_Element(WebDriverException("session deleted")))  # type: ignore[arg-type]
