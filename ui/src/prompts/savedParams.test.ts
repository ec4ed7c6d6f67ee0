import { describe, expect, it, vi } from "vitest";
import { defaultParamsForm, type ParamsForm } from "../chat";

vi.mock("../shared/api", () => ({}));

const { formOfParamsJson, paramsJsonOf } = await import("./savedParams");

describe("a prompt version's saved parameters", () => {
  it("keep every field of the form, top K, reasoning budget and additional fields included", () => {
    const form: ParamsForm = {
      maxTokens: "4096",
      temperature: "0.3",
      topP: "0.8",
      stopSequences: ["END", "\n\n"],
      topK: "40",
      reasoningBudget: "2048",
      additionalJson: '{"custom_knob":3}',
    };
    expect(formOfParamsJson(paramsJsonOf(form))).toEqual(form);
    expect(JSON.parse(paramsJsonOf(form))).toMatchObject({ topK: 40, reasoningBudget: 2048, additionalModelRequestFields: { custom_knob: 3 } });
  });

  it("read versions saved before the extra fields were kept", () => {
    const old = JSON.stringify({ maxTokens: 64, temperature: 0.2, topP: null, stopSequences: [] });
    expect(formOfParamsJson(old)).toEqual({ ...defaultParamsForm, maxTokens: "64", temperature: "0.2", topP: "" });
  });

  it("refuse text that is not JSON", () => {
    expect(() => formOfParamsJson("not json")).toThrow();
  });
});
