import { describe, expect, it } from "vitest";
import type { ModelOption } from "../bindings";
import { groupModels, modelFacts } from "./catalogue";

function model(modelId: string, provider: string, name: string, profile: string | null = null): ModelOption {
  return {
    invokeId: profile ?? modelId,
    modelId,
    name,
    provider,
    streaming: true,
    inferenceProfile: profile,
    lifecycle: "ACTIVE",
    inputModalities: ["TEXT", "IMAGE"],
    outputModalities: ["TEXT"],
  };
}

const models = [
  model("anthropic.claude-3-haiku-20240307-v1:0", "Anthropic", "Claude 3 Haiku"),
  model("anthropic.claude-sonnet-4-20250514-v1:0", "Anthropic", "Claude Sonnet 4", "us.anthropic.claude-sonnet-4-20250514-v1:0"),
  model("meta.llama3-1-70b-instruct-v1:0", "Meta", "Llama 3.1 70B Instruct"),
];

describe("groupModels", () => {
  it("groups by provider and puts favourites first", () => {
    const groups = groupModels(models, "", new Set(["meta.llama3-1-70b-instruct-v1:0"]));
    expect(groups.map((g) => [g.label, g.models.length])).toEqual([
      ["★ Favourites", 1],
      ["Anthropic", 2],
    ]);
  });

  it("matches every word against name, ID and provider", () => {
    expect(groupModels(models, "claude sonnet", new Set()).flatMap((g) => g.models.map((m) => m.name))).toEqual([
      "Claude Sonnet 4",
    ]);
    expect(groupModels(models, "META 70b", new Set())[0]?.models[0]?.name).toBe("Llama 3.1 70B Instruct");
    expect(groupModels(models, "gpt", new Set())).toEqual([]);
  });
});

describe("modelFacts", () => {
  it("says modalities, streaming, lifecycle and the need for a profile", () => {
    expect(modelFacts(models[1] as ModelOption)).toEqual([
      "text + image → text",
      "streaming",
      "active",
      "needs an inference profile",
    ]);
  });
});
