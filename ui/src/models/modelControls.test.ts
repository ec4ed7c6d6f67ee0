import { beforeAll, describe, expect, it } from "vitest";
import type { ModelCapabilities, ModelOption } from "../bindings";
import { additionalFieldsFor, controlsFor, parseAdditionalFields, rememberCapabilities, stripGeoPrefix } from "./modelControls";

/** Capabilities as the backend's table gives them (crates/bedrock-client catalogue/capabilities.rs). */
function caps(patch: Partial<ModelCapabilities>): ModelCapabilities {
  return {
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
}

function listed(modelId: string, capabilities: ModelCapabilities, invokeId = modelId): ModelOption {
  return {
    invokeId,
    modelId,
    name: modelId,
    provider: "",
    streaming: true,
    inferenceProfile: invokeId === modelId ? null : invokeId,
    lifecycle: "ACTIVE",
    inputModalities: ["TEXT"],
    outputModalities: ["TEXT"],
    capabilities,
  };
}

const claudeCaps = caps({ family: "claude", topKPath: ["top_k"] });
const thinkingCaps = caps({ family: "claude", topKPath: ["top_k"], reasoning: "claudeBudget", maxOutputTokens: 64000 });

beforeAll(() => {
  rememberCapabilities([
    listed("anthropic.claude-sonnet-4-5-20250929-v1:0", thinkingCaps),
    listed("anthropic.claude-3-7-sonnet-20250219-v1:0", thinkingCaps, "us.anthropic.claude-3-7-sonnet-20250219-v1:0"),
    listed("anthropic.claude-sonnet-4-20250514-v1:0", thinkingCaps),
    listed("anthropic.claude-3-haiku-20240307-v1:0", claudeCaps),
    listed("amazon.titan-text-express-v1", caps({ family: "titanText", systemPrompt: false, toolUse: false, maxOutputTokens: 8192 })),
    listed("meta.llama3-1-70b-instruct-v1:0", caps({ family: "llama3", stopSequences: false, streamingToolUse: false, maxOutputTokens: 2048 })),
    listed("amazon.nova-pro-v1:0", caps({ family: "nova", topKPath: ["inferenceConfig", "topK"] }), "us.amazon.nova-pro-v1:0"),
    listed("amazon.nova-lite-v1:0", caps({ family: "nova", topKPath: ["inferenceConfig", "topK"] })),
    listed("cohere.command-r-v1:0", caps({ family: "cohereCommandR", topKPath: ["k"] })),
    listed("ai21.jamba-1-5-large-v1:0", caps({ family: "ai21Jamba" })),
  ]);
});

describe("stripGeoPrefix", () => {
  it("finds the model inside every cross-region profile", () => {
    const id = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    for (const prefix of ["us", "us-gov", "eu", "apac", "jp", "au", "global"]) {
      expect(stripGeoPrefix(`${prefix}.${id}`)).toBe(id);
      expect(controlsFor(`${prefix}.${id}`).family).toBe("Anthropic Claude");
    }
    expect(stripGeoPrefix("amazon.nova-pro-v1:0")).toBe("amazon.nova-pro-v1:0");
  });
});

describe("controlsFor", () => {
  it("knows what each family takes", () => {
    expect(controlsFor("us.anthropic.claude-3-7-sonnet-20250219-v1:0")).toMatchObject({ topK: ["top_k"], reasoningBudget: true });
    expect(controlsFor("anthropic.claude-3-haiku-20240307-v1:0").reasoningBudget).toBe(false);
    expect(controlsFor("amazon.titan-text-express-v1").systemPrompt).toBe(false);
    expect(controlsFor("meta.llama3-1-70b-instruct-v1:0").stopSequences).toBe(false);
    expect(controlsFor("us.amazon.nova-pro-v1:0").topK).toEqual(["inferenceConfig", "topK"]);
    expect(controlsFor("cohere.command-r-v1:0").topK).toEqual(["k"]);
  });

  it("takes the limit and streaming of tool use from the backend's capabilities", () => {
    const llama = controlsFor("meta.llama3-1-70b-instruct-v1:0");
    expect(llama).toMatchObject({ maxOutputTokens: 2048, toolsWithoutStreaming: true, family: "Meta Llama 3" });
    expect(llama.defaults.maxTokens).toBe("512");
    expect(controlsFor("us.anthropic.claude-3-7-sonnet-20250219-v1:0").toolsWithoutStreaming).toBe(false);
    expect(controlsFor("anthropic.claude-3-haiku-20240307-v1:0").maxOutputTokens).toBe(4096);
  });

  it("offers every control, without a limit, for a model nobody described", () => {
    expect(controlsFor("writer.palmyra-x5-v1:0")).toMatchObject({ systemPrompt: true, maxOutputTokens: null, reasoningBudget: false });
  });
});

describe("additional fields", () => {
  it("puts top-k and the reasoning budget where the family expects them, the editor winning", () => {
    const claude = controlsFor("anthropic.claude-sonnet-4-20250514-v1:0");
    expect(additionalFieldsFor(claude, 40, null, null)).toEqual({ top_k: 40 });
    expect(additionalFieldsFor(claude, 40, 2048, null)).toEqual({ thinking: { type: "enabled", budget_tokens: 2048 } });
    expect(additionalFieldsFor(claude, 40, 2048, { top_k: 10, extra: true })).toEqual({
      top_k: 10,
      thinking: { type: "enabled", budget_tokens: 2048 },
      extra: true,
    });
    const nova = controlsFor("amazon.nova-lite-v1:0");
    expect(additionalFieldsFor(nova, 20, null, null)).toEqual({ inferenceConfig: { topK: 20 } });
    expect(additionalFieldsFor(controlsFor("ai21.jamba-1-5-large-v1:0"), 20, 100, null)).toBeNull();
  });

  it("says why the editor's text is not an object", () => {
    expect(parseAdditionalFields("").fields).toBeNull();
    expect(parseAdditionalFields("[1]").error).toMatch(/JSON object/);
    expect(parseAdditionalFields("{\"a\":").error).toMatch(/Not valid JSON/);
    expect(parseAdditionalFields("{\"top_k\": 5}").fields).toEqual({ top_k: 5 });
  });
});
