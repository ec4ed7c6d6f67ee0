"""The app without a mouse: the navigation, and a chat sent and stopped from the keyboard alone."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import SCREENSHOTS
from ui import by_test_id, reply_text, wait_ready, wait_reply_status, wait_until


def press(driver, *keys):
    ActionChains(driver).send_keys(*keys).perform()


def press_with_control(driver, key):
    ActionChains(driver).key_down(Keys.CONTROL).send_keys(key).key_up(Keys.CONTROL).perform()


def focused(driver):
    return driver.switch_to.active_element


def focused_test_id(driver) -> str | None:
    return focused(driver).get_attribute("data-testid")


def tab_until(driver, test_id: str, limit: int) -> int:
    """Tab forward until the control with this test id has the focus; how many presses it took."""
    for presses in range(1, limit + 1):
        press(driver, Keys.TAB)
        if focused_test_id(driver) == test_id:
            return presses
    raise AssertionError(f"{test_id} not reached in {limit} Tab presses (stopped on {focused(driver).get_attribute('outerHTML')[:200]})")


def current_view(driver) -> str:
    current = driver.find_elements(By.CSS_SELECTOR, "nav [aria-current='page']")
    assert len(current) == 1, f"{len(current)} navigation items are marked current"
    return current[0].get_attribute("data-testid")


def test_the_navigation_is_a_navigation_and_works_from_the_keyboard(app):
    driver, _ = app
    wait_ready(driver)
    nav = driver.find_element(By.CSS_SELECTOR, "nav[aria-label]")
    items = nav.find_elements(By.CSS_SELECTOR, "li > button")
    assert len(items) == len(nav.find_elements(By.CSS_SELECTOR, "li")) >= 10
    assert current_view(driver) == "tab-chat"
    labels = [item.get_attribute("textContent").strip() for item in items]
    assert "Prompt library" in labels and "Wire log" in labels, labels

    driver.execute_script("document.activeElement && document.activeElement.blur()")
    press(driver, Keys.TAB)
    assert focused(driver).text == "Skip to content", "the first Tab offers to skip the sidebar"
    tab_until(driver, "tab-wire", limit=12)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / "keyboard-focus-ring.png"))
    press(driver, Keys.ENTER)
    wait_until(lambda: by_test_id(driver, "wire-page").is_displayed(), what="the wire log")
    assert current_view(driver) == "tab-wire"
    assert focused_test_id(driver) == "tab-wire", "the focus stays on the item just chosen"
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert focused_test_id(driver) == "tab-inspector", "Shift+Tab goes back to the item before"
    press(driver, Keys.SPACE)
    wait_until(lambda: current_view(driver) == "tab-inspector", what="the inspector by Space")


def test_sending_and_stopping_a_chat_with_the_keyboard_only(app):
    driver, emulator = app
    wait_ready(driver)
    emulator.add_fault(operation="ConverseStream", outputTokens=4000, paceMs=20)
    assert "Ctrl+Enter" in by_test_id(driver, "composer-hint").text
    assert by_test_id(driver, "send").get_attribute("aria-keyshortcuts") == "Control+Enter"

    driver.execute_script("document.activeElement && document.activeElement.blur()")
    press(driver, Keys.TAB)
    press(driver, Keys.ENTER)  # Skip to content: the chat itself
    tab_until(driver, "composer", limit=8)
    press(driver, "Write a very long story.")
    press_with_control(driver, Keys.ENTER)
    wait_reply_status(driver, "streaming")
    wait_until(lambda: len(reply_text(driver)) > 40, what="some streamed text")
    assert focused_test_id(driver) == "composer"
    press(driver, Keys.ESCAPE)
    wait_reply_status(driver, "stopped", timeout=5)
    assert focused_test_id(driver) == "composer", "Escape stops without moving the focus"

    press(driver, "And another one.")
    press_with_control(driver, Keys.ENTER)
    wait_until(lambda: len(driver.find_elements(By.CSS_SELECTOR, "[data-testid='reply']")) == 2, what="second reply")
    wait_reply_status(driver, "streaming")
    tab_until(driver, "stop", limit=3)
    press(driver, Keys.ENTER)
    wait_reply_status(driver, "stopped", timeout=5)
    assert focused_test_id(driver) == "send", "the focus stays on the button, which is Send again"
