"""Rendering: the longest gap between animation frames (requestAnimationFrame, in the webview)
while a 20,000-token answer streams into the transcript and until it is painted whole."""

import time

from app_session import AppSession
from ui import model_ids, pick_model, reply_status, reply_text, send_with_keyboard, set_field, wait_ready, wait_until

TOKENS = 20_000
# 1 ms between chunks: about 1,000 tokens a second, several times what Bedrock streams.
PACE_MS = 1

START_FRAME_LOOP = """
window.__frames = { longest: 0, count: 0, last: performance.now(), running: true };
const tick = () => {
  const frames = window.__frames;
  const now = performance.now();
  frames.longest = Math.max(frames.longest, now - frames.last);
  frames.count += 1;
  frames.last = now;
  if (frames.running) requestAnimationFrame(tick);
};
requestAnimationFrame(tick);
"""
STOP_FRAME_LOOP = """
window.__frames.running = false;
return { longest: window.__frames.longest, count: window.__frames.count };
"""


def measure() -> dict:
    with AppSession() as session:
        driver = session.driver
        wait_ready(driver)
        model = next(m for m in model_ids(driver) if "claude-sonnet-4" in m)
        pick_model(driver, model)
        set_field(driver, "param-maxTokens", str(TOKENS))
        session.emulator.add_fault(operation="ConverseStream", outputTokens=TOKENS, paceMs=PACE_MS)
        driver.execute_script(START_FRAME_LOOP)
        started = time.monotonic()
        send_with_keyboard(driver, "Write a very long answer.")
        while reply_status(driver) != "done":
            if time.monotonic() - started > 300:
                raise TimeoutError("the 20,000-token answer did not finish in 5 minutes")
            time.sleep(1.0)
        # The last chunk is painted at most one render interval after it arrived.
        streamed_s = time.monotonic() - started
        time.sleep(0.5)
        frames = driver.execute_script(STOP_FRAME_LOOP)
        characters = len(reply_text(driver))
        wait_until(lambda: characters > TOKENS, what="the whole answer on screen")
        return {
            "longest_gap_ms": frames["longest"],
            "frames": frames["count"],
            "streamed_s": streamed_s,
            "characters": characters,
            "model": model,
        }
