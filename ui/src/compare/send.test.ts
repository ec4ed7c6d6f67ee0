import { describe, expect, it, vi } from "vitest";
import { createSignal } from "solid-js";
import type { ChatRequest, ModelCapabilities, ModelOption } from "../bindings";
import { defaultParamsForm } from "../chat";
import { rememberCapabilities } from "../models";
import * as api from "../shared/api";
import { createComparison } from "./store";

vi.mock("../shared/api", () => ({
  streamChat: vi.fn(() => Promise.resolve({ ok: false, error: { code: "Unknown", message: "not in this test", hint: "" } })),
  cancelChat: vi.fn(() => Promise.resolve()),
}));

function model(invokeId: string, provider: string, patch: Partial<ModelCapabilities>): ModelOption {
  return {
    invokeId,
    modelId: invokeId,
    name: invokeId,
    provider,
    streaming: true,
    inferenceProfile: null,
    lifecycle: "ACTIVE",
    inputModalities: ["TEXT"],
    outputModalities: ["TEXT"],
    capabilities: {
      family: null,
      maxOutputTokens: 64000,
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
    },
  };
}

const models = [
  model("anthropic.claude-3-7-sonnet-20250219-v1:0", "Anthropic", { family: "claude", topKPath: ["top_k"], reasoning: "claudeBudget" }),
  model("amazon.nova-lite-v1:0", "Amazon", { family: "nova", topKPath: ["inferenceConfig", "topK"] }),
  model("meta.llama3-1-70b-instruct-v1:0", "Meta", { family: "llama3", stopSequences: false, maxOutputTokens: 2048 }),
];

function comparison() {
  rememberCapabilities(models);
  const notices: string[] = [];
  const [modelId] = createSignal(models[0]?.invokeId ?? "");
  const chat = {
    modelId,
    systemPrompt: () => "Be brief.",
    showNotice: (text: string) => {
      notices.push(text);
    },
    clearNotice: () => undefined,
  };
  const compare = createComparison(chat, { models: () => models });
  compare.ensurePanes();
  return { compare, notices };
}

const sent = () => vi.mocked(api.streamChat).mock.calls.map(([, request]) => request);

describe("sending to every pane", () => {
  it("sends each pane's own parameters, extra fields at its family's paths", async () => {
    vi.mocked(api.streamChat).mockClear();
    const { compare } = comparison();
    const [claude, nova, llama] = compare.panes();
    claude?.setParams({ ...defaultParamsForm, maxTokens: "4096", reasoningBudget: "2048", stopSequences: ["END"] });
    nova?.setParams({ ...defaultParamsForm, topP: "0.8", topK: "40", stopSequences: ["STOP"] });
    llama?.setParams({ ...defaultParamsForm, topK: "40", stopSequences: ["STOP"] });
    compare.setDraft("Hello");
    await compare.send();
    const requests = new Map(sent().map((request: ChatRequest) => [request.modelId, request]));
    const thinking = requests.get("anthropic.claude-3-7-sonnet-20250219-v1:0");
    expect(thinking?.params).toEqual({ maxTokens: 4096, temperature: null, topP: null, stopSequences: ["END"] });
    expect(JSON.parse(thinking?.additionalFieldsJson ?? "null")).toEqual({ thinking: { type: "enabled", budget_tokens: 2048 } });
    const sampled = requests.get("amazon.nova-lite-v1:0");
    expect(sampled?.params).toEqual({ maxTokens: 1024, temperature: 0.7, topP: 0.8, stopSequences: ["STOP"] });
    expect(JSON.parse(sampled?.additionalFieldsJson ?? "null")).toEqual({ inferenceConfig: { topK: 40 } });
    const plain = requests.get("meta.llama3-1-70b-instruct-v1:0");
    expect(plain?.params).toMatchObject({ stopSequences: [] });
    expect(plain?.additionalFieldsJson).toBeNull();
  });

  it("sends nothing while a pane's parameters need fixing, and says which pane", async () => {
    vi.mocked(api.streamChat).mockClear();
    const { compare, notices } = comparison();
    compare.panes()[1]?.setParams({ ...defaultParamsForm, topK: "0" });
    compare.setDraft("Hello");
    await compare.send();
    expect(sent()).toEqual([]);
    expect(notices.at(-1)).toMatch(/amazon\.nova-lite-v1:0.*1 to 500/);
    expect(compare.draft()).toBe("Hello");
  });
});
