"""Tool use by hand: define a tool, see the model call it, answer with a result."""

from conftest import SCREENSHOTS
from ui import all_by_test_id, by_test_id, send_with_keyboard, set_field, wait_ready, wait_reply_status, wait_until

TOOLS = (
    '[{"name": "get_weather", "description": "Current weather for a city", "inputSchema": '
    '{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]'
)


def test_the_model_calls_a_tool_and_the_user_answers_it(app):
    driver, emulator = app
    wait_ready(driver)
    driver.execute_script("document.querySelector('details.tools').open = true")
    set_field(driver, "tools-json", TOOLS)
    send_with_keyboard(driver, "Use get_weather for Paris")
    wait_reply_status(driver, "done")
    assert "get_weather" in by_test_id(driver, "tool-call").text
    result = wait_until(lambda: by_test_id(driver, "tool-result"), what="tool result box")
    result.send_keys('{"temperature": 18, "sky": "clear"}')
    driver.save_screenshot(str(SCREENSHOTS / "tool-call.png"))
    by_test_id(driver, "send-tool-results").click()
    wait_until(lambda: len(all_by_test_id(driver, "reply")) == 2, what="answer after the tool result")
    wait_reply_status(driver, "done")
    assert all_by_test_id(driver, "tool-answers") == []
    # The emulated model quotes each tool result it was given, by id: the answer reached it.
    answer = all_by_test_id(driver, "reply")[1].text
    assert "The tool call tooluse_" in answer and '"temperature": 18' in answer, answer
    assert len(emulator.requests("ConverseStream")) == 2
