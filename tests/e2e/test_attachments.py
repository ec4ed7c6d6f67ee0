"""Attachments go as Converse image/document blocks, their format read from the bytes."""

import base64
import os

from selenium.webdriver.remote.file_detector import UselessFileDetector

from ui import all_by_test_id, by_test_id, reply_text, send_with_keyboard, set_field, wait_ready, wait_reply_status, wait_until

# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def test_an_image_named_wrongly_is_sent_as_png_and_a_bad_file_is_refused(app, tmp_path):
    driver, emulator = app
    # The app runs on this machine: hand WebKitWebDriver the path, no Selenium upload.
    driver.file_detector = UselessFileDetector()
    wait_ready(driver)
    picture = tmp_path / "chart.dat"
    picture.write_bytes(PNG)
    garbage = tmp_path / "blob.bin"
    garbage.write_bytes(os.urandom(64) + b"\x00\x01\x02")

    by_test_id(driver, "attach-input").send_keys(str(picture))
    # The chip shows at once as "reading…", then again once the backend has read the bytes.
    wait_until(lambda: "png" in all_by_test_id(driver, "attachment")[0].text, what="format from the bytes")

    by_test_id(driver, "attach-input").send_keys(str(garbage))
    wait_until(lambda: len(all_by_test_id(driver, "attachment")) == 2, what="second chip")
    send_with_keyboard(driver, "What is in the image?")
    wait_until(lambda: "blob.bin" in by_test_id(driver, "notice").text, what="refused file named")
    assert emulator.requests("ConverseStream") == []
    all_by_test_id(driver, "attachment")[1].find_element("css selector", ".chip-remove").click()

    by_test_id(driver, "send").click()
    wait_reply_status(driver, "done")
    assert "image (png" in reply_text(driver)
    assert all_by_test_id(driver, "attachment") == []


def test_additional_fields_reach_the_model_and_bad_json_is_caught(app):
    driver, emulator = app
    wait_ready(driver)
    set_field(driver, "additional-fields", '{"top_k": ')
    send_with_keyboard(driver, "hi")
    wait_until(lambda: "Not valid JSON" in driver.page_source, what="JSON error")
    assert emulator.requests("ConverseStream") == []
    set_field(driver, "additional-fields", '{"unknown_knob": 1}')
    by_test_id(driver, "send").click()
    # The emulated Claude refuses keys it does not know, as Bedrock does: naming the key proves it arrived.
    assert wait_reply_status(driver, "failed", "done") == "failed"
    assert "unknown_knob" in by_test_id(driver, "error-message").text
    set_field(driver, "additional-fields", "")
    set_field(driver, "param-topK", "40")
    by_test_id(driver, "send").click()
    wait_until(lambda: len(all_by_test_id(driver, "reply")) == 2, what="second reply")
    wait_reply_status(driver, "done")
