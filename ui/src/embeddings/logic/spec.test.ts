import { describe, expect, it } from "vitest";
import type { EmbeddingModelInfo } from "../../bindings";
import { describeSpec, specFor } from "./spec";

const titan: EmbeddingModelInfo = {
  modelId: "amazon.titan-embed-text-v2:0",
  family: "titanV2",
  dimensions: [256, 512, 1024],
  defaultDimensions: 1024,
  batchSize: 1,
  supportsNormalize: true,
  inputTypes: [],
  defaultInputType: null,
  maxTextChars: 50000,
};
const cohere: EmbeddingModelInfo = {
  ...titan,
  modelId: "cohere.embed-english-v3",
  family: "cohereV3",
  dimensions: [1024],
  supportsNormalize: false,
  inputTypes: ["search_document", "search_query", "classification", "clustering"],
  defaultInputType: "search_document",
  batchSize: 96,
};

describe("specFor", () => {
  it("fills a model's defaults", () => {
    expect(specFor(titan, null)).toEqual({ modelId: titan.modelId, dimensions: 1024, normalize: true, inputType: null });
    expect(specFor(cohere, null)).toEqual({ modelId: cohere.modelId, dimensions: null, normalize: null, inputType: "search_document" });
  });
  it("keeps the user's dimensions where the model offers them", () => {
    const small = { modelId: titan.modelId, dimensions: 256, normalize: false, inputType: null };
    expect(specFor(titan, small)).toMatchObject({ dimensions: 256, normalize: false });
    expect(specFor(titan, { ...small, dimensions: 384 })).toMatchObject({ dimensions: 1024 });
  });
  it("names runs by model and dimensions", () => {
    expect(describeSpec({ modelId: titan.modelId, dimensions: 256, normalize: true, inputType: null }, [titan])).toBe(
      "Titan Text Embeddings V2 · 256 dims",
    );
  });
});
