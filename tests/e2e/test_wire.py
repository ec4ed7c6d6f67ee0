"""The Wire screen: the real signed exchange of a chat, secrets redacted, frames decoded."""

from conftest import SCREENSHOTS
from ui import all_by_test_id, by_test_id, send_with_keyboard, wait_ready, wait_reply_status, wait_until

EMULATOR_SECRET = "emulated-secret-key-not-a-secret"


def test_a_streamed_chat_shows_its_signed_request_and_decoded_frames(app):
    driver, _ = app
    wait_ready(driver)
    send_with_keyboard(driver, "Show me the wire.")
    wait_reply_status(driver, "done")
    by_test_id(driver, "tab-wire").click()
    wait_until(lambda: "ConverseStream" in by_test_id(driver, "wire-item").text, what="ConverseStream exchange first")
    detail = by_test_id(driver, "wire-detail")
    assert "/converse-stream" in detail.text
    assert "Signature=****" in detail.text
    assert "Show me the wire." in by_test_id(driver, "wire-request-body").text
    frames = by_test_id(driver, "wire-frames").text
    assert "messageStart" in frames and "contentBlockDelta" in frames and "metadata" in frames
    assert EMULATOR_SECRET not in driver.page_source
    items = [item.text for item in all_by_test_id(driver, "wire-item")]
    assert any(text.startswith("ListFoundationModels") for text in items), items
    driver.save_screenshot(str(SCREENSHOTS / "wire-exchange.png"))
