"""The model's rules on parameters, seen by the user before sending and kept on the wire; Stop at any moment."""

import time

from conftest import SCREENSHOTS
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select
from ui import all_by_test_id, by_test_id, pick_model, send_with_keyboard, set_field, wait_ready, wait_reply_status, wait_until

THINKING_MODEL = "us.anthropic.claude-3-7-sonnet-20250219-v1:0"
NO_STREAMED_TOOLS = "meta.llama3-1-70b-instruct-v1:0"
TOOLS = (
    '[{"name": "get_weather", "description": "Current weather for a city", "inputSchema": '
    '{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]'
)


def open_wire_exchange(driver, operation: str) -> str:
    by_test_id(driver, "tab-wire").click()
    wait_until(lambda: operation in by_test_id(driver, "wire-item").text, what=f"{operation} exchange")
    return by_test_id(driver, "wire-request-body").text


def test_a_reasoning_budget_turns_off_temperature_and_top_p_with_a_reason(app):
    driver, _ = app
    wait_ready(driver)
    pick_model(driver, THINKING_MODEL)
    set_field(driver, "param-maxTokens", "2048")
    set_field(driver, "param-topP", "1")
    set_field(driver, "param-reasoningBudget", "4096")
    wait_until(lambda: not by_test_id(driver, "param-temperature").is_enabled(), what="temperature disabled")
    assert not by_test_id(driver, "param-topP").is_enabled()
    assert "temperature 1" in by_test_id(driver, "param-temperature-reason").text
    assert "no top P" in by_test_id(driver, "param-topP-reason").text
    # Max tokens was raised above the budget.
    assert int(by_test_id(driver, "param-maxTokens").get_attribute("value")) > 4096
    driver.save_screenshot(str(SCREENSHOTS / "params-thinking.png"))
    send_with_keyboard(driver, "Think about it first.")
    assert wait_reply_status(driver, "done", "failed") == "done", by_test_id(driver, "reply").text
    body = open_wire_exchange(driver, "ConverseStream")
    assert '"thinking"' in body and '"budget_tokens"' in body, body
    assert "topP" not in body and "temperature" not in body, body


def test_max_tokens_is_held_to_the_models_limit(app):
    driver, _ = app
    wait_ready(driver)
    pick_model(driver, THINKING_MODEL)
    set_field(driver, "param-maxTokens", "20000")
    pick_model(driver, NO_STREAMED_TOOLS)
    wait_until(lambda: by_test_id(driver, "param-maxTokens").get_attribute("value") == "2048", what="max tokens clamped")
    assert "2048" in by_test_id(driver, "max-tokens-limit").text
    set_field(driver, "param-maxTokens", "3000")
    params = driver.find_element(By.CSS_SELECTOR, "section.params")
    wait_until(lambda: "at most 2048" in params.text, what="limit error")
    driver.save_screenshot(str(SCREENSHOTS / "params-limit.png"))


def test_a_model_that_cannot_stream_tools_answers_through_converse(app):
    driver, emulator = app
    wait_ready(driver)
    pick_model(driver, NO_STREAMED_TOOLS)
    driver.execute_script("document.querySelector('details.tools').open = true")
    set_field(driver, "tools-json", TOOLS)
    wait_until(lambda: "Converse" in by_test_id(driver, "tools-note").text, what="the note by the model")
    driver.save_screenshot(str(SCREENSHOTS / "params-converse-note.png"))
    send_with_keyboard(driver, "Use get_weather for Paris")
    assert wait_reply_status(driver, "done", "failed") == "done", by_test_id(driver, "reply").text
    assert len(emulator.requests("Converse")) == 1
    assert emulator.requests("ConverseStream") == []
    body = open_wire_exchange(driver, "Converse")
    assert "get_weather" in body, body


def test_stop_before_the_first_byte_ends_the_run_and_the_next_send_works(app):
    driver, emulator = app
    wait_ready(driver)
    emulator.add_fault(operation="ConverseStream", firstByteMs=15000, times=1)
    send_with_keyboard(driver, "Hello, slowly.")
    wait_until(lambda: by_test_id(driver, "stop").is_displayed(), what="Stop button")
    time.sleep(0.5)  # the request is out; no byte of the answer has come back
    stopped_at = time.monotonic()
    by_test_id(driver, "stop").click()
    wait_reply_status(driver, "stopped", timeout=3)
    wait_until(lambda: by_test_id(driver, "send").is_enabled(), timeout=3, what="Send button back")
    assert time.monotonic() - stopped_at < 3
    driver.save_screenshot(str(SCREENSHOTS / "params-stopped-before-first-byte.png"))
    send_with_keyboard(driver, "Now answer.")
    wait_until(lambda: len(all_by_test_id(driver, "reply")) == 2, what="second reply")
    assert wait_reply_status(driver, "done", "failed") == "done"


def test_compare_panes_hold_max_tokens_to_each_models_limit(app):
    driver, emulator = app
    wait_ready(driver)
    by_test_id(driver, "tab-compare").click()
    wait_until(lambda: len(all_by_test_id(driver, "compare-pane")) >= 2, what="panes")
    pane = all_by_test_id(driver, "compare-pane")[0]
    field = pane.find_element(By.CSS_SELECTOR, "[data-testid='pane-max-tokens']")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.BACK_SPACE)
    field.send_keys("3000")
    Select(pane.find_element(By.CSS_SELECTOR, "[data-testid='pane-model']")).select_by_value(NO_STREAMED_TOOLS)
    wait_until(lambda: field.get_attribute("value") == "2048", what="pane max tokens clamped")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.BACK_SPACE)
    field.send_keys("2500")
    wait_until(lambda: "at most 2048" in pane.text, what="the pane's limit error")
    composer = by_test_id(driver, "compare-composer")
    composer.send_keys("Hello")
    composer.send_keys(Keys.CONTROL, Keys.ENTER)
    wait_until(lambda: "Fix the parameters" in driver.find_element(By.CSS_SELECTOR, ".compare .notice").text, what="send refused")
    assert emulator.requests("ConverseStream") == []
    driver.save_screenshot(str(SCREENSHOTS / "params-compare-limit.png"))
