import { createRoot, createSignal } from "solid-js";
import { describe, expect, it, vi } from "vitest";
import type { ModelOption } from "../bindings";

const api = vi.hoisted(() => ({ streamChat: vi.fn(), cancelChat: vi.fn(() => Promise.resolve()) }));
vi.mock("../shared/api", () => api);

const { createComparison } = await import("./store");

function model(invokeId: string, provider: string): ModelOption {
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
  };
}

const models = [model("anthropic.claude", "Anthropic"), model("amazon.nova", "Amazon")];

function comparison() {
  const [modelId] = createSignal("anthropic.claude");
  const chat = { modelId, systemPrompt: () => "", showNotice: () => undefined, clearNotice: () => undefined };
  const compare = createRoot(() => createComparison(chat, { models: () => models }));
  compare.ensurePanes();
  return compare;
}

const throttled = { ok: false, error: { code: "Throttled", message: "Rate exceeded", hint: "Wait" } };

describe("the compare draft", () => {
  it("comes back when a pane fails before any text", async () => {
    api.streamChat.mockResolvedValue(throttled);
    const compare = comparison();
    compare.setDraft("Which is fastest?");
    await compare.send();
    expect(compare.draft()).toBe("Which is fastest?");
  });

  it("does not overwrite what was typed while the panes answered", async () => {
    const compare = comparison();
    api.streamChat.mockImplementation(() => {
      compare.setDraft("a new question");
      return Promise.resolve(throttled);
    });
    compare.setDraft("Which is fastest?");
    await compare.send();
    expect(compare.draft()).toBe("a new question");
  });
});
