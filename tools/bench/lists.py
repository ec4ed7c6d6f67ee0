"""Long lists in the webview (not a test: prints figures): the time to open the Wire screen
with 200 captured exchanges, and to open and search a history of 10,000 conversations.

Runs the app as the end-to-end tests do (tauri-driver under Xvfb; BEDROCK_PLAYGROUND_BIN names
the binary). The history is seeded before the app starts with storage's `seed_history`
(SEED_HISTORY_BIN, else built with cargo). Each time is taken inside the webview, from the click
or keystroke to the animation frame after the one that shows the result; the median of five.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from app_session import ROOT, AppSession
from ui import by_test_id, wait_ready, wait_until

CONVERSATIONS = 10_000
WIRE_KEPT = 200
RUNS = 5

# Each catalogue refresh is two real exchanges (ListFoundationModels, ListInferenceProfiles).
REFRESH_CATALOGUE = """
const done = arguments[arguments.length - 1];
(async () => {
  for (let i = 0; i < arguments[0]; i++) await window.__TAURI_INTERNALS__.invoke('list_models', { refresh: true });
})().then(() => done(true), (error) => done(String(error)));
"""

# Runs `act` (a click or a keystroke), waits for `shown` to hold in an animation frame and
# answers in the frame after it, once that one is on screen.
TIMED = """
const done = arguments[arguments.length - 1];
const started = performance.now();
%(act)s
const shown = () => { %(shown)s };
const check = () => {
  if (shown()) requestAnimationFrame(() => done(performance.now() - started));
  else if (performance.now() - started > 60000) done(-1);
  else requestAnimationFrame(check);
};
requestAnimationFrame(check);
"""

CLICK = "document.querySelector(\"[data-testid='%s']\").click();"
TYPE_QUERY = """
const input = document.querySelector("[data-testid='history-search']");
input.value = %s;
input.dispatchEvent(new Event('input', { bubbles: true }));
"""
# What one poll of the Wire screen carries over IPC: every exchange in full (before), every
# summary (the first poll now), nothing new (each later poll while the app is idle).
POLL_PAYLOADS = """
const done = arguments[arguments.length - 1];
const invoke = window.__TAURI_INTERNALS__.invoke;
(async () => {
  const full = JSON.stringify(await invoke('wire_exchanges')).length;
  const first = await invoke('wire_changes', { since: 0 });
  const idle = JSON.stringify(await invoke('wire_changes', { since: first.revision })).length;
  return { full, summaries: JSON.stringify(first).length, idle };
})().then(done, (error) => done(String(error)));
"""
WIRE_ROWS_SHOWN = """
return document.querySelector("[data-testid='wire-item']") !== null;
"""
WIRE_SHOWN = """
return document.querySelector("[data-testid='wire-item']") !== null
  && document.querySelector("[data-testid='wire-request-body'], [data-testid='wire-response-body']") !== null;
"""
HISTORY_SHOWN = """
const list = document.querySelector("[data-testid='history-list']");
return list !== null && list.getAttribute('data-query') === %s && list.getAttribute('aria-busy') !== 'true'
  && list.querySelectorAll("[data-testid='history-item']").length >= %d;
"""


def timed(driver, act: str, shown: str) -> float:
    driver.set_script_timeout(90)
    elapsed = driver.execute_async_script(TIMED % {"act": act, "shown": shown})
    if elapsed < 0:
        raise TimeoutError(f"not shown within 60 s: {shown.strip()}")
    return elapsed


def seed(history_file: Path, count: int) -> None:
    history_file.parent.mkdir(parents=True, exist_ok=True)
    binary = os.environ.get("SEED_HISTORY_BIN")
    command = [binary] if binary else ["cargo", "run", "-q", "--release", "--locked", "-p", "storage", "--bin", "seed_history", "--"]
    subprocess.run([*command, str(history_file), str(count)], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def median_of(runs: list[float]) -> dict:
    return {"median_ms": statistics.median(runs), "runs_ms": runs}


def measure_wire(session: AppSession) -> dict:
    driver = session.driver
    driver.set_script_timeout(300)
    assert driver.execute_async_script(REFRESH_CATALOGUE, WIRE_KEPT // 2 + 5) is True
    opens, lists = [], []
    for _ in range(RUNS):
        for shown, runs in ((WIRE_ROWS_SHOWN, lists), (WIRE_SHOWN, opens)):
            by_test_id(driver, "tab-chat").click()
            wait_until(lambda: not driver.find_elements("css selector", "[data-testid='wire-page']"), what="the Wire screen closed")
            runs.append(timed(driver, CLICK % "tab-wire", shown))
    rows = driver.execute_script("return document.querySelectorAll(\"[data-testid='wire-list'] li\").length")
    kept = driver.execute_script("return document.querySelector(\"[data-testid='wire-list'] li\").getAttribute('aria-setsize')")
    # For scale: the same switch to a screen with no list (Settings), on the same machine.
    baseline = []
    for _ in range(RUNS):
        by_test_id(driver, "tab-chat").click()
        wait_until(lambda: not driver.find_elements("css selector", "[data-testid='settings-page']"), what="Settings closed")
        baseline.append(timed(driver, CLICK % "tab-settings", "return document.querySelector(\"[data-testid='settings-page']\") !== null;"))
    payloads = driver.execute_async_script(POLL_PAYLOADS)
    return {"open": median_of(opens), "list": median_of(lists), "exchanges": int(kept), "rows_in_dom": rows, "poll_bytes": payloads, "settings_open": median_of(baseline)}


def measure_history(session: AppSession) -> dict:
    driver = session.driver
    figures = {}
    opens = []
    for _ in range(RUNS):
        by_test_id(driver, "tab-chat").click()
        wait_until(lambda: not driver.find_elements("css selector", "[data-testid='history-page']"), what="History closed")
        opens.append(timed(driver, CLICK % "tab-history", HISTORY_SHOWN % ("''", 1)))
    figures["open"] = median_of(opens)
    total = by_test_id(driver, "history-total").text
    for name, query, hits in (("one_hit", "seed4242", 1), ("a_tenth", "tokio runtime", 50)):
        runs = []
        for _ in range(RUNS):
            timed(driver, TYPE_QUERY % "''", HISTORY_SHOWN % ("''", 1))
            runs.append(timed(driver, TYPE_QUERY % json.dumps(query), HISTORY_SHOWN % (json.dumps(query), hits)))
        figures[name] = {**median_of(runs), "query": query, "found": by_test_id(driver, "history-total").text}
    figures["total"] = total
    return figures


def measure() -> dict:
    session = AppSession()
    seed(Path(session.home) / "data" / "history.sqlite3", CONVERSATIONS)
    with session:
        wait_ready(session.driver)
        history = measure_history(session)
        wire = measure_wire(session)
    return {"wire": wire, "history": history}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="also write the raw figures to this file")
    chosen = parser.parse_args()
    figures = measure()
    wire, history = figures["wire"], figures["history"]
    print(f"Wire screen opened with {wire['exchanges']} exchanges: rows shown in {wire['list']['median_ms']:.0f} ms, "
          f"the newest exchange's bodies in {wire['open']['median_ms']:.0f} ms (medians of {RUNS}; "
          f"{wire['rows_in_dom']} rows in the DOM; Settings, with no list, opens in "
          f"{wire['settings_open']['median_ms']:.0f} ms)", flush=True)
    polls = wire["poll_bytes"]
    print(f"Wire poll over IPC: {polls['full']:,} characters for every exchange in full (the old poll), "
          f"{polls['summaries']:,} for every summary (the first poll), {polls['idle']:,} when nothing changed", flush=True)
    print(f"History of {CONVERSATIONS:,} conversations opened: {history['open']['median_ms']:.0f} ms median of {RUNS}", flush=True)
    for name in ("one_hit", "a_tenth"):
        search = history[name]
        print(f"History search '{search['query']}' ({search['found']}): {search['median_ms']:.0f} ms from the keystroke "
              f"to the results shown, 250 ms of it the debounce", flush=True)
    if chosen.json:
        Path(chosen.json).write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
