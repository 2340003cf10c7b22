"""Telefone in headless Chromium: two phones live, a click on a screen highlights the element in the tree."""

from __future__ import annotations

import pytest
from appium import webdriver as appium_webdriver
from appium.options.common.base import AppiumOptions
from appium.webdriver.common.appiumby import AppiumBy
from selenium import webdriver
from selenium.common.exceptions import InvalidSessionIdException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.wait import WebDriverWait

from simulator.embedded import Simulator, capabilities


def _phone(sim: Simulator, platform: str, version: str = "4.0.0") -> appium_webdriver.Remote:
    options = AppiumOptions().load_capabilities(capabilities(platform, version))
    return appium_webdriver.Remote(sim.appium_url, options=options)


def test_two_phones_live_and_a_click_highlights_the_element(chromium: webdriver.Chrome) -> None:
    chromium.set_window_size(1900, 1300)  # both phones side by side, each screen wholly in view
    with Simulator() as sim:
        android, ios = _phone(sim, "android"), _phone(sim, "ios", "3.5.2")
        try:
            chromium.get(sim.telefone_url)
            blocks = chromium.find_elements(By.ID, "phone")
            assert [b.get_attribute("data-session") for b in blocks] == [android.session_id, ios.session_id]
            assert [b.get_attribute("data-platform") for b in blocks] == ["Android", "iOS"]

            target = ios.find_element(AppiumBy.ACCESSIBILITY_ID, "login_makler_id").rect
            screen = blocks[1].find_element(By.ID, "phone-screen")
            size = screen.size
            dx = target["x"] + target["width"] // 2 - size["width"] // 2
            dy = target["y"] + target["height"] // 2 - size["height"] // 2
            ActionChains(chromium).move_to_element_with_offset(screen, dx, dy).click().perform()
            selected = WebDriverWait(chromium, 10).until(lambda d: d.find_element(By.ID, "tree-selected"))
            assert selected.get_attribute("data-accessibility-id") == "login_makler_id"
            assert (
                ios.find_element(AppiumBy.XPATH, selected.get_attribute("data-xpath")).get_attribute("name")
                == "login_makler_id"
            )

            android.find_element(AppiumBy.ACCESSIBILITY_ID, "login_email").send_keys("live@example.com")
            WebDriverWait(chromium, 10).until(lambda d: "live@example.com" in d.page_source)  # reloaded by live.js
            assert chromium.find_element(By.ID, "tree-selected").get_attribute("data-accessibility-id") == (
                "login_makler_id"  # the reload keeps the highlight
            )

            sim.clock.advance(45)  # no command for 45 s: the countdown falls without a reload
            countdown = f'[data-countdown="{ios.session_id}"]'
            shown = chromium.find_element(By.CSS_SELECTOR, countdown)
            assert 50 <= int(shown.text) <= 60  # as rendered: the last command was a moment ago
            WebDriverWait(chromium, 10).until(lambda d: 0 < int(d.find_element(By.CSS_SELECTOR, countdown).text) <= 15)
        finally:
            android.quit()
            ios.quit()
        WebDriverWait(chromium, 10).until(lambda d: not d.find_elements(By.ID, "phone"))  # ended sessions go
    chromium.set_window_size(1280, 900)


def test_ending_a_session_on_the_page_frees_its_device(chromium: webdriver.Chrome) -> None:
    caps = capabilities("android", "4.0.0", device_name="Pixel 7")
    with Simulator() as sim:
        holder = appium_webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
        chromium.get(sim.telefone_url)
        chromium.find_element(By.CSS_SELECTOR, f'[data-end-session="{holder.session_id}"]').click()
        WebDriverWait(chromium, 10).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-session]"))
        with pytest.raises(InvalidSessionIdException):
            holder.get_window_size()
        again = appium_webdriver.Remote(sim.appium_url, options=AppiumOptions().load_capabilities(caps))
        assert again.capabilities["kundenapp:phone"]["deviceName"] == "Pixel 7"
        again.quit()
