"""What Linux says about the app's processes: when they started, their children, their PSS."""

import os
import time
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str]:
    # The command name (field 2) is in parentheses and may hold spaces: split after it.
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def started_at(pid: int) -> float:
    """When `pid` was spawned, as a Unix time (clock-tick resolution, 10 ms here)."""
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    now = time.time()
    started_after_boot = int(_stat_fields(pid)[19]) / CLOCK_TICKS
    return now - (uptime - started_after_boot)


def command_name(pid: int) -> str:
    return Path(f"/proc/{pid}/comm").read_text().strip()


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, children first."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(_stat_fields(int(stat.parent.name))[1])
        except (OSError, ValueError):
            continue
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(0), []):
            found.append(child)
            queue.append(child)
    return found


def pss_bytes(pid: int) -> int:
    """Proportional set size: each page divided by the number of processes sharing it."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no Pss in /proc/{pid}/smaps_rollup")


def app_and_webkit(pid: int) -> dict[str, int]:
    """PSS of the app and of its WebKit processes (web, network), by process name."""
    sizes = {f"app ({command_name(pid)})": pss_bytes(pid)}
    for child in descendants(pid):
        name = command_name(child)
        if name.startswith("WebKit"):
            key = name
            while key in sizes:
                key += "+"
            sizes[key] = pss_bytes(child)
    return sizes
