"""`make bench`'s app figures on the release build under Xvfb: start-up, memory, rendering.
Not a test: prints each figure beside its target. BEDROCK_PLAYGROUND_BIN names the binary."""

import argparse
import json
import sys

import memory
import rendering
import startup

MB = 1_000_000
TARGETS = {"startup_s": 1.5, "idle_mb": 200, "growth_mb": 50, "frame_gap_ms": 50}


def verdict(value: float, target: float, at_most: bool = False) -> str:
    return "met" if value < target or (at_most and value == target) else "NOT met"


def report_startup() -> dict:
    figures = startup.measure()
    launches = ", ".join(f"{t:.2f}" for t in figures["launches_s"])
    median = figures["median_s"]
    print(f"start-up to the model list, median of 5: {median:.2f} s ({launches}) "
          f"target <= {TARGETS['startup_s']} s: {verdict(median, TARGETS['startup_s'], at_most=True)}", flush=True)
    return figures


def report_memory() -> dict:
    figures = memory.measure()
    idle, after = sum(figures["idle"].values()) / MB, sum(figures["after"].values()) / MB
    growth = after - idle

    def parts(sizes):
        return ", ".join(f"{name} {size / MB:.0f}" for name, size in sizes.items())

    print(f"PSS idle after start: {idle:.0f} MB ({parts(figures['idle'])}) "
          f"target < {TARGETS['idle_mb']} MB: {verdict(idle, TARGETS['idle_mb'])}", flush=True)
    print(f"PSS after {figures['turns']} turns ({figures['conversation_s']:.0f} s): {after:.0f} MB "
          f"({parts(figures['after'])}), growth {growth:.0f} MB "
          f"target < {TARGETS['growth_mb']} MB: {verdict(growth, TARGETS['growth_mb'])}", flush=True)
    return figures


def report_rendering() -> dict:
    figures = rendering.measure()
    gap = figures["longest_gap_ms"]
    print(f"longest frame gap streaming {rendering.TOKENS} tokens ({figures['characters']} characters, "
          f"{figures['streamed_s']:.1f} s, {figures['frames']} frames): {gap:.0f} ms "
          f"target < {TARGETS['frame_gap_ms']} ms: {verdict(gap, TARGETS['frame_gap_ms'])}", flush=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["startup", "memory", "rendering"], action="append")
    parser.add_argument("--json", help="also write the raw figures to this file")
    chosen = parser.parse_args()
    wanted = chosen.only or ["startup", "memory", "rendering"]
    reports = {"startup": report_startup, "memory": report_memory, "rendering": report_rendering}
    figures = {name: reports[name]() for name in wanted}
    if chosen.json:
        with open(chosen.json, "w") as out:
            json.dump(figures, out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
