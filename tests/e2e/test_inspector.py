"""The Format inspector for a Llama model: both bodies, the mapping, both answers, the wire."""

from conftest import SCREENSHOTS
from ui import all_by_test_id, by_test_id, model_ids, pick_model, set_field, wait_ready, wait_until


def test_llama_shows_both_bodies_runs_both_and_the_wire(app):
    driver, emulator = app
    wait_ready(driver)
    llama = next(m for m in model_ids(driver) if "llama3-1-70b" in m or "llama3-70b" in m)
    pick_model(driver, llama)
    set_field(driver, "system-prompt", "You are terse.")
    by_test_id(driver, "composer").send_keys("Name three rivers.")
    by_test_id(driver, "tab-inspector").click()
    wait_until(lambda: "max_gen_len" in by_test_id(driver, "native-pane").get_attribute("value"), what="native body")
    native = by_test_id(driver, "native-pane").get_attribute("value")
    assert "<|begin_of_text|>" in native and "You are terse." in native
    converse = by_test_id(driver, "converse-pane").text
    assert '"inferenceConfig"' in converse and '"system"' in converse
    assert "max_gen_len" in by_test_id(driver, "mapping").text

    by_test_id(driver, "run-both").click()
    wait_until(lambda: all_by_test_id(driver, "native-result") and all_by_test_id(driver, "converse-result"), timeout=30, what="both answers")
    assert "Emulated" in by_test_id(driver, "converse-result").text
    assert "Emulated" in by_test_id(driver, "native-result").text
    assert "chunks" in by_test_id(driver, "native-result").text
    wait_until(lambda: "contentBlockDelta" in by_test_id(driver, "converse-frames").text, what="converse events")
    assert '"generation"' in by_test_id(driver, "native-frames").text
    driver.save_screenshot(str(SCREENSHOTS / "inspector-llama.png"))
    operations = [r["operation"] for r in emulator.requests()]
    assert "InvokeModelWithResponseStream" in operations and "ConverseStream" in operations

    code = by_test_id(driver, "snippet-code").text
    assert "client.converse(" in code and emulator.url in code
    by_test_id(driver, "snippet-native").click()
    by_test_id(driver, "snippet-awsCli").click()
    wait_until(lambda: "aws bedrock-runtime invoke-model" in by_test_id(driver, "snippet-code").text, what="CLI snippet")
    assert "max_gen_len" in by_test_id(driver, "snippet-code").text

    driver.execute_script("document.querySelectorAll('details.snippets').forEach(d => d.open = true)")
    titan, cohere = all_by_test_id(driver, "embedding-model")[1:3]
    titan.click()
    wait_until(lambda: '"inputText"' in by_test_id(driver, "embedding-body").text, what="Titan v2 body")
    assert "Name three rivers." in by_test_id(driver, "embedding-body").text
    cohere.click()
    wait_until(lambda: '"texts"' in by_test_id(driver, "embedding-body").text, what="Cohere body")

    by_test_id(driver, "tab-wire").click()
    wait_until(lambda: any(i.text.startswith("InvokeModelWithResponseStream") for i in all_by_test_id(driver, "wire-item")), what="native call on the wire")
    next(i for i in all_by_test_id(driver, "wire-item") if i.text.startswith("InvokeModelWithResponseStream")).click()
    wait_until(lambda: "generation" in by_test_id(driver, "wire-frames").text, what="decoded chunks")

    by_test_id(driver, "tab-inspector").click()
    set_field(driver, "native-pane", '{"inputText": "wrong family"}')
    by_test_id(driver, "run-both").click()
    wait_until(lambda: by_test_id(driver, "native-result").find_elements("css selector", "[data-testid='error-card']"), what="validation error")
    assert by_test_id(driver, "native-result").find_element("css selector", "[data-testid='error-card']").get_attribute("data-code") == "InvalidRequest"
