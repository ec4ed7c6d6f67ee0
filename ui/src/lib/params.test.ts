import { describe, expect, it } from "vitest";
import { addStopSequence, defaultParamsForm, parseParams, showStopSequence } from "./params";

describe("parseParams", () => {
  it("turns the form into numbers, empty fields into model defaults", () => {
    const { params, errors } = parseParams({ ...defaultParamsForm, topP: " " });
    expect(errors).toEqual({});
    expect(params).toEqual({ maxTokens: 1024, temperature: 0.7, topP: null, stopSequences: [] });
  });

  it("says what to fix for each bad field", () => {
    const { errors } = parseParams({
      ...defaultParamsForm,
      maxTokens: "0",
      temperature: "1.5",
      topP: "abc",
      stopSequences: ["a", "b", "c", "d", "e"],
      topK: "0",
      reasoningBudget: "100",
      additionalJson: "{",
    });
    expect(errors.maxTokens).toMatch(/at least 1/);
    expect(errors.temperature).toMatch(/between 0 and 1/);
    expect(errors.topP).toMatch(/between 0 and 1/);
    expect(errors.stopSequences).toMatch(/at most 4/);
    expect(errors.topK).toMatch(/1 to 500/);
    expect(errors.reasoningBudget).toMatch(/at least 1024/);
    expect(errors.additionalJson).toMatch(/Not valid JSON/);
  });

  it("rejects fractional max tokens", () => {
    expect(parseParams({ ...defaultParamsForm, maxTokens: "10.5" }).errors.maxTokens).toBeDefined();
  });
});

describe("stop sequences", () => {
  it("unescapes newlines, skips duplicates and shows them escaped", () => {
    const list = addStopSequence(addStopSequence([], "\\n\\nHuman:"), "\\n\\nHuman:");
    expect(list).toEqual(["\n\nHuman:"]);
    expect(showStopSequence(list[0] ?? "")).toBe("\\n\\nHuman:");
    expect(addStopSequence(list, "")).toEqual(list);
  });
});
