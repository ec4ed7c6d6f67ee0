"""Compare mode: three emulated models answer the same message at the same time."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import SCREENSHOTS
from ui import all_by_test_id, by_test_id, wait_ready, wait_until


def pane_statuses(driver) -> list[str]:
    return [
        pane.find_elements(By.CSS_SELECTOR, "[data-testid='pane-reply']")[-1].get_attribute("data-status")
        if pane.find_elements(By.CSS_SELECTOR, "[data-testid='pane-reply']")
        else "none"
        for pane in all_by_test_id(driver, "compare-pane")
    ]


def test_three_models_stream_side_by_side(app):
    driver, emulator = app
    wait_ready(driver)
    emulator.add_fault(operation="ConverseStream", outputTokens=90, paceMs=30)
    by_test_id(driver, "tab-compare").click()
    wait_until(lambda: len(all_by_test_id(driver, "compare-pane")) == 3, what="three panes")
    models = [p.get_attribute("data-model") for p in all_by_test_id(driver, "compare-pane")]
    assert len(set(models)) == 3, models

    composer = by_test_id(driver, "compare-composer")
    composer.send_keys("Summarise the benefits of streaming.")
    composer.send_keys(Keys.CONTROL, Keys.ENTER)
    wait_until(lambda: pane_statuses(driver) == ["streaming"] * 3, what="all three streaming at once")
    driver.save_screenshot(str(SCREENSHOTS / "compare-streaming.png"))
    wait_until(lambda: pane_statuses(driver) == ["done"] * 3, timeout=30, what="all three done")

    calls = emulator.requests("ConverseStream")
    assert sorted(c["modelId"] for c in calls) == sorted(models)
    started = sorted(c["receivedAtMs"] for c in calls)
    assert started[-1] - started[0] < 1500, f"requests were not concurrent: {started}"
    metrics = [m.text for m in all_by_test_id(driver, "pane-metrics")]
    assert all("TTFT" in m and "tok/s" in m and "90 tok" in m for m in metrics), metrics
    assert any("$" in c.text for c in all_by_test_id(driver, "pane-cost")), "no pane shows a cost"

    composer.send_keys("And the drawbacks?")
    by_test_id(driver, "compare-send").click()
    wait_until(lambda: all(len(p.find_elements(By.CSS_SELECTOR, "[data-testid='pane-reply']")) == 2 for p in all_by_test_id(driver, "compare-pane")), what="follow-up in every pane")
    wait_until(lambda: pane_statuses(driver) == ["done"] * 3, timeout=30, what="follow-ups done")
    assert len(emulator.requests("ConverseStream")) == 6
