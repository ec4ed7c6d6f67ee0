import { For, Show } from "solid-js";
import { defaultParamsForm, StopSequencesField, withReasoningBudget, type ParamsForm } from "../chat";
import { controlsFor } from "../models";
import { paneDisabled, paneRequest, type PaneControl } from "./paneParams";
import type { Pane } from "./store";
import "./compare.css";

type NumberField = "maxTokens" | "temperature" | "topP" | "topK" | "reasoningBudget";

const numberFields: { key: NumberField; label: string; step: string; placeholder: string; testId: string }[] = [
  { key: "maxTokens", label: "Max tokens", step: "1", placeholder: "default", testId: "pane-max-tokens" },
  { key: "temperature", label: "Temperature", step: "0.05", placeholder: "default", testId: "pane-temperature" },
  { key: "topP", label: "Top P", step: "0.05", placeholder: "default", testId: "pane-top-p" },
  { key: "topK", label: "Top K", step: "1", placeholder: "default", testId: "pane-top-k" },
  { key: "reasoningBudget", label: "Reasoning", step: "256", placeholder: "off", testId: "pane-reasoning-budget" },
];

/** Every parameter the chat takes, for one pane's model: what the model lacks is off, and says why. */
export function PaneParams(props: { pane: Pane; disabled: boolean }) {
  const pane = props.pane;
  const form = () => pane.params();
  const controls = () => controlsFor(pane.modelId());
  const off = () => paneDisabled(form(), controls());
  const errors = () => paneRequest(form(), pane.modelId()).errors;
  const update = (patch: Partial<ParamsForm>) => {
    pane.setParams({ ...form(), ...patch });
  };
  const input = (key: NumberField, value: string) => {
    if (key === "reasoningBudget") pane.setParams(withReasoningBudget(form(), value, controls()));
    else update({ [key]: value });
  };
  const reason = (key: NumberField) => (key === "maxTokens" ? undefined : off()[key as PaneControl]);
  const id = (field: string) => `pane-${pane.id}-${field}`;
  /** One line per control that is off or wrong, each named by the input it explains. */
  const notes = () =>
    numberFields.flatMap((field) => {
      const text = errors()[field.key] ?? reason(field.key);
      return text === undefined ? [] : [{ field, text, error: errors()[field.key] !== undefined }];
    });
  return (
    <fieldset class="pane-param-set" data-testid="pane-params" disabled={props.disabled}>
      <legend class="visually-hidden">Parameters for {pane.modelId()}</legend>
      <div class="pane-param-grid">
        <For each={numberFields}>
          {(field) => (
            <div class="pane-param">
              <label for={id(field.key)}>{field.label}</label>
              <input
                id={id(field.key)}
                data-testid={field.testId}
                type="number"
                step={field.step}
                min="0"
                max={field.key === "maxTokens" ? (controls().maxOutputTokens ?? undefined) : undefined}
                placeholder={reason(field.key) ? "not sent" : field.placeholder}
                value={form()[field.key]}
                disabled={reason(field.key) !== undefined}
                title={reason(field.key) ?? (field.key === "maxTokens" && controls().maxOutputTokens ? `Up to ${controls().maxOutputTokens} for this model` : undefined)}
                aria-invalid={errors()[field.key] !== undefined}
                aria-describedby={notes().some((note) => note.field === field) ? id(`${field.key}-note`) : undefined}
                classList={{ invalid: errors()[field.key] !== undefined }}
                onInput={(e) => {
                  input(field.key, e.currentTarget.value);
                }}
              />
            </div>
          )}
        </For>
      </div>
      <Show when={notes().length > 0}>
        <ul class="pane-param-notes">
          <For each={notes()}>
            {(note) => (
              <li id={id(`${note.field.key}-note`)} classList={{ "field-error": note.error, muted: !note.error }} data-testid={`${note.field.testId}-note`}>
                {note.field.label}: {note.text}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <details class="pane-param-more">
        <summary data-testid="pane-more-params">
          Stop sequences and additional fields
          <Show when={form().stopSequences.length > 0 || form().additionalJson.trim() !== ""}>
            <span class="muted"> · set</span>
          </Show>
        </summary>
        <div class="pane-param">
          <label for={id("stop")}>Stop sequences</label>
          <StopSequencesField
            inputId={id("stop")}
            chipsTestId="pane-stop-sequences"
            inputTestId="pane-stop-input"
            values={form().stopSequences}
            disabledReason={off().stopSequences}
            onChange={(stopSequences) => {
              update({ stopSequences });
            }}
          />
          <Show when={errors().stopSequences}>{(message) => <p class="field-error">{message()}</p>}</Show>
        </div>
        <div class="pane-param">
          <label for={id("additional")}>additionalModelRequestFields (JSON)</label>
          <textarea
            id={id("additional")}
            data-testid="pane-additional-fields"
            rows={2}
            spellcheck={false}
            placeholder="{}"
            classList={{ invalid: errors().additionalJson !== undefined, code: true }}
            value={form().additionalJson}
            onInput={(e) => {
              update({ additionalJson: e.currentTarget.value });
            }}
          />
          <Show when={errors().additionalJson}>{(message) => <p class="field-error">{message()}</p>}</Show>
        </div>
        <button
          class="link"
          data-testid="pane-reset-params"
          onClick={() => {
            pane.setParams({ ...defaultParamsForm, ...controls().defaults });
          }}
        >
          Reset to the defaults for {controls().family}
        </button>
      </details>
    </fieldset>
  );
}
