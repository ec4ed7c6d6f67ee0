import { describe, expect, it } from "vitest";
import type { ModelOption } from "../bindings";
import { preferredModel } from "./preferredModel";

function model(modelId: string, lifecycle = "ACTIVE", streaming = true): ModelOption {
  return {
    invokeId: modelId,
    modelId,
    name: modelId,
    provider: "x",
    streaming,
    inferenceProfile: null,
    lifecycle,
    inputModalities: ["TEXT"],
    outputModalities: ["TEXT"],
  };
}

describe("preferredModel", () => {
  it("picks the newest active Claude Sonnet", () => {
    const picked = preferredModel([
      model("anthropic.claude-3-5-sonnet-20240620-v1:0", "LEGACY"),
      model("anthropic.claude-3-7-sonnet-20250219-v1:0"),
      model("anthropic.claude-sonnet-4-20250514-v1:0"),
      model("meta.llama3-70b-instruct-v1:0"),
    ]);
    expect(picked?.modelId).toBe("anthropic.claude-sonnet-4-20250514-v1:0");
  });

  it("falls back to an active streaming model, then to anything", () => {
    expect(preferredModel([model("a", "LEGACY"), model("b")])?.modelId).toBe("b");
    expect(preferredModel([model("a", "ACTIVE", false)])?.modelId).toBe("a");
    expect(preferredModel([])).toBeUndefined();
  });
});
