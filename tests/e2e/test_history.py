"""History: every answer is kept, across restarts and even when the app is killed mid-answer."""

from selenium.webdriver.common.keys import Keys

from conftest import SCREENSHOTS, Emulator
from ui import (
    all_by_test_id,
    by_test_id,
    reply_text,
    send_with_keyboard,
    wait_ready,
    wait_reply_status,
    wait_until,
)


def open_history(driver):
    by_test_id(driver, "tab-history").click()
    wait_until(lambda: by_test_id(driver, "history-page").is_displayed(), what="history page")


def test_a_past_conversation_reopens_after_a_restart(runner):
    driver = runner.start()
    wait_ready(driver)
    send_with_keyboard(driver, "Remember the word pelican.")
    wait_reply_status(driver, "done")
    first_answer = reply_text(driver)
    runner.stop()

    driver = runner.start()
    wait_ready(driver)
    open_history(driver)
    item = wait_until(lambda: all_by_test_id(driver, "history-item"), what="a stored conversation")[0]
    assert "pelican" in item.text
    by_test_id(driver, "history-search").send_keys("pelican")
    wait_until(lambda: len(all_by_test_id(driver, "history-item")) == 1, what="search hit")
    by_test_id(driver, "history-open").click()
    wait_until(lambda: reply_text(driver) == first_answer, what="the stored answer")
    send_with_keyboard(driver, "Which word?")
    wait_until(lambda: len(all_by_test_id(driver, "reply")) == 2, what="a follow-up")
    wait_reply_status(driver, "done")
    driver.save_screenshot(str(SCREENSHOTS / "history-reopened.png"))
    open_history(driver)
    wait_until(lambda: "2 turns" in by_test_id(driver, "history-item").text, what="the follow-up joined it")


def test_killing_the_app_mid_stream_keeps_the_partial_answer(runner):
    driver = runner.start()
    emulator = Emulator(runner.emulator_port)
    wait_ready(driver)
    emulator.add_fault(operation="ConverseStream", outputTokens=4000, paceMs=20)
    send_with_keyboard(driver, "Tell me a very long story.")
    wait_until(lambda: len(reply_text(driver)) > 200, what="a good part of the answer")
    runner.kill_app()

    driver = runner.start()
    wait_ready(driver)
    open_history(driver)
    item = wait_until(lambda: all_by_test_id(driver, "history-item"), what="the killed conversation")[0]
    assert item.get_attribute("data-status") == "interrupted"
    by_test_id(driver, "history-open").click()
    wait_until(lambda: by_test_id(driver, "interrupted-label"), what="interrupted label")
    kept = reply_text(driver)
    assert len(kept) > 100, kept
    assert kept.startswith("[Emulated")
    driver.save_screenshot(str(SCREENSHOTS / "killed-mid-stream-kept.png"))


def test_prompt_library_saves_versions_and_reuses_them(app):
    driver, _ = app
    wait_ready(driver)
    by_test_id(driver, "system-prompt").send_keys("You are terse.")
    by_test_id(driver, "composer").send_keys("Summarise {{topic}}")
    by_test_id(driver, "tab-library").click()
    by_test_id(driver, "prompt-name").send_keys("Summariser")
    by_test_id(driver, "save-prompt").click()
    wait_until(lambda: "version 1" in by_test_id(driver, "prompt-saved").text, what="v1")
    by_test_id(driver, "tab-chat").click()
    by_test_id(driver, "system-prompt").send_keys(" Use bullet points.")
    by_test_id(driver, "tab-library").click()
    by_test_id(driver, "prompt-name").clear()
    by_test_id(driver, "prompt-name").send_keys("Summariser")
    by_test_id(driver, "save-prompt").click()
    wait_until(lambda: "version 2" in by_test_id(driver, "prompt-saved").text, what="v2")
    by_test_id(driver, "prompt-card").click()
    wait_until(lambda: len(all_by_test_id(driver, "prompt-version")) == 2, what="two versions")
    assert "{{topic}}" in by_test_id(driver, "prompt-card").text
    by_test_id(driver, "diff-version").click()
    diff = by_test_id(driver, "version-diff")
    assert "Use bullet points." in diff.text
    driver.save_screenshot(str(SCREENSHOTS / "prompt-versions-diff.png"))
    all_by_test_id(driver, "use-version")[-1].click()  # v1, the oldest, is listed last
    # v1's system prompt would replace the one being written: the app asks first.
    wait_until(lambda: by_test_id(driver, "confirm-dialog"), what="the replace question")
    by_test_id(driver, "confirm-accept").click()
    wait_until(lambda: by_test_id(driver, "system-prompt").get_attribute("value") == "You are terse.", what="v1 loaded")
    assert by_test_id(driver, "composer").get_attribute("value") == "Summarise {{topic}}"
    assert by_test_id(driver, "var-topic").is_displayed()


# The conversation just sent, exported once and imported back under other titles.
COPY_CONVERSATION = """
const [copies, done] = [arguments[0], arguments[arguments.length - 1]];
const invoke = window.__TAURI_INTERNALS__.invoke;
(async () => {
  const page = await invoke('history_page', { query: null, cursor: null, limit: 1 });
  const file = JSON.parse(await invoke('export_conversation', { id: page.conversations[0].id }));
  for (let i = 1; i <= copies; i++) {
    file.conversation.title = `Kiwi copy ${i}`;
    await invoke('import_conversation', { json: JSON.stringify(file) });
  }
})().then(() => done(true), (error) => done(String(error)));
"""
PAGE = 50


def test_a_long_history_comes_a_page_at_a_time_and_search_starts_again_from_the_first(app):
    driver, _ = app
    wait_ready(driver)
    send_with_keyboard(driver, "Remember the kiwi.")
    wait_reply_status(driver, "done")
    driver.set_script_timeout(120)
    assert driver.execute_async_script(COPY_CONVERSATION, PAGE + 9) is True
    open_history(driver)
    wait_until(lambda: len(all_by_test_id(driver, "history-item")) == PAGE, what="the first page")
    assert by_test_id(driver, "history-total").text == "60 conversations"
    assert "50 of 60" in by_test_id(driver, "history-more").text
    by_test_id(driver, "history-more").click()
    wait_until(lambda: len(all_by_test_id(driver, "history-item")) == 60, what="the second page after the first")
    assert not all_by_test_id(driver, "history-more")
    titles = [item.text.splitlines()[0] for item in all_by_test_id(driver, "history-item")]
    assert len(set(titles)) == 60, titles

    search = by_test_id(driver, "history-search")
    search.send_keys("zebra")
    wait_until(lambda: "No conversation matches" in by_test_id(driver, "history-page").text, what="no match")
    assert by_test_id(driver, "history-list").get_attribute("data-query") == "zebra"
    search.send_keys(Keys.CONTROL, "a")
    search.send_keys("kiwi")
    wait_until(lambda: by_test_id(driver, "history-list").get_attribute("data-query") == "kiwi", what="the kiwi search shown")
    assert len(all_by_test_id(driver, "history-item")) == PAGE
    assert by_test_id(driver, "history-total").text == "60 conversations found"
    driver.save_screenshot(str(SCREENSHOTS / "history-paged-search.png"))
