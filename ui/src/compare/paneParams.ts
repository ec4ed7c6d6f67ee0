// A compare pane's parameters under the chat's rules for the pane's model: what is sent, what
// is off and why, what to fix. Panes of different families sit side by side, so a control the
// model lacks stays in view, disabled with its reason, instead of disappearing.
import type { InferenceParams } from "../bindings";
import { disabledControls, parseParams, type ParamErrors, type ParamsForm } from "../chat";
import { additionalFieldsJson, controlsFor, type ModelControls } from "../models";

export type PaneControl = "temperature" | "topP" | "topK" | "reasoningBudget" | "stopSequences";

/** Why a control is off for this pane's model and settings, by control; absent when it is on. */
export function paneDisabled(form: ParamsForm, controls: ModelControls): Partial<Record<PaneControl, string>> {
  const off: Partial<Record<PaneControl, string>> = disabledControls(form, controls);
  if (controls.topK === null) off.topK = `${controls.family} takes no top K: not sent.`;
  if (!controls.reasoningBudget) off.reasoningBudget = `${controls.family} takes no reasoning budget: not sent.`;
  return off;
}

export interface PaneRequest {
  params: InferenceParams;
  additionalFieldsJson: string | null;
  /** What to fix before sending; a control that is off is not sent, so it cannot be wrong. */
  errors: ParamErrors;
}

export function paneRequest(form: ParamsForm, modelId: string): PaneRequest {
  const controls = controlsFor(modelId);
  const { params, extra, errors } = parseParams(form, controls);
  const off = paneDisabled(form, controls);
  const checked = Object.fromEntries(Object.entries(errors).filter(([key]) => !(key in off))) as ParamErrors;
  return { params, additionalFieldsJson: additionalFieldsJson(modelId, extra), errors: checked };
}
