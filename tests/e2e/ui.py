"""What a user does in the app, as WebDriver steps."""

import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select


def wait_until(condition, timeout: float = 20.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except Exception as error:  # the element may not exist yet
            last_error = error
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}" + (f": {last_error}" if last_error else ""))


def by_test_id(driver, test_id: str):
    return driver.find_element(By.CSS_SELECTOR, f"[data-testid='{test_id}']")


def all_by_test_id(driver, test_id: str):
    return driver.find_elements(By.CSS_SELECTOR, f"[data-testid='{test_id}']")


def wait_ready(driver):
    """The backend is up and the model picker is filled."""
    # Generous: a restart on a machine busy with other builds can take a while.
    wait_until(lambda: by_test_id(driver, "backend-badge").is_displayed(), timeout=40, what="backend badge")
    wait_until(
        lambda: len(Select(by_test_id(driver, "model-picker")).options) > 5, timeout=40, what="model list"
    )


def model_ids(driver) -> list[str]:
    return [o.get_attribute("value") for o in Select(by_test_id(driver, "model-picker")).options]


def pick_model(driver, invoke_id: str):
    Select(by_test_id(driver, "model-picker")).select_by_value(invoke_id)
    wait_until(lambda: invoke_id in by_test_id(driver, "model-facts").text, what="model facts")


def set_field(driver, test_id: str, text: str):
    element = by_test_id(driver, test_id)
    # Select-all + delete fires input events (WebDriver's clear() does not), so the app sees it.
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.BACK_SPACE)
    if text:
        element.send_keys(text)


def send_with_keyboard(driver, text: str):
    composer = by_test_id(driver, "composer")
    composer.send_keys(text)
    composer.send_keys(Keys.CONTROL, Keys.ENTER)


def last_reply(driver):
    replies = all_by_test_id(driver, "reply")
    return replies[-1] if replies else None


def reply_status(driver) -> str | None:
    reply = last_reply(driver)
    return reply.get_attribute("data-status") if reply else None


def reply_text(driver) -> str:
    reply = last_reply(driver)
    return reply.find_element(By.CSS_SELECTOR, "[data-testid='reply-text']").text if reply else ""


def wait_reply_status(driver, *statuses: str, timeout: float = 30.0) -> str:
    return wait_until(
        lambda: reply_status(driver) in statuses and reply_status(driver),
        timeout,
        what=f"reply status in {statuses}",
    )
