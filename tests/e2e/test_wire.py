"""The Wire screen: the real signed exchange of a chat, secrets redacted, frames decoded."""

from selenium.webdriver.common.by import By

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


# Each refresh of the catalogue is two real exchanges (ListFoundationModels, ListInferenceProfiles).
REFRESH_CATALOGUE = """
const done = arguments[arguments.length - 1];
(async () => {
  for (let i = 0; i < arguments[0]; i++) await window.__TAURI_INTERNALS__.invoke('list_models', { refresh: true });
})().then(() => done(true), (error) => done(String(error)));
"""
KEPT = 200


def rows(driver):
    return driver.find_elements(By.CSS_SELECTOR, "[data-testid='wire-list'] li")


def test_a_full_wire_log_keeps_only_the_rows_in_view_and_loads_a_body_when_selected(app):
    driver, _ = app
    wait_ready(driver)
    driver.set_script_timeout(180)
    assert driver.execute_async_script(REFRESH_CATALOGUE, KEPT // 2 + 5) is True
    send_with_keyboard(driver, "The newest exchange on a long wire.")
    wait_reply_status(driver, "done")
    by_test_id(driver, "tab-wire").click()
    wait_until(lambda: "ConverseStream" in by_test_id(driver, "wire-item").text, what="the chat's exchange first")
    assert "The newest exchange on a long wire." in by_test_id(driver, "wire-request-body").text
    in_dom = rows(driver)
    assert in_dom[0].get_attribute("aria-setsize") == str(KEPT)
    assert len(in_dom) < 40, f"{len(in_dom)} of {KEPT} rows in the DOM"

    driver.execute_script("const list = arguments[0]; list.scrollTop = list.scrollHeight;", by_test_id(driver, "wire-list"))
    oldest = wait_until(
        lambda: next((row for row in rows(driver) if row.get_attribute("aria-posinset") == str(KEPT)), None),
        what="the oldest kept exchange scrolled into view",
    )
    assert len(rows(driver)) < 40
    assert all(int(row.get_attribute("aria-posinset")) > KEPT - 40 for row in rows(driver))
    driver.save_screenshot(str(SCREENSHOTS / "wire-long-log-scrolled.png"))
    oldest.find_element(By.CSS_SELECTOR, "[data-testid='wire-item']").click()
    wait_until(lambda: "/converse-stream" not in by_test_id(driver, "wire-detail").text, what="the oldest exchange's detail")
    body = wait_until(lambda: by_test_id(driver, "wire-response-body").text, what="its response body")
    assert "Summaries" in body, body[:200]
