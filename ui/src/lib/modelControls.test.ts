import { describe, expect, it } from "vitest";
import { additionalFieldsFor, controlsFor, parseAdditionalFields, stripGeoPrefix } from "./modelControls";

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
});

describe("additional fields", () => {
  it("puts top-k and the reasoning budget where the family expects them, the editor winning", () => {
    const claude = controlsFor("anthropic.claude-sonnet-4-20250514-v1:0");
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
