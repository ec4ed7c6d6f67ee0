"""Nothing typed or picked is lost: failed sends give back what was sent, replacing or deleting
asks first, the model shown is the model used, and no promise rejection goes unhandled."""

import base64

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.support.select import Select

from conftest import SCREENSHOTS
from ui import (
    all_by_test_id,
    by_test_id,
    reply_text,
    send_with_keyboard,
    set_field,
    wait_ready,
    wait_reply_status,
    wait_until,
)

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
TOOLS = (
    '[{"name": "get_weather", "description": "Current weather for a city", "inputSchema": '
    '{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]'
)
VIEWS = ["compare", "embeddings", "knowledge", "history", "library", "inspector", "wire", "settings", "profiles", "chat"]


def open_view(driver, view: str):
    by_test_id(driver, f"tab-{view}").click()


def click(driver, test_id: str, index: int = 0):
    """Click the element once it is there; a list re-rendered meanwhile is looked up again."""

    def clicked():
        all_by_test_id(driver, test_id)[index].click()
        return True

    wait_until(clicked, what=f"{test_id} to click")


def value(driver, test_id: str) -> str:
    return by_test_id(driver, test_id).get_attribute("value")


def confirm_dialog(driver):
    return wait_until(lambda: by_test_id(driver, "confirm-dialog"), what="the confirmation dialog")


def no_dialog(driver) -> bool:
    return all_by_test_id(driver, "confirm-dialog") == []


def chip_names(driver) -> list[str]:
    return [c.find_element(By.CSS_SELECTOR, ".chip-name").text for c in all_by_test_id(driver, "attachment")]


def unhandled_rejections(driver) -> list:
    return driver.execute_script("return window.__unhandledRejections ?? null")


def test_attachments_come_back_after_a_failed_send_and_one_of_two_namesakes_is_removed(app, tmp_path):
    driver, emulator = app
    driver.file_detector = UselessFileDetector()
    wait_ready(driver)
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "pic.png").write_bytes(PNG)
    for folder in ("a", "b", "c"):
        by_test_id(driver, "attach-input").send_keys(str(tmp_path / folder / "pic.png"))
    wait_until(lambda: len(all_by_test_id(driver, "attachment")) == 3, what="three chips")
    all_by_test_id(driver, "attachment")[0].find_element(By.CSS_SELECTOR, ".chip-remove").click()
    wait_until(lambda: chip_names(driver) == ["pic.png", "pic.png"], what="only the removed namesake gone")

    # Throttled on every attempt (the SDK retries), so the send fails.
    emulator.add_fault(operation="ConverseStream", fault="throttling")
    send_with_keyboard(driver, "What is in these pictures?")
    assert wait_reply_status(driver, "failed", "done") == "failed"
    emulator.clear_faults()
    wait_until(lambda: value(driver, "composer") == "What is in these pictures?", what="the message back")
    wait_until(lambda: chip_names(driver) == ["pic.png", "pic.png"], what="both files back")
    driver.save_screenshot(str(SCREENSHOTS / "no-loss-failed-send.png"))

    by_test_id(driver, "send").click()
    wait_until(lambda: len(all_by_test_id(driver, "reply")) == 2, what="the second try")
    wait_reply_status(driver, "done")
    assert reply_text(driver).count("image (png") == 2, reply_text(driver)
    assert all_by_test_id(driver, "attachment") == []


def test_a_file_still_being_read_is_waited_for(app, tmp_path):
    driver, _ = app
    driver.file_detector = UselessFileDetector()
    wait_ready(driver)
    big = tmp_path / "big.png"
    # A PNG header and 3 MB after it: reading and checking it takes a while.
    big.write_bytes(PNG + bytes(3 * 1024 * 1024))
    by_test_id(driver, "composer").send_keys("Describe it.")
    by_test_id(driver, "attach-input").send_keys(str(big))
    by_test_id(driver, "send").click()
    wait_reply_status(driver, "done", timeout=60)
    assert "image (png" in reply_text(driver), reply_text(driver)
    assert all_by_test_id(driver, "attachment") == []


def test_the_compare_draft_comes_back_after_a_failure(app):
    driver, emulator = app
    wait_ready(driver)
    open_view(driver, "compare")
    wait_until(lambda: len(all_by_test_id(driver, "compare-pane")) >= 2, what="the panes")
    emulator.add_fault(operation="ConverseStream", fault="throttling")
    composer = by_test_id(driver, "compare-composer")
    composer.send_keys("Which is the fastest?")
    composer.send_keys(Keys.CONTROL, Keys.ENTER)
    wait_until(
        lambda: all_by_test_id(driver, "pane-reply")
        and all(r.get_attribute("data-status") == "failed" for r in all_by_test_id(driver, "pane-reply")),
        what="every pane failed",
    )
    wait_until(lambda: value(driver, "compare-composer") == "Which is the fastest?", what="the compare draft back")


def test_typed_tool_results_survive_switching_views(app):
    driver, _ = app
    wait_ready(driver)
    driver.execute_script("document.querySelector('details.tools').open = true")
    set_field(driver, "tools-json", TOOLS)
    send_with_keyboard(driver, "Use get_weather for Paris")
    wait_reply_status(driver, "done")
    wait_until(lambda: by_test_id(driver, "tool-result"), what="tool result box").send_keys('{"sky": "clear"}')
    by_test_id(driver, "tool-result-error").click()
    open_view(driver, "history")
    open_view(driver, "chat")
    wait_until(lambda: value(driver, "tool-result") == '{"sky": "clear"}', what="the typed result kept")
    assert by_test_id(driver, "tool-result-error").is_selected()


def set_params(driver):
    set_field(driver, "param-topP", "1")
    set_field(driver, "param-topK", "40")
    stop = by_test_id(driver, "stop-sequence-input")
    stop.send_keys("END")
    stop.send_keys(Keys.ENTER)
    set_field(driver, "additional-fields", '{"custom_knob": 3}')


def assert_params(driver):
    assert value(driver, "param-topP") == "1"
    assert value(driver, "param-topK") == "40"
    assert "END" in by_test_id(driver, "stop-sequences").text
    assert value(driver, "additional-fields") == '{"custom_knob":3}' or value(driver, "additional-fields") == '{"custom_knob": 3}'


def clear_params(driver):
    by_test_id(driver, "reset-params").click()
    wait_until(lambda: value(driver, "param-topK") == "", what="parameters reset")


def test_use_from_the_library_keeps_every_parameter_and_asks_before_replacing(app):
    driver, _ = app
    wait_ready(driver)
    set_params(driver)
    by_test_id(driver, "system-prompt").send_keys("You are terse.")
    by_test_id(driver, "composer").send_keys("Summarise the report.")
    open_view(driver, "library")
    by_test_id(driver, "prompt-name").send_keys("Terse")
    by_test_id(driver, "save-prompt").click()
    wait_until(lambda: "version 1" in by_test_id(driver, "prompt-saved").text, what="saved")

    open_view(driver, "chat")
    clear_params(driver)
    set_field(driver, "composer", "A draft I care about")
    open_view(driver, "library")
    click(driver, "prompt-card")
    click(driver, "use-version")
    dialog = confirm_dialog(driver)
    assert dialog.get_attribute("role") == "alertdialog"
    assert driver.switch_to.active_element.get_attribute("data-testid") == "confirm-cancel"
    driver.save_screenshot(str(SCREENSHOTS / "no-loss-confirm-replace.png"))
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait_until(lambda: no_dialog(driver), what="Escape cancels")
    open_view(driver, "chat")
    assert value(driver, "composer") == "A draft I care about"

    open_view(driver, "library")
    click(driver, "prompt-card")
    click(driver, "use-version")
    confirm_dialog(driver)
    by_test_id(driver, "confirm-accept").click()
    wait_until(lambda: value(driver, "composer") == "Summarise the report.", what="the prompt in the chat")
    assert value(driver, "system-prompt") == "You are terse."
    assert_params(driver)


def test_reopening_from_history_keeps_every_parameter_and_asks_before_replacing(app):
    driver, emulator = app
    wait_ready(driver)
    set_params(driver)
    set_field(driver, "additional-fields", "")
    send_with_keyboard(driver, "Remember the word heron.")
    # Whether the model takes top P with top K or refuses, the run is kept with its parameters.
    wait_reply_status(driver, "done", "failed")
    by_test_id(driver, "new-chat").click()
    clear_params(driver)
    by_test_id(driver, "system-prompt").send_keys("A system prompt I care about.")
    open_view(driver, "history")
    click(driver, "history-open")
    confirm_dialog(driver)
    by_test_id(driver, "confirm-cancel").click()
    wait_until(lambda: no_dialog(driver), what="cancelled")
    assert by_test_id(driver, "history-page").is_displayed()
    open_view(driver, "chat")
    assert value(driver, "system-prompt") == "A system prompt I care about."
    open_view(driver, "history")
    wait_until(lambda: all_by_test_id(driver, "history-open"), what="the list again")

    click(driver, "history-open")
    confirm_dialog(driver)
    by_test_id(driver, "confirm-accept").click()
    wait_until(lambda: "heron" in by_test_id(driver, "transcript").text, what="reopened")
    assert value(driver, "system-prompt") == ""
    assert value(driver, "param-topP") == "1"
    assert value(driver, "param-topK") == "40"
    assert "END" in by_test_id(driver, "stop-sequences").text


def test_deleting_a_conversation_and_a_prompt_asks_first(app):
    driver, _ = app
    wait_ready(driver)
    send_with_keyboard(driver, "Keep me.")
    wait_reply_status(driver, "done")
    open_view(driver, "history")
    wait_until(lambda: all_by_test_id(driver, "history-item"), what="one conversation")
    by_test_id(driver, "history-delete").click()
    confirm_dialog(driver)
    by_test_id(driver, "confirm-cancel").click()
    wait_until(lambda: no_dialog(driver), what="cancelled")
    assert len(all_by_test_id(driver, "history-item")) == 1
    by_test_id(driver, "history-delete").click()
    confirm_dialog(driver)
    by_test_id(driver, "confirm-accept").click()
    wait_until(lambda: all_by_test_id(driver, "history-item") == [], what="deleted")

    open_view(driver, "library")
    by_test_id(driver, "prompt-name").send_keys("Doomed")
    by_test_id(driver, "save-prompt").click()
    click(driver, "prompt-card")
    by_test_id(driver, "delete-prompt").click()
    confirm_dialog(driver)
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait_until(lambda: no_dialog(driver), what="cancelled")
    assert len(all_by_test_id(driver, "prompt-card")) == 1
    by_test_id(driver, "delete-prompt").click()
    confirm_dialog(driver)
    by_test_id(driver, "confirm-accept").click()
    wait_until(lambda: all_by_test_id(driver, "prompt-card") == [], what="prompt deleted")


def test_the_model_picker_keeps_the_chosen_model_through_a_search_and_says_loading(app):
    driver, emulator = app
    wait_ready(driver)
    picker = Select(by_test_id(driver, "model-picker"))
    chosen = picker.first_selected_option.get_attribute("value")
    by_test_id(driver, "model-search").send_keys("zzz-no-such-model")
    wait_until(lambda: "No other model matches" in by_test_id(driver, "model-picker").text, what="no match")
    picker = Select(by_test_id(driver, "model-picker"))
    assert picker.first_selected_option.get_attribute("value") == chosen
    assert chosen in by_test_id(driver, "model-facts").text
    set_field(driver, "model-search", "")

    emulator.add_fault(operation="ListFoundationModels", firstByteMs=2500, times=1)
    by_test_id(driver, "refresh-models").click()
    wait_until(lambda: "Loading" in by_test_id(driver, "model-picker").text, what="the picker says Loading")
    assert by_test_id(driver, "refresh-models").get_attribute("disabled") is not None
    wait_until(lambda: by_test_id(driver, "refresh-models").get_attribute("disabled") is None, timeout=30, what="listed")
    assert Select(by_test_id(driver, "model-picker")).first_selected_option.get_attribute("value") == chosen


def test_no_unhandled_promise_rejection_across_every_view(app):
    driver, emulator = app
    wait_ready(driver)
    assert unhandled_rejections(driver) == []
    emulator.add_fault(operation="ConverseStream", fault="throttling")
    send_with_keyboard(driver, "Fail once, please.")
    wait_reply_status(driver, "failed")
    emulator.clear_faults()
    for view in VIEWS:
        open_view(driver, view)
        wait_until(lambda: driver.execute_script("return document.readyState") == "complete", what=view)
    open_view(driver, "inspector")
    by_test_id(driver, "run-both").click()
    wait_until(lambda: by_test_id(driver, "run-both").get_attribute("disabled") is None, timeout=30, what="run both done")
    open_view(driver, "chat")
    assert unhandled_rejections(driver) == []
