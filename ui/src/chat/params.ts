// Inference parameters as typed in the form, checked before anything is sent.
import type { InferenceParams } from "../bindings";
import { MIN_REASONING_BUDGET, parseAdditionalFields, type AdditionalFields, type ModelControls } from "../models";

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

/** Why a control is off for this model and these settings, by field; absent when it is on. */
export type DisabledControls = Partial<Record<"temperature" | "topP" | "topK" | "stopSequences", string>>;

/** Extended thinking is on: a reasoning budget is set on a model that thinks. */
export function thinkingOn(form: ParamsForm, controls: ModelControls): boolean {
  return controls.reasoningBudget && form.reasoningBudget.trim() !== "";
}

export function disabledControls(form: ParamsForm, controls: ModelControls): DisabledControls {
  const disabled: DisabledControls = {};
  if (!controls.stopSequences) disabled.stopSequences = `${controls.family} takes no stop sequences`;
  if (thinkingOn(form, controls)) {
    disabled.temperature = "Thinking runs at temperature 1: not sent.";
    disabled.topP = "Thinking takes no top P: not sent.";
    disabled.topK = "Thinking takes no top K: not sent.";
  }
  return disabled;
}

/** What the model refuses in the form, before anything is sent (the backend checks the same). */
export function modelErrors(form: ParamsForm, controls: ModelControls): ParamErrors {
  const errors: ParamErrors = {};
  const maxTokens = Number(form.maxTokens.trim());
  const limit = controls.maxOutputTokens;
  if (limit !== null && form.maxTokens.trim() !== "" && maxTokens > limit) {
    errors.maxTokens = `This model gives at most ${limit} output tokens.`;
  }
  if (thinkingOn(form, controls)) {
    const budget = Number(form.reasoningBudget.trim());
    if (form.maxTokens.trim() === "" || (Number.isFinite(budget) && maxTokens <= budget)) {
      errors.maxTokens = `Max tokens must be above the reasoning budget (${form.reasoningBudget.trim()}): thinking counts towards it.`;
    }
  }
  return errors;
}

/** The form after a new reasoning budget: max tokens raised above it when needed (within the limit). */
export function withReasoningBudget(form: ParamsForm, budget: string, controls: ModelControls): ParamsForm {
  const next = { ...form, reasoningBudget: budget };
  const value = Number(budget.trim());
  if (budget.trim() === "" || !Number.isInteger(value) || value < MIN_REASONING_BUDGET) return next;
  const max = Number(form.maxTokens.trim());
  if (form.maxTokens.trim() !== "" && max > value) return next;
  const wanted = value + 1024;
  const limit = controls.maxOutputTokens;
  return { ...next, maxTokens: String(limit === null ? wanted : Math.min(wanted, limit)) };
}

/** The form with max tokens lowered to the model's limit; `null` when it already fits. */
export function clampedToModel(form: ParamsForm, controls: ModelControls): ParamsForm | null {
  const limit = controls.maxOutputTokens;
  const max = Number(form.maxTokens.trim());
  if (limit === null || form.maxTokens.trim() === "" || !Number.isFinite(max) || max <= limit) return null;
  return { ...form, maxTokens: String(limit) };
}

export function parseParams(
  form: ParamsForm,
  controls?: ModelControls,
): { params: InferenceParams; extra: ExtraParams; errors: ParamErrors } {
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
    errors.stopSequences = `Bedrock takes at most ${MAX_STOP_SEQUENCES} stop sequences.`;
  }
  if (controls === undefined) {
    return {
      params: { maxTokens: maxTokens.value, temperature: temperature.value, topP: topP.value, stopSequences },
      extra: { topK: topK.value, reasoningBudget: budget.value, additional: additional.fields },
      errors,
    };
  }
  const off = disabledControls(form, controls);
  // A control that is off is not sent, so what it holds cannot be wrong.
  const checked = Object.fromEntries(Object.entries(errors).filter(([key]) => !(key in off))) as ParamErrors;
  return {
    params: {
      maxTokens: maxTokens.value,
      temperature: off.temperature ? null : temperature.value,
      topP: off.topP ? null : topP.value,
      stopSequences: off.stopSequences ? [] : stopSequences,
    },
    extra: {
      topK: off.topK ? null : topK.value,
      reasoningBudget: controls.reasoningBudget ? budget.value : null,
      additional: additional.fields,
    },
    errors: { ...modelErrors(form, controls), ...checked },
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
