import { For, Show } from "solid-js";
import { ErrorCard } from "../shared/ErrorCard";
import { groupModels, modelFacts } from "./catalogue";
import { onlyChosen, withChosen } from "./pickerGroups";
import type { Catalogue } from "./store";

/** The catalogue's models to choose from; `note` is shown under the chosen model's facts. */
export function ModelPicker(props: {
  catalogue: Catalogue;
  modelId: () => string;
  onChoose: (invokeId: string) => void;
  note?: () => string | null;
}) {
  const selected = () => props.catalogue.find(props.modelId());
  // The chosen model stays listed and selected whatever the search: what is shown is what is sent.
  const groups = () =>
    withChosen(groupModels(props.catalogue.models(), props.catalogue.modelQuery(), props.catalogue.favourites()), selected());
  const starred = () => {
    const model = selected();
    return model !== undefined && props.catalogue.favourites().has(model.modelId);
  };
  return (
    <section class="field">
      <div class="label-row">
        <label for="model-picker">Model</label>
        <button
          class="link"
          data-testid="refresh-models"
          onClick={() => void props.catalogue.refreshModels()}
          disabled={props.catalogue.modelsLoading()}
          title="List the models again from Bedrock"
        >
          {props.catalogue.modelsLoading() ? "Loading…" : "Refresh"}
        </button>
      </div>
      <input
        type="search"
        data-testid="model-search"
        placeholder="Search models (name, provider, ID)"
        value={props.catalogue.modelQuery()}
        onInput={(e) => props.catalogue.setModelQuery(e.currentTarget.value)}
      />
      <div class="picker-row">
        <select
          id="model-picker"
          data-testid="model-picker"
          onChange={(e) => {
            props.onChoose(e.currentTarget.value);
          }}
          disabled={props.catalogue.models().length === 0}
        >
          <Show when={props.catalogue.modelsLoading()}>
            <option value="" disabled selected={selected() === undefined}>
              Loading models…
            </option>
          </Show>
          <Show when={!props.catalogue.modelsLoading() && groups().length === 0}>
            <option value="" disabled selected>
              No model matches
            </option>
          </Show>
          <For each={groups()}>
            {(group) => (
              <optgroup label={group.label}>
                <For each={group.models}>
                  {(model) => (
                    <option value={model.invokeId} selected={model.invokeId === props.modelId()}>
                      {model.name}
                      {model.lifecycle === "LEGACY" ? " (legacy)" : ""}
                    </option>
                  )}
                </For>
              </optgroup>
            )}
          </For>
          <Show when={onlyChosen(groups()) && props.catalogue.modelQuery().trim() !== ""}>
            <option value="" disabled>
              No other model matches
            </option>
          </Show>
        </select>
        <button
          class="star"
          classList={{ on: starred() }}
          aria-pressed={starred()}
          aria-label="Favourite"
          data-testid="favourite"
          disabled={selected() === undefined}
          title={starred() ? "Remove from favourites" : "Add to favourites"}
          onClick={() => {
            const model = selected();
            if (model) void props.catalogue.toggleFavourite(model.modelId);
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
      <Show when={props.note?.()}>
        {(note) => (
          <p class="muted tools-note" data-testid="tools-note">
            {note()}
          </p>
        )}
      </Show>
      <Show when={props.catalogue.catalogue()}>
        {(catalogue) => (
          <p class="muted catalogue-origin" data-testid="catalogue-origin" data-origin={catalogue().origin}>
            {catalogue().models.length} models in {catalogue().region} ·{" "}
            {catalogue().origin === "offline" ? "offline list (not checked)" : catalogue().origin}
          </p>
        )}
      </Show>
      <Show when={props.catalogue.catalogue()?.warning}>{(warning) => <ErrorCard error={warning()} testId="catalogue-warning" />}</Show>
      <Show when={props.catalogue.backendError()}>{(error) => <ErrorCard error={error()} testId="models-error" />}</Show>
    </section>
  );
}
