"""The commands the Wire and History screens page with, called through the app's real IPC (the
capability allows them): wire summaries since a revision, one exchange in full, history pages,
a conversation opened with each run carrying only the message it added."""

import json

from ui import by_test_id, send_with_keyboard, wait_ready, wait_reply_status

EMULATOR_SECRET = "emulated-secret-key-not-a-secret"

INVOKE = """
const [command, args, done] = arguments;
window.__TAURI_INTERNALS__.invoke(command, args).then(
  (value) => done({ ok: value }),
  (error) => done({ error: String(error && error.message || JSON.stringify(error)) }),
);
"""


def invoke(driver, command: str, **args):
    outcome = driver.execute_async_script(INVOKE, command, args)
    assert "ok" in outcome, f"{command}: {outcome}"
    return outcome["ok"]


def test_wire_changes_summarise_only_what_is_new_and_one_exchange_comes_in_full(app):
    driver, _ = app
    driver.set_script_timeout(30)
    wait_ready(driver)
    send_with_keyboard(driver, "First turn for the wire.")
    wait_reply_status(driver, "done")

    seen = invoke(driver, "wire_changes", since=0)
    operations = [e["operation"] for e in seen["exchanges"]]
    assert "ConverseStream" in operations, operations
    stream = next(e for e in seen["exchanges"] if e["operation"] == "ConverseStream")
    assert stream["status"] == 200 and stream["bodyState"] == "complete" and stream["frameCount"] > 3
    for heavy in ("requestHeaders", "requestBody", "response", "frames"):
        assert heavy not in stream, heavy
    assert invoke(driver, "wire_changes", since=seen["revision"])["exchanges"] == []

    send_with_keyboard(driver, "Second turn for the wire.")
    wait_reply_status(driver, "done")
    newer = invoke(driver, "wire_changes", since=seen["revision"])["exchanges"]
    assert [e["operation"] for e in newer] == ["ConverseStream"], newer

    full = invoke(driver, "wire_exchange", id=newer[0]["id"])
    assert len(full["response"]["frames"]) == newer[0]["frameCount"]
    assert "Second turn for the wire." in full["requestBody"]["text"]
    authorization = next(h["value"] for h in full["requestHeaders"] if h["name"].lower() == "authorization")
    assert authorization.endswith("Signature=****"), authorization
    assert EMULATOR_SECRET not in str(full) and EMULATOR_SECRET not in str(seen)
    assert invoke(driver, "wire_exchange", id=newer[0]["id"] + 1000) is None


def test_history_comes_in_pages_and_a_search_names_its_query(app):
    driver, _ = app
    driver.set_script_timeout(30)
    wait_ready(driver)
    send_with_keyboard(driver, "Tell me about pelicans.")
    wait_reply_status(driver, "done")
    by_test_id(driver, "new-chat").click()
    send_with_keyboard(driver, "Tell me about herons.")
    wait_reply_status(driver, "done")

    first = invoke(driver, "history_page", query=None, cursor=None, limit=1)
    assert (first["total"], first["hasMore"], len(first["conversations"])) == (2, True, 1)
    assert "herons" in first["conversations"][0]["title"]
    second = invoke(driver, "history_page", query=None, cursor=first["nextCursor"], limit=1)
    assert "pelicans" in second["conversations"][0]["title"]
    assert (second["hasMore"], second["nextCursor"]) == (False, None)

    searched = invoke(driver, "history_page", query="pelic", cursor=None, limit=50)
    assert searched["query"] == "pelic" and searched["total"] == 1
    assert "pelicans" in searched["conversations"][0]["title"]


def test_opening_a_conversation_sends_each_run_with_only_the_message_it_added(app):
    driver, _ = app
    driver.set_script_timeout(30)
    wait_ready(driver)
    for text in ("One: remember the word pelican.", "Two: which word?", "Three: spell it."):
        send_with_keyboard(driver, text)
        wait_reply_status(driver, "done")
    listed = invoke(driver, "history_page", query=None, cursor=None, limit=10)["conversations"]
    whole = invoke(driver, "get_conversation", id=listed[0]["id"])["runs"]
    opened = invoke(driver, "open_conversation", id=listed[0]["id"])["runs"]

    assert [len(json.loads(run["requestJson"])["messages"]) for run in whole] == [1, 3, 5]
    sent = [json.loads(run["requestJson"]) for run in opened]
    assert [len(request["messages"]) for request in sent] == [1, 1, 1]
    assert [request["messages"][0]["text"] for request in sent] == [
        "One: remember the word pelican.",
        "Two: which word?",
        "Three: spell it.",
    ]
    last_whole = json.loads(whole[-1]["requestJson"])
    assert {key: value for key, value in sent[-1].items() if key != "messages"} == {
        key: value for key, value in last_whole.items() if key != "messages"
    }
