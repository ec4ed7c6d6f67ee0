import { describe, expect, it } from "vitest";
import { estimateCost, formatCost } from "./cost";

const table = { about: "", currency: "USD", models: { "meta.llama3-1-70b-instruct-v1:0": { input: 0.00072, output: 0.00072 } } };

describe("estimateCost", () => {
  it("prices by model ID with or without a geo prefix", () => {
    const usage = { inputTokens: 1000, outputTokens: 500, totalTokens: 1500 };
    expect(estimateCost(table, "us.meta.llama3-1-70b-instruct-v1:0", usage)).toBeCloseTo(0.00108, 10);
    expect(estimateCost(table, "unknown", usage)).toBeNull();
    expect(formatCost(0.00108)).toBe("$0.00108");
    expect(formatCost(0.25)).toBe("$0.2500");
    expect(formatCost(null)).toBe("no price");
  });
});
