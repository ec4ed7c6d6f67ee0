// Which controls a model takes through Converse, and where the ones Converse lacks go in
// `additionalModelRequestFields` (topK, reasoning budget). The facts come from the backend's
// capability table (each listed model carries them); this module adapts them for the UI.
import { createSignal, untrack } from "solid-js";
import type { Family, ModelCapabilities, ModelOption } from "../bindings";
import { familyLabel } from "./families";

export interface ModelControls {
  family: string;
  systemPrompt: boolean;
  stopSequences: boolean;
  /** The additional-fields path of top-k, when the model has one. */
  topK: string[] | null;
  /** The model can think before answering, with a token budget. */
  reasoningBudget: boolean;
  /** The most output tokens the model gives in one answer, when known. */
  maxOutputTokens: number | null;
  toolUse: boolean;
  /** With tools, answers come whole through Converse: the model cannot stream tool use. */
  toolsWithoutStreaming: boolean;
  defaults: { maxTokens: string; temperature: string; topP: string };
}

/** Bedrock's floor for a reasoning budget. */
export const MIN_REASONING_BUDGET = 1024;

/** Every prefix of Bedrock's system-defined cross-region inference profiles. */
const GEO_PREFIX = /^(us|us-gov|eu|apac|jp|au|global)\./;

/** The model ID inside an inference-profile ID (`us.meta.llama…` → `meta.llama…`). */
export function stripGeoPrefix(invokeId: string): string {
  return invokeId.replace(GEO_PREFIX, "");
}

const [known, setKnown] = createSignal<ReadonlyMap<string, ModelCapabilities>>(new Map());

/** Keep the capabilities of the listed models, by invoke ID and model ID. */
export function rememberCapabilities(models: readonly ModelOption[]): void {
  // Untracked: an effect that remembers must not re-run on its own write.
  const map = new Map(untrack(known));
  for (const model of models) {
    if (!model.capabilities) continue;
    map.set(model.invokeId, model.capabilities);
    map.set(model.modelId, model.capabilities);
  }
  setKnown(map);
}

export function capabilitiesOf(invokeId: string): ModelCapabilities | undefined {
  const map = known();
  return map.get(invokeId) ?? map.get(stripGeoPrefix(invokeId));
}

const DEFAULTS: Partial<Record<Family, ModelControls["defaults"]>> = {
  llama3: { maxTokens: "512", temperature: "0.5", topP: "0.9" },
  titanText: { maxTokens: "512", temperature: "0.7", topP: "0.9" },
  deepSeekR1: { maxTokens: "4096", temperature: "0.6", topP: "0.95" },
};

const FALLBACK_DEFAULTS = { maxTokens: "1024", temperature: "0.7", topP: "" };

/** A model the backend has not described (not listed): every control offered, no limit. */
function unknown(invokeId: string): ModelControls {
  return {
    family: stripGeoPrefix(invokeId).split(".")[0] ?? "other",
    systemPrompt: true,
    stopSequences: true,
    topK: null,
    reasoningBudget: false,
    maxOutputTokens: null,
    toolUse: true,
    toolsWithoutStreaming: false,
    defaults: FALLBACK_DEFAULTS,
  };
}

export function controlsOf(caps: ModelCapabilities, invokeId = ""): ModelControls {
  const family = caps.family ? familyLabel(caps.family) : unknown(invokeId).family;
  const defaults = (caps.family && DEFAULTS[caps.family]) ?? FALLBACK_DEFAULTS;
  const limit = caps.maxOutputTokens;
  return {
    family,
    systemPrompt: caps.systemPrompt,
    stopSequences: caps.stopSequences,
    topK: caps.topKPath,
    reasoningBudget: caps.reasoning === "claudeBudget",
    maxOutputTokens: limit,
    toolUse: caps.toolUse,
    toolsWithoutStreaming: caps.toolUse && !(caps.streaming && caps.streamingToolUse),
    defaults: limit !== null && Number(defaults.maxTokens) > limit ? { ...defaults, maxTokens: String(limit) } : defaults,
  };
}

/** The controls of a model by invoke ID (reactive: listed models fill them in). */
export function controlsFor(invokeId: string): ModelControls {
  const caps = capabilitiesOf(invokeId);
  return caps ? controlsOf(caps, invokeId) : unknown(invokeId);
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
  const thinking = reasoningBudget !== null && controls.reasoningBudget;
  // Thinking refuses top-k.
  if (topK !== null && controls.topK && !thinking) setPath(fields, controls.topK, topK);
  if (thinking) {
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
