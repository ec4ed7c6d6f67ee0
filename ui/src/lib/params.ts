// Inference parameters as typed in the form, checked before anything is sent.
import type { InferenceParams } from "../bindings";
import { parseAdditionalFields, type AdditionalFields } from "./modelControls";

export interface ParamsForm {
  maxTokens: string;
  temperature: string;
  topP: string;
  stopSequences: string[];
  /** Sent in additionalModelRequestFields, where the model's family takes it. */
  topK: string;
  reasoningBudget: string;
  /** The additionalModelRequestFields JSON editor's text. */
  additionalJson: string;
}

export type ParamErrors = Partial<Record<keyof ParamsForm, string>>;

export const defaultParamsForm: ParamsForm = {
  maxTokens: "1024",
  temperature: "0.7",
  topP: "",
  stopSequences: [],
  topK: "",
  reasoningBudget: "",
  additionalJson: "",
};

const MAX_STOP_SEQUENCES = 4;

function parseNumber(
  raw: string,
  check: (n: number) => boolean,
  message: string,
): { value: number | null; error?: string } {
  const text = raw.trim();
  if (text === "") return { value: null };
  const value = Number(text);
  return Number.isFinite(value) && check(value) ? { value } : { value: null, error: message };
}

/** The params to send, or what to fix; an empty field means the model's default. */
export interface ExtraParams {
  topK: number | null;
  reasoningBudget: number | null;
  additional: AdditionalFields | null;
}

export function parseParams(form: ParamsForm): { params: InferenceParams; extra: ExtraParams; errors: ParamErrors } {
  const errors: ParamErrors = {};
  const maxTokens = parseNumber(
    form.maxTokens,
    (n) => Number.isInteger(n) && n >= 1 && n <= 1_000_000,
    "Max tokens is a whole number of at least 1 (leave empty for the model's default).",
  );
  const temperature = parseNumber(
    form.temperature,
    (n) => n >= 0 && n <= 1,
    "Temperature is between 0 and 1.",
  );
  const topP = parseNumber(form.topP, (n) => n >= 0 && n <= 1, "Top P is between 0 and 1.");
  const topK = parseNumber(form.topK, (n) => Number.isInteger(n) && n >= 1 && n <= 500, "Top K is a whole number from 1 to 500.");
  const budget = parseNumber(
    form.reasoningBudget,
    (n) => Number.isInteger(n) && n >= 1024,
    "The reasoning budget is at least 1024 tokens (and below max tokens).",
  );
  const additional = parseAdditionalFields(form.additionalJson);
  if (topK.error) errors.topK = topK.error;
  if (budget.error) errors.reasoningBudget = budget.error;
  if (additional.error) errors.additionalJson = additional.error;
  if (maxTokens.error) errors.maxTokens = maxTokens.error;
  if (temperature.error) errors.temperature = temperature.error;
  if (topP.error) errors.topP = topP.error;
  const stopSequences = form.stopSequences.filter((s) => s !== "");
  if (stopSequences.length > MAX_STOP_SEQUENCES) {
    errors.stopSequences = `Most models take at most ${MAX_STOP_SEQUENCES} stop sequences.`;
  }
  return {
    params: {
      maxTokens: maxTokens.value,
      temperature: temperature.value,
      topP: topP.value,
      stopSequences,
    },
    extra: { topK: topK.value, reasoningBudget: budget.value, additional: additional.fields },
    errors,
  };
}

/** Add a stop sequence typed by the user; escapes like \n become the real characters. */
export function addStopSequence(list: readonly string[], typed: string): string[] {
  const value = typed.replace(/\\n/g, "\n").replace(/\\t/g, "\t");
  if (value === "" || list.includes(value)) return [...list];
  return [...list, value];
}

/** How a stop sequence is shown on its chip: invisible characters made visible. */
export function showStopSequence(value: string): string {
  return value.replace(/\n/g, "\\n").replace(/\t/g, "\\t");
}

/** The form showing `params` again (e.g. of a run reopened from history). */
export function formOfParams(params: Partial<InferenceParams> | undefined): ParamsForm {
  const text = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));
  return {
    ...defaultParamsForm,
    maxTokens: text(params?.maxTokens),
    temperature: text(params?.temperature),
    topP: text(params?.topP),
    stopSequences: params?.stopSequences ?? [],
  };
}
