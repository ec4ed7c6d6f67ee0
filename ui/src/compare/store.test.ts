import { describe, expect, it } from "vitest";
import type { ModelOption } from "../bindings";
import { startingModels } from "./store";

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

describe("startingModels", () => {
  it("starts with the current model then one per provider, without repeats", () => {
    const models = [model("a1", "A"), model("a2", "A"), model("b1", "B"), model("c1", "C")];
    expect(startingModels(models, "a2", 3)).toEqual(["a2", "a1", "b1"]);
    expect(startingModels(models, "", 5)).toEqual(["a1", "b1", "c1", "a2"]);
  });
});
