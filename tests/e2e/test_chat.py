"""A chat in the real app, against its in-process emulator."""

import re
import time

from selenium.webdriver.common.by import By

from conftest import SCREENSHOTS
from ui import (
    all_by_test_id,
    by_test_id,
    last_reply,
    model_ids,
    pick_model,
    reply_text,
    send_with_keyboard,
    set_field,
    wait_ready,
    wait_reply_status,
    wait_until,
)


def metric(driver, label: str) -> int:
    metrics = last_reply(driver).find_element(By.CSS_SELECTOR, "[data-testid='metrics']").text
    found = re.search(rf"{label} (\d+) tok", metrics)
    assert found, f"no {label} tokens in {metrics!r}"
    return int(found.group(1))


def test_streamed_answer_with_system_prompt_and_usage(app):
    driver, emulator = app
    wait_ready(driver)
    assert "Emulated" in by_test_id(driver, "backend-badge").text
    llama = next(m for m in model_ids(driver) if "llama3" in m)
    pick_model(driver, llama)
    set_field(driver, "system-prompt", "You answer in one short paragraph.")
    set_field(driver, "param-maxTokens", "300")
    emulator.add_fault(operation="ConverseStream", outputTokens=120, paceMs=25)

    send_with_keyboard(driver, "Explain what an inference profile is.")
    wait_reply_status(driver, "streaming")
    lengths = []
    while len(lengths) < 200 and wait_reply_status(driver, "streaming", "done") == "streaming":
        lengths.append(len(reply_text(driver)))
        time.sleep(0.05)
    wait_reply_status(driver, "done")
    growing = sorted(set(lengths))
    assert len(growing) >= 3, f"the answer did not grow token by token: {growing}"

    assert len(reply_text(driver)) > 50
    assert metric(driver, "out") == 120
    assert metric(driver, "in") > 0
    metrics = by_test_id(driver, "metrics").text
    assert "TTFT" in metrics and "total" in metrics and "tok/s" in metrics
    calls = emulator.requests("ConverseStream")
    assert [c["modelId"] for c in calls] == [llama]
    assert by_test_id(driver, "composer").get_attribute("value") == ""


def test_each_send_carries_the_conversation(app):
    driver, emulator = app
    wait_ready(driver)
    send_with_keyboard(driver, "Name a colour.")
    wait_reply_status(driver, "done")
    first_in, first_out = metric(driver, "in"), metric(driver, "out")
    send_with_keyboard(driver, "And another one?")
    wait_until(lambda: len(all_by_test_id(driver, "reply")) == 2, what="second reply")
    wait_reply_status(driver, "done")
    # The second request holds the first question and answer: more input than both.
    assert metric(driver, "in") > first_in + first_out
    assert len(emulator.requests("ConverseStream")) == 2


def test_stop_cancels_a_long_stream(app):
    driver, emulator = app
    wait_ready(driver)
    emulator.add_fault(operation="ConverseStream", outputTokens=4000, paceMs=20)
    send_with_keyboard(driver, "Write a very long story.")
    wait_until(lambda: len(reply_text(driver)) > 40, what="some streamed text")
    by_test_id(driver, "stop").click()
    wait_reply_status(driver, "stopped", timeout=5)
    time.sleep(0.2)  # the view paints the last received text at most 32 ms later
    kept = reply_text(driver)
    time.sleep(1.0)
    assert reply_text(driver) == kept, "text kept arriving after Stop"
    assert len(kept) > 40
    assert all_by_test_id(driver, "metrics") == []
    assert by_test_id(driver, "stopped-label").is_displayed()
    wait_until(lambda: by_test_id(driver, "send").is_enabled(), what="Send button back")
    driver.save_screenshot(str(SCREENSHOTS / "stopped-midway.png"))


def test_throttling_shows_a_clear_error_and_retry_succeeds(app):
    driver, emulator = app
    wait_ready(driver)
    emulator.add_fault(operation="ConverseStream", fault="throttling")
    send_with_keyboard(driver, "Hello?")
    wait_reply_status(driver, "failed", timeout=60)
    card = by_test_id(driver, "error-card")
    assert card.get_attribute("data-code") == "Throttled"
    assert "Throttled" in card.text
    assert "retry" in by_test_id(driver, "error-hint").text.lower()
    assert by_test_id(driver, "user-message").text.endswith("Hello?")
    assert by_test_id(driver, "composer").get_attribute("value") == "Hello?", "typed text lost after the error"
    driver.save_screenshot(str(SCREENSHOTS / "throttled.png"))

    emulator.clear_faults()
    by_test_id(driver, "retry").click()
    wait_until(lambda: len(all_by_test_id(driver, "reply")) == 2, what="retried reply")
    wait_reply_status(driver, "done")
    assert reply_text(driver) != ""


def test_access_denied_explains_model_access(app):
    driver, emulator = app
    wait_ready(driver)
    emulator.add_fault(operation="ConverseStream", fault="access-denied")
    send_with_keyboard(driver, "Hello?")
    wait_reply_status(driver, "failed")
    card = by_test_id(driver, "error-card")
    assert card.get_attribute("data-code") == "AccessDenied"
    assert "Model access" in by_test_id(driver, "error-hint").text
    assert all_by_test_id(driver, "retry") == []


def test_bad_parameters_are_caught_before_sending_and_nothing_typed_is_lost(app):
    driver, emulator = app
    wait_ready(driver)
    set_field(driver, "param-temperature", "3")
    send_with_keyboard(driver, "Keep this text")
    wait_until(lambda: "parameters" in by_test_id(driver, "notice").text, what="notice")
    assert "between 0 and 1" in driver.page_source
    assert by_test_id(driver, "composer").get_attribute("value") == "Keep this text"
    assert emulator.requests("ConverseStream") == []


def test_prompt_variables_are_filled_before_sending(app):
    driver, emulator = app
    wait_ready(driver)
    set_field(driver, "system-prompt", "You answer in {{language}}.")
    send_with_keyboard(driver, "Greet {{name}} warmly.")
    wait_until(lambda: "{{language}}" in by_test_id(driver, "notice").text, what="missing variables notice")
    assert emulator.requests("ConverseStream") == []
    set_field(driver, "var-language", "French")
    set_field(driver, "var-name", "Ada")
    by_test_id(driver, "send").click()
    wait_reply_status(driver, "done")
    assert by_test_id(driver, "user-message").text.endswith("Greet Ada warmly.")
    assert "French" in reply_text(driver)
    driver.save_screenshot(str(SCREENSHOTS / "prompt-variables.png"))
