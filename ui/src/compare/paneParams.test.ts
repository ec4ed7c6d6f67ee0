import { beforeAll, describe, expect, it } from "vitest";
import type { ModelCapabilities, ModelOption } from "../bindings";
import { defaultParamsForm, type ParamsForm } from "../chat";
import { controlsFor, rememberCapabilities } from "../models";
import { paneDisabled, paneRequest } from "./paneParams";

function listed(modelId: string, patch: Partial<ModelCapabilities>): ModelOption {
  const capabilities: ModelCapabilities = {
    family: null,
    maxOutputTokens: 4096,
    systemPrompt: true,
    stopSequences: true,
    toolUse: true,
    streamingToolUse: true,
    streaming: true,
    forcedToolChoice: false,
    images: false,
    documents: true,
    reasoning: "none",
    topKPath: null,
    ...patch,
  };
  return {
    invokeId: modelId,
    modelId,
    name: modelId,
    provider: "",
    streaming: true,
    inferenceProfile: null,
    lifecycle: "ACTIVE",
    inputModalities: ["TEXT"],
    outputModalities: ["TEXT"],
    capabilities,
  };
}

const THINKING = "anthropic.claude-3-7-sonnet-20250219-v1:0";
const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
const NOVA = "amazon.nova-lite-v1:0";
const LLAMA = "meta.llama3-1-70b-instruct-v1:0";

beforeAll(() => {
  rememberCapabilities([
    listed(THINKING, { family: "claude", topKPath: ["top_k"], reasoning: "claudeBudget", maxOutputTokens: 64000 }),
    listed(HAIKU, { family: "claude", topKPath: ["top_k"] }),
    listed(NOVA, { family: "nova", topKPath: ["inferenceConfig", "topK"] }),
    listed(LLAMA, { family: "llama3", stopSequences: false, maxOutputTokens: 2048 }),
  ]);
});

const form: ParamsForm = { ...defaultParamsForm, maxTokens: "2000", topP: "0.9", topK: "42", stopSequences: ["BANANA"] };

describe("a compare pane's request", () => {
  it("sends top K at the family's path with top P and stop sequences", () => {
    const claude = paneRequest(form, HAIKU);
    expect(claude.errors).toEqual({});
    expect(claude.params).toEqual({ maxTokens: 2000, temperature: 0.7, topP: 0.9, stopSequences: ["BANANA"] });
    expect(JSON.parse(claude.additionalFieldsJson ?? "null")).toEqual({ top_k: 42 });
    expect(JSON.parse(paneRequest(form, NOVA).additionalFieldsJson ?? "null")).toEqual({ inferenceConfig: { topK: 42 } });
  });

  it("with a reasoning budget sends thinking and leaves temperature, top P and top K out", () => {
    const request = paneRequest({ ...form, maxTokens: "4096", reasoningBudget: "2048" }, THINKING);
    expect(request.errors).toEqual({});
    expect(request.params).toMatchObject({ temperature: null, topP: null, stopSequences: ["BANANA"] });
    expect(JSON.parse(request.additionalFieldsJson ?? "null")).toEqual({ thinking: { type: "enabled", budget_tokens: 2048 } });
  });

  it("merges the additional fields editor, which wins on the same key", () => {
    const request = paneRequest({ ...form, additionalJson: '{"top_k": 7, "anthropic_beta": ["x"]}' }, HAIKU);
    expect(JSON.parse(request.additionalFieldsJson ?? "null")).toEqual({ top_k: 7, anthropic_beta: ["x"] });
  });

  it("does not send, nor check, what the pane's model lacks", () => {
    const request = paneRequest({ ...form, topK: "9999", reasoningBudget: "10" }, LLAMA);
    expect(request.errors).toEqual({});
    expect(request.params.stopSequences).toEqual([]);
    expect(request.additionalFieldsJson).toBeNull();
  });

  it("still reports what the model takes and the user got wrong", () => {
    expect(paneRequest({ ...form, topK: "0" }, HAIKU).errors.topK).toMatch(/1 to 500/);
    expect(paneRequest({ ...form, maxTokens: "3000" }, LLAMA).errors.maxTokens).toMatch(/at most 2048/);
    expect(paneRequest({ ...form, maxTokens: "1024", reasoningBudget: "2048" }, THINKING).errors.maxTokens).toMatch(/above the reasoning budget/);
  });
});

describe("a compare pane's disabled controls", () => {
  it("names what the family lacks", () => {
    const off = paneDisabled(form, controlsFor(LLAMA));
    expect(off.topK).toMatch(/no top K/);
    expect(off.reasoningBudget).toMatch(/no reasoning budget/);
    expect(off.stopSequences).toMatch(/no stop sequences/);
    expect(paneDisabled(form, controlsFor(HAIKU))).toEqual({ reasoningBudget: expect.stringMatching(/no reasoning budget/) as string });
  });

  it("turns sampling off while the model thinks", () => {
    const off = paneDisabled({ ...form, reasoningBudget: "2048" }, controlsFor(THINKING));
    expect(Object.keys(off).sort()).toEqual(["temperature", "topK", "topP"]);
  });
});
