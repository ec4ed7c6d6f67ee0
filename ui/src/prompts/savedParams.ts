// A prompt version's parameters as saved and read back: every field of the chat's form (top K,
// reasoning budget and additional fields too), so "Use" gives back exactly what was saved.
import { defaultParamsForm, formOfParams, parseParams, type ParamsForm } from "../chat";
import type { InferenceParams } from "../bindings";

interface SavedParams extends Partial<InferenceParams> {
  topK?: number | null;
  reasoningBudget?: number | null;
  additionalModelRequestFields?: Record<string, unknown> | null;
}

/** The form as the JSON a prompt version keeps (numbers as numbers, empty fields as null). */
export function paramsJsonOf(form: ParamsForm): string {
  const { params, extra } = parseParams(form);
  const saved: SavedParams = {
    ...params,
    topK: extra.topK,
    reasoningBudget: extra.reasoningBudget,
    additionalModelRequestFields: extra.additional,
  };
  return JSON.stringify(saved);
}

const text = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

/** The form a saved version's parameters show; older versions without the extra fields read too. Throws on bad JSON. */
export function formOfParamsJson(json: string): ParamsForm {
  const saved = JSON.parse(json) as SavedParams | null;
  if (saved === null || typeof saved !== "object") return { ...defaultParamsForm };
  return {
    ...formOfParams(saved),
    topK: text(saved.topK),
    reasoningBudget: text(saved.reasoningBudget),
    additionalJson: saved.additionalModelRequestFields ? JSON.stringify(saved.additionalModelRequestFields) : "",
  };
}
