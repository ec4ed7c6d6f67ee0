"""Start-up: from the app's process spawn to its first screen painted with the model list.

The chat view marks `bedrock-playground:first-screen` (performance.mark) once, in the animation
frame after the one that painted the model list; the mark's wall-clock time minus the app
process's spawn time (from /proc) is the start-up time. WebDriver's session set-up happens
before the spawn, so it is not counted.
"""

import statistics
import time

from app_session import AppSession
from procfs import started_at

MARK = "bedrock-playground:first-screen"
READ_MARK = f"""
const mark = performance.getEntriesByName("{MARK}")[0];
return mark ? performance.timeOrigin + mark.startTime : null;
"""


def one_launch(timeout: float = 60.0) -> float:
    with AppSession() as session:
        spawned = started_at(session.app_pid())
        deadline = time.monotonic() + timeout
        while (marked_ms := session.driver.execute_script(READ_MARK)) is None:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {MARK} mark within {timeout} s")
            time.sleep(0.05)
        return marked_ms / 1000 - spawned


def measure(launches: int = 5) -> dict:
    times = [one_launch() for _ in range(launches)]
    return {"launches_s": times, "median_s": statistics.median(times)}
