import { describe, expect, it } from "vitest";
import type { ModelControls } from "../models";
import {
  addStopSequence,
  clampedToModel,
  defaultParamsForm,
  disabledControls,
  modelErrors,
  parseParams,
  showStopSequence,
  withReasoningBudget,
} from "./params";

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

describe("model rules", () => {
  const thinking: ModelControls = {
    family: "Anthropic Claude",
    systemPrompt: true,
    stopSequences: true,
    topK: ["top_k"],
    reasoningBudget: true,
    maxOutputTokens: 64000,
    toolUse: true,
    toolsWithoutStreaming: false,
    defaults: { maxTokens: "1024", temperature: "0.7", topP: "" },
  };
  const llama: ModelControls = { ...thinking, family: "Meta Llama 3", stopSequences: false, topK: null, reasoningBudget: false, maxOutputTokens: 2048 };
  const form = { ...defaultParamsForm, maxTokens: "4096", temperature: "0.5", topP: "0.9", topK: "40", stopSequences: ["END"] };

  it("with a reasoning budget, temperature, top P and top K are off, each with its reason, and not sent", () => {
    const budgeted = { ...form, reasoningBudget: "2048" };
    expect(parseParams({ ...budgeted, topP: "90" }, thinking).errors).toEqual({});
    const off = disabledControls(budgeted, thinking);
    expect(off.temperature).toMatch(/temperature 1/);
    expect(off.topP).toMatch(/no top P/);
    expect(off.topK).toMatch(/no top K/);
    const { params, extra, errors } = parseParams(budgeted, thinking);
    expect(errors).toEqual({});
    expect(params).toMatchObject({ maxTokens: 4096, temperature: null, topP: null, stopSequences: ["END"] });
    expect(extra).toMatchObject({ topK: null, reasoningBudget: 2048 });
    expect(disabledControls(form, thinking)).toEqual({});
    expect(parseParams(form, thinking).params).toMatchObject({ temperature: 0.5, topP: 0.9 });
  });

  it("max tokens stays within the model's limit and above the budget", () => {
    expect(parseParams({ ...form, maxTokens: "9000" }, llama).errors.maxTokens).toMatch(/at most 2048/);
    expect(clampedToModel({ ...form, maxTokens: "9000" }, llama)?.maxTokens).toBe("2048");
    expect(clampedToModel(form, thinking)).toBeNull();
    expect(modelErrors({ ...form, maxTokens: "2048", reasoningBudget: "2048" }, thinking).maxTokens).toMatch(/above the reasoning budget/);
    expect(withReasoningBudget({ ...form, maxTokens: "1024" }, "4000", thinking).maxTokens).toBe("5024");
    expect(withReasoningBudget(form, "2000", thinking).maxTokens).toBe("4096");
    expect(withReasoningBudget({ ...form, maxTokens: "1024" }, "63999", thinking).maxTokens).toBe("64000");
  });

  it("what the model lacks is not sent", () => {
    const { params, errors } = parseParams({ ...form, maxTokens: "1024" }, llama);
    expect(params.stopSequences).toEqual([]);
    expect(errors).toEqual({});
    expect(disabledControls(form, llama).stopSequences).toMatch(/takes no stop sequences/);
  });
});
