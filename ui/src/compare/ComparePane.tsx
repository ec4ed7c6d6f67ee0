import { createEffect, For, on, Show } from "solid-js";
import { clampedToModel } from "../chat";
import { controlsFor, estimateCost, formatCost, type Catalogue } from "../models";
import { ErrorCard } from "../shared/ErrorCard";
import { formatDuration } from "../shared/format";
import { Markdown } from "../shared/Markdown";
import { PaneParams } from "./PaneParams";
import type { Pane } from "./store";

export function ComparePane(props: {
  pane: Pane;
  /** The pane's place, from 1, for the names screen readers give its controls. */
  position: number;
  catalogue: Pick<Catalogue, "models" | "prices">;
  canRemove: boolean;
  onRemove: () => void;
}) {
  const pane = props.pane;
  const lastReply = () => pane.conversation.exchanges().at(-1)?.reply();
  const controls = () => controlsFor(pane.modelId());
  // Another model with a lower output limit lowers max tokens to it.
  createEffect(
    on(controls, (current) => {
      const clamped = clampedToModel(pane.params(), current);
      if (clamped !== null) pane.setParams(clamped);
    }),
  );
  return (
    <section class="pane" data-testid="compare-pane" data-model={pane.modelId()} aria-label={`Pane ${props.position}`}>
      <header class="pane-head">
        <select
          data-testid="pane-model"
          aria-label={`Model of pane ${props.position}`}
          onChange={(e) => { pane.setModelId(e.currentTarget.value); }}
          disabled={pane.conversation.streaming()}
        >
          <For each={props.catalogue.models()}>
            {(model) => (
              <option value={model.invokeId} selected={model.invokeId === pane.modelId()}>
                {model.provider} · {model.name}
              </option>
            )}
          </For>
        </select>
        <Show when={props.canRemove}>
          <button class="ghost" title="Remove this pane" aria-label={`Remove pane ${props.position}`} onClick={() => { props.onRemove(); }}>
            ×
          </button>
        </Show>
      </header>
      <PaneParams pane={pane} disabled={pane.conversation.streaming()} />
      <Show when={lastReply()}>
        {(reply) => (
          <div class="pane-metrics" data-testid="pane-metrics" data-status={reply().status}>
            <Show when={reply().usage && reply().metrics} fallback={<span class="status live">{reply().status}</span>}>
              <span>TTFT {formatDuration(reply().metrics?.timeToFirstTokenMs ?? 0)}</span>
              <span>total {formatDuration(reply().metrics?.totalLatencyMs ?? 0)}</span>
              <span>
                {reply().usage?.inputTokens} → {reply().usage?.outputTokens} tok
              </span>
              <span>{(reply().metrics?.tokensPerSecond ?? 0).toFixed(1)} tok/s</span>
              <span data-testid="pane-cost">
                {formatCost(
                  reply().usage ? estimateCost(props.catalogue.prices(), reply().modelId, reply().usage ?? { inputTokens: 0, outputTokens: 0, totalTokens: 0 }) : null,
                )}
              </span>
            </Show>
          </div>
        )}
      </Show>
      <div
        class="pane-transcript"
        role="log"
        aria-label={`Answers in pane ${props.position}`}
        aria-live="polite"
        aria-busy={pane.conversation.streaming()}
        tabindex="0"
      >
        <For each={pane.conversation.exchanges()}>
          {(exchange) => (
            <div class="pane-exchange">
              <p class="pane-user">{exchange.user}</p>
              <div data-testid="pane-reply" data-status={exchange.reply().status}>
                <Markdown text={exchange.reply().text} testId="pane-reply-text" />
              </div>
              <Show when={exchange.reply().error}>{(error) => <ErrorCard error={error()} />}</Show>
            </div>
          )}
        </For>
      </div>
    </section>
  );
}
