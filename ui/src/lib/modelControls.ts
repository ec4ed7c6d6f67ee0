// Which controls a model takes through Converse, and where the ones Converse lacks go in
// `additionalModelRequestFields` (topK, reasoning budget) for its family.

export interface ModelControls {
  family: string;
  systemPrompt: boolean;
  stopSequences: boolean;
  /** The additional-fields path of top-k, when the family has one. */
  topK: string[] | null;
  /** The model can think before answering, with a token budget. */
  reasoningBudget: boolean;
  defaults: { maxTokens: string; temperature: string; topP: string };
}

/** Every prefix of Bedrock's system-defined cross-region inference profiles. */
const GEO_PREFIX = /^(us|us-gov|eu|apac|jp|au|global)\./;

/** The model ID inside an inference-profile ID (`us.meta.llama…` → `meta.llama…`). */
export function stripGeoPrefix(invokeId: string): string {
  return invokeId.replace(GEO_PREFIX, "");
}

function base(family: string): ModelControls {
  return {
    family,
    systemPrompt: true,
    stopSequences: true,
    topK: null,
    reasoningBudget: false,
    defaults: { maxTokens: "1024", temperature: "0.7", topP: "" },
  };
}

export function controlsFor(invokeId: string): ModelControls {
  const id = stripGeoPrefix(invokeId);
  if (id.startsWith("anthropic.")) {
    const thinks = /claude-(3-7|sonnet-4|opus-4|haiku-4)/.test(id);
    return { ...base("Anthropic Claude"), topK: ["top_k"], reasoningBudget: thinks };
  }
  if (id.startsWith("meta.llama")) return { ...base("Meta Llama"), stopSequences: false, defaults: { maxTokens: "512", temperature: "0.5", topP: "0.9" } };
  if (id.startsWith("amazon.titan-text")) return { ...base("Amazon Titan Text"), systemPrompt: false, defaults: { maxTokens: "512", temperature: "0.7", topP: "0.9" } };
  if (id.startsWith("amazon.nova")) return { ...base("Amazon Nova"), topK: ["inferenceConfig", "topK"] };
  if (/^mistral\.(mistral-7b|mixtral)/.test(id)) return { ...base("Mistral (text)"), systemPrompt: false, topK: ["top_k"] };
  if (id.startsWith("mistral.")) return base("Mistral (chat)");
  if (id.startsWith("cohere.command")) return { ...base("Cohere Command R"), topK: ["k"] };
  if (id.startsWith("ai21.")) return base("AI21 Jamba");
  if (id.startsWith("deepseek.")) return { ...base("DeepSeek R1"), defaults: { maxTokens: "4096", temperature: "0.6", topP: "0.95" } };
  return base("other");
}

export type AdditionalFields = Record<string, unknown>;

/** The user's JSON editor text as an object, or the parse error with its position. */
export function parseAdditionalFields(text: string): { fields: AdditionalFields | null; error: string | null } {
  if (text.trim() === "") return { fields: null, error: null };
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { fields: null, error: "additionalModelRequestFields must be a JSON object, e.g. {\"top_k\": 50}." };
    }
    return { fields: value as AdditionalFields, error: null };
  } catch (error) {
    return { fields: null, error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function setPath(target: AdditionalFields, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const next = target[head];
  const child: AdditionalFields = next !== null && typeof next === "object" && !Array.isArray(next) ? { ...(next as AdditionalFields) } : {};
  setPath(child, rest, value);
  target[head] = child;
}

/**
 * The additional fields to send: the editor's object, plus top-k and the reasoning budget at
 * the family's paths (the editor wins where both set the same key).
 */
export function additionalFieldsFor(
  controls: ModelControls,
  topK: number | null,
  reasoningBudget: number | null,
  edited: AdditionalFields | null,
): AdditionalFields | null {
  const fields: AdditionalFields = {};
  if (topK !== null && controls.topK) setPath(fields, controls.topK, topK);
  if (reasoningBudget !== null && controls.reasoningBudget) {
    fields.thinking = { type: "enabled", budget_tokens: reasoningBudget };
  }
  const merged = { ...fields, ...(edited ?? {}) };
  return Object.keys(merged).length > 0 ? merged : null;
}

/** The additionalModelRequestFields JSON to send for `modelId`, or `null` when there are none. */
export function additionalFieldsJson(
  modelId: string,
  extra: { topK: number | null; reasoningBudget: number | null; additional: AdditionalFields | null },
): string | null {
  const fields = additionalFieldsFor(controlsFor(modelId), extra.topK, extra.reasoningBudget, extra.additional);
  return fields === null ? null : JSON.stringify(fields);
}
