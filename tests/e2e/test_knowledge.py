"""The knowledge-bases lab end to end on the emulator's bundled demo: pick the handbook, retrieve
(scores shown), generate a streamed answer with footnotes, a follow-up in the same session, a
filter that excludes a document, and two settings compared in the retrieval trace."""

import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.select import Select

from conftest import SCREENSHOTS
from ui import all_by_test_id, by_test_id, set_field, wait_ready, wait_until

HANDBOOK = "bedrock-playground-handbook"
EXCLUDED = "inference-profiles.md"


def shot(driver, name: str):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


def open_lab(driver):
    wait_ready(driver)
    by_test_id(driver, "tab-knowledge").click()
    wait_until(lambda: by_test_id(driver, "knowledge-page").is_displayed(), what="knowledge page")
    wait_until(lambda: len(all_by_test_id(driver, "kb-base")) >= 2, what="the demo knowledge bases")


def pick_handbook(driver):
    bases = all_by_test_id(driver, "kb-base")
    handbook = next(b for b in bases if "handbook" in b.text.lower())
    handbook.click()
    wait_until(lambda: "handbook" in by_test_id(driver, "kb-selected-name").text.lower(), what="handbook picked")
    wait_until(lambda: by_test_id(driver, "kb-status").text == "ACTIVE", what="status shown")
    wait_until(lambda: all_by_test_id(driver, "kb-chunking"), what="data source chunking")
    by_test_id(driver, "kb-documents-show").click()
    wait_until(lambda: "inference-profiles.md" in by_test_id(driver, "kb-documents").get_attribute("textContent"), timeout=40, what="documents")


def retrieved_uris(driver) -> list[str]:
    return [c.get_attribute("data-uri") for c in all_by_test_id(driver, "kb-chunk")]


def retrieve(driver, query: str):
    set_field(driver, "kb-query", query)
    before = by_test_id(driver, "kb-result-count").text if all_by_test_id(driver, "kb-result-count") else None
    by_test_id(driver, "kb-retrieve").click()
    wait_until(
        lambda: all_by_test_id(driver, "kb-result-count")
        and (before is None or by_test_id(driver, "kb-retrieve").is_enabled()),
        what="results",
    )
    wait_until(lambda: by_test_id(driver, "kb-retrieve").is_enabled(), what="retrieve finished")


def answers(driver):
    return all_by_test_id(driver, "kb-answer")


def ask(driver, question: str, count: int):
    set_field(driver, "kb-query", question)
    by_test_id(driver, "kb-generate").click()
    wait_until(lambda: len(answers(driver)) == count, what=f"answer {count}")
    wait_until(lambda: answers(driver)[-1].get_attribute("data-status") == "done", timeout=60, what="answer done")


def test_knowledge_lab(app):
    driver, emulator = app
    open_lab(driver)
    pick_handbook(driver)

    # Retrieve only: ranked chunks with their scores.
    retrieve(driver, "How do inference profiles route requests across regions?")
    wait_until(lambda: len(all_by_test_id(driver, "kb-chunk")) == 5, what="five chunks (the default)")
    scores = [float(s.text) for s in all_by_test_id(driver, "kb-score")]
    assert len(scores) == 5 and scores == sorted(scores, reverse=True), scores
    uris = retrieved_uris(driver)
    assert any(EXCLUDED in u for u in uris), uris
    assert any("category" in m.text for m in all_by_test_id(driver, "kb-metadata"))
    shot(driver, "kb-retrieve")

    # A filter excluding the inference-profiles document, built with the builder.
    set_field(driver, "kb-filter-key", "x-amz-bedrock-kb-source-uri")
    Select(by_test_id(driver, "kb-filter-operator")).select_by_value("notEquals")
    source = next(u for u in uris if EXCLUDED in u)
    set_field(driver, "kb-filter-value", source)
    wait_until(lambda: "notEquals" in by_test_id(driver, "kb-filter-preview").text, what="filter JSON")
    by_test_id(driver, "kb-retrieve").click()
    wait_until(lambda: retrieved_uris(driver) and not any(EXCLUDED in u for u in retrieved_uris(driver)), what="document gone")
    assert len(all_by_test_id(driver, "kb-chunk")) == 5
    shot(driver, "kb-filtered")

    # An invalid filter in the JSON view is caught before sending.
    by_test_id(driver, "kb-filter-mode-json").click()
    set_field(driver, "kb-filter-json", '{"greaterThan": {"key": "year", "value": "2024"}}')
    requests_before = len(emulator.requests("Retrieve"))
    by_test_id(driver, "kb-retrieve").click()
    wait_until(lambda: "greaterThan.value" in by_test_id(driver, "kb-filter-problem").text, what="filter problem")
    assert "greaterThan.value" in by_test_id(driver, "error-message").text
    assert len(emulator.requests("Retrieve")) == requests_before
    by_test_id(driver, "kb-dismiss-error").click()
    by_test_id(driver, "kb-filter-clear").click()

    # Retrieve and generate: the answer streams in with footnotes.
    by_test_id(driver, "kb-mode-generate").click()
    wait_until(lambda: len(Select(by_test_id(driver, "kb-model")).options) > 3, what="generation models")
    assert "new" in by_test_id(driver, "kb-session-id").text
    ask(driver, "How do I handle throttling?", 1)
    answer = answers(driver)[0]
    assert answer.get_attribute("aria-live") == "polite"
    footnotes = all_by_test_id(driver, "kb-footnote")
    assert footnotes, "the answer has footnotes"
    assert driver.find_elements(By.CSS_SELECTOR, "mark.kb-cited")
    session_id = by_test_id(driver, "kb-session-id").text
    assert len(session_id) > 10 and "new" not in session_id, session_id
    ActionChains(driver).move_to_element(footnotes[0]).perform()
    wait_until(lambda: by_test_id(driver, "kb-footnote-popover").is_displayed(), what="footnote popover")
    shot(driver, "kb-answer-footnote")
    footnotes[0].click()
    wait_until(lambda: by_test_id(driver, "kb-source-details").is_displayed(), what="source details")
    by_test_id(driver, "kb-details-close").click()

    # A follow-up in the same session.
    ask(driver, "And what about quotas?", 2)
    assert by_test_id(driver, "kb-session-id").text == session_id
    assert len(emulator.requests("RetrieveAndGenerateStream")) == 2
    assert "follow-up" in answers(driver)[1].text.lower()
    assert len(all_by_test_id(driver, "kb-turn")) == 2
    shot(driver, "kb-session")

    # Copy as code: the follow-up request as boto3 and the CLI, with the session and no key.
    driver.find_element(By.CSS_SELECTOR, "[data-testid='kb-snippets'] summary").click()
    code = wait_until(lambda: "retrieve_and_generate" in by_test_id(driver, "kb-snippet-code").text and by_test_id(driver, "kb-snippet-code").text, what="boto3 snippet")
    assert "bedrock-agent-runtime" in code and session_id in code, code
    assert "secret" not in code.lower() and "aws_access_key_id" not in code
    by_test_id(driver, "kb-snippet-awsCli").click()
    wait_until(lambda: "aws bedrock-agent-runtime retrieve-and-generate" in by_test_id(driver, "kb-snippet-code").text, what="CLI snippet")
    shot(driver, "kb-snippet")
    driver.find_element(By.CSS_SELECTOR, "[data-testid='kb-snippets'] summary").click()

    # New session starts over.
    by_test_id(driver, "kb-new-session").click()
    assert "new" in by_test_id(driver, "kb-session-id").text
    assert not all_by_test_id(driver, "kb-turn")

    # The retrieval trace: the whole ranking with the cut, then semantic against hybrid.
    by_test_id(driver, "kb-mode-trace").click()
    set_field(driver, "kb-query", "pricing of tokens and throttling quotas")
    set_field(driver, "kb-trace-k", "3")
    by_test_id(driver, "kb-trace-ranking").click()
    wait_until(lambda: len(all_by_test_id(driver, "kb-rank-row")) > 3, what="whole ranking")
    rows = all_by_test_id(driver, "kb-rank-row")
    assert [r.get_attribute("data-kept") for r in rows[:4]] == ["true", "true", "true", "false"]
    assert by_test_id(driver, "kb-cut").is_displayed()
    set_field(driver, "kb-trace-k", "6")
    by_test_id(driver, "kb-compare").click()
    wait_until(lambda: all_by_test_id(driver, "kb-comparison"), timeout=30, what="comparison")
    cells = [c.text for c in all_by_test_id(driver, "kb-overlap-cell")]
    assert len(cells) == 4 and cells[0] == "100%" and cells[3] == "100%", cells
    assert all_by_test_id(driver, "kb-rank-compare-row")
    headers = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "[data-testid='kb-overlap'] thead th")]
    assert "semantic" in headers[1] and "hybrid" in headers[2], headers
    shot(driver, "kb-trace")

    # The dark theme (the stylesheet's default) reads as well.
    by_test_id(driver, "kb-mode-generate").click()
    driver.execute_script("document.documentElement.removeAttribute('data-theme')")
    ask(driver, "How are tokens priced?", 1)
    shot(driver, "kb-dark")

    # Every generated answer is in the history, one conversation per session, marked as such.
    by_test_id(driver, "tab-history").click()
    wait_until(lambda: by_test_id(driver, "history-page").is_displayed(), what="history page")

    def kb_item(question: str):
        return next((i for i in all_by_test_id(driver, "history-item") if question in i.text), None)

    item = wait_until(lambda: kb_item("How do I handle throttling?"), what="the first session in the history")
    assert "2 turns" in item.text, item.text
    assert "Knowledge base" in item.find_element(By.CSS_SELECTOR, "[data-testid='history-kb']").text
    assert item.get_attribute("data-status") == "done"
    priced = wait_until(lambda: kb_item("How are tokens priced?"), what="the new session in the history")
    assert "1 turn" in priced.text, priced.text
    shot(driver, "kb-history")


def test_prompt_template_lint_and_denied_listing(app):
    driver, emulator = app
    wait_ready(driver)
    emulator.add_fault(operation="ListKnowledgeBases", fault="access-denied")
    by_test_id(driver, "tab-knowledge").click()
    wait_until(lambda: by_test_id(driver, "error-card").is_displayed(), what="listing denied")
    assert by_test_id(driver, "error-card").get_attribute("data-code") == "AccessDenied"
    emulator.clear_faults()
    # With listing allowed again, open the first knowledge base by its typed ID.
    by_test_id(driver, "kb-refresh").click()
    wait_until(lambda: len(all_by_test_id(driver, "kb-base")) >= 2, what="listed after the fault")
    kb_id = all_by_test_id(driver, "kb-base")[0].get_attribute("data-id")
    set_field(driver, "kb-typed-id", kb_id)
    by_test_id(driver, "kb-open-typed").click()
    wait_until(lambda: kb_id in by_test_id(driver, "kb-details").text, what="described by id")

    by_test_id(driver, "kb-mode-generate").click()
    driver.execute_script("document.querySelector(\"[data-testid='kb-template-section']\").open = true")
    by_test_id(driver, "kb-custom-template").click()
    wait_until(lambda: "$search_results$" in by_test_id(driver, "kb-template").get_attribute("value"), what="template")
    set_field(driver, "kb-template", "Answer $query$ please.")
    wait_until(lambda: all_by_test_id(driver, "kb-lint-error"), what="lint error")
    assert not by_test_id(driver, "kb-generate").is_enabled()
    set_field(driver, "kb-template", "Results: $search_results$ Question: $query$")
    wait_until(lambda: not all_by_test_id(driver, "kb-lint-error"), what="error gone")
    wait_until(lambda: "citations" in by_test_id(driver, "kb-lint-warning").text, what="citation warning")
    assert by_test_id(driver, "kb-generate").is_enabled()
    by_test_id(driver, "kb-preview-prompt").click()
    wait_until(lambda: "Question: (your question)" in by_test_id(driver, "kb-prompt-preview").text, what="preview")
    shot(driver, "kb-template-lint")


def canvas_colours(driver, test_id: str) -> int:
    """How many distinct colours the map shows: a blank canvas has one or two."""
    import io

    from PIL import Image

    rect = by_test_id(driver, test_id).rect
    page = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    box = (int(rect["x"]), int(rect["y"]), int(rect["x"] + rect["width"]), int(rect["y"] + rect["height"]))
    return len(set(page.crop(box).resize((320, 240)).getdata()))


def key_count(driver, name: str) -> int:
    return int(by_test_id(driver, f"kb-map-key-{name}").get_attribute("data-count") or "0")


def test_knowledge_map(app):
    driver, emulator = app
    open_lab(driver)
    pick_handbook(driver)
    retrieve(driver, "How do inference profiles route requests across regions?")
    wait_until(lambda: len(all_by_test_id(driver, "kb-chunk")) == 5, what="five chunks")
    by_test_id(driver, "kb-mode-generate").click()
    wait_until(lambda: len(Select(by_test_id(driver, "kb-model")).options) > 3, what="generation models")
    ask(driver, "How do I handle throttling?", 1)
    assert all_by_test_id(driver, "kb-footnote"), "the answer has footnotes"

    # On the map: every chunk of the emulator's knowledge base, the query placed among them.
    by_test_id(driver, "kb-mode-map").click()
    canvas = wait_until(lambda: all_by_test_id(driver, "kb-map-canvas"), timeout=90, what="the map")[0]
    source = by_test_id(driver, "kb-map-source")
    assert source.get_attribute("data-source") == "all"
    total = int(source.get_attribute("data-count"))
    assert total > 10, total
    assert f"All {total} chunks of the knowledge base" in source.text
    assert "amazon.titan-embed-text-v2:0" in source.text
    assert key_count(driver, "query") == 1
    assert "How do I handle throttling?" in by_test_id(driver, "kb-map-key-query").text
    assert key_count(driver, "retrieved") == 5
    assert key_count(driver, "cited") >= 1
    assert len(all_by_test_id(driver, "kb-map-documents")[0].find_elements(By.TAG_NAME, "li")) >= 2
    wait_until(lambda: canvas_colours(driver, "kb-map-canvas") > 8, timeout=20, what="a drawn map")
    assert canvas.is_displayed()

    # Hovering a point shows its chunk's text.
    width, height = canvas.size["width"], canvas.size["height"]
    found = False
    for fy in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]:
        for fx in [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9]:
            ActionChains(driver).move_to_element_with_offset(canvas, int(width * fx) - width // 2, int(height * fy) - height // 2).perform()
            time.sleep(0.05)
            tips = all_by_test_id(driver, "kb-map-tooltip")
            if tips and tips[0].text.strip():
                found = True
                break
        if found:
            break
    assert found, "no chunk under the mouse anywhere on the map"
    shot(driver, "kb-map")

    # A new query typed on the map is embedded and placed; the map keeps its chunks.
    set_field(driver, "kb-query", "token pricing")
    by_test_id(driver, "kb-map-place").click()
    wait_until(lambda: "token pricing" in by_test_id(driver, "kb-map-key-query").text, timeout=60, what="the new query placed")
    assert int(by_test_id(driver, "kb-map-source").get_attribute("data-count")) == total
