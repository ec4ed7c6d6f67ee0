"""Compare mode: three emulated models answer the same message at the same time."""

import json

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.select import Select

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


THINKING_MODEL = "us.anthropic.claude-3-7-sonnet-20250219-v1:0"
TOP_K_MODEL = "amazon.nova-pro-v1:0"
PLAIN_MODEL = "meta.llama3-1-70b-instruct-v1:0"


def in_pane(pane, test_id: str):
    return pane.find_element(By.CSS_SELECTOR, f"[data-testid='{test_id}']")


def type_into(element, text: str):
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.BACK_SPACE)
    element.send_keys(text)


def sent_body(driver, model_id: str) -> dict:
    """The request body the app sent for `model_id`'s ConverseStream, as the Wire screen shows it."""
    item = wait_until(
        lambda: next(
            i
            for i in all_by_test_id(driver, "wire-item")
            # textContent: the row shows the model ID cut short.
            if "ConverseStream" in i.get_attribute("textContent") and model_id in i.get_attribute("textContent")
        ),
        what=f"the exchange of {model_id}",
    )
    item.click()
    wait_until(lambda: model_id in by_test_id(driver, "wire-detail").text, what=f"the detail of {model_id}")
    return json.loads(by_test_id(driver, "wire-request-body").text)


def test_each_pane_sends_its_own_top_k_stop_sequences_and_reasoning_budget(app):
    driver, emulator = app
    wait_ready(driver)
    by_test_id(driver, "tab-compare").click()
    wait_until(lambda: len(all_by_test_id(driver, "compare-pane")) == 3, what="three panes")
    for pane, model in zip(all_by_test_id(driver, "compare-pane"), [THINKING_MODEL, TOP_K_MODEL, PLAIN_MODEL]):
        Select(in_pane(pane, "pane-model")).select_by_value(model)
    wait_until(lambda: [p.get_attribute("data-model") for p in all_by_test_id(driver, "compare-pane")] == [THINKING_MODEL, TOP_K_MODEL, PLAIN_MODEL], what="the three models picked")
    thinking, top_k, plain = all_by_test_id(driver, "compare-pane")

    type_into(in_pane(thinking, "pane-max-tokens"), "4096")
    type_into(in_pane(thinking, "pane-reasoning-budget"), "2048")
    wait_until(lambda: not in_pane(thinking, "pane-temperature").is_enabled(), what="temperature off while thinking")
    assert not in_pane(thinking, "pane-top-k").is_enabled()
    assert "temperature 1" in in_pane(thinking, "pane-temperature-note").text

    type_into(in_pane(top_k, "pane-top-k"), "42")
    in_pane(top_k, "pane-more-params").click()
    stop = in_pane(top_k, "pane-stop-input")
    stop.send_keys("BANANA")
    stop.send_keys(Keys.ENTER)
    wait_until(lambda: "BANANA" in in_pane(top_k, "pane-stop-sequences").text, what="the stop sequence chip")
    assert not in_pane(top_k, "pane-reasoning-budget").is_enabled()

    assert not in_pane(plain, "pane-top-k").is_enabled()
    assert "no top K" in in_pane(plain, "pane-top-k-note").text
    in_pane(plain, "pane-more-params").click()
    assert not in_pane(plain, "pane-stop-input").is_enabled()
    driver.save_screenshot(str(SCREENSHOTS / "compare-pane-parameters.png"))

    composer = by_test_id(driver, "compare-composer")
    composer.send_keys("Compare how you think.")
    composer.send_keys(Keys.CONTROL, Keys.ENTER)
    wait_until(lambda: pane_statuses(driver) == ["done"] * 3, timeout=40, what="all three done")
    assert sorted(c["modelId"] for c in emulator.requests("ConverseStream")) == sorted([THINKING_MODEL, TOP_K_MODEL, PLAIN_MODEL])

    by_test_id(driver, "tab-wire").click()
    budgeted = sent_body(driver, THINKING_MODEL)
    assert budgeted["additionalModelRequestFields"] == {"thinking": {"type": "enabled", "budget_tokens": 2048}}, budgeted
    assert "temperature" not in budgeted["inferenceConfig"] and "topP" not in budgeted["inferenceConfig"], budgeted
    # The emulator thought because the budget reached it: reasoning came back in the stream.
    assert "reasoningContent" in by_test_id(driver, "wire-frames").text
    sampled = sent_body(driver, TOP_K_MODEL)
    assert sampled["additionalModelRequestFields"] == {"inferenceConfig": {"topK": 42}}, sampled
    assert sampled["inferenceConfig"]["stopSequences"] == ["BANANA"], sampled
    unsupported = sent_body(driver, PLAIN_MODEL)
    assert "additionalModelRequestFields" not in unsupported, unsupported
    assert "stopSequences" not in unsupported.get("inferenceConfig", {}), unsupported
