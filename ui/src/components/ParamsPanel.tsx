import { createSignal, For, Show } from "solid-js";
import { controlsFor } from "../lib/modelControls";
import { addStopSequence, defaultParamsForm, showStopSequence, type ParamsForm } from "../lib/params";
import type { Session } from "../state/session";

type NumberField = "maxTokens" | "temperature" | "topP" | "topK" | "reasoningBudget";

const numberFields: { key: NumberField; label: string; step: string; placeholder: string }[] = [
  { key: "maxTokens", label: "Max tokens", step: "1", placeholder: "default" },
  { key: "temperature", label: "Temperature", step: "0.05", placeholder: "default" },
  { key: "topP", label: "Top P", step: "0.05", placeholder: "default" },
  { key: "topK", label: "Top K", step: "1", placeholder: "default" },
  { key: "reasoningBudget", label: "Reasoning budget", step: "256", placeholder: "off" },
];

export function ParamsPanel(props: { session: Session }) {
  const [stopDraft, setStopDraft] = createSignal("");
  const form = () => props.session.paramsForm();
  const controls = () => controlsFor(props.session.modelId());
  const shown = (key: NumberField) =>
    (key !== "topK" || controls().topK !== null) && (key !== "reasoningBudget" || controls().reasoningBudget);
  const update = (patch: Partial<ParamsForm>) => props.session.setParamsForm({ ...form(), ...patch });
  const commitStop = () => {
    update({ stopSequences: addStopSequence(form().stopSequences, stopDraft()) });
    setStopDraft("");
  };
  return (
    <section class="params">
      <div class="label-row param-wide">
        <h3>Inference parameters</h3>
        <button
          class="link"
          data-testid="reset-params"
          title={`Defaults for ${controls().family}`}
          onClick={() => props.session.setParamsForm({ ...defaultParamsForm, ...controls().defaults })}
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
              placeholder={field.placeholder}
              value={form()[field.key]}
              classList={{ invalid: props.session.paramErrors()[field.key] !== undefined }}
              onInput={(e) => update({ [field.key]: e.currentTarget.value })}
            />
            <Show when={props.session.paramErrors()[field.key]}>
              {(message) => <p class="field-error">{message()}</p>}
            </Show>
          </div>
        )}
      </For>
      <div class="param param-wide">
        <label for="stop-sequence">Stop sequences</label>
        <div class="chips" data-testid="stop-sequences">
          <For each={form().stopSequences}>
            {(value) => (
              <span class="chip">
                <code>{showStopSequence(value)}</code>
                <button
                  class="chip-remove"
                  title="Remove"
                  onClick={() => update({ stopSequences: form().stopSequences.filter((s) => s !== value) })}
                >
                  ×
                </button>
              </span>
            )}
          </For>
        </div>
        <input
          id="stop-sequence"
          data-testid="stop-sequence-input"
          disabled={!controls().stopSequences}
          placeholder={controls().stopSequences ? "Type, then Enter (\\n for newline)" : `${controls().family} takes no stop sequences`}
          value={stopDraft()}
          onInput={(e) => setStopDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commitStop();
            }
          }}
        />
        <Show when={props.session.paramErrors().stopSequences}>
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
          classList={{ invalid: props.session.paramErrors().additionalJson !== undefined, code: true }}
          value={form().additionalJson}
          onInput={(e) => update({ additionalJson: e.currentTarget.value })}
        />
        <Show when={props.session.paramErrors().additionalJson}>
          {(message) => <p class="field-error">{message()}</p>}
        </Show>
      </div>
    </section>
  );
}
