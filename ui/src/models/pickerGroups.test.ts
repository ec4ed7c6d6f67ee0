import { describe, expect, it } from "vitest";
import type { ModelOption } from "../bindings";
import { groupModels } from "./catalogue";
import { CHOSEN_LABEL, onlyChosen, withChosen } from "./pickerGroups";

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

const models = [model("anthropic.claude", "Anthropic"), model("meta.llama", "Meta")];

describe("the model picker's groups", () => {
  it("keep the chosen model in front when the search hides it", () => {
    const groups = withChosen(groupModels(models, "llama", new Set()), models[0]);
    expect(groups.map((g) => g.label)).toEqual([CHOSEN_LABEL, "Meta"]);
    expect(groups[0]?.models.map((m) => m.invokeId)).toEqual(["anthropic.claude"]);
    expect(onlyChosen(groups)).toBe(false);
  });

  it("add nothing when the chosen model is among the matches", () => {
    const groups = withChosen(groupModels(models, "", new Set()), models[1]);
    expect(groups.map((g) => g.label)).toEqual(["Anthropic", "Meta"]);
  });

  it("say when the search matched nothing but the chosen model", () => {
    const groups = withChosen(groupModels(models, "zzz", new Set()), models[1]);
    expect(onlyChosen(groups)).toBe(true);
    expect(withChosen(groupModels(models, "zzz", new Set()), undefined)).toEqual([]);
  });
});
