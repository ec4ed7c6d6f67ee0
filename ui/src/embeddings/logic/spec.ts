// The options an embedding model takes, filled with its defaults when the user picks it.
import type { EmbeddingModelInfo, EmbeddingSpec } from "../../bindings";

export const FALLBACK_MODEL = "amazon.titan-embed-text-v2:0";

const NAMES: Record<string, string> = {
  "amazon.titan-embed-text-v1": "Titan Embeddings G1 Text",
  "amazon.titan-embed-text-v2:0": "Titan Text Embeddings V2",
  "cohere.embed-english-v3": "Cohere Embed English v3",
  "cohere.embed-multilingual-v3": "Cohere Embed Multilingual v3",
  "cohere.embed-v4:0": "Cohere Embed v4",
};

/** A model's name as people say it; the ID when the app does not know it. */
export function modelName(modelId: string): string {
  return NAMES[modelId] ?? modelId;
}

export function defaultSpec(model: EmbeddingModelInfo | null): EmbeddingSpec {
  return specFor(model, null);
}

/** The spec for `model`, keeping what the user chose before where the new model allows it. */
export function specFor(model: EmbeddingModelInfo | null, previous: EmbeddingSpec | null): EmbeddingSpec {
  if (!model) return { modelId: previous?.modelId ?? FALLBACK_MODEL, dimensions: null, normalize: null, inputType: null };
  const keep = previous?.dimensions ?? null;
  return {
    modelId: model.modelId,
    dimensions: model.dimensions.length > 1 ? (keep !== null && model.dimensions.includes(keep) ? keep : model.defaultDimensions) : null,
    normalize: model.supportsNormalize ? (previous?.normalize ?? true) : null,
    inputType: model.inputTypes.length > 0 ? (model.defaultInputType ?? model.inputTypes[0] ?? null) : null,
  };
}

/** "Titan Text Embeddings V2 · 256 dims" — how a run is named in pickers. */
export function describeSpec(spec: EmbeddingSpec, models: readonly EmbeddingModelInfo[]): string {
  const model = models.find((m) => m.modelId === spec.modelId);
  const dims = spec.dimensions ?? model?.defaultDimensions;
  return dims ? `${modelName(spec.modelId)} · ${String(dims)} dims` : modelName(spec.modelId);
}
