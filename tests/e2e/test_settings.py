"""Settings: bad values are refused with a reason; saved retries apply to later calls."""

from selenium.webdriver.support.select import Select

from ui import by_test_id, send_with_keyboard, set_field, wait_ready, wait_reply_status, wait_until


def test_max_attempts_setting_changes_how_often_a_throttled_call_is_tried(app):
    driver, emulator = app
    wait_ready(driver)
    by_test_id(driver, "tab-settings").click()
    set_field(driver, "setting-max-attempts", "0")
    by_test_id(driver, "save-settings").click()
    error = wait_until(lambda: by_test_id(driver, "settings-error"), what="settings error")
    assert "Max attempts" in error.text

    set_field(driver, "setting-max-attempts", "1")
    Select(by_test_id(driver, "setting-theme")).select_by_value("light")
    by_test_id(driver, "save-settings").click()
    wait_until(lambda: by_test_id(driver, "settings-saved"), what="saved")
    assert driver.execute_script("return document.documentElement.dataset.theme") == "light"

    emulator.add_fault(operation="ConverseStream", fault="throttling")
    by_test_id(driver, "tab-chat").click()
    send_with_keyboard(driver, "Once only")
    wait_reply_status(driver, "failed")
    assert len(emulator.requests("ConverseStream")) == 1, "a single attempt was configured"
