import { describe, expect, it } from "vitest";
import { errorTitle, isRetryable } from "./errors";
import { formatDuration, metricItems } from "./format";

describe("formatDuration", () => {
  it("picks a unit a reader expects", () => {
    expect(formatDuration(87)).toBe("87 ms");
    expect(formatDuration(1234)).toBe("1.23 s");
    expect(formatDuration(12_340)).toBe("12.3 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
});

describe("metricItems", () => {
  it("lists usage, time to first token, latency and speed", () => {
    const items = metricItems(
      { inputTokens: 12, outputTokens: 240, totalTokens: 252 },
      { timeToFirstTokenMs: 150, totalLatencyMs: 3200, serviceLatencyMs: null, tokensPerSecond: 78.04 },
    );
    expect(items.map((i) => `${i.label} ${i.value}`)).toEqual([
      "in 12 tok",
      "out 240 tok",
      "TTFT 150 ms",
      "total 3.20 s",
      "speed 78.0 tok/s",
    ]);
  });
});

describe("errors", () => {
  it("names each code and offers retry only where waiting can help", () => {
    expect(errorTitle("OnDemandNotSupported")).toBe("Needs an inference profile");
    expect(isRetryable("Throttled")).toBe(true);
    expect(isRetryable("AccessDenied")).toBe(false);
  });
});
