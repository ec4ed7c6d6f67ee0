"""Conversations Bedrock accepts: Claude's thinking goes back with its signature over several
tool-use turns, and a conversation reopened from History continues with its image and tools."""

import base64
import json
import sqlite3

from selenium.webdriver.remote.file_detector import UselessFileDetector

from conftest import SCREENSHOTS
from ui import (
    all_by_test_id,
    by_test_id,
    pick_model,
    reply_text,
    send_with_keyboard,
    set_field,
    wait_ready,
    wait_reply_status,
    wait_until,
)

THINKING_MODEL = "us.anthropic.claude-3-7-sonnet-20250219-v1:0"
TOOLS = (
    '[{"name": "get_weather", "description": "Current weather for a city", "inputSchema": '
    '{"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]'
)
PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def set_up_thinking_with_tools(driver):
    pick_model(driver, THINKING_MODEL)
    set_field(driver, "param-maxTokens", "2048")
    set_field(driver, "param-reasoningBudget", "1024")
    driver.execute_script("document.querySelector('details.tools').open = true")
    set_field(driver, "tools-json", TOOLS)


def replies(driver) -> int:
    return len(all_by_test_id(driver, "reply"))


def wait_done(driver, count: int):
    wait_until(lambda: replies(driver) == count, what=f"reply {count}")
    status = wait_reply_status(driver, "done", "failed")
    assert status == "done", by_test_id(driver, "transcript").text
    assert all_by_test_id(driver, "error-card") == []


def answer_tool_call(driver, result: str, failed: bool = False):
    box = wait_until(lambda: by_test_id(driver, "tool-result"), what="tool result box")
    box.send_keys(result)
    if failed:
        by_test_id(driver, "tool-result-error").click()
    count = replies(driver)
    by_test_id(driver, "send-tool-results").click()
    wait_done(driver, count + 1)


def last_sent_body(driver) -> dict:
    """The newest request body on the Wire screen (it lists the newest first, selected)."""
    by_test_id(driver, "tab-wire").click()
    wait_until(lambda: "ConverseStream" in by_test_id(driver, "wire-item").text, what="the ConverseStream exchange")
    body = json.loads(by_test_id(driver, "wire-request-body").text)
    by_test_id(driver, "tab-chat").click()
    return body


def stored_signatures(driver) -> list[str]:
    """The signatures the history kept for each answer, in order."""
    with sqlite3.connect(driver.data_dir / "history.sqlite3") as db:
        rows = db.execute("SELECT reasoning_json FROM runs ORDER BY seq").fetchall()
    return [block["signature"] for (blocks,) in rows for block in json.loads(blocks)]


def block_kinds(message: dict) -> list[str]:
    return [next(iter(block)) for block in message["content"]]


def test_thinking_with_tool_use_over_three_turns_sends_each_signature_back(app):
    driver, emulator = app
    wait_ready(driver)
    set_up_thinking_with_tools(driver)

    send_with_keyboard(driver, "Use get_weather for Paris")
    wait_done(driver, 1)
    answer_tool_call(driver, '{"temperature": 18, "sky": "clear"}')
    send_with_keyboard(driver, "Now use get_weather for Rome")
    wait_done(driver, 3)
    assert by_test_id(driver, "tool-answers").is_displayed()
    answer_tool_call(driver, '{"temperature": 24, "sky": "sunny"}')
    assert "24" in reply_text(driver), reply_text(driver)
    assert all(r.get_attribute("data-kept") == "true" for r in all_by_test_id(driver, "reasoning"))
    driver.save_screenshot(str(SCREENSHOTS / "thinking-tools-three-turns.png"))

    body = last_sent_body(driver)
    messages = body["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant"] * 3 + ["user"]
    assert block_kinds(messages[1]) == ["reasoningContent", "text", "toolUse"]
    assert block_kinds(messages[2]) == ["toolResult"]
    assert block_kinds(messages[6]) == ["toolResult"]
    sent = [m["content"][0]["reasoningContent"]["reasoningText"]["signature"] for m in messages if m["role"] == "assistant"]
    assert sent == stored_signatures(driver)[:3]
    assert all(sent) and len(set(sent)) == 3
    assert body["additionalModelRequestFields"]["thinking"]["budget_tokens"] == 1024
    assert len(emulator.requests("ConverseStream")) == 4


def test_a_conversation_with_tool_calls_and_an_image_reopens_from_history_and_continues(runner, tmp_path):
    driver = runner.start()
    driver.file_detector = UselessFileDetector()
    wait_ready(driver)
    set_up_thinking_with_tools(driver)
    picture = tmp_path / "skyline.png"
    picture.write_bytes(base64.b64decode(PNG_BASE64))
    by_test_id(driver, "attach-input").send_keys(str(picture))
    wait_until(lambda: "png" in by_test_id(driver, "attachment").text, what="the attachment chip")
    send_with_keyboard(driver, "Use get_weather for the city in this picture")
    wait_done(driver, 1)
    answer_tool_call(driver, "The weather service is down", failed=True)
    runner.stop()

    driver = runner.start()
    wait_ready(driver)
    by_test_id(driver, "tab-history").click()
    wait_until(lambda: all_by_test_id(driver, "history-item"), what="the stored conversation")
    by_test_id(driver, "history-open").click()
    wait_until(lambda: replies(driver) == 2, what="both replies reopened")
    assert "get_weather" in by_test_id(driver, "tool-call").text
    sent_result = by_test_id(driver, "tool-result-sent")
    assert sent_result.get_attribute("data-error") == "true" and "service is down" in sent_result.text
    assert "skyline.png" in by_test_id(driver, "sent-attachments").text
    assert by_test_id(driver, "reasoning").get_attribute("data-kept") == "true"
    assert by_test_id(driver, "param-reasoningBudget").get_attribute("value") == "1024"

    send_with_keyboard(driver, "Thanks. What else is in the picture?")
    wait_done(driver, 3)
    driver.save_screenshot(str(SCREENSHOTS / "reopened-tools-image-continued.png"))
    messages = last_sent_body(driver)["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user", "assistant", "user"]
    assert messages[0]["content"][0]["image"] == {"format": "png", "source": {"bytes": PNG_BASE64}}
    assert block_kinds(messages[1]) == ["reasoningContent", "text", "toolUse"]
    result = messages[2]["content"][0]["toolResult"]
    assert result["toolUseId"] == messages[1]["content"][2]["toolUse"]["toolUseId"]
    assert result["status"] == "error"
    assert block_kinds(messages[4]) == ["text"]
