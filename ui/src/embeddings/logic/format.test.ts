import { describe, expect, it } from "vitest";
import { formatCost, formatCount, formatDuration, formatShare } from "./format";

describe("lab formats", () => {
  it("reads costs at every scale", () => {
    expect(formatCost(0)).toBe("$0");
    expect(formatCost(0.00001)).toBe("< $0.0001");
    expect(formatCost(0.01234)).toBe("$0.0123");
    expect(formatCost(12.5)).toBe("$12.50");
  });
  it("reads durations and counts", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(0.3)).toBe("< 1 s");
    expect(formatDuration(42)).toBe("42 s");
    expect(formatDuration(125)).toBe("2 min 5 s");
    expect(formatCount(100000)).toBe("100,000");
    expect(formatShare(0.734)).toBe("73%");
  });
});
