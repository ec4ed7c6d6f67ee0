import { For, Show } from "solid-js";
import type { ModelOption } from "../bindings";
import type { Session } from "../state/session";

function byProvider(models: readonly ModelOption[]): [string, ModelOption[]][] {
  const groups = new Map<string, ModelOption[]>();
  for (const model of models) {
    const group = groups.get(model.provider) ?? [];
    group.push(model);
    groups.set(model.provider, group);
  }
  return [...groups.entries()];
}

export function ModelPicker(props: { session: Session }) {
  const selected = () => props.session.selectedModel();
  return (
    <section class="field">
      <div class="label-row">
        <label for="model-picker">Model</label>
        <button
          class="link"
          onClick={() => void props.session.refreshModels()}
          disabled={props.session.modelsLoading()}
          title="List the models again"
        >
          {props.session.modelsLoading() ? "Loading…" : "Refresh"}
        </button>
      </div>
      <select
        id="model-picker"
        data-testid="model-picker"
        onChange={(e) => props.session.setModelId(e.currentTarget.value)}
        disabled={props.session.models().length === 0}
      >
        <For each={byProvider(props.session.models())}>
          {([provider, models]) => (
            <optgroup label={provider}>
              <For each={models}>
                {(model) => (
                  <option value={model.invokeId} selected={model.invokeId === props.session.modelId()}>
                    {model.name}
                    {model.lifecycle === "LEGACY" ? " (legacy)" : ""}
                  </option>
                )}
              </For>
            </optgroup>
          )}
        </For>
      </select>
      <Show when={selected()}>
        {(model) => (
          <div class="model-facts" data-testid="model-facts">
            <code>{model().invokeId}</code>
            <span>{model().inputModalities.join(" + ").toLowerCase()} → text</span>
            <Show when={!model().streaming}>
              <span class="warn">no streaming</span>
            </Show>
            <Show when={model().inferenceProfile}>
              <span>via inference profile (no on-demand throughput)</span>
            </Show>
          </div>
        )}
      </Show>
      <Show when={props.session.backendError()}>
        {(error) => (
          <div class="inline-error" data-testid="models-error">
            <strong>{error().message}</strong>
            <span>{error().hint}</span>
          </div>
        )}
      </Show>
    </section>
  );
}
