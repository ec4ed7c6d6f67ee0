import { For, Show } from "solid-js";
import { groupModels, modelFacts } from "../lib/catalogue";
import { controlsFor } from "../lib/modelControls";
import type { Session } from "../state/session";

export function ModelPicker(props: { session: Session }) {
  const selected = () => props.session.selectedModel();
  const groups = () =>
    groupModels(props.session.models(), props.session.modelQuery(), props.session.favourites());
  const starred = () => {
    const model = selected();
    return model !== undefined && props.session.favourites().has(model.modelId);
  };
  const toolNote = () => {
    const controls = controlsFor(props.session.modelId());
    if (props.session.toolsJson().trim() === "") return null;
    if (!controls.toolUse) return "This model takes no tools through Converse: clear the Tools editor to send.";
    if (controls.toolsWithoutStreaming) return "With tools, this model answers through Converse: the reply arrives whole, not streamed.";
    return null;
  };
  return (
    <section class="field">
      <div class="label-row">
        <label for="model-picker">Model</label>
        <button
          class="link"
          data-testid="refresh-models"
          onClick={() => void props.session.refreshModels()}
          disabled={props.session.modelsLoading()}
          title="List the models again from Bedrock"
        >
          {props.session.modelsLoading() ? "Loading…" : "Refresh"}
        </button>
      </div>
      <input
        type="search"
        data-testid="model-search"
        placeholder="Search models (name, provider, ID)"
        value={props.session.modelQuery()}
        onInput={(e) => props.session.setModelQuery(e.currentTarget.value)}
      />
      <div class="picker-row">
        <select
          id="model-picker"
          data-testid="model-picker"
          onChange={(e) => props.session.setModelId(e.currentTarget.value)}
          disabled={props.session.models().length === 0}
        >
          <Show when={groups().length === 0}>
            <option value="" disabled selected>
              No model matches
            </option>
          </Show>
          <For each={groups()}>
            {(group) => (
              <optgroup label={group.label}>
                <For each={group.models}>
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
        <button
          class="star"
          classList={{ on: starred() }}
          data-testid="favourite"
          disabled={selected() === undefined}
          title={starred() ? "Remove from favourites" : "Add to favourites"}
          onClick={() => {
            const model = selected();
            if (model) void props.session.toggleFavourite(model.modelId);
          }}
        >
          {starred() ? "★" : "☆"}
        </button>
      </div>
      <Show when={selected()}>
        {(model) => (
          <div class="model-facts" data-testid="model-facts">
            <span class="provider">{model().provider}</span>
            <code>{model().invokeId}</code>
            <For each={modelFacts(model())}>{(fact) => <span>{fact}</span>}</For>
          </div>
        )}
      </Show>
      <Show when={toolNote()}>
        {(note) => (
          <p class="muted tools-note" data-testid="tools-note">
            {note()}
          </p>
        )}
      </Show>
      <Show when={props.session.catalogue()}>
        {(catalogue) => (
          <p class="muted catalogue-origin" data-testid="catalogue-origin" data-origin={catalogue().origin}>
            {catalogue().models.length} models in {catalogue().region} ·{" "}
            {catalogue().origin === "offline" ? "offline list (not checked)" : catalogue().origin}
          </p>
        )}
      </Show>
      <Show when={props.session.catalogue()?.warning}>
        {(warning) => (
          <div class="inline-error warning" data-testid="catalogue-warning">
            <strong>{warning().message}</strong>
            <span>{warning().hint}</span>
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
