import { createEffect, createSignal, For, on, Show } from "solid-js";
import { controlsFor } from "../models";
import {
  clampedToModel,
  defaultParamsForm,
  disabledControls,
  modelErrors,
  withReasoningBudget,
  type ParamsForm,
} from "./params";
import { StopSequencesField } from "./StopSequencesField";
import type { Chat } from "./store";

type NumberField = "maxTokens" | "temperature" | "topP" | "topK" | "reasoningBudget";

const numberFields: { key: NumberField; label: string; step: string; placeholder: string }[] = [
  { key: "maxTokens", label: "Max tokens", step: "1", placeholder: "default" },
  { key: "temperature", label: "Temperature", step: "0.05", placeholder: "default" },
  { key: "topP", label: "Top P", step: "0.05", placeholder: "default" },
  { key: "topK", label: "Top K", step: "1", placeholder: "default" },
  { key: "reasoningBudget", label: "Reasoning budget", step: "256", placeholder: "off" },
];

export function ParamsPanel(props: { chat: Chat }) {
  const [clampNote, setClampNote] = createSignal<string | null>(null);
  const form = () => props.chat.paramsForm();
  const controls = () => controlsFor(props.chat.modelId());
  const off = () => disabledControls(form(), controls());
  const errors = () => ({ ...modelErrors(form(), controls()), ...props.chat.paramErrors() });
  const shown = (key: NumberField) =>
    (key !== "topK" || controls().topK !== null) && (key !== "reasoningBudget" || controls().reasoningBudget);
  const update = (patch: Partial<ParamsForm>) => props.chat.setParamsForm({ ...form(), ...patch });
  const input = (key: NumberField, value: string) => {
    setClampNote(null);
    if (key === "reasoningBudget") props.chat.setParamsForm(withReasoningBudget(form(), value, controls()));
    else update({ [key]: value });
  };
  // A model with a lower output limit lowers max tokens to it, and says so.
  createEffect(
    on(controls, (current) => {
      const clamped = clampedToModel(form(), current);
      if (clamped === null) return;
      props.chat.setParamsForm(clamped);
      setClampNote(`Max tokens lowered to ${clamped.maxTokens}, this model's limit.`);
    }),
  );
  const reason = (key: NumberField) => (key === "temperature" || key === "topP" || key === "topK" ? off()[key] : undefined);
  return (
    <section class="params">
      <div class="label-row param-wide">
        <h2>Inference parameters</h2>
        <button
          class="link"
          data-testid="reset-params"
          title={`Defaults for ${controls().family}`}
          onClick={() => props.chat.setParamsForm({ ...defaultParamsForm, ...controls().defaults })}
        >
          Reset
        </button>
      </div>
      <For each={numberFields.filter((field) => shown(field.key))}>
        {(field) => (
          <div class="param">
            <label for={`param-${field.key}`}>{field.label}</label>
            <input
              id={`param-${field.key}`}
              data-testid={`param-${field.key}`}
              type="number"
              step={field.step}
              min="0"
              max={field.key === "maxTokens" ? (controls().maxOutputTokens ?? undefined) : undefined}
              placeholder={field.placeholder}
              value={form()[field.key]}
              disabled={reason(field.key) !== undefined}
              title={reason(field.key)}
              classList={{ invalid: errors()[field.key] !== undefined }}
              onInput={(e) => {
                input(field.key, e.currentTarget.value);
              }}
            />
            <Show when={reason(field.key)}>
              {(why) => (
                <p class="muted field-note" style={{ "font-size": "12px", margin: "0" }} data-testid={`param-${field.key}-reason`}>
                  {why()}
                </p>
              )}
            </Show>
            <Show when={field.key === "maxTokens" && controls().maxOutputTokens}>
              {(limit) => (
                <p class="muted field-note" style={{ "font-size": "12px", margin: "0" }} data-testid="max-tokens-limit">
                  {clampNote() ?? `Up to ${limit()} for this model.`}
                </p>
              )}
            </Show>
            <Show when={errors()[field.key]}>
              {(message) => <p class="field-error">{message()}</p>}
            </Show>
          </div>
        )}
      </For>
      <div class="param param-wide">
        <label for="stop-sequence">Stop sequences</label>
        <StopSequencesField
          inputId="stop-sequence"
          chipsTestId="stop-sequences"
          inputTestId="stop-sequence-input"
          values={form().stopSequences}
          disabledReason={off().stopSequences}
          onChange={(stopSequences) => {
            update({ stopSequences });
          }}
        />
        <Show when={off().stopSequences !== undefined && form().stopSequences.length > 0}>
          <p class="muted field-note" style={{ "font-size": "12px", margin: "0" }} data-testid="stop-sequences-reason">
            Not sent: {off().stopSequences}.
          </p>
        </Show>
        <Show when={errors().stopSequences}>
          {(message) => <p class="field-error">{message()}</p>}
        </Show>
      </div>
      <div class="param param-wide">
        <label for="additional-fields">additionalModelRequestFields (JSON)</label>
        <textarea
          id="additional-fields"
          data-testid="additional-fields"
          rows={3}
          spellcheck={false}
          placeholder={controls().topK ? `{"${controls().topK?.join(".") ?? ""}": 50}` : "{}"}
          classList={{ invalid: errors().additionalJson !== undefined, code: true }}
          value={form().additionalJson}
          onInput={(e) => update({ additionalJson: e.currentTarget.value })}
        />
        <Show when={errors().additionalJson}>
          {(message) => <p class="field-error">{message()}</p>}
        </Show>
      </div>
    </section>
  );
}
