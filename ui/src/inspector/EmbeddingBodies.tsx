import { createEffect, createSignal, For, on, Show } from "solid-js";
import * as api from "../shared/api";
import { ErrorCard } from "../shared/ErrorCard";
import type { AppError } from "../shared/errors";
import { JsonView } from "./JsonView";

const MODELS = ["amazon.titan-embed-text-v1", "amazon.titan-embed-text-v2:0", "cohere.embed-english-v3"];

/** The embeddings bodies of Titan v1/v2 and Cohere for the message being written. */
export function EmbeddingBodies(props: { text: string }) {
  const [model, setModel] = createSignal(MODELS[1] ?? "");
  const [body, setBody] = createSignal("");
  const [error, setError] = createSignal<AppError | null>(null);
  createEffect(
    on([model, () => props.text], async () => {
      const result = await api.embeddingPreview(model(), props.text === "" ? "Hello!" : props.text);
      setBody(result.ok ? result.value : "");
      setError(result.ok ? null : result.error);
    }),
  );
  return (
    <details class="snippets">
      <summary>Embeddings bodies (InvokeModel)</summary>
      <div class="segmented" role="group" aria-label="Embedding model">
        <For each={MODELS}>
          {(id) => (
            <button classList={{ on: model() === id }} aria-pressed={model() === id} data-testid="embedding-model" onClick={() => setModel(id)}>
              {id}
            </button>
          )}
        </For>
      </div>
      <Show when={error()}>{(failure) => <ErrorCard error={failure()} testId="embedding-body-error" />}</Show>
      <JsonView text={body()} label="Embedding request body" testId="embedding-body" />
    </details>
  );
}
