"""Memory: PSS of the app and its WebKit processes, idle after start and after a 200-turn
conversation against the in-app emulator (answering without pacing)."""

import time

from app_session import AppSession
from procfs import app_and_webkit
from ui import all_by_test_id, reply_status, send_with_keyboard, wait_ready, wait_until

SETTLE_S = 5.0


def _settled(session: AppSession) -> dict[str, int]:
    time.sleep(SETTLE_S)
    return app_and_webkit(session.app_pid())


def measure(turns: int = 200) -> dict:
    with AppSession() as session:
        driver = session.driver
        wait_ready(driver)
        idle = _settled(session)
        session.emulator.add_fault(operation="ConverseStream", paceMs=0)
        started = time.monotonic()
        for turn in range(1, turns + 1):
            send_with_keyboard(driver, f"Turn {turn}: name a colour.")
            wait_until(
                lambda: len(all_by_test_id(driver, "reply")) == turn and reply_status(driver) == "done",
                timeout=60,
                what=f"reply {turn}",
            )
        conversation_s = time.monotonic() - started
        after = _settled(session)
        return {"idle": idle, "after": after, "turns": turns, "conversation_s": conversation_s}
